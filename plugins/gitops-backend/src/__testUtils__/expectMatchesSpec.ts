import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { spec } from '../schema/openapi.generated';

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
// The whole document, so that its internal `#/components/...` references resolve.
ajv.addSchema(JSON.parse(JSON.stringify(spec)), 'spec');

const escape = (segment: string) =>
  segment.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Fails unless `body` is what openapi.yaml promises for this route and status: the router only
 * validates requests, so tests check the responses.
 */
export function expectMatchesSpec(
  route: keyof typeof spec.paths,
  method: 'get' | 'post',
  response: { status: number; body: unknown },
): void {
  const operation = (spec.paths as any)[route]?.[method];
  const declared = operation?.responses?.[String(response.status)];
  if (!declared) {
    throw new Error(
      `${method.toUpperCase()} ${route} declares no ${
        response.status
      } response`,
    );
  }
  const pointer = declared.$ref
    ? `${declared.$ref.slice(1)}/content/application~1json/schema`
    : `/paths/${escape(route)}/${method}/responses/${
        response.status
      }/content/application~1json/schema`;
  const validate = ajv.compile({ $ref: `spec#${pointer}` });
  if (!validate(response.body)) {
    throw new Error(
      `${method.toUpperCase()} ${route} ${
        response.status
      } does not match openapi.yaml: ${ajv.errorsText(
        validate.errors,
      )}\n${JSON.stringify(response.body, null, 2)}`,
    );
  }
}
