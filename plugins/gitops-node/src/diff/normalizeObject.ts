import { KubernetesObject } from '../health';
import { ResourceIdentity } from './resourceIdentity';

/** Annotations the server or kubectl write, never declared in Git. */
export const LAST_APPLIED_ANNOTATION =
  'kubectl.kubernetes.io/last-applied-configuration';
const SERVER_ANNOTATIONS = [
  LAST_APPLIED_ANNOTATION,
  'deployment.kubernetes.io/revision',
];

/** Metadata the server populates. */
const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
];

/**
 * A copy of a desired or live object in the form both are compared in: no status, no
 * server-populated metadata, the namespace as identity says it is, and a Secret's `stringData`
 * folded into base64 `data` (as the API server does on write). With `inPlace`, the object itself
 * is changed and returned: for callers that hold a throwaway copy, to spare a deep copy.
 */
export function normalizeObject(
  object: KubernetesObject,
  identity: ResourceIdentity,
  options?: { inPlace?: boolean },
): Record<string, any> {
  const copy: Record<string, any> = options?.inPlace
    ? object
    : structuredClone(object);
  delete copy.status;
  delete copy.apiVersion;
  delete copy.kind;
  const metadata: Record<string, any> = copy.metadata ?? {};
  for (const field of SERVER_METADATA) {
    delete metadata[field];
  }
  if (identity.namespace === undefined) {
    delete metadata.namespace;
  } else {
    metadata.namespace = identity.namespace;
  }
  if (metadata.annotations) {
    for (const annotation of SERVER_ANNOTATIONS) {
      delete metadata.annotations[annotation];
    }
  }
  copy.metadata = metadata;
  if (identity.group === '' && identity.kind === 'Secret') {
    foldStringData(copy);
  }
  return copy;
}

function foldStringData(secret: Record<string, any>) {
  const data: Record<string, unknown> = { ...(secret.data ?? {}) };
  for (const [key, value] of Object.entries(data)) {
    if (value === null) {
      data[key] = '';
    }
  }
  for (const [key, value] of Object.entries(secret.stringData ?? {})) {
    data[key] =
      typeof value === 'string'
        ? Buffer.from(value, 'utf8').toString('base64')
        : value;
  }
  delete secret.stringData;
  if (Object.keys(data).length > 0 || secret.data !== undefined) {
    secret.data = data;
  }
}
