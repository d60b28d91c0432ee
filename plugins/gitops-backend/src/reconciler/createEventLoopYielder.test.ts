import { createEventLoopYielder } from './createEventLoopYielder';

/** Whether a macrotask queued now has run by the time `work` resolves. */
async function letsOtherWorkRun(work: () => Promise<void>): Promise<boolean> {
  let ran = false;
  setImmediate(() => {
    ran = true;
  });
  await work();
  return ran;
}

describe('createEventLoopYielder', () => {
  it('keeps the event loop while its slice lasts', async () => {
    const yieldWhenDue = createEventLoopYielder(60_000);
    expect(await letsOtherWorkRun(yieldWhenDue)).toBe(false);
  });

  it('lets other work run once the slice is over, then starts a new slice', async () => {
    const yieldWhenDue = createEventLoopYielder(20);
    const start = performance.now();
    while (performance.now() - start < 25) {
      // synchronous work past the slice
    }
    expect(await letsOtherWorkRun(yieldWhenDue)).toBe(true);
    expect(await letsOtherWorkRun(yieldWhenDue)).toBe(false);
  });
});
