import { HealthCheck } from '../types';

/**
 * Health of an apps/v1 ReplicaSet, as Argo CD's gitops-engine computes it
 * (`health_replicaset.go`): a ReplicaFailure condition (pods it cannot create, e.g. refused by a
 * quota or an admission webhook) is Degraded with the condition's message; fewer available
 * replicas than desired, or a generation not observed yet, is Progressing.
 */
export const replicaSetHealth: HealthCheck = replicaSet => {
  const name = replicaSet.metadata.name ?? '';
  const spec = replicaSet.spec ?? {};
  const status = replicaSet.status ?? {};

  const generation: number = replicaSet.metadata.generation ?? 0;
  const observedGeneration: number = status.observedGeneration ?? 0;
  if (generation > observedGeneration) {
    return {
      status: 'Progressing',
      message:
        'Waiting for rollout to finish: observed replica set generation less than desired generation',
    };
  }

  const failure = (status.conditions ?? []).find(
    (condition: { type?: string; status?: string }) =>
      condition.type === 'ReplicaFailure' && condition.status === 'True',
  );
  if (failure) {
    return {
      status: 'Degraded',
      message:
        failure.message ||
        `ReplicaSet "${name}" cannot create its pods (${
          failure.reason ?? 'ReplicaFailure'
        }); check its events`,
    };
  }

  const replicas: number | undefined = spec.replicas;
  const available: number = status.availableReplicas ?? 0;
  if (typeof replicas === 'number' && available < replicas) {
    return {
      status: 'Progressing',
      message: `Waiting for rollout to finish: ${available} out of ${replicas} new replicas are available...`,
    };
  }
  // Argo CD says nothing here; say what "healthy" rests on.
  return {
    status: 'Healthy',
    message: `replica set "${name}" has ${available} of ${
      replicas ?? available
    } replicas available`,
  };
};
