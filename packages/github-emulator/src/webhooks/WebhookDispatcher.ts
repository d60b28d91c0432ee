import { createHmac, randomUUID } from 'node:crypto';

/** @public */
export interface GithubEmulatorWebhook {
  url: string;
  /** Signs deliveries (X-Hub-Signature-256); none means unsigned, as on GitHub. */
  secret?: string;
  /** Events sent ("push", "pull_request", ...); all when absent or ["*"]. */
  events?: string[];
}

/** @public */
export interface GithubEmulatorDelivery {
  /** X-GitHub-Delivery. */
  guid: string;
  hookId: number;
  url: string;
  event: string;
  action?: string;
  deliveredAt: string;
  /** The receiver's status code; undefined when it could not be reached. */
  statusCode?: number;
  /** Why the delivery failed (network error, or a non-2xx status). */
  error?: string;
  durationMs?: number;
  payload: Record<string, unknown>;
}

/**
 * Sends webhook deliveries in the background, one webhook's in the order the events happened,
 * and remembers every delivery with its outcome.
 */
export class WebhookDispatcher {
  private readonly chains: Promise<void>[];
  private readonly log: GithubEmulatorDelivery[] = [];
  private pending = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly hooks: GithubEmulatorWebhook[],
    private readonly logger: (message: string) => void,
    private readonly timeoutMs = 10_000,
  ) {
    this.chains = hooks.map(() => Promise.resolve());
  }

  get deliveries(): GithubEmulatorDelivery[] {
    return [...this.log];
  }

  /** Resolves once every delivery queued so far is done. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise(resolve => this.idleWaiters.push(resolve));
  }

  emit(event: string, payload: Record<string, unknown>): void {
    this.hooks.forEach((hook, index) => {
      const events = hook.events ?? ['*'];
      if (!events.includes('*') && !events.includes(event)) return;
      this.pending++;
      this.chains[index] = this.chains[index]
        .then(() => this.deliver(index + 1, hook, event, payload))
        .catch(error => this.logger(`webhook delivery failed: ${error}`))
        .finally(() => {
          this.pending--;
          if (this.pending === 0) {
            const waiters = this.idleWaiters;
            this.idleWaiters = [];
            waiters.forEach(w => w());
          }
        });
    });
  }

  private async deliver(
    hookId: number,
    hook: GithubEmulatorWebhook,
    event: string,
    payload: Record<string, unknown>,
  ) {
    const body = JSON.stringify(payload);
    const guid = randomUUID();
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/emulator',
      'x-github-event': event,
      'x-github-delivery': guid,
      'x-github-hook-id': String(hookId),
      'x-github-hook-installation-target-type': 'organization',
      'x-github-hook-installation-target-id': String(
        (payload.organization as { id?: number } | undefined)?.id ?? 0,
      ),
    };
    if (hook.secret) {
      headers['x-hub-signature'] = `sha1=${createHmac('sha1', hook.secret)
        .update(body)
        .digest('hex')}`;
      headers['x-hub-signature-256'] = `sha256=${createHmac(
        'sha256',
        hook.secret,
      )
        .update(body)
        .digest('hex')}`;
    }
    const delivery: GithubEmulatorDelivery = {
      guid,
      hookId,
      url: hook.url,
      event,
      action: typeof payload.action === 'string' ? payload.action : undefined,
      deliveredAt: new Date().toISOString(),
      payload,
    };
    this.log.push(delivery);
    const started = Date.now();
    try {
      const response = await fetch(hook.url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      delivery.statusCode = response.status;
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) {
        delivery.error = `receiver answered ${response.status}`;
        this.logger(
          `webhook ${event} ${guid} to ${hook.url}: receiver answered ${response.status}`,
        );
      }
    } catch (error) {
      delivery.error = String((error as Error)?.cause ?? error);
      this.logger(
        `webhook ${event} ${guid} to ${hook.url} failed: ${delivery.error}`,
      );
    } finally {
      delivery.durationMs = Date.now() - started;
    }
  }
}
