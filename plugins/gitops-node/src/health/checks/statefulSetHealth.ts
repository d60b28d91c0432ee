import { HealthCheck } from '../types';

/**
 * Health of an apps/v1 StatefulSet, as Argo CD's gitops-engine computes it
 * (`health_statefulset.go`, from `kubectl rollout status`).
 *
 * The API server defaults `updateStrategy.rollingUpdate.partition` to 0 whenever it fills in the
 * `rollingUpdate` block (that is, when `updateStrategy.type` is omitted, or `rollingUpdate` is given
 * without a partition), so most live StatefulSets take the partitioned branch: they are healthy
 * once `updatedReplicas` reaches `replicas - partition`. Only a StatefulSet whose manifest sets
 * `type: RollingUpdate` without a `rollingUpdate` block reaches the revision comparison.
 */
export const statefulSetHealth: HealthCheck = statefulSet => {
  const spec = statefulSet.spec ?? {};
  const status = statefulSet.status ?? {};

  const generation: number = statefulSet.metadata.generation ?? 0;
  const observedGeneration: number = status.observedGeneration ?? 0;
  if (observedGeneration === 0 || generation > observedGeneration) {
    return {
      status: 'Progressing',
      message: 'Waiting for statefulset spec update to be observed...',
    };
  }

  const replicas: number | undefined = spec.replicas;
  const ready: number = status.readyReplicas ?? 0;
  const updated: number = status.updatedReplicas ?? 0;
  if (typeof replicas === 'number' && ready < replicas) {
    return {
      status: 'Progressing',
      message: `Waiting for ${replicas - ready} pods to be ready...`,
    };
  }

  const strategy = spec.updateStrategy ?? {};
  if (strategy.type === 'RollingUpdate' && strategy.rollingUpdate) {
    const partition: number | undefined = strategy.rollingUpdate.partition;
    if (typeof replicas === 'number' && typeof partition === 'number') {
      const toUpdate = replicas - partition;
      if (updated < toUpdate) {
        return {
          status: 'Progressing',
          message: `Waiting for partitioned roll out to finish: ${updated} out of ${toUpdate} new pods have been updated...`,
        };
      }
    }
    return {
      status: 'Healthy',
      message: `partitioned roll out complete: ${updated} new pods have been updated...`,
    };
  }

  if (strategy.type === 'OnDelete') {
    return {
      status: 'Healthy',
      message: `statefulset has ${ready} ready pods`,
    };
  }

  const updateRevision: string = status.updateRevision ?? '';
  const currentRevision: string = status.currentRevision ?? '';
  if (updateRevision !== currentRevision) {
    return {
      status: 'Progressing',
      message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${updateRevision}...`,
    };
  }
  return {
    status: 'Healthy',
    message: `statefulset rolling update complete ${
      status.currentReplicas ?? 0
    } pods at revision ${currentRevision}...`,
  };
};
