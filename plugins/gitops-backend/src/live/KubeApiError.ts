import { STATUS_CODES } from 'node:http';

/** What went wrong talking to an API server. */
export type KubeFailureKind = 'http' | 'network' | 'timeout';

const MAX_RETRY_AFTER_MS = 5 * 60_000;

/**
 * A failed request (or watch ERROR event), with what retrying needs: the status code, the
 * Kubernetes reason, and how long the server asked us to wait.
 */
export class KubeApiError extends Error {
  override readonly name = 'KubeApiError';

  private constructor(
    message: string,
    readonly kind: KubeFailureKind,
    readonly statusCode?: number,
    /** The Status reason, e.g. "Expired", "Forbidden". */
    readonly reason?: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }

  /** 410 Gone: a resourceVersion or continue token older than the server's history. */
  get expired(): boolean {
    return this.statusCode === 410;
  }

  /** Worth retrying the same request soon: the server is busy or the network failed. */
  get transient(): boolean {
    return (
      this.kind !== 'http' ||
      this.statusCode === 429 ||
      (this.statusCode !== undefined && this.statusCode >= 500)
    );
  }

  /** An HTTP answer outside 2xx; the body is usually a Kubernetes Status. */
  static fromResponse(
    statusCode: number,
    body: string,
    headers: Record<string, string>,
  ): KubeApiError {
    let status: any;
    try {
      status = JSON.parse(body);
    } catch {
      status = undefined;
    }
    const retryAfterMs =
      parseRetryAfter(headers['retry-after']) ??
      secondsToMs(status?.details?.retryAfterSeconds);
    return KubeApiError.http(
      statusCode,
      status?.reason,
      typeof status?.message === 'string' ? status.message : body.slice(0, 200),
      retryAfterMs,
    );
  }

  /** A watch ERROR event's Status object. */
  static fromStatus(status: any): KubeApiError {
    const code = Number(status?.code) || 500;
    return KubeApiError.http(
      code,
      status?.reason,
      status?.message,
      secondsToMs(status?.details?.retryAfterSeconds),
    );
  }

  /** Anything a request threw: network and timeout errors, client-node's watch errors. */
  static from(error: unknown): KubeApiError {
    if (error instanceof KubeApiError) {
      return error;
    }
    const e = error as any;
    if (typeof e?.statusCode === 'number') {
      // client-node's Watch: only the status code of a non-200 answer is kept.
      return KubeApiError.http(e.statusCode, undefined, undefined, undefined);
    }
    if (e?.name === 'TimeoutError') {
      return new KubeApiError('no answer in time', 'timeout');
    }
    return new KubeApiError(networkMessage(error), 'network');
  }

  private static http(
    statusCode: number,
    reason: string | undefined,
    message: string | undefined,
    retryAfterMs: number | undefined,
  ): KubeApiError {
    const phrase = STATUS_CODES[statusCode] ?? 'Error';
    const detail =
      message && message !== phrase && message !== reason ? `: ${message}` : '';
    return new KubeApiError(
      `${statusCode} ${phrase}${detail}`,
      'http',
      statusCode,
      reason,
      retryAfterMs,
    );
  }
}

function secondsToMs(seconds: unknown): number | undefined {
  const value = Number(seconds);
  return Number.isFinite(value) && value > 0
    ? Math.min(value * 1000, MAX_RETRY_AFTER_MS)
    : undefined;
}

/** Retry-After is either seconds or an HTTP date. */
function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) {
    return undefined;
  }
  const seconds = secondsToMs(value);
  if (seconds !== undefined) {
    return seconds;
  }
  const date = Date.parse(value);
  return Number.isNaN(date)
    ? undefined
    : Math.min(Math.max(date - Date.now(), 0), MAX_RETRY_AFTER_MS);
}

/**
 * undici wraps socket errors: TypeError("fetch failed") with the real one as cause, sometimes an
 * AggregateError (one per address tried). The innermost message says what happened.
 */
function networkMessage(error: unknown): string {
  let current: any = error;
  let message = '';
  for (let depth = 0; current && depth < 5; depth++) {
    const own =
      typeof current.message === 'string' && current.message !== 'fetch failed'
        ? current.message
        : '';
    if (own) {
      message = message && message !== own ? `${message}: ${own}` : own;
    }
    current = current.cause ?? current.errors?.[0];
  }
  if (message === 'terminated' || message.startsWith('terminated: ')) {
    return `connection closed${message.slice('terminated'.length)}`;
  }
  return message || String(error);
}
