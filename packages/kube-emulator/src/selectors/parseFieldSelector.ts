/**
 * The `fieldSelector` query parameter, parsed and matched as the Kubernetes API server does
 * (k8s.io/apimachinery pkg/fields/selector.go; the per-kind field label conversions of
 * pkg/apis/core/v1 and pkg/apis/batch/v1; the field sets of the kinds' registry strategies).
 *
 * Syntax: comma-separated terms `field=value`, `field==value` or `field!=value`. A term is split
 * at the first operator; the field is taken literally (no trimming, no escapes), the value may
 * escape `\,` `\=` and `\\` and must not hold an unescaped `=`. Empty terms (`a=b,,c=d`) are
 * skipped, and so are terms with both an empty field and an empty value (`=`, `!=`).
 */
import { compareGoStrings, goQuote } from './parseLabelSelector';

/** A compiled field selector: true when the object satisfies every term. */
export type FieldMatcher = (object: Record<string, any>) => boolean;

interface Term {
  field: string;
  operator: '=' | '!=';
  value: string;
}

/** Upstream checks `!=` first, then `==` so that it does not leave a leading `=` in the value. */
const TERM_OPERATORS = ['!=', '==', '='] as const;

/** Splits at unescaped commas; a backslash keeps the next character (and stays in the term). */
function splitTerms(selector: string): string[] {
  if (selector.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < selector.length; i++) {
    const ch = selector[i];
    if (inSlash) {
      inSlash = false;
    } else if (ch === '\\') {
      inSlash = true;
    } else if (ch === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

function splitTerm(
  term: string,
): { field: string; operator: string; rest: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const operator of TERM_OPERATORS) {
      if (term.startsWith(operator, i)) {
        return {
          field: term.slice(0, i),
          operator,
          rest: term.slice(i + operator.length),
        };
      }
    }
  }
  return undefined;
}

/** fields.UnescapeValue, with its errors. */
function unescapeValue(value: string): string {
  if (!/[\\,=]/.test(value)) return value;
  let out = '';
  let inSlash = false;
  for (const ch of value) {
    if (inSlash) {
      if (ch !== '\\' && ch !== ',' && ch !== '=') {
        throw new Error(
          `invalid field selector: invalid escape sequence: \\${ch}`,
        );
      }
      out += ch;
      inSlash = false;
    } else if (ch === '\\') {
      inSlash = true;
    } else if (ch === ',' || ch === '=') {
      // Go prints the rune with %v, that is as its number (61 for '=').
      throw new Error(
        `invalid field selector: unescaped character in value: ${ch.codePointAt(
          0,
        )}`,
      );
    } else {
      out += ch;
    }
  }
  if (inSlash)
    throw new Error('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** fields.ParseSelector: the terms in upstream's (sorted) order, empty ones dropped. */
function parseTerms(selector: string): Term[] {
  const parts = splitTerms(selector).sort(compareGoStrings);
  const terms: Term[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const split = splitTerm(part);
    if (!split)
      throw new Error(
        `invalid selector: '${selector}'; can't understand '${part}'`,
      );
    const value = unescapeValue(split.rest);
    terms.push({
      field: split.field,
      operator: split.operator === '!=' ? '!=' : '=',
      value,
    });
  }
  // The parse applies an identity transform, which drops terms with no field and no value.
  return terms.filter(term => term.field !== '' || term.value !== '');
}

// ---------------------------------------------------------------------------------------------
// Supported fields and their conversion errors.

/**
 * The field labels the server accepts, by kind. `'*'` holds those every kind accepts (the
 * kind's own entry adds to them). Namespace and Node are cluster-scoped and do not accept
 * `metadata.namespace`; see {@link supportedFieldsFor}. Pod's `spec.host` is an old alias of
 * `spec.nodeName`.
 */
export const SUPPORTED_FIELDS: Record<string, string[]> = {
  '*': ['metadata.name', 'metadata.namespace'],
  Pod: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.podIPs',
    'status.nominatedNodeName',
    'spec.host',
  ],
  Secret: ['type'],
  Namespace: ['status.phase'],
  Node: ['spec.unschedulable'],
  Service: ['spec.clusterIP', 'spec.type'],
  ReplicationController: ['status.replicas'],
  Job: ['status.successful'],
  Event: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
};

/** Kinds whose conversion function leaves out `metadata.namespace`. */
const WITHOUT_NAMESPACE_FIELD = new Set(['Namespace', 'Node']);

/** Options for kinds the built-in table does not describe. */
export interface SupportedFieldsOptions {
  /** A custom resource: accepts metadata.name (and metadata.namespace when namespaced). */
  custom?: boolean;
  /** For custom resources: whether the kind is namespaced (default true). */
  namespaced?: boolean;
}

const hasOwn = (object: object, key: string) =>
  Object.prototype.hasOwnProperty.call(object, key);
const hasOwnEntry = (kind: string) =>
  kind !== '*' && hasOwn(SUPPORTED_FIELDS, kind);

/** The field labels a list of `kind` accepts in its fieldSelector. */
export function supportedFieldsFor(
  kind: string,
  options: SupportedFieldsOptions = {},
): string[] {
  if (options.custom) {
    return options.namespaced === false
      ? ['metadata.name']
      : ['metadata.name', 'metadata.namespace'];
  }
  const base = SUPPORTED_FIELDS['*'].filter(
    field =>
      !(field === 'metadata.namespace' && WITHOUT_NAMESPACE_FIELD.has(kind)),
  );
  return hasOwnEntry(kind) ? [...base, ...SUPPORTED_FIELDS[kind]] : base;
}

/** The error of the kind's field label conversion for an unsupported field. */
function unsupportedFieldMessage(
  kind: string,
  field: string,
  options: SupportedFieldsOptions,
): string {
  if (options.custom) return `field label not supported: ${field}`;
  if (kind === 'Job')
    return `field label ${goQuote(field)} not supported for batchv1.Job`;
  if (hasOwnEntry(kind)) return `field label not supported: ${field}`;
  // Kinds without a conversion function of their own (runtime.DefaultMetaV1FieldSelectorConversion).
  return `${goQuote(
    field,
  )} is not a known field selector: only "metadata.name", "metadata.namespace"`;
}

/**
 * Throws the server's error when `text` is not a valid field selector or uses a field a list of
 * `kind` does not support (the first such field in upstream's order); returns otherwise.
 */
export function assertSupportedFields(
  kind: string,
  text: string,
  options: SupportedFieldsOptions = {},
): void {
  const supported = new Set(supportedFieldsFor(kind, options));
  for (const term of parseTerms(text)) {
    if (!supported.has(term.field)) {
      throw new Error(unsupportedFieldMessage(kind, term.field, options));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Field values.

function lookup(object: unknown, path: string): unknown {
  if (path === '') return undefined;
  let node: unknown = object;
  for (const part of path.split('.')) {
    if (
      typeof node !== 'object' ||
      node === null ||
      Array.isArray(node) ||
      !hasOwn(node, part)
    ) {
      return undefined;
    }
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** A field's value as the server's field sets hold it: strings as is, numbers and booleans printed. */
function asFieldValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

const withDefault = (fallback: string) => (object: unknown, path: string) => {
  const value = lookup(object, path);
  return value === undefined || value === null ? fallback : asFieldValue(value);
};

type Resolver = (object: unknown, path: string) => string;

/** Fields whose value in the server's field set is not simply the value at the path. */
const SPECIAL_FIELDS: Record<string, Record<string, Resolver>> = {
  Pod: {
    'spec.host': object => asFieldValue(lookup(object, 'spec.nodeName')),
    'spec.hostNetwork': withDefault('false'),
    'status.podIP': object => {
      const podIP = lookup(object, 'status.podIP');
      if (typeof podIP === 'string' && podIP !== '') return podIP;
      const podIPs = lookup(object, 'status.podIPs');
      return Array.isArray(podIPs) && podIPs.length > 0
        ? asFieldValue(lookup(podIPs[0], 'ip'))
        : '';
    },
    // Accepted by the conversion but not in the pod's field set: always empty.
    'status.podIPs': () => '',
  },
  Node: { 'spec.unschedulable': withDefault('false') },
  ReplicationController: { 'status.replicas': withDefault('0') },
  Job: {
    'status.successful': object => withDefault('0')(object, 'status.succeeded'),
  },
  Event: {
    source: object =>
      asFieldValue(lookup(object, 'source.component')) ||
      asFieldValue(lookup(object, 'reportingComponent')),
  },
};

/** The value of a field of an object, as the server's field set for the kind has it ('' when absent). */
export function fieldValue(
  object: unknown,
  field: string,
  kind?: string,
): string {
  const objectKind = kind ?? asFieldValue(lookup(object, 'kind'));
  const special = hasOwn(SPECIAL_FIELDS, objectKind)
    ? SPECIAL_FIELDS[objectKind]
    : undefined;
  if (special && hasOwn(special, field)) return special[field](object, field);
  return asFieldValue(lookup(object, field));
}

/**
 * Parses a `fieldSelector` as the API server does and returns a matcher for objects. Fields are
 * read from the object (missing ones are the empty string, as in the server's field sets); `kind`
 * (default: the object's own `kind`) selects the few fields the server derives, such as a Pod's
 * `spec.hostNetwork` (false when unset). The empty selector matches everything. Throws an Error
 * with the server's message when the selector is invalid. Which fields a kind supports is checked
 * separately, by {@link assertSupportedFields}.
 */
export function parseFieldSelector(text: string, kind?: string): FieldMatcher {
  const terms = parseTerms(text);
  return object =>
    terms.every(
      term =>
        (fieldValue(object, term.field, kind) === term.value) ===
        (term.operator === '='),
    );
}
