/** A JSON string followed by a colon: an object key, with its quotes and colon. */
const KEY = /"(?:[^"\\]|\\.)*":/g;
/**
 * The characters that stand for keys: control characters, which JSON text never holds raw
 * (JSON.stringify escapes them), so a coded text decodes to exactly the original.
 */
const FIRST_CODE = 0x01;
const CODES = 0x1f;
// eslint-disable-next-line no-control-regex -- the codes are control characters, on purpose
const CODE = /[\x01-\x1f]/g;

/**
 * Shortens the JSON texts of one kind of object by writing its most common object keys (with
 * their quotes and colon) as one character each. The keys are learned once, from the first
 * text, and never change: every coded text depends on them. Objects of one kind share most of
 * their keys, which are often half of their text (`"app.kubernetes.io/name":`, 25 characters).
 * Plain string work, a few microseconds per text: no native calls (a zlib call per object
 * slowed down garbage collection of a large heap by far more than it saved).
 */
export class JsonKeyCoder {
  /** Code → key; undefined until the first text. */
  private keys?: string[];
  private readonly codes = new Map<string, string>();

  encode(text: string): string {
    if (this.keys === undefined) this.learn(text);
    if (this.codes.size === 0) return text;
    return text.replace(KEY, key => this.codes.get(key) ?? key);
  }

  decode(coded: string): string {
    const keys = this.keys;
    if (keys === undefined || keys.length === 0) return coded;
    return coded.replace(CODE, code => keys[code.charCodeAt(0) - FIRST_CODE]);
  }

  /** The keys that save the most in this text: length times occurrences. */
  private learn(text: string): void {
    const counts = new Map<string, number>();
    for (const [key] of text.matchAll(KEY)) {
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    this.keys = [...counts]
      .map(([key, count]) => ({ key, saved: (key.length - 1) * count }))
      .filter(({ saved }) => saved > 2)
      .sort((a, b) => b.saved - a.saved || (a.key < b.key ? -1 : 1))
      .slice(0, CODES)
      .map(({ key }) => key);
    this.keys.forEach((key, index) =>
      this.codes.set(key, String.fromCharCode(FIRST_CODE + index)),
    );
  }
}
