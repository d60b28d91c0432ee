import v8 from 'node:v8';
import vm from 'node:vm';
import { trimNativeHeap } from './trimNativeHeap';

/** V8's gc() extension, with the options Node 20+ accepts. */
export type GcFunction = (options?: {
  type?: 'major' | 'minor';
  execution?: 'sync' | 'async';
  flavor?: 'regular' | 'last-resort';
}) => void;

let gcFunction: GcFunction | undefined | null;

/**
 * V8's gc(), without exposing it globally: the flag is set only while a fresh context is made,
 * as jest-leak-detector does. null when the runtime refuses.
 */
export function getGc(): GcFunction | null {
  if (gcFunction !== undefined) return gcFunction;
  const exposed = (globalThis as { gc?: GcFunction }).gc;
  if (typeof exposed === 'function') {
    gcFunction = exposed;
    return gcFunction;
  }
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc');
    gcFunction = typeof gc === 'function' ? (gc as GcFunction) : null;
  } catch {
    gcFunction = null;
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
  }
  return gcFunction;
}

/** What releaseMemory did, for the log. */
export interface MemoryRelease {
  rssBefore: number;
  rssAfter: number;
  /** How long the event loop was blocked (the GC, then the trim). */
  durationMs: number;
  /** Whether malloc's free pages were handed back too (trimNativeHeap). */
  nativeTrimmed: boolean;
}

/**
 * Hands back to the operating system the memory V8 keeps after an allocation burst such as the
 * cold start's: the young generation grown to its maximum (128 MiB on 64-bit Node) and pooled
 * pages, which V8 keeps committed in a busy process because its memory reducer never sees a low
 * allocation rate. One memory-reducing ("last resort") full GC: it blocks the event loop (about
 * 0.1 s per 100 MiB of heap), so it is meant for rare moments. Then, `nativeDelayMs` later,
 * malloc's free pages, which the same burst left in its arenas (trimNativeHeap; a few ms): the
 * wait lets V8's sweeper free the collected Buffers and the native objects' finalizers (database
 * statements, sockets), which run as tasks after the GC, give their memory back first.
 * Undefined when V8's gc() is not available.
 */
export async function releaseMemory(options?: {
  nativeDelayMs?: number;
}): Promise<MemoryRelease | undefined> {
  const gc = getGc();
  if (!gc) return undefined;
  const rssBefore = process.memoryUsage.rss();
  let started = performance.now();
  gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  let durationMs = performance.now() - started;
  await new Promise(resolve =>
    setTimeout(resolve, options?.nativeDelayMs ?? 1000).unref(),
  );
  started = performance.now();
  const nativeTrimmed = trimNativeHeap();
  durationMs += performance.now() - started;
  return {
    rssBefore,
    rssAfter: process.memoryUsage.rss(),
    durationMs,
    nativeTrimmed,
  };
}
