import * as k8s from '@kubernetes/client-node';

interface Attribute {
  baseName: string;
  type: string;
}

type ModelClass = { getAttributeTypeMap(): Attribute[] };

const models = k8s as unknown as Record<string, ModelClass | undefined>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** client-node's model of a kind: V1Deployment, V2HorizontalPodAutoscaler, V1Status, ... */
function modelName(apiVersion: string, kind: string): string {
  const version = apiVersion.split('/').pop() ?? '';
  return `${version.charAt(0).toUpperCase()}${version.slice(1)}${kind}`;
}

function walk(value: unknown, type: string, path: string, found: string[]) {
  if (value === undefined || value === null) return;
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    if (Array.isArray(value))
      value.forEach((item, i) => walk(item, array[1], `${path}[${i}]`, found));
    return;
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    if (isObject(value)) {
      for (const [key, item] of Object.entries(value))
        walk(item, map[1], `${path}[${JSON.stringify(key)}]`, found);
    }
    return;
  }
  // Primitives, any, IntOrString, Date: nothing below to check.
  const model = models[type];
  if (typeof model?.getAttributeTypeMap !== 'function' || !isObject(value))
    return;
  const attributes = new Map(
    model.getAttributeTypeMap().map(a => [a.baseName, a.type]),
  );
  for (const [key, item] of Object.entries(value)) {
    const attributeType = attributes.get(key);
    if (attributeType === undefined) found.push(`${path}.${key} (${type})`);
    else walk(item, attributeType, `${path}.${key}`, found);
  }
}

/**
 * The fields of a response body that its kind's OpenAPI schema does not define (the schemas
 * allow unknown fields, so a misspelt or made-up field passes them): checked against the models
 * @kubernetes/client-node generates from the same OpenAPI document. Lists are checked item by
 * item, watch events by their object. Kinds without a model are not checked here.
 */
export function findUnknownFields(body: unknown): string[] {
  const found: string[] = [];
  if (!isObject(body)) return found;
  if (body.kind === undefined && 'type' in body && 'object' in body) {
    walk(body, 'V1WatchEvent', '', found);
    return [...found, ...findUnknownFields(body.object)];
  }
  if (body.kind === undefined && typeof body.gitVersion === 'string') {
    walk(body, 'VersionInfo', '', found);
    return found;
  }
  if (typeof body.kind !== 'string') return found;
  const apiVersion =
    typeof body.apiVersion === 'string' ? body.apiVersion : 'v1';
  walk(body, modelName(apiVersion, body.kind), '', found);
  return found;
}
