import { HealthCheck, ResourceHealth } from '../types';
import { asConditions, Condition, statusConditions } from './kstatusHealth';

/** Where autoscaling/v1 objects carry the conditions that v2 has in status.conditions. */
export const HPA_V1_CONDITIONS_ANNOTATION =
  'autoscaling.alpha.kubernetes.io/conditions';

const WAITING: ResourceHealth = {
  status: 'Progressing',
  message: 'Waiting to Autoscale',
};

/** Condition reasons that mean the autoscaler cannot do its job. */
const DEGRADED_REASONS = new Map<string, string[]>([
  ['AbleToScale', ['FailedGetScale', 'FailedUpdateScale']],
  [
    'ScalingActive',
    [
      'FailedGetResourceMetric',
      'FailedGetContainerResourceMetric',
      'FailedGetPodsMetric',
      'FailedGetObjectMetric',
      'FailedGetExternalMetric',
      'InvalidSelector',
    ],
  ],
]);

/** Condition types whose True status means the autoscaler works. */
const HEALTHY_TYPES = ['AbleToScale', 'ScalingLimited'];

/**
 * HorizontalPodAutoscaler, every version, as gitops-engine's health_hpa.go. autoscaling/v1 has
 * its conditions as JSON in an annotation (absent or empty: Progressing "Waiting to Autoscale";
 * unreadable: Unknown); v2 (and v2beta1, v2beta2) in status.conditions.
 *
 * Any condition saying the target's scale or a metric cannot be read (or the selector is
 * invalid) makes it Degraded, wherever it is in the list; then the first AbleToScale=True or
 * ScalingLimited=True makes it Healthy; otherwise it is Progressing.
 */
export const horizontalPodAutoscalerHealth: HealthCheck = object => {
  let conditions: Condition[];
  if (object.apiVersion === 'autoscaling/v1') {
    const annotation =
      object.metadata?.annotations?.[HPA_V1_CONDITIONS_ANNOTATION];
    if (annotation === undefined) {
      return WAITING;
    }
    try {
      conditions = asConditions(JSON.parse(annotation));
    } catch (error) {
      return {
        status: 'Unknown',
        message: `The ${HPA_V1_CONDITIONS_ANNOTATION} annotation is not valid JSON: ${
          (error as Error).message
        }`,
      };
    }
  } else {
    conditions = statusConditions(object);
  }

  const degraded = conditions.find(condition =>
    DEGRADED_REASONS.get(condition.type)?.includes(condition.reason ?? ''),
  );
  if (degraded) {
    return {
      status: 'Degraded',
      message: degraded.message || degraded.reason || degraded.type,
    };
  }
  const healthy = conditions.find(
    condition =>
      HEALTHY_TYPES.includes(condition.type) && condition.status === 'True',
  );
  if (healthy) {
    return {
      status: 'Healthy',
      message: healthy.message || healthy.reason || healthy.type,
    };
  }
  return WAITING;
};
