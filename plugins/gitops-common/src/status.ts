/**
 * Health of a resource or an aggregate, in the vocabulary Argo CD users know.
 * Ordered from best to worst for worst-of aggregation.
 *
 * @public
 */
export const HEALTH_STATUSES = [
  'Healthy',
  'Suspended',
  'Progressing',
  'Missing',
  'Degraded',
  'Unknown',
] as const;

/** @public */
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

/**
 * Sync state of one resource: Missing is in Git but not live, Extraneous is live and labelled
 * for the entity but not in Git.
 *
 * @public
 */
export const SYNC_STATUSES = [
  'Synced',
  'OutOfSync',
  'Missing',
  'Extraneous',
] as const;

/** @public */
export type SyncStatus = (typeof SYNC_STATUSES)[number];

/**
 * The worst of several health statuses; Healthy when there are none.
 *
 * @public
 */
export function worstHealth(statuses: Iterable<HealthStatus>): HealthStatus {
  let worst = 0;
  for (const status of statuses) {
    worst = Math.max(worst, HEALTH_STATUSES.indexOf(status));
  }
  return HEALTH_STATUSES[worst];
}

/**
 * The response body of the backend's unauthenticated liveness route.
 *
 * @public
 */
export type GitopsHealthResponse = { status: 'ok' };
