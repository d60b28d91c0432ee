import { HttpError } from './HttpError';

/**
 * A fault answered instead of the real response, `count` times, to requests that match.
 *
 * @public
 */
export interface GithubEmulatorFault {
  /**
   * primary-rate-limit: 403 with x-ratelimit-remaining 0 and GitHub's message;
   * secondary-rate-limit: 429 with retry-after; server-error: a 5xx (`status`, default 502).
   */
  type: 'primary-rate-limit' | 'secondary-rate-limit' | 'server-error';
  /** How many requests get it (default 1). */
  count?: number;
  /** Only requests with this method (any when absent). */
  method?: string;
  /** Only requests whose path under the API root (e.g. "/repos/o/r/pulls") starts with this. */
  path?: string;
  /** For server-error: 500, 502, 503 or 504. */
  status?: number;
  /** For secondary-rate-limit: the retry-after (default 60); for primary: seconds until reset. */
  retryAfterSeconds?: number;
}

const FAULT_TYPES = new Set([
  'primary-rate-limit',
  'secondary-rate-limit',
  'server-error',
]);

/** Validates a fault given over HTTP or in code. */
export function parseFault(input: unknown): GithubEmulatorFault {
  const f = input as Record<string, unknown>;
  if (!f || typeof f !== 'object' || !FAULT_TYPES.has(f.type as string))
    throw new HttpError(
      422,
      `fault.type must be one of ${[...FAULT_TYPES].join(', ')}`,
    );
  const count = f.count ?? 1;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1)
    throw new HttpError(422, 'fault.count must be a positive integer');
  const status = f.status ?? 502;
  if (
    f.type === 'server-error' &&
    (typeof status !== 'number' || status < 500 || status > 599)
  )
    throw new HttpError(422, 'fault.status must be a 5xx status code');
  for (const key of ['method', 'path'] as const)
    if (f[key] !== undefined && typeof f[key] !== 'string')
      throw new HttpError(422, `fault.${key} must be a string`);
  return {
    type: f.type as GithubEmulatorFault['type'],
    count,
    method: (f.method as string | undefined)?.toUpperCase(),
    path: f.path as string | undefined,
    status: status as number,
    retryAfterSeconds:
      typeof f.retryAfterSeconds === 'number' ? f.retryAfterSeconds : undefined,
  };
}

/** Counts faults down as they are answered. */
export class FaultInjector {
  private faults: Array<GithubEmulatorFault & { remaining: number }> = [];

  add(faults: GithubEmulatorFault[]): void {
    for (const fault of faults.map(parseFault))
      this.faults.push({ ...fault, remaining: fault.count ?? 1 });
  }

  clear(): void {
    this.faults = [];
  }

  list(): Array<GithubEmulatorFault & { remaining: number }> {
    return this.faults.map(f => ({ ...f }));
  }

  /** The fault this request gets, if any (counted as used). */
  take(method: string, path: string): GithubEmulatorFault | undefined {
    const index = this.faults.findIndex(
      f =>
        (!f.method || f.method === method.toUpperCase()) &&
        (!f.path || path.startsWith(f.path)),
    );
    if (index === -1) return undefined;
    const fault = this.faults[index];
    fault.remaining--;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return fault;
  }
}
