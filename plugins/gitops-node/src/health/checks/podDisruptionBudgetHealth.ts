import { HealthCheck, ResourceHealth } from '../types';
import { statusConditions } from './kstatusHealth';

/**
 * PodDisruptionBudget (policy), as Argo CD's policy/PodDisruptionBudget/health.lua: Progressing
 * "Waiting for status" until the disruption controller reports a condition; a False condition
 * is Degraded, except InsufficientPods (a valid state, e.g. while the workload scales; see
 * argo-cd#20171); otherwise Healthy, named after the last condition's reason.
 */
export const podDisruptionBudgetHealth: HealthCheck = object => {
  let health: ResourceHealth = {
    status: 'Progressing',
    message: 'Waiting for status',
  };
  for (const condition of statusConditions(object)) {
    const reason = condition.reason || condition.type;
    if (
      condition.status === 'False' &&
      condition.reason !== 'InsufficientPods'
    ) {
      const detail = condition.message?.trim();
      return {
        status: 'Degraded',
        message: `PodDisruptionBudget has ${reason}${
          detail ? `: ${detail}` : ''
        }`,
      };
    }
    health = {
      status: 'Healthy',
      message: `PodDisruptionBudget has ${reason}`,
    };
  }
  return health;
};
