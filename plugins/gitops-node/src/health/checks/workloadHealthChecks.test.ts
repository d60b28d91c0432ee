import {
  describeHealthCases,
  HealthCase,
} from '../__testUtils__/describeHealthCases';
/**
 * One live object per file, as the API server returns it; the expected health follows Argo CD
 * (gitops-engine `pkg/health`, argo-cd `resource_customizations/batch/CronJob/health.lua`), with
 * Argo CD's messages where it has one and an actionable message where it has none.
 */
const CASES: HealthCase[] = [
  // Deployment
  [
    'workload-deployment-healthy.yaml',
    'Healthy',
    'Deployment "checkout" successfully rolled out: 3 of 3 replicas are available',
  ],
  ['workload-deployment-paused.yaml', 'Suspended', 'Deployment is paused'],
  [
    'workload-deployment-generation-not-observed.yaml',
    'Progressing',
    'Waiting for rollout to finish: observed deployment generation less than desired generation',
  ],
  [
    'workload-deployment-progress-deadline-exceeded.yaml',
    'Degraded',
    'Deployment "payments" exceeded its progress deadline',
  ],
  [
    'workload-deployment-rollout-in-progress.yaml',
    'Progressing',
    'Waiting for rollout to finish: 1 out of 3 new replicas have been updated...',
  ],
  [
    'workload-deployment-old-replicas-pending-termination.yaml',
    'Progressing',
    'Waiting for rollout to finish: 1 old replicas are pending termination...',
  ],
  [
    'workload-deployment-updated-replicas-unavailable.yaml',
    'Progressing',
    'Waiting for rollout to finish: 2 of 3 updated replicas are available...',
  ],

  // StatefulSet
  [
    'workload-statefulset-healthy.yaml',
    'Healthy',
    'partitioned roll out complete: 3 new pods have been updated...',
  ],
  [
    'workload-statefulset-generation-not-observed.yaml',
    'Progressing',
    'Waiting for statefulset spec update to be observed...',
  ],
  [
    'workload-statefulset-pods-not-ready.yaml',
    'Progressing',
    'Waiting for 2 pods to be ready...',
  ],
  [
    'workload-statefulset-rolling-update-in-progress.yaml',
    'Progressing',
    'Waiting for partitioned roll out to finish: 1 out of 3 new pods have been updated...',
  ],
  [
    'workload-statefulset-partition-rollout-pending.yaml',
    'Progressing',
    'Waiting for partitioned roll out to finish: 0 out of 1 new pods have been updated...',
  ],
  [
    'workload-statefulset-partition-rollout-complete.yaml',
    'Healthy',
    'partitioned roll out complete: 1 new pods have been updated...',
  ],
  [
    'workload-statefulset-ondelete.yaml',
    'Healthy',
    'statefulset has 3 ready pods',
  ],
  [
    'workload-statefulset-revision-mismatch.yaml',
    'Progressing',
    'waiting for statefulset rolling update to complete 2 pods at revision cart-redis-5b8d7c9f64...',
  ],
  [
    'workload-statefulset-rolling-update-complete.yaml',
    'Healthy',
    'statefulset rolling update complete 3 pods at revision cart-redis-5b8d7c9f64...',
  ],

  // DaemonSet
  [
    'workload-daemonset-healthy.yaml',
    'Healthy',
    'daemon set "fluent-bit" successfully rolled out: 3 of 3 pods are available',
  ],
  [
    'workload-daemonset-generation-not-observed.yaml',
    'Progressing',
    'Waiting for rollout to finish: observed daemon set generation less than desired generation',
  ],
  [
    'workload-daemonset-ondelete.yaml',
    'Healthy',
    'daemon set 0 out of 3 new pods have been updated',
  ],
  [
    'workload-daemonset-rollout-in-progress.yaml',
    'Progressing',
    'Waiting for daemon set "fluent-bit" rollout to finish: 1 out of 3 new pods have been updated...',
  ],
  [
    'workload-daemonset-pods-unavailable.yaml',
    'Progressing',
    'Waiting for daemon set "fluent-bit" rollout to finish: 2 of 3 updated pods are available...',
  ],

  // ReplicaSet
  [
    'workload-replicaset-healthy.yaml',
    'Healthy',
    'replica set "checkout-7d4b9c8f6d" has 3 of 3 replicas available',
  ],
  [
    'workload-replicaset-replica-failure.yaml',
    'Degraded',
    'pods "payments-5f7b8c9d44-6xwqp" is forbidden: exceeded quota: shop-dev-compute, requested: limits.memory=384Mi, used: limits.memory=1792Mi, limited: limits.memory=2Gi',
  ],
  [
    'workload-replicaset-replicas-unavailable.yaml',
    'Progressing',
    'Waiting for rollout to finish: 1 out of 3 new replicas are available...',
  ],

  // Pod
  ['workload-pod-running-ready.yaml', 'Healthy', 'Pod is running and ready'],
  [
    'workload-pod-running-not-ready.yaml',
    'Progressing',
    'Waiting for the pod to become ready: containers with unready status: [checkout]',
  ],
  [
    'workload-pod-crashloopbackoff.yaml',
    'Degraded',
    'back-off 2m40s restarting failed container=cart pod=cart-6b8f9d7c44-q9w2x_shop-dev(75846fa4-5dbb-414b-91e2-f5f9d7c4f7bc)',
  ],
  [
    'workload-pod-imagepullbackoff.yaml',
    'Degraded',
    'Back-off pulling image "registry.example.com/shop/checkout:2.6.0-rc1": ErrImagePull: rpc error: code = NotFound desc = failed to pull and unpack image "registry.example.com/shop/checkout:2.6.0-rc1": failed to resolve reference "registry.example.com/shop/checkout:2.6.0-rc1": registry.example.com/shop/checkout:2.6.0-rc1: not found',
  ],
  [
    'workload-pod-errimagepull-and-createcontainerconfigerror.yaml',
    'Degraded',
    'rpc error: code = Unknown desc = failed to pull and unpack image "registry.example.com/platform/cloudsql-proxy:2.11.9": failed to resolve reference "registry.example.com/platform/cloudsql-proxy:2.11.9": unexpected status from HEAD request to https://registry.example.com/v2/platform/cloudsql-proxy/manifests/2.11.9: 401 Unauthorized, secret "payments-db" not found',
  ],
  [
    'workload-pod-init-container-crashloopbackoff.yaml',
    'Degraded',
    'back-off 40s restarting failed container=migrate pod=orders-7b9d8c6f45-w4n8z_shop-dev(2907f30c-5381-4834-a418-b220ad37737d)',
  ],
  [
    'workload-pod-pending-unschedulable.yaml',
    'Progressing',
    'Pod is unschedulable: 0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
  ],
  [
    'workload-pod-restarted-not-ready.yaml',
    'Degraded',
    'container "search" has restarted 3 times and is not ready; it last exited with code 137 (OOMKilled)',
  ],
  [
    'workload-pod-evicted.yaml',
    'Degraded',
    'The node was low on resource: ephemeral-storage. Threshold quantity: 2120456010, available: 1843204Ki. Container storefront-web was using 3456012Ki, request is 0, has larger consumption of ephemeral-storage.',
  ],
  ['workload-pod-succeeded.yaml', 'Healthy', 'Pod completed successfully'],
  [
    'workload-pod-running-restart-never.yaml',
    'Progressing',
    'Pod is running; waiting for it to complete (restartPolicy Never)',
  ],
  [
    'workload-pod-failed-termination-message.yaml',
    'Degraded',
    'applying migration 0042_add_order_status_index.up.sql\nERROR: relation "order_items" does not exist (SQLSTATE 42P01)\n',
  ],
  [
    'workload-pod-failed-exit-code.yaml',
    'Degraded',
    'container "orders-report" failed with exit code 1',
  ],
  ['workload-pod-oomkilled.yaml', 'Degraded', 'OOMKilled'],
  ['workload-pod-pending-deletion.yaml', 'Progressing', 'Pending deletion'],

  // Job
  [
    'workload-job-complete.yaml',
    'Healthy',
    'Reached expected number of succeeded pods',
  ],
  [
    'workload-job-failed-backoff-limit.yaml',
    'Degraded',
    'Job has reached the specified backoff limit',
  ],
  [
    'workload-job-suspended.yaml',
    'Suspended',
    'Job is suspended; it runs once spec.suspend is set to false',
  ],
  [
    'workload-job-running.yaml',
    'Progressing',
    'Job is running: 1 active, 0 of 1 succeeded, 1 failed',
  ],
  [
    'workload-job-resumed.yaml',
    'Progressing',
    'Job is running: 1 active, 0 of 1 succeeded, 0 failed',
  ],

  // CronJob
  ['workload-cronjob-suspended.yaml', 'Healthy', 'CronJob is Suspended'],
  [
    'workload-cronjob-never-scheduled.yaml',
    'Healthy',
    'CronJob has not been scheduled yet',
  ],
  [
    'workload-cronjob-never-succeeded.yaml',
    'Healthy',
    'The CronJob never completed successfully. It may not be healthy',
  ],
  [
    'workload-cronjob-job-running.yaml',
    'Healthy',
    'The job is running. Its last execution may not have been successful',
  ],
  [
    'workload-cronjob-last-run-failed.yaml',
    'Degraded',
    'CronJob has not completed its last execution successfully',
  ],
  [
    'workload-cronjob-last-run-succeeded.yaml',
    'Healthy',
    'CronJob has completed its last execution successfully',
  ],
  ['workload-cronjob-no-status.yaml', 'Progressing', 'Waiting for CronJob'],
];

describeHealthCases('workload health checks', 'workload-', CASES);
