import {
  compareGoStrings,
  goQuote,
  labelKeyErrors,
  labelValueErrors,
  parseLabelSelector,
} from './parseLabelSelector';

// The server's wording (k8s.io/apimachinery pkg/labels/selector.go, pkg/api/validate/content).
const KEY_REGEX_ERROR =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE_REGEX_ERROR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const PREFIX_REGEX_ERROR =
  "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const TOO_MANY_SLASHES_ERROR =
  "a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
const OPERATORS = 'in, notin, =, ==, !=, gt, lt';
const INTEGER_ERROR = "for 'Gt', 'Lt' operators, the value must be an integer";

const badKey = (key: string, detail: string) =>
  `unable to parse requirement: <nil>: Invalid value: ${goQuote(
    key,
  )}: ${detail}`;
const badValue = (
  index: number,
  key: string,
  value: string,
  detail = VALUE_REGEX_ERROR,
) => `values[${index}][${key}]: Invalid value: ${goQuote(value)}: ${detail}`;

function errorOf(selector: string): string {
  try {
    parseLabelSelector(selector);
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(selector)} to be rejected`);
}

describe('parseLabelSelector matching', () => {
  const labels = {
    app: 'web',
    tier: 'frontend',
    empty: '',
    'example.com/team': 'blue',
    n: '5',
  };

  it.each([
    // selector, labels, expected
    ['', labels, true],
    ['', {}, true],
    ['', undefined, true],
    ['app=web', labels, true],
    ['app=db', labels, false],
    ['app==web', labels, true],
    ['app==db', labels, false],
    ['app!=db', labels, true],
    ['app!=web', labels, false],
    ['missing!=web', labels, true],
    ['missing=web', labels, false],
    ['app in (db,web)', labels, true],
    ['app in (db,cache)', labels, false],
    ['missing in (db,web)', labels, false],
    ['app notin (db,cache)', labels, true],
    ['app notin (db,web)', labels, false],
    ['missing notin (web)', labels, true],
    ['app', labels, true],
    ['missing', labels, false],
    ['!missing', labels, true],
    ['!app', labels, false],
    ['empty', labels, true],
    ['!empty', labels, false],
    ['empty=', labels, true],
    ['missing=', labels, false],
    ['empty in ()', labels, true],
    ['app in ()', labels, false],
    ['empty in (a,)', labels, true],
    ['empty in (,a)', labels, true],
    ['empty in (,)', labels, true],
    ['app in (a,,web)', labels, true],
    ['empty in (a,,b)', labels, true],
    ['app notin ()', labels, true],
    ['empty notin ()', labels, false],
    ['example.com/team=blue', labels, true],
    ['example.com/team in (red)', labels, false],
    ['app=web,tier=frontend', labels, true],
    ['app=web,tier=backend', labels, false],
    ['app=web,!missing,tier in (frontend),example.com/team', labels, true],
    ['app', undefined, false],
    ['!app', undefined, true],
    ['app!=web', undefined, true],
    ['app notin (web)', undefined, true],
    ['app in (web)', undefined, false],
  ] as const)('%j against %j is %s', (selector, set, expected) => {
    expect(parseLabelSelector(selector)(set)).toBe(expected);
  });

  it.each([
    ['app=web'],
    [' app=web'],
    ['app = web'],
    ['\tapp\t=\tweb\t'],
    ['\r\napp\n==\nweb\r\n'],
    ['app  in\t (web)'],
    ['app in(web)'],
    ['app in ( web , db )'],
    ['app=web , tier=frontend'],
  ])('ignores the whitespace of %j', selector => {
    expect(parseLabelSelector(selector)({ app: 'web', tier: 'frontend' })).toBe(
      true,
    );
    expect(
      parseLabelSelector(selector)({ app: 'other', tier: 'frontend' }),
    ).toBe(false);
  });

  it('ignores whitespace around set operators and commas', () => {
    expect(parseLabelSelector('app notin\n (db)')({ app: 'web' })).toBe(true);
    expect(parseLabelSelector('app notin\n (db)')({ app: 'db' })).toBe(false);
    expect(parseLabelSelector('  app  ,  tier  ')({ app: '', tier: '' })).toBe(
      true,
    );
    expect(parseLabelSelector('  app  ,  tier  ')({ app: '' })).toBe(false);
  });

  it('treats `x=` and `x= ` as "x is the empty string"', () => {
    for (const selector of ['x=', 'x= ', 'x==', 'x=,y', 'x= ,y']) {
      expect(parseLabelSelector(selector)({ x: '', y: 'y' })).toBe(true);
      expect(parseLabelSelector(selector)({ x: 'a', y: 'y' })).toBe(false);
    }
  });

  it('reads `in` and `notin` as keys and values where an identifier is expected', () => {
    expect(parseLabelSelector('notin=in')({ notin: 'in' })).toBe(true);
    expect(parseLabelSelector('in in (in, notin)')({ in: 'notin' })).toBe(true);
    expect(parseLabelSelector('in in (in, notin)')({ in: 'other' })).toBe(
      false,
    );
    expect(parseLabelSelector('notin notin (in)')({ notin: 'in' })).toBe(false);
    expect(parseLabelSelector('!in')({ notin: 'x' })).toBe(true);
    expect(parseLabelSelector('in')({ in: '' })).toBe(true);
  });

  it('compares label values exactly (case and unicode included)', () => {
    expect(parseLabelSelector('app=Web')({ app: 'web' })).toBe(false);
    expect(parseLabelSelector('app=web')({ app: 'web ' })).toBe(false);
    expect(parseLabelSelector('app')({ App: 'web' })).toBe(false);
  });

  it('does not mistake inherited object properties for labels', () => {
    for (const key of [
      'constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
    ]) {
      expect(parseLabelSelector(key)({})).toBe(false);
      expect(parseLabelSelector(`!${key}`)({})).toBe(true);
      expect(parseLabelSelector(`${key}!=x`)({})).toBe(true);
      expect(parseLabelSelector(`${key}`)({ [key]: 'x' })).toBe(true);
    }
    const withoutPrototype = Object.assign(Object.create(null), { app: 'web' });
    expect(parseLabelSelector('app=web')(withoutPrototype)).toBe(true);
  });

  it.each([
    ['n>4', { n: '5' }, true],
    ['n>5', { n: '5' }, false],
    ['n<6', { n: '5' }, true],
    ['n<5', { n: '5' }, false],
    ['n>1', { n: '-3' }, false],
    ['n<1', { n: '-3' }, true],
    ['n>1', { n: '+3' }, true],
    ['n>1', { n: '007' }, true],
    ['n>1', { n: 'v2' }, false],
    ['n>1', { n: '2.5' }, false],
    ['n>1', { n: '' }, false],
    ['n>1', {}, false],
    ['n<1', {}, false],
    ['n>1', { n: '9223372036854775807' }, true],
    ['n>1', { n: '9223372036854775808' }, false],
    ['n<0', { n: '-9223372036854775808' }, true],
    ['n<0', { n: '-9223372036854775809' }, false],
    // Beyond 2^53: plain JavaScript numbers would call these equal.
    ['n>9007199254740992', { n: '9007199254740993' }, true],
    ['n<9007199254740993', { n: '9007199254740992' }, true],
    ['n<9007199254740993', { n: '9007199254740993' }, false],
  ] as const)(
    '%j against %j is %s (Gt/Lt compare 64-bit integers)',
    (selector, set, expected) => {
      expect(parseLabelSelector(selector)(set)).toBe(expected);
    },
  );

  it('ignores Gt/Lt label values that are not strings', () => {
    expect(parseLabelSelector('n>1')({ n: 5 } as any)).toBe(false);
  });

  it('matches the same labels every time (the matcher keeps no state)', () => {
    const match = parseLabelSelector('app in (web),tier');
    expect([
      match({ app: 'web', tier: 'x' }),
      match({ app: 'db' }),
      match({ app: 'web', tier: '' }),
    ]).toEqual([true, false, true]);
  });

  it('stops at a NUL character where a token starts, like the byte lexer of the server', () => {
    expect(parseLabelSelector('app \0 ((( junk')({ app: 'x' })).toBe(true);
    expect(parseLabelSelector('app \0 ((( junk')({})).toBe(false);
    expect(parseLabelSelector('app=web\0')({ app: 'web' })).toBe(true);
    // A NUL inside a token ends the token and is consumed with it.
    expect(parseLabelSelector('a=b,\0c')({ a: 'b', c: '' })).toBe(true);
    expect(parseLabelSelector('a=b,\0c')({ a: 'b' })).toBe(false);
    expect(parseLabelSelector('a\0=b')({ a: 'b' })).toBe(true);
  });
});

describe('parseLabelSelector errors', () => {
  it.each([
    // Structure.
    ['a b', `unable to parse requirement: found 'b', expected: ${OPERATORS}`],
    ['x (', `unable to parse requirement: found '(', expected: ${OPERATORS}`],
    ['x )', `unable to parse requirement: found ')', expected: ${OPERATORS}`],
    ['x !', `unable to parse requirement: found '!', expected: ${OPERATORS}`],
    [
      'x IN (a)',
      `unable to parse requirement: found 'IN', expected: ${OPERATORS}`,
    ],
    [',', "found ',', expected: !, identifier, or 'end of string'"],
    ['=a', "found '=', expected: !, identifier, or 'end of string'"],
    [')', "found ')', expected: !, identifier, or 'end of string'"],
    ['(', "found '(', expected: !, identifier, or 'end of string'"],
    ['a=b,', "found '', expected: identifier after ','"],
    ['a=b, ', "found '', expected: identifier after ','"],
    ['a=b,,c=d', "found ',', expected: identifier after ','"],
    ['a,=b', "found '=', expected: identifier after ','"],
    ['a=b,(c)', "found '(', expected: identifier after ','"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['!!a', "unable to parse requirement: found '!', expected: identifier"],
    ['! =a', "unable to parse requirement: found '=', expected: identifier"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    ['!x in (a)', "found 'in', expected: ',' or 'end of string'"],
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['x=a b', "found 'b', expected: ',' or 'end of string'"],
    ['x=a!=b', "found '!=', expected: ',' or 'end of string'"],
    ['x=(a)', "unable to parse requirement: found '(', expected: identifier"],
    ['x=,', "found '', expected: identifier after ','"],
    ['x!=!', "unable to parse requirement: found '!', expected: identifier"],
    // Sets and unbalanced parentheses.
    ['x in', "unable to parse requirement: found '' expected: '('"],
    ['x in a', "unable to parse requirement: found 'a' expected: '('"],
    ['x in a)', "unable to parse requirement: found 'a' expected: '('"],
    [
      'x in (',
      "unable to parse requirement: found '', expected: ',', ')' or identifier",
    ],
    [
      'x in ((a))',
      "unable to parse requirement: found '(', expected: ',', ')' or identifier",
    ],
    [
      'x in (=)',
      "unable to parse requirement: found '=', expected: ',', ')' or identifier",
    ],
    ['x in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
    [
      'x in (a b)',
      "unable to parse requirement: found 'b', expected: ',' or ')'",
    ],
    [
      'x in (a(b)',
      "unable to parse requirement: found '(', expected: ',' or ')'",
    ],
    [
      'x in (a,',
      "unable to parse requirement: found '', expected: ',', or identifier",
    ],
    [
      'x in (a,,)',
      "unable to parse requirement: found ')', expected: ',', or identifier",
    ],
    [
      'x in (,,)',
      "unable to parse requirement: found ')', expected: ',', or identifier",
    ],
    [
      'x in (a,=)',
      "unable to parse requirement: found '=', expected: ',', or identifier",
    ],
    ['x in (a))', "found ')', expected: ',' or 'end of string'"],
    ['x in (a),)', "found ')', expected: identifier after ','"],
    [
      'x notin (a',
      "unable to parse requirement: found '', expected: ',' or ')'",
    ],
    // A NUL where a token starts ends the input.
    ['a=b, \0c', "found '', expected: identifier after ','"],
    ['a\0 b', `unable to parse requirement: found 'b', expected: ${OPERATORS}`],
  ])('rejects %j with the server message', (selector, message) => {
    expect(errorOf(selector)).toBe(message);
  });

  it.each([
    ['a@', KEY_REGEX_ERROR],
    ['-a', KEY_REGEX_ERROR],
    ['a.', KEY_REGEX_ERROR],
    ['app:web', KEY_REGEX_ERROR],
    ['a/b/c', TOO_MANY_SLASHES_ERROR],
    ['/a', 'prefix part must be non-empty'],
    ['Example.com/a', PREFIX_REGEX_ERROR],
    ['example_com/a', PREFIX_REGEX_ERROR],
    ['a/', `name part must be non-empty; ${KEY_REGEX_ERROR}`],
    [
      '/',
      `prefix part must be non-empty; name part must be non-empty; ${KEY_REGEX_ERROR}`,
    ],
    ['a/-b', KEY_REGEX_ERROR],
    ['Example.com/-b', `${PREFIX_REGEX_ERROR}; ${KEY_REGEX_ERROR}`],
    ['a'.repeat(64), 'name part must be no more than 63 bytes'],
    [
      `${'a'.repeat(64)}-`,
      `name part must be no more than 63 bytes; ${KEY_REGEX_ERROR}`,
    ],
    [`${'a'.repeat(254)}/b`, 'prefix part must be no more than 253 bytes'],
  ])('rejects the key %j', (key, detail) => {
    expect(errorOf(key)).toBe(badKey(key, detail));
    expect(errorOf(`!${key}`)).toBe(badKey(key, detail));
    expect(errorOf(`ok=1,${key} in (a)`)).toBe(badKey(key, detail));
  });

  it('accepts keys and values at the limits', () => {
    const key = `${'a'.repeat(253)}/${'b'.repeat(63)}`;
    const value = 'v'.repeat(63);
    expect(parseLabelSelector(`${key}=${value}`)({ [key]: value })).toBe(true);
    expect(
      parseLabelSelector('A_b.c-D=x_Y.z-1')({ 'A_b.c-D': 'x_Y.z-1' }),
    ).toBe(true);
    expect(
      parseLabelSelector(
        '0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)',
      )({}),
    ).toBe(true);
  });

  it.each([
    ['x=-a', badValue(0, 'x', '-a')],
    ['x=a-', badValue(0, 'x', 'a-')],
    ['x=a@b', badValue(0, 'x', 'a@b')],
    ['x=a||y', badValue(0, 'x', 'a||y')],
    ['x!=.', badValue(0, 'x', '.')],
    ['x==_a', badValue(0, 'x', '_a')],
    [
      `x=${'v'.repeat(64)}`,
      badValue(0, 'x', 'v'.repeat(64), 'must be no more than 63 bytes'),
    ],
    [
      `x=${'v'.repeat(64)}-`,
      badValue(
        0,
        'x',
        `${'v'.repeat(64)}-`,
        `must be no more than 63 bytes; ${VALUE_REGEX_ERROR}`,
      ),
    ],
    ['x in (ok, -bad)', badValue(0, 'x', '-bad')], // set order: '-bad' sorts before 'ok'
    ['x in (z@, a)', badValue(1, 'x', 'z@')],
    ['x in (b@,b@)', badValue(0, 'x', 'b@')],
    ['x in (a@,b@)', `[${badValue(0, 'x', 'a@')}, ${badValue(1, 'x', 'b@')}]`],
    ['example.com/k notin (-)', badValue(0, 'example.com/k', '-')],
  ])('rejects the values of %j', (selector, detail) => {
    expect(errorOf(selector)).toBe(`unable to parse requirement: ${detail}`);
  });

  it.each([
    ['x>abc', `values[0]: Invalid value: "abc": ${INTEGER_ERROR}`],
    ['x<1.5', `values[0]: Invalid value: "1.5": ${INTEGER_ERROR}`],
    ['x>', `values[0]: Invalid value: "": ${INTEGER_ERROR}`],
    ['x>,y', `values[0]: Invalid value: "": ${INTEGER_ERROR}`],
    [
      'x>9223372036854775808',
      `values[0]: Invalid value: "9223372036854775808": ${INTEGER_ERROR}`,
    ],
    ['x>-5', badValue(0, 'x', '-5')],
    ['x<+5', badValue(0, 'x', '+5')],
    [
      'x>-a',
      `[values[0]: Invalid value: "-a": ${INTEGER_ERROR}, ${badValue(
        0,
        'x',
        '-a',
      )}]`,
    ],
  ])('rejects the integer of %j', (selector, detail) => {
    expect(errorOf(selector)).toBe(`unable to parse requirement: ${detail}`);
  });

  it('rejects `x>(1)` and `x<=1`', () => {
    expect(errorOf('x>(1)')).toBe(
      "unable to parse requirement: found '(', expected: identifier",
    );
    // '<=' is no token: the lexer takes '<' then '='.
    expect(errorOf('x<=1')).toBe(
      "unable to parse requirement: found '=', expected: identifier",
    );
    expect(errorOf('x>=1')).toBe(
      "unable to parse requirement: found '=', expected: identifier",
    );
  });

  it('quotes unusual keys and values as Go does', () => {
    expect(errorOf('ключ=v')).toBe(badKey('ключ', KEY_REGEX_ERROR));
    expect(errorOf('ключ=v')).toContain('"ключ"');
    expect(errorOf('a\u0001=b')).toContain('Invalid value: "a\\x01"');
    expect(errorOf('a\u000b')).toContain('Invalid value: "a\\v"');
    expect(errorOf('a"b')).toContain('Invalid value: "a\\"b"');
    expect(errorOf('a\\b')).toContain('Invalid value: "a\\\\b"');
    expect(errorOf('a\u200bb')).toContain('Invalid value: "a\\u200bb"');
    expect(errorOf('😀')).toContain('Invalid value: "😀"');
    expect(errorOf('x=é')).toBe(
      `unable to parse requirement: ${badValue(0, 'x', 'é')}`,
    );
    expect(errorOf('x=é')).toContain('"é"');
  });

  it('counts lengths in UTF-8 bytes', () => {
    const value = 'é'.repeat(32); // 32 characters, 64 bytes
    expect(errorOf(`x=${value}`)).toBe(
      `unable to parse requirement: ${badValue(
        0,
        'x',
        value,
        `must be no more than 63 bytes; ${VALUE_REGEX_ERROR}`,
      )}`,
    );
    const key = 'é'.repeat(32);
    expect(errorOf(key)).toBe(
      badKey(
        key,
        `name part must be no more than 63 bytes; ${KEY_REGEX_ERROR}`,
      ),
    );
  });
});

describe('parseLabelSelector on hostile input', () => {
  it('handles very long selectors', () => {
    const many = Array.from({ length: 20000 }, (_, i) => `k${i}=v${i}`).join(
      ',',
    );
    const labels = Object.fromEntries(
      Array.from({ length: 20000 }, (_, i) => [`k${i}`, `v${i}`]),
    );
    expect(parseLabelSelector(many)(labels)).toBe(true);
    expect(parseLabelSelector(many)({ ...labels, k19999: 'other' })).toBe(
      false,
    );

    const values = Array.from({ length: 20000 }, (_, i) => `v${i}`).join(',');
    expect(parseLabelSelector(`k in (${values})`)({ k: 'v12345' })).toBe(true);
    expect(parseLabelSelector(`k in (${values})`)({ k: 'v20000' })).toBe(false);
  });

  it('rejects huge and pathological tokens quickly', () => {
    const started = Date.now();
    const longKey = 'a'.repeat(1_000_000);
    expect(errorOf(longKey)).toBe(
      badKey(longKey, 'name part must be no more than 63 bytes'),
    );
    const prefix = `${'a-'.repeat(200_000)}.`;
    expect(errorOf(`${prefix}/b`)).toBe(
      badKey(
        `${prefix}/b`,
        `prefix part must be no more than 253 bytes; ${PREFIX_REGEX_ERROR}`,
      ),
    );
    const dotted = `${'a.'.repeat(100_000)}-/b`;
    expect(errorOf(dotted)).toBe(
      badKey(
        dotted,
        `prefix part must be no more than 253 bytes; ${PREFIX_REGEX_ERROR}`,
      ),
    );
    const nearlyValid = `${'a'.repeat(500_000)}-`;
    expect(errorOf(`x=${nearlyValid}`)).toContain(
      'must be no more than 63 bytes; a valid label',
    );
    expect(errorOf('('.repeat(100_000))).toBe(
      "found '(', expected: !, identifier, or 'end of string'",
    );
    expect(errorOf(`x in ${'('.repeat(100_000)}`)).toBe(
      "unable to parse requirement: found '(', expected: ',', ')' or identifier",
    );
    expect(errorOf(`x in (a${')'.repeat(100_000)}`)).toBe(
      "found ')', expected: ',' or 'end of string'",
    );
    expect(errorOf('!'.repeat(100_000))).toBe(
      "unable to parse requirement: found '!', expected: identifier",
    );
    expect(errorOf(','.repeat(100_000))).toBe(
      "found ',', expected: !, identifier, or 'end of string'",
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('lexes runs of operator characters into the longest known tokens', () => {
    // '!==' is '!=' then '=', '===' is '==' then '='.
    expect(errorOf('x!==a')).toBe(
      "unable to parse requirement: found '=', expected: identifier",
    );
    expect(errorOf('x===a')).toBe(
      "unable to parse requirement: found '=', expected: identifier",
    );
    expect(errorOf('x=!a')).toBe(
      "unable to parse requirement: found '!', expected: identifier",
    );
  });

  it('treats other punctuation as part of identifiers', () => {
    expect(errorOf('x=a;b')).toBe(
      `unable to parse requirement: ${badValue(0, 'x', 'a;b')}`,
    );
    expect(errorOf('~')).toBe(badKey('~', KEY_REGEX_ERROR));
    expect(errorOf('a&b=c')).toBe(badKey('a&b', KEY_REGEX_ERROR));
  });
});

describe('Go helpers', () => {
  it.each([
    ['', '""'],
    ['plain', '"plain"'],
    ['tab\there', '"tab\\there"'],
    ['\u0007\b\f\n\r\t\u000b', '"\\a\\b\\f\\n\\r\\t\\v"'],
    ['\u0000\u001f\u007f', '"\\x00\\x1f\\x7f"'],
    ['\u0080', '"\\u0080"'],
    ['\u00a0', '"\\u00a0"'],
    ['\u00ad', '"\\u00ad"'],
    ['\ufeff', '"\\ufeff"'],
    ['\u{e0001}', '"\\U000e0001"'],
    ['\u{10ffff}', '"\\U0010ffff"'],
    ['ü漢字😀', '"ü漢字😀"'],
    ['\ud800', '"\ufffd"'],
    ['"\\', '"\\"\\\\"'],
  ])('goQuote(%j) is %s', (input, quoted) => {
    expect(goQuote(input)).toBe(quoted);
  });

  it('orders strings by code point like Go (not by UTF-16 unit)', () => {
    expect(compareGoStrings('a', 'b')).toBeLessThan(0);
    expect(compareGoStrings('b', 'a')).toBeGreaterThan(0);
    expect(compareGoStrings('a', 'a')).toBe(0);
    expect(compareGoStrings('a', 'ab')).toBeLessThan(0);
    expect(compareGoStrings('B', 'a')).toBeLessThan(0);
    // U+FFFF sorts before U+1F600 in UTF-8; JavaScript's default order says the opposite.
    expect(compareGoStrings('\uffff', '😀')).toBeLessThan(0);
    expect(compareGoStrings('😀', '\uffff')).toBeGreaterThan(0);
    expect(compareGoStrings('😀', '😁')).toBeLessThan(0);
    expect(['😀', '\uffff'].sort()).toEqual(['😀', '\uffff']);
  });

  it('validates keys and values on their own', () => {
    expect(labelKeyErrors('app.kubernetes.io/name')).toEqual([]);
    expect(labelKeyErrors('')).toEqual([
      'name part must be non-empty',
      KEY_REGEX_ERROR,
    ]);
    expect(labelValueErrors('')).toEqual([]);
    expect(labelValueErrors('a')).toEqual([]);
    expect(labelValueErrors('a b')).toEqual([VALUE_REGEX_ERROR]);
  });
});
