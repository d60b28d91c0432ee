import { getGc } from './releaseMemory';
import { onGlibc } from './trimNativeHeap';

describe('trimNativeHeap', () => {
  afterEach(() => {
    jest.resetModules();
    jest.dontMock('koffi');
  });

  // malloc_trim exists on glibc only (CI and the development machine run Debian).
  (onGlibc() ? describe : describe.skip)('on glibc', () => {
    it('hands back to the system the pages a freed burst of native allocations left in malloc', async () => {
      const { trimNativeHeap } = jest.requireActual('./trimNativeHeap');
      // 64 MiB of malloc'd Buffers (each below malloc's mmap threshold). One in 16 stays, so the
      // rest leaves holes in the heap that glibc does not return on its own.
      let burst: Buffer[] = [];
      for (let i = 0; i < 16384; i++) burst.push(Buffer.allocUnsafeSlow(4096));
      burst = burst.filter((_, i) => i % 16 === 15);
      getGc()!();
      // Backing stores are freed by V8's sweeper, possibly on another thread.
      await new Promise(resolve => setTimeout(resolve, 200));
      const before = process.memoryUsage.rss();

      expect(trimNativeHeap()).toBe(true);

      const released = before - process.memoryUsage.rss();
      expect(released).toBeGreaterThan(32 << 20);
      expect(burst).toHaveLength(1024);
    });
  });

  it('does nothing, and says so, when the optional koffi package is missing', () => {
    jest.doMock('koffi', () => {
      throw new Error("Cannot find module 'koffi'");
    });
    const { trimNativeHeap } = jest.requireActual('./trimNativeHeap');
    expect(trimNativeHeap()).toBe(false);
  });

  it('does nothing when the C library has no malloc_trim', () => {
    jest.doMock('koffi', () => ({
      load: () => ({
        func: () => {
          throw new Error('Cannot find function malloc_trim');
        },
      }),
    }));
    const { trimNativeHeap } = jest.requireActual('./trimNativeHeap');
    expect(trimNativeHeap()).toBe(false);
  });
});
