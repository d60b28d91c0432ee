import { alignLines, parseUnifiedDiff, splitLines } from './diffLines';

describe('splitLines', () => {
  it('drops the empty line after a trailing newline only', () => {
    expect(splitLines('a\nb\n')).toEqual(['a', 'b']);
    expect(splitLines('a\r\n\nb')).toEqual(['a', '', 'b']);
    expect(splitLines('')).toEqual([]);
    expect(splitLines(undefined)).toEqual([]);
  });
});

describe('parseUnifiedDiff', () => {
  it('separates markers from text and tells headers from changes', () => {
    const diff = [
      '--- desired',
      '+++ live',
      '@@ -1,3 +1,3 @@',
      ' spec:',
      '-  replicas: 3',
      '+  replicas: 5',
      '---- a removed line that looks like a header',
      '+++ an added line that looks like a header',
      '\\ No newline at end of file',
      '',
    ].join('\n');

    expect(parseUnifiedDiff(diff)).toEqual([
      { kind: 'header', marker: '', text: '--- desired' },
      { kind: 'header', marker: '', text: '+++ live' },
      { kind: 'hunk', marker: '', text: '@@ -1,3 +1,3 @@' },
      { kind: 'context', marker: ' ', text: 'spec:' },
      { kind: 'removed', marker: '-', text: '  replicas: 3' },
      { kind: 'added', marker: '+', text: '  replicas: 5' },
      {
        kind: 'removed',
        marker: '-',
        text: '--- a removed line that looks like a header',
      },
      {
        kind: 'added',
        marker: '+',
        text: '++ an added line that looks like a header',
      },
      { kind: 'context', marker: '', text: '\\ No newline at end of file' },
    ]);
  });

  it('reads an empty diff as no lines', () => {
    expect(parseUnifiedDiff('')).toEqual([]);
  });
});

describe('alignLines', () => {
  const show = (rows: ReturnType<typeof alignLines>) =>
    rows.map(
      row =>
        `${row.changed ? '*' : ' '} ${row.left?.number ?? '-'}:${
          row.left?.text ?? ''
        } | ${row.right?.number ?? '-'}:${row.right?.text ?? ''}`,
    );

  it('keeps equal lines on one row and pairs a changed line with its replacement', () => {
    const desired = 'spec:\n  replicas: 3\n  paused: false\n';
    const live = 'spec:\n  replicas: 5\n  paused: false\n';

    expect(show(alignLines(desired, live))).toEqual([
      '  1:spec: | 1:spec:',
      '* 2:  replicas: 3 | 2:  replicas: 5',
      '  3:  paused: false | 3:  paused: false',
    ]);
  });

  it('pads the shorter side for lines only one side has, keeping later lines aligned', () => {
    const desired = ['a', 'b', 'c', 'd', 'e'].join('\n');
    const live = ['a', 'x', 'y', 'c', 'e', 'f'].join('\n');

    expect(show(alignLines(desired, live))).toEqual([
      '  1:a | 1:a',
      '* 2:b | 2:x',
      '* -: | 3:y',
      '  3:c | 4:c',
      '* 4:d | -:',
      '  5:e | 5:e',
      '* -: | 6:f',
    ]);
  });

  it('shows a text missing on one side as all changed', () => {
    expect(show(alignLines('a\nb', undefined))).toEqual([
      '* 1:a | -:',
      '* 2:b | -:',
    ]);
    expect(show(alignLines('', 'a'))).toEqual(['* -: | 1:a']);
    expect(alignLines(undefined, undefined)).toEqual([]);
  });

  it('aligns identical texts without changes', () => {
    const text = Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\n');
    const rows = alignLines(text, text);
    expect(rows).toHaveLength(50);
    expect(rows.every(row => !row.changed)).toBe(true);
    expect(rows[49]).toEqual({
      left: { number: 50, text: 'line 49' },
      right: { number: 50, text: 'line 49' },
      changed: false,
    });
  });

  it('still aligns every line of very large texts', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`).join('\n');
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`).join('\n');
    const rows = alignLines(`head\n${a}\ntail`, `head\n${b}\ntail`);
    expect(rows).toHaveLength(3002);
    expect(rows[0].changed).toBe(false);
    expect(rows[1]).toEqual({
      left: { number: 2, text: 'a0' },
      right: { number: 2, text: 'b0' },
      changed: true,
    });
    expect(rows[3001]).toEqual({
      left: { number: 3002, text: 'tail' },
      right: { number: 3002, text: 'tail' },
      changed: false,
    });
  });
});
