import { HEALTH_STATUSES, HealthStatus } from '@shipshape/plugin-gitops-common';
import { HealthCheck, KubernetesObject, ResourceHealth } from '../types';
import { statusConditions } from './kstatusHealth';

const WORKLOAD_GENERATION_ANNOTATION =
  'rollout.argoproj.io/workload-generation';

const PHASE_MESSAGES: Partial<Record<HealthStatus, string>> = {
  Healthy: 'Rollout is healthy',
  Suspended: 'Rollout is paused',
  Progressing: 'Rollout is progressing',
  Degraded: 'Rollout is degraded',
};

/** A number, or a string that is one (as Lua's tonumber); undefined for anything else. */
function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return value;
  }
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) {
    return Number(value);
  }
  return undefined;
}

/**
 * Whether the controller has seen the latest spec. Rollouts before v0.10 recorded a pod-template
 * hash in status.observedGeneration; such a value (not a number, or a number above the
 * generation) says nothing, and counts as observed.
 */
function isGenerationObserved(object: KubernetesObject): boolean {
  const recorded: unknown = object.status?.observedGeneration;
  if (recorded === undefined || recorded === null) {
    return false;
  }
  const observed = toNumber(recorded);
  const generation = object.metadata?.generation ?? 0;
  return (
    observed === undefined || observed > generation || observed === generation
  );
}

/** For a Rollout that references a workload: whether the workload's generation was seen. */
function isWorkloadGenerationObserved(object: KubernetesObject): boolean {
  const annotations = object.metadata?.annotations;
  if (!object.spec?.workloadRef || !annotations) {
    return true;
  }
  return (
    toNumber(annotations[WORKLOAD_GENERATION_ANNOTATION]) ===
    toNumber(object.status?.workloadObservedGeneration)
  );
}

function progressing(message: string): ResourceHealth {
  return { status: 'Progressing', message };
}

/**
 * Argo Rollouts Rollout (argoproj.io), as Argo CD's argoproj.io/Rollout/health.lua.
 *
 * Until the controller has observed the spec: Progressing. Rollouts v1.0+ report their own
 * health in status.phase (Paused is our Suspended) and status.message, which we use as is.
 * Older ones are judged from conditions (InvalidSpec, aborted or past its progress deadline:
 * Degraded), pause (Suspended), replica counts and, per strategy, the active service or the
 * stable ReplicaSet (Progressing until the current pod hash serves).
 */
export const argoRolloutHealth: HealthCheck = object => {
  if (!isGenerationObserved(object) || !isWorkloadGenerationObserved(object)) {
    return progressing('Waiting for rollout spec update to be observed');
  }
  const status = object.status;
  const spec = object.spec ?? {};

  if (typeof status.phase === 'string' && status.phase) {
    const phase = status.phase === 'Paused' ? 'Suspended' : status.phase;
    const message = typeof status.message === 'string' ? status.message : '';
    if ((HEALTH_STATUSES as readonly string[]).includes(phase)) {
      const healthStatus = phase as HealthStatus;
      return {
        status: healthStatus,
        message:
          message || PHASE_MESSAGES[healthStatus] || `Rollout is ${phase}`,
      };
    }
    return {
      status: 'Unknown',
      message: `Rollout reports an unknown phase ${status.phase}${
        message ? `: ${message}` : ''
      }`,
    };
  }

  for (const condition of statusConditions(object)) {
    if (
      condition.type === 'InvalidSpec' ||
      (condition.type === 'Progressing' &&
        (condition.reason === 'RolloutAborted' ||
          condition.reason === 'ProgressDeadlineExceeded'))
    ) {
      return {
        status: 'Degraded',
        message: condition.message || condition.reason || condition.type,
      };
    }
  }

  const pauseConditions: unknown = status.pauseConditions;
  if (
    (Array.isArray(pauseConditions) && pauseConditions.length > 0) ||
    spec.paused === true
  ) {
    return { status: 'Suspended', message: 'Rollout is paused' };
  }

  const currentPodHash = status.currentPodHash;
  if (currentPodHash === undefined || currentPodHash === null) {
    return progressing(
      'Waiting for rollout to finish: status has not been reconciled.',
    );
  }

  const desiredReplicas: number = spec.replicas ?? 1;
  const statusReplicas: number = status.replicas ?? 0;
  const updatedReplicas: number = status.updatedReplicas ?? 0;
  const availableReplicas: number = status.availableReplicas ?? 0;
  if (updatedReplicas < desiredReplicas) {
    return progressing(
      'Waiting for roll out to finish: More replicas need to be updated',
    );
  }
  if (availableReplicas < updatedReplicas) {
    return progressing(
      'Waiting for roll out to finish: updated replicas are still becoming available',
    );
  }

  const stableRS: string = status.stableRS ?? status.canary?.stableRS ?? '';
  if (spec.strategy?.blueGreen) {
    if (status.blueGreen?.activeSelector !== currentPodHash) {
      return progressing('active service cutover pending');
    }
    if (stableRS !== '' && stableRS !== currentPodHash) {
      return progressing('waiting for analysis to complete');
    }
  } else if (spec.strategy?.canary) {
    if (statusReplicas > updatedReplicas) {
      return progressing(
        'Waiting for roll out to finish: old replicas are pending termination',
      );
    }
    if (stableRS === '' || stableRS !== currentPodHash) {
      return progressing('Waiting for rollout to finish steps');
    }
  }
  return { status: 'Healthy', message: 'Rollout is healthy' };
};
