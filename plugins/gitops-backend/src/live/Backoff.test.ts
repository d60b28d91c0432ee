import { Backoff } from './Backoff';

describe('Backoff', () => {
  it('doubles up to the maximum, with jitter in the upper half', () => {
    const low = new Backoff(500, 30_000, () => 0);
    const high = new Backoff(500, 30_000, () => 1);
    const lows = Array.from({ length: 9 }, () => low.next());
    const highs = Array.from({ length: 9 }, () => high.next());
    expect(highs).toEqual([
      500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
    expect(lows).toEqual(highs.map(ms => ms / 2));
  });

  it('starts over after reset and waits at least what the server asks', () => {
    const backoff = new Backoff(500, 30_000, () => 1);
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.next()).toBe(500);
    expect(backoff.next(5000)).toBe(5000);
    expect(backoff.next(100)).toBe(2000);
  });
});
