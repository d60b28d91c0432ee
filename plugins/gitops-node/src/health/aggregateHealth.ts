import { HealthStatus, worstHealth } from '@shipshape/plugin-gitops-common';
import { ResourceHealth } from './types';

/**
 * The health of a group of resources, as Argo CD aggregates an application: the worst status,
 * ignoring resources without health; a Missing resource only makes the whole Missing when every
 * resource is missing (a missing resource is also reported by sync, as Missing).
 *
 * @public
 */
export function aggregateHealth(
  healths: Iterable<ResourceHealth | undefined>,
): HealthStatus {
  const statuses: HealthStatus[] = [];
  for (const health of healths) {
    if (health) {
      statuses.push(health.status);
    }
  }
  const present = statuses.filter(status => status !== 'Missing');
  if (statuses.length > 0 && present.length === 0) {
    return 'Missing';
  }
  return worstHealth(present);
}
