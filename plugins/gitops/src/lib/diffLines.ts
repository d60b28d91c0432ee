/** What a line of a unified diff is. */
export type UnifiedLineKind =
  | 'header'
  | 'hunk'
  | 'added'
  | 'removed'
  | 'context';

/** One line of a unified diff, split into its marker column and its text. */
export interface UnifiedDiffLine {
  kind: UnifiedLineKind;
  /** `+`, `-`, or a space; empty for header and hunk lines. */
  marker: string;
  text: string;
}

/** Splits text into lines, without an empty last line for a trailing newline. */
export function splitLines(text: string | undefined): string[] {
  if (!text) {
    return [];
  }
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') {
    lines.pop();
  }
  return lines;
}

/**
 * Reads a unified diff (`diff -u`, `git diff`) line by line. File headers (`---`/`+++` and
 * anything else before the first hunk) are told apart from removed and added lines, which may
 * themselves start with `--` or `++` inside a hunk.
 */
export function parseUnifiedDiff(diff: string): UnifiedDiffLine[] {
  let inHunk = false;
  return splitLines(diff).map(line => {
    if (line.startsWith('@@')) {
      inHunk = true;
      return { kind: 'hunk', marker: '', text: line };
    }
    if (!inHunk) {
      return { kind: 'header', marker: '', text: line };
    }
    const marker = line.charAt(0);
    if (marker === '+') {
      return { kind: 'added', marker, text: line.slice(1) };
    }
    if (marker === '-') {
      return { kind: 'removed', marker, text: line.slice(1) };
    }
    if (marker === ' ') {
      return { kind: 'context', marker, text: line.slice(1) };
    }
    // "\ No newline at end of file" and anything unexpected: shown as is.
    return { kind: 'context', marker: '', text: line };
  });
}

/** One side of a side-by-side row: a line and its 1-based number in its text. */
export interface SideLine {
  number: number;
  text: string;
}

/** A row of a side-by-side diff; a side is absent where the other has lines it lacks. */
export interface SideBySideRow {
  left?: SideLine;
  right?: SideLine;
  /** True when the row differs between the sides. */
  changed: boolean;
}

/** Above this many cells the line matching falls back to pairing lines by position. */
const MAX_LCS_CELLS = 4_000_000;

type Op = { type: 'equal' | 'removed' | 'added'; line: string };

/** The edit script from `a` to `b` by longest common subsequence of lines. */
function lineOps(a: string[], b: string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) {
    start++;
  }
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const head: Op[] = a.slice(0, start).map(line => ({ type: 'equal', line }));
  const tail: Op[] = a.slice(endA).map(line => ({ type: 'equal', line }));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const n = midA.length;
  const m = midB.length;

  if ((n + 1) * (m + 1) > MAX_LCS_CELLS) {
    return [
      ...head,
      ...midA.map(line => ({ type: 'removed' as const, line })),
      ...midB.map(line => ({ type: 'added' as const, line })),
      ...tail,
    ];
  }

  // lengths[i * (m + 1) + j]: LCS length of midA[i..] and midB[j..].
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] =
        midA[i] === midB[j]
          ? lengths[(i + 1) * width + j + 1] + 1
          : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
    }
  }
  const middle: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && midA[i] === midB[j]) {
      middle.push({ type: 'equal', line: midA[i] });
      i++;
      j++;
    } else if (
      j >= m ||
      (i < n && lengths[(i + 1) * width + j] >= lengths[i * width + j + 1])
    ) {
      middle.push({ type: 'removed', line: midA[i] });
      i++;
    } else {
      middle.push({ type: 'added', line: midB[j] });
      j++;
    }
  }
  return [...head, ...middle, ...tail];
}

/**
 * Aligns two texts line by line for a side-by-side view: equal lines share a row, and each run
 * of changes pairs its removed lines (left) with its added lines (right), padding the shorter
 * side.
 */
export function alignLines(
  left: string | undefined,
  right: string | undefined,
): SideBySideRow[] {
  const ops = lineOps(splitLines(left), splitLines(right));
  const rows: SideBySideRow[] = [];
  let leftNumber = 0;
  let rightNumber = 0;
  let removed: SideLine[] = [];
  let added: SideLine[] = [];

  const flush = () => {
    for (let k = 0; k < Math.max(removed.length, added.length); k++) {
      rows.push({ left: removed[k], right: added[k], changed: true });
    }
    removed = [];
    added = [];
  };

  for (const op of ops) {
    if (op.type === 'equal') {
      flush();
      leftNumber++;
      rightNumber++;
      rows.push({
        left: { number: leftNumber, text: op.line },
        right: { number: rightNumber, text: op.line },
        changed: false,
      });
    } else if (op.type === 'removed') {
      leftNumber++;
      removed.push({ number: leftNumber, text: op.line });
    } else {
      rightNumber++;
      added.push({ number: rightNumber, text: op.line });
    }
  }
  flush();
  return rows;
}
