import { HealthCheckRegistration } from '../types';

/** Health of workloads: Deployment, StatefulSet, DaemonSet, ReplicaSet, Pod, Job, CronJob. */
export const WORKLOAD_HEALTH_CHECKS: HealthCheckRegistration[] = [];
