/*
 * resource.Quantity as the API server reads and writes it
 * (k8s.io/apimachinery/pkg/api/resource: quantity.go, amount.go, suffix.go).
 *
 * Reading: the number is split into sign, integer digits, fraction digits and a
 * suffix. The suffix decides the format: "" n u m k M G T P E (DecimalSI),
 * Ki Mi Gi Ti Pi Ei (BinarySI) or e<int> / E<int> (DecimalExponent). Values
 * are exact; anything finer than 1n is rounded up (away from zero) to 1n, and a
 * BinarySI value beyond 2^63-1 is capped there. (The server also turns a
 * BinarySI value strictly between 0 and 1 into DecimalSI when reading; writing
 * does the same for any BinarySI value below 1024, so that is left to writing.)
 *
 * Writing: the canonical form keeps the format's family and uses the largest
 * exponent that keeps the mantissa an integer:
 * - DecimalSI / DecimalExponent: trailing zeros go into the exponent, which is
 *   then lowered to a multiple of 3 ("1.5" -> "1500m", "2000000000" -> "2G",
 *   "1000m" -> "1", "1e3" -> "1e3", "12000" -> "12k"). A DecimalSI exponent
 *   with no suffix (beyond E) is written without one, as the server does.
 * - BinarySI: a whole value of at least 1024 is written with the largest Ki..Ei
 *   suffix that divides it ("1.5Gi" -> "1536Mi", "1024Mi" -> "1Gi"); a value
 *   below 1024 in magnitude, or with a fraction, is written as DecimalSI
 *   ("0.5Ki" -> "512", "1.1Ki" -> "1126400m").
 * - Zero is "0".
 *
 * One quirk is kept on purpose: when the fast int64 parse path finds the input
 * already "canonical looking", the server keeps the caller's string verbatim
 * and echoes it back (e.g. "1.500", "+1", "100Ki"); see ParseQuantity's
 * "if the number is in canonical form, reuse the string".
 *
 * ResourceList values (container requests/limits, PVC requests, quota hard,
 * ...) are additionally rounded up to milli precision by the v1 defaulting
 * (SetDefaults_ResourceList), which also drops that verbatim string when it
 * rounds ("100u" -> "1m").
 */

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

export interface Quantity {
  negative: boolean;
  /** The absolute value is magnitude * 10^scale. */
  magnitude: bigint;
  scale: number;
  format: QuantityFormat;
  /** The caller's string, when the server would echo it back verbatim. */
  verbatim?: string;
}

const MAX_INT64 = 9223372036854775807n;
/** Larger exponents are accepted by the server but are of no practical use; they are left alone here. */
const MAX_EXPONENT = 1000;
const NANO = -9;
const MILLI = -3;

const DECIMAL_SUFFIXES: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY_SUFFIXES: Record<string, number> = {
  Ki: 10,
  Mi: 20,
  Gi: 30,
  Ti: 40,
  Pi: 50,
  Ei: 60,
};
const DECIMAL_SUFFIX_BY_EXPONENT = new Map(
  Object.entries(DECIMAL_SUFFIXES).map(([suffix, exponent]) => [
    exponent,
    suffix,
  ]),
);
const BINARY_SUFFIX_BY_EXPONENT = new Map(
  Object.entries(BINARY_SUFFIXES).map(([suffix, exponent]) => [
    exponent,
    suffix,
  ]),
);
const SUFFIX_CHARACTERS = 'eEinumkKMGTP';

const isDigit = (c: string | undefined) =>
  c !== undefined && c >= '0' && c <= '9';

interface QuantityParts {
  negative: boolean;
  num: string;
  denom: string;
  suffix: string;
}

/** parseQuantityString: sign, integer digits (leading zeros dropped), fraction digits, suffix. */
function splitQuantity(str: string): QuantityParts | undefined {
  const end = str.length;
  let pos = 0;
  let negative = false;
  if (str[0] === '-') {
    negative = true;
    pos++;
  } else if (str[0] === '+') {
    pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { negative, num: '0', denom: '', suffix: '' };

  let start = pos;
  while (isDigit(str[pos])) pos++;
  const num = str.slice(start, pos) || '0';
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    start = pos;
    while (isDigit(str[pos])) pos++;
    denom = str.slice(start, pos);
  }
  if (pos >= end) return { negative, num, denom, suffix: '' };

  const suffixStart = pos;
  while (pos < end && SUFFIX_CHARACTERS.includes(str[pos])) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (isDigit(str[pos])) pos++;
  if (pos < end) return undefined;
  return { negative, num, denom, suffix: str.slice(suffixStart) };
}

interface Suffix {
  base: 2 | 10;
  exponent: number;
  format: QuantityFormat;
}

function interpretSuffix(suffix: string): Suffix | undefined {
  if (Object.prototype.hasOwnProperty.call(DECIMAL_SUFFIXES, suffix)) {
    return {
      base: 10,
      exponent: DECIMAL_SUFFIXES[suffix],
      format: 'DecimalSI',
    };
  }
  if (Object.prototype.hasOwnProperty.call(BINARY_SUFFIXES, suffix)) {
    return { base: 2, exponent: BINARY_SUFFIXES[suffix], format: 'BinarySI' };
  }
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    const exponent = suffix.slice(1);
    if (!/^[+-]?\d+$/.test(exponent)) return undefined;
    return { base: 10, exponent: Number(exponent), format: 'DecimalExponent' };
  }
  return undefined;
}

const pow10 = (n: number) => 10n ** BigInt(n);

/** ceil(a / b) for a >= 0, b > 0. */
const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

/** Compares magnitude * 10^scale with an integer. */
function compareMagnitude(q: Quantity, other: bigint): number {
  const left = q.scale >= 0 ? q.magnitude * pow10(q.scale) : q.magnitude;
  const right = q.scale >= 0 ? other : other * pow10(-q.scale);
  if (left === right) return 0;
  return left < right ? -1 : 1;
}

function isWhole(q: Quantity): boolean {
  return q.scale >= 0 || q.magnitude % pow10(-q.scale) === 0n;
}

function wholeMagnitude(q: Quantity): bigint {
  return q.scale >= 0
    ? q.magnitude * pow10(q.scale)
    : q.magnitude / pow10(-q.scale);
}

/** resource.ParseQuantity; undefined when the server would reject the string. */
export function parseQuantity(input: string): Quantity | undefined {
  const str = input.trim();
  if (str.length === 0) return undefined;
  if (str === '0') {
    return {
      negative: false,
      magnitude: 0n,
      scale: 0,
      format: 'DecimalSI',
      verbatim: str,
    };
  }
  const parts = splitQuantity(str);
  if (!parts) return undefined;
  const suffix = interpretSuffix(parts.suffix);
  if (!suffix || Math.abs(suffix.exponent) > MAX_EXPONENT) return undefined;
  const { negative, num, denom } = parts;
  const binary = suffix.format === 'BinarySI';

  // The int64 fast path. Values it accepts are stored exactly as read, and a
  // string that already looks canonical is remembered and echoed back.
  let precision: number;
  let scale = 0;
  let mantissa = 1n;
  if (!binary) {
    scale = suffix.exponent;
    precision = 18 - (num.length + denom.length);
  } else if (denom.length === 0) {
    mantissa = 1n << BigInt(suffix.exponent);
    precision = 15 - num.length - Math.trunc((suffix.exponent * 3) / 10) - 1;
  } else {
    precision = -1;
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= NANO) {
      const shifted = num + denom;
      const value = BigInt(shifted);
      const magnitude = value * mantissa;
      if (magnitude <= MAX_INT64) {
        const looksCanonical = binary
          ? suffix.exponent % 10 === 0 && (value & 7n) !== 0n
          : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
        return {
          negative,
          magnitude,
          scale,
          format: suffix.format,
          ...(looksCanonical ? { verbatim: str } : {}),
        };
      }
    }
  }

  // The arbitrary precision path.
  let magnitude = BigInt(num + denom);
  scale = -denom.length;
  if (binary) magnitude *= 1n << BigInt(suffix.exponent);
  else scale += suffix.exponent;
  if (magnitude !== 0n && scale < NANO) {
    magnitude = ceilDiv(magnitude, pow10(NANO - scale));
    scale = NANO;
  }
  const quantity: Quantity = {
    negative,
    magnitude,
    scale,
    format: suffix.format,
  };
  if (binary && compareMagnitude(quantity, MAX_INT64) > 0) {
    quantity.magnitude = MAX_INT64;
    quantity.scale = 0;
  }
  return quantity;
}

/** Quantity.RoundUp(Milli), as SetDefaults_ResourceList applies it. */
export function roundUpToMilli(q: Quantity): Quantity {
  if (q.scale >= MILLI) return q;
  return {
    negative: q.negative,
    magnitude: ceilDiv(q.magnitude, pow10(MILLI - q.scale)),
    scale: MILLI,
    format: q.format,
  };
}

/** Quantity.String / MarshalJSON. */
export function formatQuantity(q: Quantity): string {
  if (q.verbatim !== undefined) return q.verbatim;
  if (q.magnitude === 0n) return '0';
  const sign = q.negative ? '-' : '';

  if (
    q.format === 'BinarySI' &&
    compareMagnitude(q, 1024n) >= 0 &&
    isWhole(q)
  ) {
    let value = wholeMagnitude(q);
    let exponent = 0;
    while (value >= 1024n && value % 1024n === 0n) {
      value /= 1024n;
      exponent += 10;
    }
    return `${sign}${value}${BINARY_SUFFIX_BY_EXPONENT.get(exponent) ?? ''}`;
  }

  let mantissa = q.magnitude;
  let exponent = q.scale;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  const remainder = ((exponent % 3) + 3) % 3;
  if (remainder === 1) {
    mantissa *= 10n;
    exponent -= 1;
  } else if (remainder === 2) {
    mantissa *= 100n;
    exponent -= 2;
  }
  let suffix: string;
  if (q.format === 'DecimalExponent')
    suffix = exponent === 0 ? '' : `e${exponent}`;
  else suffix = DECIMAL_SUFFIX_BY_EXPONENT.get(exponent) ?? '';
  return `${sign}${mantissa}${suffix}`;
}

/** The text of a quantity given as a JSON string or number, or undefined for anything else. */
function quantityText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

export interface CanonicalizeOptions {
  /** Round up to milli precision, as the server does for ResourceList values. */
  roundToMilli?: boolean;
}

/**
 * The string the API server returns for a quantity field given `value`.
 * Values the server would reject (not a quantity at all) are returned unchanged:
 * rejecting them is validation's business.
 */
export function canonicalizeQuantity(
  value: unknown,
  options: CanonicalizeOptions = {},
): unknown {
  const text = quantityText(value);
  if (text === undefined) return value;
  const parsed = parseQuantity(text);
  if (!parsed) return value;
  return formatQuantity(options.roundToMilli ? roundUpToMilli(parsed) : parsed);
}

/** Canonicalizes every value of a ResourceList (a map of resource name to quantity), in place. */
export function canonicalizeResourceList(list: unknown) {
  if (typeof list !== 'object' || list === null || Array.isArray(list)) return;
  const record = list as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    record[key] = canonicalizeQuantity(record[key], { roundToMilli: true });
  }
}

/**
 * The value of a quantity in units of 1e-9, or undefined when it is not a
 * quantity. Every parsed quantity is a whole number of these units.
 */
export function quantityNanos(value: unknown): bigint | undefined {
  const text = quantityText(value);
  const parsed = text === undefined ? undefined : parseQuantity(text);
  if (!parsed) return undefined;
  const nanos = parsed.magnitude * pow10(parsed.scale - NANO);
  return parsed.negative ? -nanos : nanos;
}
