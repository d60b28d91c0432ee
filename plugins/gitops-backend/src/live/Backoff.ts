/**
 * Exponential backoff with jitter: each wait is drawn from [ceiling/2, ceiling], the ceiling
 * doubling from `initialMs` up to `maxMs`; a server's Retry-After is a floor.
 */
export class Backoff {
  private attempts = 0;

  constructor(
    private readonly initialMs: number,
    private readonly maxMs: number,
    private readonly random: () => number = Math.random,
  ) {}

  /** The next wait; counts as one more attempt. */
  next(retryAfterMs?: number): number {
    const ceiling = Math.min(this.maxMs, this.initialMs * 2 ** this.attempts);
    this.attempts = Math.min(this.attempts + 1, 32);
    const jittered = Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
    return retryAfterMs === undefined
      ? jittered
      : Math.max(jittered, retryAfterMs);
  }

  reset(): void {
    this.attempts = 0;
  }
}
