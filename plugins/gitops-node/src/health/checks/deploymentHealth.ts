import { HealthCheck } from '../types';

/**
 * Health of an apps/v1 Deployment, as Argo CD's gitops-engine computes it (`health_deployment.go`,
 * itself borrowed from `kubectl rollout status`): paused is Suspended; a generation the controller
 * has not observed yet, or a rollout still replacing or waiting for pods, is Progressing; a
 * Progressing condition with reason ProgressDeadlineExceeded is Degraded.
 */
export const deploymentHealth: HealthCheck = deployment => {
  const name = deployment.metadata.name ?? '';
  const spec = deployment.spec ?? {};
  const status = deployment.status ?? {};

  if (spec.paused === true) {
    return { status: 'Suspended', message: 'Deployment is paused' };
  }

  const generation: number = deployment.metadata.generation ?? 0;
  const observedGeneration: number = status.observedGeneration ?? 0;
  if (generation > observedGeneration) {
    return {
      status: 'Progressing',
      message:
        'Waiting for rollout to finish: observed deployment generation less than desired generation',
    };
  }

  const progressing = (status.conditions ?? []).find(
    (condition: { type?: string }) => condition.type === 'Progressing',
  );
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return {
      status: 'Degraded',
      message: `Deployment "${name}" exceeded its progress deadline`,
    };
  }

  const replicas: number | undefined = spec.replicas;
  const statusReplicas: number = status.replicas ?? 0;
  const updated: number = status.updatedReplicas ?? 0;
  const available: number = status.availableReplicas ?? 0;
  if (typeof replicas === 'number' && updated < replicas) {
    return {
      status: 'Progressing',
      message: `Waiting for rollout to finish: ${updated} out of ${replicas} new replicas have been updated...`,
    };
  }
  if (statusReplicas > updated) {
    return {
      status: 'Progressing',
      message: `Waiting for rollout to finish: ${
        statusReplicas - updated
      } old replicas are pending termination...`,
    };
  }
  if (available < updated) {
    return {
      status: 'Progressing',
      message: `Waiting for rollout to finish: ${available} of ${updated} updated replicas are available...`,
    };
  }
  // Argo CD says nothing here; say what "healthy" rests on.
  return {
    status: 'Healthy',
    message: `Deployment "${name}" successfully rolled out: ${available} of ${
      replicas ?? updated
    } replicas are available`,
  };
};
