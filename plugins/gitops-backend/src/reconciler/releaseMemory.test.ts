import { releaseMemory } from './releaseMemory';

describe('releaseMemory', () => {
  it('runs a full GC that frees garbage, without exposing gc() globally', async () => {
    const hadGc = typeof (globalThis as { gc?: unknown }).gc === 'function';
    // Garbage that only a GC removes: a weakly held object with nothing else pointing to it.
    let garbage: object | undefined = { payload: new Array(1000).fill('x') };
    const ref = new WeakRef(garbage);
    garbage = undefined;
    // A WeakRef keeps its target alive until the current job ends.
    await new Promise(resolve => setImmediate(resolve));

    const released = await releaseMemory({ nativeDelayMs: 10 });

    expect(released).toBeDefined();
    expect(released!.rssBefore).toBeGreaterThan(0);
    expect(released!.rssAfter).toBeGreaterThan(0);
    expect(released!.durationMs).toBeGreaterThanOrEqual(0);
    expect(ref.deref()).toBeUndefined();
    expect(typeof (globalThis as { gc?: unknown }).gc === 'function').toBe(
      hadGc,
    );
  });
});
