import { HealthCheckRegistration } from '../types';
import { cronJobHealth } from './cronJobHealth';
import { daemonSetHealth } from './daemonSetHealth';
import { deploymentHealth } from './deploymentHealth';
import { jobHealth } from './jobHealth';
import { podHealth } from './podHealth';
import { replicaSetHealth } from './replicaSetHealth';
import { statefulSetHealth } from './statefulSetHealth';

/** Health of workloads: Deployment, StatefulSet, DaemonSet, ReplicaSet, Pod, Job, CronJob. */
export const WORKLOAD_HEALTH_CHECKS: HealthCheckRegistration[] = [
  { group: 'apps', kind: 'Deployment', check: deploymentHealth },
  { group: 'apps', kind: 'StatefulSet', check: statefulSetHealth },
  { group: 'apps', kind: 'DaemonSet', check: daemonSetHealth },
  { group: 'apps', kind: 'ReplicaSet', check: replicaSetHealth },
  { group: '', kind: 'Pod', check: podHealth },
  { group: 'batch', kind: 'Job', check: jobHealth },
  { group: 'batch', kind: 'CronJob', check: cronJobHealth },
];
