import { BUILT_IN_HEALTH_CHECKS } from './checks';
import { groupKind, groupKindKey } from './objectKey';
import {
  HealthCheck,
  HealthCheckRegistration,
  KubernetesObject,
  ResourceHealth,
} from './types';

/** The key of the fallback check for kinds without their own (the kstatus conventions). */
export const GENERIC = '*';

/**
 * Says how healthy a live object is.
 *
 * @public
 */
export interface ResourceHealthChecker {
  /** Undefined when the object's kind has no notion of health (ConfigMap, Secret, ...). */
  check(object: KubernetesObject | undefined): ResourceHealth | undefined;
}

/**
 * Health in Argo CD's vocabulary, in Argo CD's order of precedence: a missing object is Missing,
 * an object being deleted is Progressing, then the check registered for its group and kind
 * (added checks before built-in ones), then the kstatus conventions for any other kind that
 * reports conditions or an observed generation.
 *
 * @public
 */
export class DefaultResourceHealthChecker implements ResourceHealthChecker {
  static create(options?: {
    /** Checks that replace the built-in one for their group and kind, or add new kinds. */
    checks?: HealthCheckRegistration[];
  }): DefaultResourceHealthChecker {
    const checks = new Map<string, HealthCheck>();
    for (const { group, kind, check } of [
      ...BUILT_IN_HEALTH_CHECKS,
      ...(options?.checks ?? []),
    ]) {
      checks.set(groupKindKey(group, kind), check);
    }
    return new DefaultResourceHealthChecker(checks);
  }

  private constructor(private readonly checks: Map<string, HealthCheck>) {}

  check(object: KubernetesObject | undefined): ResourceHealth | undefined {
    if (!object) {
      return {
        status: 'Missing',
        message: 'The resource does not exist in the cluster',
      };
    }
    if (object.metadata?.deletionTimestamp) {
      return { status: 'Progressing', message: 'Pending deletion' };
    }
    const check = this.checks.get(groupKind(object));
    if (check) {
      return check(object);
    }
    return this.checks.get(GENERIC)?.(object);
  }
}
