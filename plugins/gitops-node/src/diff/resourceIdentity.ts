import { apiGroup } from '../health/objectKey';
import { KubernetesObject } from '../health';

/** Kinds of the built-in API groups that are cluster-scoped (have no namespace). */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ComponentStatus',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'apiregistration.k8s.io/APIService',
  'storage.k8s.io/StorageClass',
  'storage.k8s.io/CSIDriver',
  'storage.k8s.io/CSINode',
  'storage.k8s.io/VolumeAttachment',
  'scheduling.k8s.io/PriorityClass',
  'node.k8s.io/RuntimeClass',
  'networking.k8s.io/IngressClass',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'certificates.k8s.io/CertificateSigningRequest',
  'flowcontrol.apiserver.k8s.io/FlowSchema',
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
]);

/**
 * Whether objects of a group and kind live in a namespace: "Namespaced", "Cluster", or undefined
 * when not known (e.g. answered from an API server's discovery data).
 *
 * @public
 */
export type ResourceScopeLookup = (
  group: string,
  kind: string,
) => 'Namespaced' | 'Cluster' | undefined;

/**
 * Who an object is, for matching desired against live: API group (not version), kind, namespace
 * (undefined for cluster-scoped kinds) and name.
 *
 * @public
 */
export interface ResourceIdentity {
  group: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** @public */
export interface ResourceIdentityOptions {
  /** The namespace of namespaced objects that do not name one. Default: "default". */
  defaultNamespace?: string;
  /** Scope of kinds beyond the built-in ones; unknown kinds are taken as namespaced. */
  scopeOf?: ResourceScopeLookup;
}

/** @public */
export function isClusterScoped(
  group: string,
  kind: string,
  scopeOf?: ResourceScopeLookup,
): boolean {
  const known = scopeOf?.(group, kind);
  if (known) {
    return known === 'Cluster';
  }
  return CLUSTER_SCOPED.has(group ? `${group}/${kind}` : kind);
}

/** @public */
export function resourceIdentity(
  object: KubernetesObject,
  options: ResourceIdentityOptions = {},
): ResourceIdentity {
  const group = apiGroup(object.apiVersion);
  const clusterScoped = isClusterScoped(group, object.kind, options.scopeOf);
  return {
    group,
    kind: object.kind,
    namespace: clusterScoped
      ? undefined
      : object.metadata.namespace || options.defaultNamespace || 'default',
    name: object.metadata.name ?? '',
  };
}

/**
 * A string key for maps: "group/Kind/namespace/name".
 *
 * @public
 */
export function identityKey(identity: ResourceIdentity): string {
  // join() makes one flat string; a template literal makes a rope of its parts, which costs
  // twice the memory in the maps that keep keys for every tracked object.
  return [
    identity.group,
    identity.kind,
    identity.namespace ?? '',
    identity.name,
  ].join('/');
}

/**
 * The namespace an identity key names ('' for a cluster-scoped object); no part of a key holds a
 * `/` (API groups, kinds, namespaces and names cannot).
 *
 * @public
 */
export function identityKeyNamespace(key: string): string {
  return key.split('/')[2] ?? '';
}
