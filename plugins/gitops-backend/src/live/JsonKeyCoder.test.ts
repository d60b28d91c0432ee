import { JsonKeyCoder } from './JsonKeyCoder';

const configMap = (name: string, data: Record<string, string>) =>
  JSON.stringify({
    metadata: {
      name,
      labels: {
        'app.kubernetes.io/name': name,
        'app.kubernetes.io/part-of': 'shop',
      },
    },
    data,
  });

describe('JsonKeyCoder', () => {
  it('writes the keys of the first text as one character each', () => {
    const coder = new JsonKeyCoder();
    const first = configMap('checkout', { TIMEOUT_SECONDS: '30' });
    const coded = coder.encode(first);
    expect(coded.length).toBeLessThan(first.length / 2);
    expect(coded).not.toContain('"app.kubernetes.io/name":');
    expect(coder.decode(coded)).toBe(first);

    const second = configMap('search', { TIMEOUT_SECONDS: '45', EXTRA: 'x' });
    expect(coder.decode(coder.encode(second))).toBe(second);
    expect(coder.encode(second)).toContain('"EXTRA":'); // not learned
  });

  it.each([
    [
      'keys and values with quotes and escapes',
      { 'a"b': 'c":d', 'e\\': '\\"f":' },
    ],
    ['a value that looks like a key', { note: '"metadata":{"name":' }],
    [
      'control characters and non-ASCII text',
      { 'x\u0001': '\u0002\n\t', é: '東京 🚀' },
    ],
    [
      'nested arrays and empty keys',
      { '': [{ '': [] }], list: [1, '2', null] },
    ],
  ])('gives back %s exactly', (_, extra) => {
    const coder = new JsonKeyCoder();
    coder.encode(configMap('first', { A: '1' }));
    const text = JSON.stringify({ metadata: { name: 'x' }, ...extra });
    expect(coder.decode(coder.encode(text))).toBe(text);
  });

  it('codes no more keys than it has characters for', () => {
    const coder = new JsonKeyCoder();
    const many = JSON.stringify(
      Object.fromEntries(
        Array.from({ length: 100 }, (_, i) => [`key-${i}`, i]),
      ),
    );
    const coded = coder.encode(many);
    expect(coder.decode(coded)).toBe(many);
    const codes = [...coded].filter(c => c.charCodeAt(0) < 0x20);
    expect(codes).toHaveLength(31);
  });

  it('leaves a text alone when its first text had no keys worth coding', () => {
    const coder = new JsonKeyCoder();
    expect(coder.encode('[1,2,3]')).toBe('[1,2,3]');
    expect(coder.encode('{"a":1}')).toBe('{"a":1}');
    expect(coder.decode('{"a":1}')).toBe('{"a":1}');
  });
});
