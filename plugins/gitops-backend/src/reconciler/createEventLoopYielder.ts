import { setImmediate } from 'node:timers/promises';

/**
 * The longest the reconciler keeps the event loop to itself. A cold start or a full resync is
 * seconds of synchronous work when nothing in it waits for I/O: better-sqlite3 answers queries
 * synchronously, so every await in a save resolves at once (measured at 200k objects on SQLite:
 * the event loop blocked for 11 s, HTTP requests and watch events waiting behind it).
 */
export const MAX_EVENT_LOOP_SLICE_MS = 50;

/**
 * A function to await between units of work: it lets the event loop run (timers, I/O, other
 * requests) once `maxMs` have passed since it last did, and costs nothing before that.
 */
export function createEventLoopYielder(
  maxMs: number = MAX_EVENT_LOOP_SLICE_MS,
): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart < maxMs) return;
    await setImmediate();
    sliceStart = performance.now();
  };
}
