import { HealthCheckRegistration } from '../types';
import { PLATFORM_HEALTH_CHECKS } from './platformHealthChecks';
import { WORKLOAD_HEALTH_CHECKS } from './workloadHealthChecks';

/** Every built-in health check; the one registered as group '' and kind '*' is the fallback. */
export const BUILT_IN_HEALTH_CHECKS: HealthCheckRegistration[] = [
  ...WORKLOAD_HEALTH_CHECKS,
  ...PLATFORM_HEALTH_CHECKS,
];
