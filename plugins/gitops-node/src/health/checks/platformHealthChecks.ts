import { HealthCheckRegistration } from '../types';

/**
 * Health of networking, storage, autoscaling, policy and custom resources, and the kstatus
 * fallback (group '', kind '*') for kinds without a check of their own.
 */
export const PLATFORM_HEALTH_CHECKS: HealthCheckRegistration[] = [];
