import { HealthCheck, KubernetesObject, ResourceHealth } from '../types';

/** A status condition: metav1.Condition, or a controller's own type of the same shape. */
export interface Condition {
  type: string;
  /** "True", "False" or "Unknown". */
  status: string;
  reason?: string;
  message?: string;
  observedGeneration?: number;
  lastTransitionTime?: string;
}

/** The well-formed entries of status.conditions; none when it is absent or not a list. */
export function statusConditions(object: KubernetesObject): Condition[] {
  return asConditions(object.status?.conditions);
}

/** The well-formed conditions in a value read from an object (a list, or anything else). */
export function asConditions(value: unknown): Condition[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.filter(
    (item): item is Condition =>
      typeof item === 'object' &&
      item !== null &&
      typeof item.type === 'string' &&
      typeof item.status === 'string',
  );
}

/** The first condition of a type. */
export function findCondition(
  conditions: Condition[],
  type: string,
): Condition | undefined {
  return conditions.find(condition => condition.type === type);
}

/** What a condition tells a person: its message, else its reason, else the fallback. */
export function describeCondition(
  condition: Condition | undefined,
  fallback: string,
): string {
  return condition?.message?.trim() || condition?.reason || fallback;
}

/**
 * kstatus' LatestGenerationNotObserved: the controller has not yet seen the latest spec, so
 * whatever the status says is about an older one. Only when both numbers are present.
 */
export function generationNotObserved(
  object: KubernetesObject,
): ResourceHealth | undefined {
  const generation = object.metadata?.generation;
  const observed = object.status?.observedGeneration;
  if (
    typeof generation === 'number' &&
    typeof observed === 'number' &&
    generation !== observed
  ) {
    return {
      status: 'Progressing',
      message: `${object.kind} generation is ${generation}, but latest observed generation is ${observed}`,
    };
  }
  return undefined;
}

/** Whether a condition was set for the object's current generation (it says so itself). */
function isCurrent(condition: Condition, object: KubernetesObject): boolean {
  return (
    typeof condition.observedGeneration === 'number' &&
    condition.observedGeneration === object.metadata?.generation
  );
}

/**
 * The fallback for kinds without a check of their own: the kstatus conventions
 * (sigs.k8s.io/cli-utils/pkg/kstatus) in Argo CD's vocabulary.
 *
 * - No status.conditions and no status.observedGeneration: no health (undefined), as Argo CD
 *   does for kinds it does not know (ConfigMap, Secret, Namespace, a CR without status).
 * - Stalled=True, else Ready=False: Degraded, even with Reconciling=True; while
 *   status.observedGeneration lags, only if the condition itself was set for the current
 *   generation (its own observedGeneration), as Flux advances status.observedGeneration only
 *   on success.
 * - status.observedGeneration differs from metadata.generation: Progressing.
 * - Reconciling=True: Progressing.
 * - Ready=True: Healthy; Ready=Unknown (or any other value): Progressing.
 * - Otherwise (conditions that say nothing about readiness): Healthy "Resource is current".
 *
 * Ready=False is Degraded, where kstatus says InProgress (and checks Reconciling=True first):
 * kstatus leaves failure to Stalled and to the caller's timeout, and we have no timeout. Flux,
 * for one, retries every transient failure (bad credentials, a missing source) with
 * Reconciling=True "ProgressingWithRetry" and Ready=False, so kstatus' order would show such a
 * resource as Progressing forever. A controller that is merely working says Ready=Unknown;
 * Argo CD's checks for condition-based resources (Flux, cert-manager) also call Ready=False
 * Degraded. No rule calls a resource that is not Ready Healthy.
 */
export const kstatusHealth: HealthCheck = object => {
  const status = object.status;
  const conditions = statusConditions(object);
  if (
    typeof status !== 'object' ||
    status === null ||
    (conditions.length === 0 && typeof status.observedGeneration !== 'number')
  ) {
    return undefined;
  }

  const failure =
    conditions.find(
      condition => condition.type === 'Stalled' && condition.status === 'True',
    ) ??
    conditions.find(
      condition => condition.type === 'Ready' && condition.status === 'False',
    );
  const notObserved = generationNotObserved(object);
  if (failure && (!notObserved || isCurrent(failure, object))) {
    return {
      status: 'Degraded',
      message: describeCondition(
        failure,
        `Resource is ${failure.type === 'Ready' ? 'not Ready' : 'stalled'}`,
      ),
    };
  }
  if (notObserved) {
    return notObserved;
  }

  const reconciling = conditions.find(
    condition =>
      condition.type === 'Reconciling' && condition.status === 'True',
  );
  if (reconciling) {
    return {
      status: 'Progressing',
      message: describeCondition(reconciling, 'Resource is being reconciled'),
    };
  }
  const ready = findCondition(conditions, 'Ready');
  if (ready?.status === 'True') {
    return { status: 'Healthy', message: 'Resource is Ready' };
  }
  if (ready) {
    return {
      status: 'Progressing',
      message: describeCondition(ready, 'Waiting for the resource to be Ready'),
    };
  }
  return { status: 'Healthy', message: 'Resource is current' };
};
