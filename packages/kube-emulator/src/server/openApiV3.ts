import { createHash } from 'node:crypto';
import { groupVersionOf, ResourceType, verbsOf } from './resourceTypes';
import { SCALABLE_KINDS } from './scale';

/**
 * OpenAPI v3 as the API server publishes it: an index at /openapi/v3 naming one document per
 * group version ("api/v1", "apis/apps/v1"), each with the paths, operations, parameters and
 * `x-kubernetes-*` extensions of its resources. kubectl reads the PATCH operations to learn that
 * the server validates fields itself (`fieldValidation`) before it applies or creates anything.
 *
 * Unlike the real documents, kind schemas describe only apiVersion, kind and metadata and keep
 * every other field (`x-kubernetes-preserve-unknown-fields`): the emulator has no schemas. They
 * carry no `x-kubernetes-group-version-kind` either, so a client that derives strategic merge
 * metadata from them (kubectl apply, client-side) uses its built-in types instead of a schema
 * that does not describe the fields; operations keep theirs, which is what kubectl looks up.
 */

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ 'application/json': { schema } });

/** The document key of a type: "api/v1" or "apis/<group>/<version>". */
export const documentKeyOf = (type: ResourceType) =>
  type.group ? `apis/${type.group}/${type.version}` : `api/${type.version}`;

/** The index: every group version's document, with a hash of its content. */
export function openApiV3Index(types: ResourceType[]) {
  const keys = [...new Set(types.map(documentKeyOf))].sort();
  return {
    paths: Object.fromEntries(
      keys.map(key => [
        key,
        {
          serverRelativeURL: `/openapi/v3/${key}?hash=${documentHash(
            openApiV3Document(key, types)!,
          )}`,
        },
      ]),
    ),
  };
}

/** The hash clients cache a document by (sha512, upper-case hex, as the server sends it). */
export function documentHash(document: unknown): string {
  return createHash('sha512')
    .update(JSON.stringify(document))
    .digest('hex')
    .toUpperCase();
}

/** One group version's document, or undefined when nothing is served there. */
export function openApiV3Document(
  key: string,
  allTypes: ResourceType[],
): Record<string, any> | undefined {
  const types = allTypes.filter(t => documentKeyOf(t) === key);
  if (types.length === 0) return undefined;
  const paths: Record<string, any> = {};
  const schemas: Record<string, any> = metaSchemas();
  for (const type of types) {
    Object.assign(paths, pathsOf(type));
    schemas[schemaNameOf(type)] = kindSchema(type);
    schemas[`${schemaNameOf(type)}List`] = listSchema(type);
    if (SCALABLE_KINDS.has(type.kind) && !type.custom)
      schemas['io.k8s.api.autoscaling.v1.Scale'] = scaleSchema();
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.31.0' },
    paths: Object.fromEntries(
      Object.entries(paths).sort(([a], [b]) => (a < b ? -1 : 1)),
    ),
    components: {
      schemas,
      securitySchemes: {
        BearerToken: {
          description: 'Bearer Token authentication',
          in: 'header',
          name: 'authorization',
          type: 'apiKey',
        },
      },
    },
    security: [{ BearerToken: [] }],
  };
}

/** "io.k8s.api.apps.v1.Deployment"; custom kinds by reversed group ("com.example.v1.Widget"). */
function schemaNameOf(type: ResourceType) {
  if (type.custom)
    return `${type.group.split('.').reverse().join('.')}.${type.version}.${
      type.kind
    }`;
  if (type.group === 'apiextensions.k8s.io')
    return `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.${type.version}.${type.kind}`;
  const pkg = type.group ? type.group.split('.')[0] : 'core';
  return `io.k8s.api.${pkg}.${type.version}.${type.kind}`;
}

/** "AppsV1", "RbacAuthorizationV1", "CoreV1", as operation ids spell a group version. */
function operationGroup(type: ResourceType) {
  const words = (type.group || 'core').replace(/\.k8s\.io$/, '').split('.');
  return `${words.map(capitalize).join('')}${capitalize(type.version)}`;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

const query = (name: string, description: string, type = 'string') => ({
  description,
  in: 'query',
  name,
  schema: { type, uniqueItems: true },
});

const PARAMETERS = {
  allowWatchBookmarks: query(
    'allowWatchBookmarks',
    'allowWatchBookmarks requests watch events with type "BOOKMARK".',
    'boolean',
  ),
  continue: query(
    'continue',
    'The continue option should be set when retrieving more results from the server.',
  ),
  dryRun: query(
    'dryRun',
    'When present, indicates that modifications should not be persisted. Valid values are: - All: all dry run stages will be processed',
  ),
  fieldManager: query(
    'fieldManager',
    'fieldManager is a name associated with the actor or entity that is making these changes. This field is required for apply requests (application/apply-patch).',
  ),
  fieldSelector: query(
    'fieldSelector',
    'A selector to restrict the list of returned objects by their fields. Defaults to everything.',
  ),
  fieldValidation: query(
    'fieldValidation',
    'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: Ignore, Warn, Strict.',
  ),
  force: query(
    'force',
    'Force is going to "force" Apply requests. It means user will re-acquire conflicting fields owned by other people.',
    'boolean',
  ),
  gracePeriodSeconds: query(
    'gracePeriodSeconds',
    'The duration in seconds before the object should be deleted.',
    'integer',
  ),
  labelSelector: query(
    'labelSelector',
    'A selector to restrict the list of returned objects by their labels. Defaults to everything.',
  ),
  limit: query(
    'limit',
    'limit is a maximum number of responses to return for a list call.',
    'integer',
  ),
  propagationPolicy: query(
    'propagationPolicy',
    "Whether and how garbage collection will be performed. Acceptable values are: 'Orphan', 'Background', 'Foreground'.",
  ),
  resourceVersion: query(
    'resourceVersion',
    'resourceVersion sets a constraint on what resource versions a request may be served from.',
  ),
  timeoutSeconds: query(
    'timeoutSeconds',
    'Timeout for the list/watch call.',
    'integer',
  ),
  watch: query(
    'watch',
    'Watch for changes to the described resources and return them as a stream of add, update, and remove notifications.',
    'boolean',
  ),
};

const pick = (...names: Array<keyof typeof PARAMETERS>) =>
  names.map(name => PARAMETERS[name]);

function pathsOf(type: ResourceType): Record<string, any> {
  const prefix = `/${documentKeyOf(type)}`;
  const collection = type.namespaced
    ? `${prefix}/namespaces/{namespace}/${type.plural}`
    : `${prefix}/${type.plural}`;
  const group = operationGroup(type);
  const scope = type.namespaced ? 'Namespaced' : '';
  const kind = ref(schemaNameOf(type));
  const gvk = {
    group: type.group,
    kind: type.kind,
    version: type.version,
  };
  const tags = [
    `${(type.group || 'core')
      .replace(/\.k8s\.io$/, '')
      .split('.')
      .map((w, i) => (i === 0 ? w : capitalize(w)))
      .join('')}_${type.version}`,
  ];
  const op = (
    action: string,
    operationId: string,
    description: string,
    responses: Record<string, unknown>,
    extra: Record<string, unknown> = {},
    kindOf: Record<string, string> = gvk,
  ) => ({
    description,
    operationId,
    ...extra,
    responses: { ...responses, '401': { description: 'Unauthorized' } },
    tags,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': kindOf,
  });
  const ok = (schema: unknown, codes = ['200']) =>
    Object.fromEntries(
      codes.map(code => [
        code,
        {
          content: json(schema),
          description: { 200: 'OK', 201: 'Created', 202: 'Accepted' }[code],
        },
      ]),
    );
  const pathParameters = (withName: boolean) => [
    ...(withName
      ? [
          {
            description: `name of the ${type.kind}`,
            in: 'path',
            name: 'name',
            required: true,
            schema: { type: 'string', uniqueItems: true },
          },
        ]
      : []),
    ...(type.namespaced
      ? [
          {
            description:
              'object name and auth scope, such as for teams and projects',
            in: 'path',
            name: 'namespace',
            required: true,
            schema: { type: 'string', uniqueItems: true },
          },
        ]
      : []),
    query(
      'pretty',
      "If 'true', then the output is pretty printed. Defaults to 'false' unless the user-agent indicates a browser or command-line HTTP tool (curl and wget).",
    ),
  ];
  const patchTypes = [
    'application/apply-patch+yaml',
    'application/json-patch+json',
    'application/merge-patch+json',
    // Custom resources take no strategic merge patch.
    ...(type.custom ? [] : ['application/strategic-merge-patch+json']),
  ];
  const patchBody = {
    content: Object.fromEntries(
      patchTypes.map(t => [t, { schema: ref(`${META}.Patch`) }]),
    ),
    required: true,
  };
  const deleteBody = {
    content: { '*/*': { schema: ref(`${META}.DeleteOptions`) } },
  };
  const item = (
    suffix: string,
    what: string,
    schema: Record<string, string>,
    kindOf: Record<string, string> = gvk,
  ) => ({
    get: op(
      'get',
      `read${group}${scope}${type.kind}${suffix}`,
      `read ${what} of the specified ${type.kind}`,
      ok(schema),
      {},
      kindOf,
    ),
    parameters: pathParameters(true),
    patch: op(
      'patch',
      `patch${group}${scope}${type.kind}${suffix}`,
      `partially update ${what} of the specified ${type.kind}`,
      ok(schema, ['200', '201']),
      {
        parameters: pick('dryRun', 'fieldManager', 'fieldValidation', 'force'),
        requestBody: patchBody,
      },
      kindOf,
    ),
    put: op(
      'put',
      `replace${group}${scope}${type.kind}${suffix}`,
      `replace ${what} of the specified ${type.kind}`,
      ok(schema, ['200', '201']),
      {
        parameters: pick('dryRun', 'fieldManager', 'fieldValidation'),
        requestBody: { content: { '*/*': { schema } }, required: true },
      },
      kindOf,
    ),
  });
  const listParameters = pick(
    'allowWatchBookmarks',
    'continue',
    'fieldSelector',
    'labelSelector',
    'limit',
    'resourceVersion',
    'timeoutSeconds',
    'watch',
  );
  const paths: Record<string, any> = {
    [collection]: {
      ...(verbsOf(type).includes('deletecollection')
        ? {
            delete: op(
              'deletecollection',
              `delete${group}Collection${scope}${type.kind}`,
              `delete collection of ${type.kind}`,
              ok(ref(`${META}.Status`)),
              {
                parameters: pick(
                  'continue',
                  'dryRun',
                  'fieldSelector',
                  'gracePeriodSeconds',
                  'labelSelector',
                  'limit',
                  'propagationPolicy',
                  'resourceVersion',
                  'timeoutSeconds',
                ),
                requestBody: deleteBody,
              },
            ),
          }
        : {}),
      get: op(
        'list',
        `list${group}${scope}${type.kind}`,
        `list or watch objects of kind ${type.kind}`,
        ok(ref(`${schemaNameOf(type)}List`)),
        { parameters: listParameters },
      ),
      parameters: pathParameters(false),
      post: op(
        'post',
        `create${group}${scope}${type.kind}`,
        `create a ${type.kind}`,
        ok(kind, ['200', '201', '202']),
        {
          parameters: pick('dryRun', 'fieldManager', 'fieldValidation'),
          requestBody: { content: { '*/*': { schema: kind } }, required: true },
        },
      ),
    },
    [`${collection}/{name}`]: {
      ...item('', type.kind, kind),
      delete: op(
        'delete',
        `delete${group}${scope}${type.kind}`,
        `delete a ${type.kind}`,
        ok(ref(`${META}.Status`), ['200', '202']),
        {
          parameters: pick('dryRun', 'gracePeriodSeconds', 'propagationPolicy'),
          requestBody: deleteBody,
        },
      ),
    },
    [`${collection}/{name}/status`]: item('Status', 'status', kind),
  };
  if (type.namespaced) {
    paths[`${prefix}/${type.plural}`] = {
      get: op(
        'list',
        `list${group}${type.kind}ForAllNamespaces`,
        `list or watch objects of kind ${type.kind}`,
        ok(ref(`${schemaNameOf(type)}List`)),
      ),
      parameters: [...listParameters, pathParameters(false).at(-1)],
    };
  }
  if (SCALABLE_KINDS.has(type.kind) && !type.custom) {
    paths[`${collection}/{name}/scale`] = item(
      'Scale',
      'scale',
      ref('io.k8s.api.autoscaling.v1.Scale'),
      { group: 'autoscaling', kind: 'Scale', version: 'v1' },
    );
  }
  return paths;
}

const TYPE_META = {
  apiVersion: {
    description:
      'APIVersion defines the versioned schema of this representation of an object.',
    type: 'string',
  },
  kind: {
    description:
      'Kind is a string value representing the REST resource this object represents.',
    type: 'string',
  },
};

function kindSchema(type: ResourceType) {
  return {
    description: `${type.kind} (${groupVersionOf(
      type,
    )}). The emulator describes apiVersion, kind and metadata only.`,
    properties: {
      ...TYPE_META,
      metadata: {
        allOf: [ref(`${META}.ObjectMeta`)],
        default: {},
        description: "Standard object's metadata.",
      },
    },
    type: 'object',
    'x-kubernetes-preserve-unknown-fields': true,
  };
}

function listSchema(type: ResourceType) {
  return {
    description: `${type.kind}List is a list of ${type.kind} objects.`,
    properties: {
      ...TYPE_META,
      items: {
        items: { allOf: [ref(schemaNameOf(type))], default: {} },
        type: 'array',
      },
      metadata: {
        allOf: [ref(`${META}.ListMeta`)],
        default: {},
        description: 'Standard list metadata.',
      },
    },
    required: ['items'],
    type: 'object',
  };
}

function scaleSchema() {
  return {
    description: 'Scale represents a scaling request for a resource.',
    properties: {
      ...TYPE_META,
      metadata: { allOf: [ref(`${META}.ObjectMeta`)], default: {} },
      spec: {
        properties: {
          replicas: { format: 'int32', type: 'integer' },
        },
        type: 'object',
      },
      status: {
        properties: {
          replicas: { default: 0, format: 'int32', type: 'integer' },
          selector: { type: 'string' },
        },
        required: ['replicas'],
        type: 'object',
      },
    },
    type: 'object',
  };
}

function metaSchemas(): Record<string, any> {
  const string = { type: 'string' };
  const stringMap = { additionalProperties: string, type: 'object' };
  return {
    [`${META}.ObjectMeta`]: {
      description:
        'ObjectMeta is metadata that all persisted resources must have.',
      properties: {
        annotations: stringMap,
        creationTimestamp: string,
        generateName: string,
        generation: { format: 'int64', type: 'integer' },
        labels: stringMap,
        name: string,
        namespace: string,
        resourceVersion: string,
        uid: string,
      },
      type: 'object',
      'x-kubernetes-preserve-unknown-fields': true,
    },
    [`${META}.ListMeta`]: {
      description:
        'ListMeta describes metadata that synthetic resources must have.',
      properties: {
        continue: string,
        remainingItemCount: { format: 'int64', type: 'integer' },
        resourceVersion: string,
      },
      type: 'object',
    },
    [`${META}.Patch`]: {
      description:
        'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.',
      type: 'object',
    },
    [`${META}.DeleteOptions`]: {
      description: 'DeleteOptions may be provided when deleting an API object.',
      properties: {
        ...TYPE_META,
        dryRun: { items: { default: '', type: 'string' }, type: 'array' },
        gracePeriodSeconds: { format: 'int64', type: 'integer' },
        propagationPolicy: string,
      },
      type: 'object',
    },
    [`${META}.Status`]: {
      description:
        "Status is a return value for calls that don't return other objects.",
      properties: {
        ...TYPE_META,
        code: { format: 'int32', type: 'integer' },
        details: {
          type: 'object',
          'x-kubernetes-preserve-unknown-fields': true,
        },
        message: string,
        metadata: { allOf: [ref(`${META}.ListMeta`)], default: {} },
        reason: string,
        status: string,
      },
      type: 'object',
    },
  };
}
