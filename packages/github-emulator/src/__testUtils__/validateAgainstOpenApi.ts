import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fs from 'node:fs';

let description: any;
let ajv: Ajv | undefined;
const cache = new Map<string, ValidateFunction>();

function load() {
  if (!description) {
    const file = require.resolve(
      '@octokit/openapi/generated/api.github.com.deref.json',
    );
    description = JSON.parse(fs.readFileSync(file, 'utf8'));
    ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats(ajv);
  }
  return { description, ajv: ajv! };
}

/**
 * OpenAPI 3.0's `nullable` as JSON Schema: `anyOf [schema, null]` (Ajv's own support ignores
 * `enum` and needs `type` beside it).
 */
function normalize(schema: any): any {
  if (Array.isArray(schema)) return schema.map(normalize);
  if (!schema || typeof schema !== 'object') return schema;
  const out: any = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'nullable' || key === 'example' || key === 'examples') continue;
    out[key] =
      key === 'properties' || key === 'patternProperties'
        ? Object.fromEntries(
            Object.entries(value as object).map(([k, v]) => [k, normalize(v)]),
          )
        : normalize(value);
  }
  return schema.nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}

function compile(key: string, schema: unknown): ValidateFunction {
  let validate = cache.get(key);
  if (!validate) {
    validate = load().ajv.compile(normalize(schema));
    cache.set(key, validate);
  }
  return validate;
}

function explain(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .slice(0, 15)
    .map(
      e => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`,
    )
    .join('\n');
}

/**
 * Validates a response body against the response schema of the operation `method url` (the
 * OpenAPI path template, as octokit's request options carry it). Throws when the operation or
 * status has no JSON schema, or the body does not match.
 */
export function validateResponse(
  method: string,
  url: string,
  status: number,
  body: unknown,
): void {
  const { description: d } = load();
  const operation = d.paths[url]?.[method.toLowerCase()];
  if (!operation)
    throw new Error(`no operation ${method} ${url} in the OpenAPI description`);
  const response = operation.responses[String(status)];
  if (!response) throw new Error(`${method} ${url} has no response ${status}`);
  const schema = response.content?.['application/json']?.schema;
  if (!schema) {
    if (body !== undefined && body !== '' && body !== null)
      throw new Error(
        `${method} ${url} ${status} has no JSON schema, got a body`,
      );
    return;
  }
  const validate = compile(`${method} ${url} ${status}`, schema);
  if (!validate(body))
    throw new Error(
      `${method} ${url} ${status} does not match its schema:\n${explain(
        validate,
      )}`,
    );
}

/** Validates a webhook payload against GitHub's schema for `event` and its action. */
export function validateWebhook(event: string, payload: any): boolean {
  const { description: d } = load();
  const name = `${event.replace(/_/g, '-')}${
    payload.action ? `-${String(payload.action).replace(/_/g, '-')}` : ''
  }`;
  const schema =
    d['x-webhooks'][name]?.post?.requestBody?.content?.['application/json']
      ?.schema;
  if (!schema) return false;
  const validate = compile(name, schema);
  if (!validate(payload))
    throw new Error(
      `webhook ${name} does not match its schema:\n${explain(validate)}`,
    );
  return true;
}
