import { HealthCheck } from '../types';
import { fluxReconcilerHealth } from './fluxKustomizationHealth';
import { describeCondition, statusConditions } from './kstatusHealth';

/** The conditions that record a failed Helm action, whose message says what went wrong. */
const ACTION_CONDITIONS = ['Released', 'TestSuccess'];

/**
 * Flux HelmRelease (helm.toolkit.fluxcd.io), with the rules of a Flux Kustomization: Healthy
 * when Ready=True. Argo CD's Lua instead counts exactly two successes among Ready, Released and
 * TestSuccess, which calls a release Degraded when its tests also passed (three) and when it has
 * no Released condition; Ready=True already means the release and its enabled tests succeeded.
 *
 * When Degraded, the message is that of the failed Helm action (Released or TestSuccess False)
 * if there is one: after a remediation the Ready message only says the rollback succeeded.
 */
export const fluxHelmReleaseHealth: HealthCheck = object => {
  const health = fluxReconcilerHealth(object);
  if (health.status !== 'Degraded') {
    return health;
  }
  const failedAction = statusConditions(object).find(
    condition =>
      ACTION_CONDITIONS.includes(condition.type) &&
      condition.status === 'False',
  );
  return failedAction
    ? {
        status: 'Degraded',
        message: describeCondition(failedAction, health.message),
      }
    : health;
};
