import { KubernetesObject } from '@shipshape/plugin-gitops-node';

/**
 * Metadata the API server keeps for its own bookkeeping: never declared in Git, removed before
 * any comparison (normalizeObject of gitops-node) and read by no health check.
 */
const BOOKKEEPING_METADATA = new Set([
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'selfLink',
]);

/** Times in status conditions: status is never compared, and no health check reads them. */
const CONDITION_TIMES = new Set([
  'lastTransitionTime',
  'lastUpdateTime',
  'lastHeartbeatTime',
  'lastProbeTime',
]);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function without<T extends Record<string, unknown>>(
  record: T,
  fields: Set<string>,
): T {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    if (!fields.has(key)) out[key] = record[key];
  }
  return out as T;
}

/**
 * What the reconciler keeps of a live object: everything a diff or a health check reads, without
 * the server's bookkeeping (uid, resourceVersion, creationTimestamp, selfLink, and the times of
 * status conditions). It does not depend on what Git declares, so no change in Git needs a
 * relist. managedFields are the cache's business (dropped unless asked for).
 */
export function projectLiveObject(object: KubernetesObject): KubernetesObject {
  const projected: KubernetesObject = {
    ...object,
    metadata: without(object.metadata ?? {}, BOOKKEEPING_METADATA),
  };
  const status = object.status;
  if (isRecord(status) && Array.isArray(status.conditions)) {
    projected.status = {
      ...status,
      conditions: status.conditions.map((condition: unknown) =>
        isRecord(condition) ? without(condition, CONDITION_TIMES) : condition,
      ),
    };
  }
  return projected;
}
