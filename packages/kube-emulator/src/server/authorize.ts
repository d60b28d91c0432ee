import { StatusError } from './status';

/**
 * What an RBAC rule allows: verbs on resources of API groups ("" is the core group; "*" matches
 * anything; "*\/status" any resource's status).
 *
 * @public
 */
export interface KubeEmulatorPolicyRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
}

/**
 * A user whose access RBAC limits, as a service account bound to a Role would be: resource
 * requests its rules do not allow get 403 Forbidden. Discovery stays open to it, as the
 * system:discovery role keeps it open to every authenticated user.
 *
 * @public
 */
export interface KubeEmulatorUser {
  /** The bearer token that authenticates as this user. */
  token: string;
  /** The user name in Forbidden messages, e.g. "system:serviceaccount:shop:viewer". */
  name: string;
  rules: KubeEmulatorPolicyRule[];
}

/** The resource a request is about, as the authorizer sees it. */
export interface ResourceRequest {
  method: string;
  group: string;
  plural: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  watch: boolean;
}

/** The Kubernetes verb of a resource request. */
export function requestVerb(request: ResourceRequest): string {
  switch (request.method) {
    case 'GET':
    case 'HEAD':
      if (request.name !== undefined) return 'get';
      return request.watch ? 'watch' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return request.name === undefined ? 'deletecollection' : 'delete';
    default:
      return request.method.toLowerCase();
  }
}

const matches = (allowed: string[], value: string) =>
  allowed.includes('*') || allowed.includes(value);

/** Throws the API server's 403 unless one of the user's rules allows the request. */
export function authorize(user: KubeEmulatorUser, request: ResourceRequest) {
  const verb = requestVerb(request);
  const resource = request.subresource
    ? `${request.plural}/${request.subresource}`
    : request.plural;
  const allowed = user.rules.some(
    rule =>
      matches(rule.verbs, verb) &&
      matches(rule.apiGroups, request.group) &&
      (matches(rule.resources, resource) ||
        (request.subresource !== undefined &&
          rule.resources.includes(`*/${request.subresource}`))),
  );
  if (allowed) return;
  const qualified = request.group
    ? `${request.plural}.${request.group}`
    : request.plural;
  const scope = request.namespace
    ? `in the namespace "${request.namespace}"`
    : 'at the cluster scope';
  throw new StatusError(
    403,
    'Forbidden',
    `${qualified}${
      request.name !== undefined ? ` "${request.name}"` : ''
    } is forbidden: User "${
      user.name
    }" cannot ${verb} resource "${resource}" in API group "${
      request.group
    }" ${scope}`,
    {
      ...(request.name !== undefined ? { name: request.name } : {}),
      ...(request.group ? { group: request.group } : {}),
      kind: request.plural,
    },
  );
}
