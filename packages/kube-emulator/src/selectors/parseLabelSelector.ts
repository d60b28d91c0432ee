/**
 * The `labelSelector` query parameter, parsed and matched as the Kubernetes API server does
 * (k8s.io/apimachinery pkg/labels/selector.go, with the label key and value rules of
 * pkg/api/validate/content). Error messages are the server's, so a caller can return them
 * verbatim as the message of a 400 BadRequest Status.
 *
 * Grammar (as upstream):
 *
 *   selector    ::= requirement | requirement "," selector
 *   requirement ::= ["!"] KEY [ set-based | exact-match | numeric ]
 *   set-based   ::= ("in" | "notin") "(" VALUE { "," VALUE } ")"
 *   exact-match ::= ("=" | "==" | "!=") VALUE
 *   numeric     ::= (">" | "<") INTEGER
 *
 * Quirks kept on purpose because the real server has them: the lexer reads a NUL character as
 * the end of the input (so a NUL where a token starts ends the selector, and one inside a token
 * ends that token); values in `in (...)` are a set (duplicates and empty entries collapse);
 * `x in ()` means "x is the empty string"; `notin` and `!=` also match objects without the label;
 * `x>1` and `x<1` compare 64-bit integers.
 */

/** A compiled label selector: true when the labels satisfy every requirement. */
export type LabelMatcher = (
  labels: Record<string, string> | undefined,
) => boolean;

type Operator =
  | 'in'
  | 'notin'
  | '='
  | '=='
  | '!='
  | 'exists'
  | '!'
  | 'gt'
  | 'lt';

interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

/** The binary operators, in upstream's order, as `found '...', expected: ...` lists them. */
const BINARY_OPERATORS = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];

// ---------------------------------------------------------------------------------------------
// Go formatting helpers (shared with the field selector module).

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const SIMPLE_ESCAPES: Record<number, string> = {
  0x07: '\\a',
  0x08: '\\b',
  0x0c: '\\f',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
  0x0b: '\\v',
};

/** Go's `%q` (strconv.Quote) of a string: how the server prints a bad value in its messages. */
export function goQuote(value: string): string {
  let out = '"';
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x22 || cp === 0x5c) {
      out += `\\${ch}`;
    } else if (cp >= 0x20 && cp < 0x7f) {
      out += ch;
    } else if (cp >= 0xd800 && cp <= 0xdfff) {
      // A lone surrogate reaches Go as U+FFFD (what UTF-8 encoding makes of it), which is printable.
      out += '\ufffd';
    } else if (cp >= 0x80 && PRINTABLE.test(ch)) {
      out += ch;
    } else if (SIMPLE_ESCAPES[cp] !== undefined) {
      out += SIMPLE_ESCAPES[cp];
    } else if (cp < 0x20 || cp === 0x7f) {
      out += `\\x${cp.toString(16).padStart(2, '0')}`;
    } else if (cp < 0x10000) {
      out += `\\u${cp.toString(16).padStart(4, '0')}`;
    } else {
      out += `\\U${cp.toString(16).padStart(8, '0')}`;
    }
  }
  return `${out}"`;
}

/** Go's string ordering: bytewise on UTF-8, which is code point order (not UTF-16 unit order). */
export function compareGoStrings(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const xSurrogate = x >= 0xd800 && x <= 0xdfff;
      const ySurrogate = y >= 0xd800 && y <= 0xdfff;
      // A surrogate starts a code point above U+FFFF, so it sorts after any other unit.
      if (xSurrogate === ySurrogate) return x - y;
      return xSurrogate ? 1 : -1;
    }
  }
  return a.length - b.length;
}

const utf8Length = (value: string) => Buffer.byteLength(value, 'utf8');
const hasOwn = (object: object, key: string) =>
  Object.prototype.hasOwnProperty.call(object, key);

// ---------------------------------------------------------------------------------------------
// Validation messages (k8s.io/apimachinery pkg/api/validate/content).

function regexError(
  message: string,
  format: string,
  ...examples: string[]
): string {
  const shown = examples.map(example => `'${example}', `).join(' or ');
  return `${message} (e.g. ${shown}regex used for validation is '${format}')`;
}

const maxLenError = (length: number) => `must be no more than ${length} bytes`;
const EMPTY_ERROR = 'must be non-empty';

const LABEL_KEY_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_KEY_RE = new RegExp(`^${LABEL_KEY_FMT}$`);
const LABEL_KEY_ERR =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_KEY_MAX = 63;

const LABEL_VALUE_FMT = `(${LABEL_KEY_FMT})?`;
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);
const LABEL_VALUE_ERR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_MAX = 63;

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const DNS1123_SUBDOMAIN_ERR =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_MAX = 253;

function dns1123SubdomainErrors(value: string): string[] {
  const errors: string[] = [];
  if (utf8Length(value) > DNS1123_SUBDOMAIN_MAX)
    errors.push(maxLenError(DNS1123_SUBDOMAIN_MAX));
  if (!DNS1123_SUBDOMAIN_RE.test(value)) {
    errors.push(
      regexError(DNS1123_SUBDOMAIN_ERR, DNS1123_SUBDOMAIN_FMT, 'example.com'),
    );
  }
  return errors;
}

/** The problems with a label key (a qualified name with an optional DNS subdomain prefix). */
export function labelKeyErrors(value: string): string[] {
  const errors: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) {
      errors.push(`prefix part ${EMPTY_ERROR}`);
    } else {
      errors.push(
        ...dns1123SubdomainErrors(prefix).map(
          message => `prefix part ${message}`,
        ),
      );
    }
  } else {
    return [
      `a valid label key ${regexError(
        LABEL_KEY_ERR,
        LABEL_KEY_FMT,
        'MyName',
        'my.name',
        '123-abc',
      )}` +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) {
    errors.push(`name part ${EMPTY_ERROR}`);
  } else if (utf8Length(name) > LABEL_KEY_MAX) {
    errors.push(`name part ${maxLenError(LABEL_KEY_MAX)}`);
  }
  if (!LABEL_KEY_RE.test(name)) {
    errors.push(
      `name part ${regexError(
        LABEL_KEY_ERR,
        LABEL_KEY_FMT,
        'MyName',
        'my.name',
        '123-abc',
      )}`,
    );
  }
  return errors;
}

/** The problems with a label value (empty, or up to 63 bytes of [A-Za-z0-9_.-], alphanumeric ends). */
export function labelValueErrors(value: string): string[] {
  const errors: string[] = [];
  if (utf8Length(value) > LABEL_VALUE_MAX)
    errors.push(maxLenError(LABEL_VALUE_MAX));
  if (!LABEL_VALUE_RE.test(value)) {
    errors.push(
      regexError(
        LABEL_VALUE_ERR,
        LABEL_VALUE_FMT,
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  }
  return errors;
}

/** field.Invalid(path, value, detail).Error(), for a string value. */
const invalid = (path: string, value: string, detail: string) =>
  `${path}: Invalid value: ${goQuote(value)}: ${detail}`;

// ---------------------------------------------------------------------------------------------
// Integers as strconv.ParseInt(s, 10, 64) reads them.

const INT64_MIN = -(BigInt(2) ** BigInt(63));
const INT64_MAX = BigInt(2) ** BigInt(63) - BigInt(1);

function parseInt64(value: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(value)) return undefined;
  const parsed = BigInt(value);
  return parsed < INT64_MIN || parsed > INT64_MAX ? undefined : parsed;
}

// ---------------------------------------------------------------------------------------------
// Lexer.

type Token =
  | 'end'
  | 'identifier'
  | ')'
  | ','
  | '!'
  | '=='
  | '='
  | '>'
  | 'in'
  | '<'
  | '!='
  | 'notin'
  | '(';

interface ScannedItem {
  token: Token;
  literal: string;
}

const STRING_TO_TOKEN = new Map<string, Token>([
  [')', ')'],
  [',', ','],
  ['!', '!'],
  ['==', '=='],
  ['=', '='],
  ['>', '>'],
  ['in', 'in'],
  ['<', '<'],
  ['!=', '!='],
  ['notin', 'notin'],
  ['(', '('],
]);

const NUL = '\0';
const isWhitespace = (ch: string) =>
  ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecialSymbol = (ch: string) => '=!(),><'.includes(ch);

class Lexer {
  private pos = 0;

  constructor(private readonly text: string) {}

  /** The next character, or NUL past the end (a NUL in the text reads the same way). */
  private read(): string {
    if (this.pos < this.text.length) return this.text[this.pos++];
    return NUL;
  }

  private unread() {
    this.pos--;
  }

  private scanIdOrKeyword(): ScannedItem {
    let literal = '';
    for (;;) {
      const ch = this.read();
      if (ch === NUL) break;
      if (isSpecialSymbol(ch) || isWhitespace(ch)) {
        this.unread();
        break;
      }
      literal += ch;
    }
    return { token: STRING_TO_TOKEN.get(literal) ?? 'identifier', literal };
  }

  /** Each special symbol is a token on its own, and some pairs are one ('!=', '=='): takes the longest. */
  private scanSpecialSymbol(): ScannedItem {
    const first = this.read();
    let last: ScannedItem = {
      token: STRING_TO_TOKEN.get(first)!,
      literal: first,
    };
    for (;;) {
      const ch = this.read();
      if (ch === NUL) break;
      const token = isSpecialSymbol(ch)
        ? STRING_TO_TOKEN.get(last.literal + ch)
        : undefined;
      if (!token) {
        this.unread();
        break;
      }
      last = { token, literal: last.literal + ch };
    }
    return last;
  }

  lex(): ScannedItem {
    let ch = this.read();
    while (isWhitespace(ch)) ch = this.read();
    if (ch === NUL) return { token: 'end', literal: '' };
    this.unread();
    return isSpecialSymbol(ch)
      ? this.scanSpecialSymbol()
      : this.scanIdOrKeyword();
  }
}

// ---------------------------------------------------------------------------------------------
// Requirements.

/** A Go sets.String's List(): unique and sorted. */
const sortedSet = (values: string[]) =>
  Array.from(new Set(values)).sort(compareGoStrings);

/** labels.NewRequirement: validates the values (the key was validated while parsing). */
function newRequirement(
  key: string,
  operator: Operator,
  values: string[],
): Requirement {
  const errors: string[] = [];
  if (operator === 'gt' || operator === 'lt') {
    values.forEach((value, i) => {
      if (parseInt64(value) === undefined) {
        errors.push(
          invalid(
            `values[${i}]`,
            value,
            "for 'Gt', 'Lt' operators, the value must be an integer",
          ),
        );
      }
    });
  }
  values.forEach((value, i) => {
    const valueErrors = labelValueErrors(value);
    if (valueErrors.length > 0)
      errors.push(
        invalid(`values[${i}][${key}]`, value, valueErrors.join('; ')),
      );
  });
  // ErrorList.ToAggregate(): one error as is, several in brackets. (It also drops duplicate
  // messages, which cannot occur here: every error names a different path.)
  if (errors.length === 1) throw new Error(errors[0]);
  if (errors.length > 1) throw new Error(`[${errors.join(', ')}]`);
  return { key, operator, values };
}

// ---------------------------------------------------------------------------------------------
// Parser.

/** In the values context the keywords `in` and `notin` are plain identifiers. */
type Context = 'keyAndOperator' | 'values';

class Parser {
  private readonly items: ScannedItem[] = [];
  private position = 0;

  constructor(text: string) {
    const lexer = new Lexer(text);
    for (;;) {
      const item = lexer.lex();
      this.items.push(item);
      if (item.token === 'end') break;
    }
  }

  private lookahead(context: Context): ScannedItem {
    return this.adjust(this.items[this.position], context);
  }

  private consume(context: Context): ScannedItem {
    return this.adjust(this.items[this.position++], context);
  }

  private adjust(item: ScannedItem, context: Context): ScannedItem {
    if (
      context === 'values' &&
      (item.token === 'in' || item.token === 'notin')
    ) {
      return { token: 'identifier', literal: item.literal };
    }
    return item;
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    for (;;) {
      const { token, literal } = this.lookahead('values');
      if (token === 'end') return requirements;
      if (token !== 'identifier' && token !== '!') {
        throw new Error(
          `found '${literal}', expected: !, identifier, or 'end of string'`,
        );
      }
      try {
        requirements.push(this.parseRequirement());
      } catch (error) {
        throw new Error(
          `unable to parse requirement: ${(error as Error).message}`,
        );
      }
      const next = this.consume('values');
      if (next.token === 'end') return requirements;
      if (next.token !== ',') {
        throw new Error(
          `found '${next.literal}', expected: ',' or 'end of string'`,
        );
      }
      const after = this.lookahead('values');
      if (after.token !== 'identifier' && after.token !== '!') {
        throw new Error(
          `found '${after.literal}', expected: identifier after ','`,
        );
      }
    }
  }

  private parseRequirement(): Requirement {
    const { key, operator: inferred } = this.parseKeyAndInferOperator();
    if (inferred) return newRequirement(key, inferred, []);
    const operator = this.parseOperator();
    const values =
      operator === 'in' || operator === 'notin'
        ? this.parseValues()
        : this.parseExactValue();
    return newRequirement(key, operator, sortedSet(values));
  }

  private parseKeyAndInferOperator(): { key: string; operator?: Operator } {
    let operator: Operator | undefined;
    let item = this.consume('values');
    if (item.token === '!') {
      operator = '!';
      item = this.consume('values');
    }
    if (item.token !== 'identifier') {
      throw new Error(`found '${item.literal}', expected: identifier`);
    }
    const keyErrors = labelKeyErrors(item.literal);
    if (keyErrors.length > 0) {
      throw new Error(invalid('<nil>', item.literal, keyErrors.join('; ')));
    }
    const next = this.lookahead('values').token;
    if ((next === 'end' || next === ',') && operator !== '!')
      operator = 'exists';
    return { key: item.literal, operator };
  }

  private parseOperator(): Operator {
    const { token, literal } = this.consume('keyAndOperator');
    switch (token) {
      case 'in':
        return 'in';
      case 'notin':
        return 'notin';
      case '=':
        return '=';
      case '==':
        return '==';
      case '!=':
        return '!=';
      case '>':
        return 'gt';
      case '<':
        return 'lt';
      default:
        throw new Error(
          `found '${literal}', expected: ${BINARY_OPERATORS.join(', ')}`,
        );
    }
  }

  private parseValues(): string[] {
    const open = this.consume('values');
    if (open.token !== '(')
      throw new Error(`found '${open.literal}' expected: '('`);
    const { token, literal } = this.lookahead('values');
    if (token === 'identifier' || token === ',') {
      const values = this.parseIdentifiersList();
      // parseIdentifiersList only returns when a ')' is next.
      this.consume('values');
      return values;
    }
    if (token === ')') {
      this.consume('values');
      return [''];
    }
    throw new Error(`found '${literal}', expected: ',', ')' or identifier`);
  }

  private parseIdentifiersList(): string[] {
    const values: string[] = [];
    for (;;) {
      const { token, literal } = this.consume('values');
      if (token === 'identifier') {
        values.push(literal);
        const next = this.lookahead('values');
        if (next.token === ',') continue;
        if (next.token === ')') return values;
        throw new Error(`found '${next.literal}', expected: ',' or ')'`);
      }
      if (token !== ',')
        throw new Error(`found '${literal}', expected: ',', or identifier`);
      if (values.length === 0) values.push(''); // "(,"
      const next = this.lookahead('values').token;
      if (next === ')') {
        values.push(''); // ",)"
        return values;
      }
      if (next === ',') {
        this.consume('values');
        values.push(''); // ",,"
      }
    }
  }

  private parseExactValue(): string[] {
    const next = this.lookahead('values').token;
    if (next === 'end' || next === ',') return [''];
    const { token, literal } = this.consume('values');
    if (token === 'identifier') return [literal];
    throw new Error(`found '${literal}', expected: identifier`);
  }
}

// ---------------------------------------------------------------------------------------------
// Matching.

function matches(
  requirement: Requirement,
  labels: Record<string, string>,
): boolean {
  const { key, operator, values } = requirement;
  const has = hasOwn(labels, key);
  switch (operator) {
    case 'in':
    case '=':
    case '==':
      return has && values.includes(labels[key]);
    case 'notin':
    case '!=':
      return !has || !values.includes(labels[key]);
    case 'exists':
      return has;
    case '!':
      return !has;
    default: {
      // gt, lt: both sides must be 64-bit integers.
      if (!has || typeof labels[key] !== 'string') return false;
      const actual = parseInt64(labels[key]);
      const wanted = parseInt64(values[0])!;
      if (actual === undefined) return false;
      return operator === 'gt' ? actual > wanted : actual < wanted;
    }
  }
}

/**
 * Parses a `labelSelector` as the API server does and returns a matcher for an object's
 * `metadata.labels` (undefined meaning no labels). The empty selector matches everything.
 * Throws an Error with the server's message when the selector is invalid.
 */
export function parseLabelSelector(text: string): LabelMatcher {
  const requirements = new Parser(text).parse();
  return labels => {
    const set = labels ?? {};
    return requirements.every(requirement => matches(requirement, set));
  };
}
