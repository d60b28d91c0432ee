import { HealthCheck } from '../types';

/**
 * Health of an apps/v1 DaemonSet, as Argo CD's gitops-engine computes it (`health_daemonset.go`,
 * from `kubectl rollout status`): Progressing until the controller has observed the latest
 * generation and every node that should run a pod runs an updated, available one. With the
 * OnDelete strategy pods are only replaced when someone deletes them, so it is Healthy.
 */
export const daemonSetHealth: HealthCheck = daemonSet => {
  const name = daemonSet.metadata.name ?? '';
  const spec = daemonSet.spec ?? {};
  const status = daemonSet.status ?? {};

  const generation: number = daemonSet.metadata.generation ?? 0;
  const observedGeneration: number = status.observedGeneration ?? 0;
  if (generation > observedGeneration) {
    return {
      status: 'Progressing',
      message:
        'Waiting for rollout to finish: observed daemon set generation less than desired generation',
    };
  }

  const desired: number = status.desiredNumberScheduled ?? 0;
  const updated: number = status.updatedNumberScheduled ?? 0;
  const available: number = status.numberAvailable ?? 0;
  if (spec.updateStrategy?.type === 'OnDelete') {
    return {
      status: 'Healthy',
      message: `daemon set ${updated} out of ${desired} new pods have been updated`,
    };
  }
  if (updated < desired) {
    return {
      status: 'Progressing',
      message: `Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...`,
    };
  }
  if (available < desired) {
    return {
      status: 'Progressing',
      message: `Waiting for daemon set "${name}" rollout to finish: ${available} of ${desired} updated pods are available...`,
    };
  }
  // Argo CD says nothing here; say what "healthy" rests on.
  return {
    status: 'Healthy',
    message: `daemon set "${name}" successfully rolled out: ${available} of ${desired} pods are available`,
  };
};
