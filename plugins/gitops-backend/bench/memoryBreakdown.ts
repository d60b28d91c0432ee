/*
 * Where a process's resident memory is, by kind: V8's heap (what it has committed and uses),
 * external memory (Buffers and ArrayBuffers), malloc's main heap ([heap], brk), other anonymous
 * mappings (malloc's thread arenas and large blocks, V8's code space), and files (code).
 * Linux only (/proc/self/smaps); elsewhere only V8's figures.
 */
import fs from 'node:fs';
import v8 from 'node:v8';

export interface MemoryBreakdown {
  rss: number;
  v8Committed: number;
  v8Used: number;
  /** What V8 itself holds in malloc (compiler zones, tables). */
  v8Malloced: number;
  external: number;
  /** malloc's main heap, the brk area. */
  brkHeap: number;
  /** Anonymous mappings other than [heap] and [stack]: V8's pages and malloc's arenas among them. */
  anonymous: number;
  fileBacked: number;
}

function smapsRss(): Omit<
  MemoryBreakdown,
  'rss' | 'v8Committed' | 'v8Used' | 'v8Malloced' | 'external'
> {
  const out = { brkHeap: 0, anonymous: 0, fileBacked: 0 };
  let text: string;
  try {
    text = fs.readFileSync('/proc/self/smaps', 'utf8');
  } catch {
    return out;
  }
  let bucket: keyof typeof out | undefined;
  for (const line of text.split('\n')) {
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) {
      const name = header[1];
      if (name === '[heap]') bucket = 'brkHeap';
      else if (name === '' || name.startsWith('[anon')) bucket = 'anonymous';
      else if (name.startsWith('/')) bucket = 'fileBacked';
      else bucket = undefined; // [stack], [vdso], ...
      continue;
    }
    if (bucket && line.startsWith('Rss:')) {
      out[bucket] += Number(line.split(/\s+/)[1]) * 1024;
    }
  }
  return out;
}

export function memoryBreakdown(): MemoryBreakdown {
  const heap = v8.getHeapStatistics();
  const usage = process.memoryUsage();
  return {
    rss: usage.rss,
    v8Committed: heap.total_physical_size,
    v8Used: heap.used_heap_size,
    v8Malloced: heap.malloced_memory,
    external: usage.external + usage.arrayBuffers,
    ...smapsRss(),
  };
}

/** "rss +12.3 MiB (v8 committed +4.1, used +3.9; …)": the growth from one breakdown to another. */
export function describeGrowth(
  before: MemoryBreakdown,
  after: MemoryBreakdown,
): string {
  const mib = (key: keyof MemoryBreakdown) => {
    const delta = (after[key] - before[key]) / 1048576;
    return `${delta >= 0 ? '+' : ''}${delta.toFixed(1)}`;
  };
  return `v8 malloced ${mib('v8Malloced')}; rss ${mib(
    'rss',
  )} MiB: v8 committed ${mib('v8Committed')} (used ${mib(
    'v8Used',
  )}), external ${mib('external')}, malloc brk heap ${mib(
    'brkHeap',
  )}, other anonymous ${mib('anonymous')}, files ${mib('fileBacked')}`;
}
