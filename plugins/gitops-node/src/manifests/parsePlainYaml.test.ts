import fs from 'node:fs';
import path from 'node:path';
import { parseFullYaml } from './parseFullYaml';
import { parsePlainYaml } from './parsePlainYaml';

const REPOSITORY_ROOT = path.resolve(__dirname, '../../../..');
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', '.git', '.tools']);

/** Every YAML file the repository holds: test data, examples, the demo GitOps repository. */
function repositoryYamlFiles(directory = REPOSITORY_ROOT): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap(entry => {
    const entryPath = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      return SKIPPED_DIRECTORIES.has(entry.name)
        ? []
        : repositoryYamlFiles(entryPath);
    }
    return /\.ya?ml$/.test(entry.name) ? [entryPath] : [];
  });
}

describe('parsePlainYaml', () => {
  it('gives every plain YAML file of the repository the values and lines of the full parser', () => {
    const plain = repositoryYamlFiles().flatMap(file => {
      const text = fs.readFileSync(file, 'utf8');
      const documents = parsePlainYaml(text);
      return documents ? [{ file, text, documents }] : [];
    });
    // The health, diff and catalog test data alone are well over a hundred files.
    expect(plain.length).toBeGreaterThan(150);
    expect(
      plain.map(({ file, documents }) => ({ file, documents })),
    ).toStrictEqual(
      plain.map(({ file, text }) => ({
        file,
        documents: parseFullYaml(text, file).documents,
      })),
    );
  });

  it.each([
    [
      'core schema numbers',
      'a: 0o17\nb: 0x1F\nc: -0\nd: +12\ne: 1e3\nf: .5\ng: 1.\nh: -.Inf\ni: .NaN\nj: 012\n',
    ],
    [
      'not numbers in YAML 1.2',
      'a: 0b101\nb: 1_000\nc: 1:20\nd: 0o8\ne: 1.2.3\n',
    ],
    ['YAML 1.1 booleans are strings', 'a: yes\nb: No\nc: on\nd: y\ne: tRue\n'],
    ['nulls', 'a: ~\nb: Null\nc:\nd: NULL\ne: nULL\n'],
    ['dates stay strings', 'a: 2025-01-01\nb: 2025-01-01T00:00:00Z\n'],
    ['quoted', "a: \"1\"\nb: 'true'\nc: \"\\u00e9\\n\\t\"\nd: 'it''s'\n"],
    [
      'block scalars',
      'a: |\n  one\n  two\nb: >\n  folded\n  text\n\n  para\nc: |-\n  x\nd: >+\n  y\n\ne: |2\n    kept\n',
    ],
    ['multi-line plain and quoted', 'a: plain\n  more\nb: "q\n  r\n\n  s"\n'],
    ['comments', 'a: x # comment\nb: x#not-a-comment\n'],
    ['flow style', '{"a": 1, "b": [1, 2, {"c": null}], d: [e, f,]}'],
    ['keys that resolve to scalars', '1: a\n2.5: b\ntrue: c\n0x10: d\n'],
    ['a __proto__ key stays data', '__proto__: {polluted: 1}\nb: 2\n'],
    ['byte order mark and CRLF', '\ufeffa: 1\r\nb: 2\r\n'],
    [
      'several documents, comments and end markers',
      '---\n# about\napiVersion: v1\n---\n---\nkind: A\n...\n--- {kind: B}\n--- text\n',
    ],
  ])('%s: the same values and lines as the full parser', (_, text) => {
    const documents = parsePlainYaml(text);
    expect(documents).toBeDefined();
    expect(documents).toStrictEqual(parseFullYaml(text, 'f.yaml').documents);
  });

  it('resolves scalars by the YAML 1.2 core schema', () => {
    expect(
      parsePlainYaml(
        'a: 0b101\nb: 1_000\nc: 0o17\nd: -0\ne: .NaN\nf: yes\ng: TRUE\nh: ~\ni: 1e3\n',
      ),
    ).toStrictEqual([
      {
        line: 1,
        value: {
          a: '0b101',
          b: '1_000',
          c: 15,
          d: -0,
          e: NaN,
          f: 'yes',
          g: true,
          h: null,
          i: 1000,
        },
      },
    ]);
  });

  it('gives the line each document starts on, past markers and comments', () => {
    expect(
      parsePlainYaml('# head\n\na: 1\n---\n# c\nb: 2\n---\n---\n--- [c]\n'),
    ).toStrictEqual([
      { line: 3, value: { a: 1 } },
      { line: 6, value: { b: 2 } },
      { line: 9, value: ['c'] },
    ]);
  });

  it.each([
    ['an anchor and alias', 'a: &x {b: 1}\nc: *x\n'],
    ['an alias without anchor', 'a: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a directive', '%YAML 1.1\n---\na: yes\n'],
    ['a null key', 'null: 1\n'],
    ['an empty key', ': 1\n'],
    ['a complex key', '? [a]\n: b\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a duplicate flow key', 'a: {b: 1, b: 2}\n'],
    ['an unclosed flow sequence', 'a: [1, 2\n'],
    ['tab indentation', 'a:\n\t- b\n'],
    ['a compact nested mapping', 'a: b: c\n'],
    ['a reserved character', 'a: @x\n'],
    ['an unterminated quote', 'a: "x\n'],
    ['a bad indentation', 'a:\n  - b\n  c: d\n'],
    ['one broken document among good ones', 'a: x\n---\nb: [\n---\nc: 1\n'],
  ])('leaves %s to the full parser', (_, text) => {
    expect(parsePlainYaml(text)).toBeUndefined();
  });
});
