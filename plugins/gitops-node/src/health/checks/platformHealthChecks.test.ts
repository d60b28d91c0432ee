import {
  describeHealthCases,
  HealthCase,
} from '../__testUtils__/describeHealthCases';
/**
 * [file in ../testdata, expected status (undefined: no health), expected message]. Each file is
 * one object as the API server returns it; the comment names the upstream rule or case.
 */
const CASES: HealthCase[] = [
  // PersistentVolumeClaim: gitops-engine health_pvc.go (A12), kstatus messages.
  ['platform-pvc-bound.yaml', 'Healthy', 'PVC is Bound'],
  [
    'platform-pvc-pending.yaml',
    'Progressing',
    'PVC is not Bound. phase: Pending',
  ],
  ['platform-pvc-lost.yaml', 'Degraded', 'PVC is not Bound. phase: Lost'],

  // Service: health_service.go (A13); a LoadBalancer waits for an ingress address.
  ['platform-service-clusterip.yaml', 'Healthy', 'Service is ready'],
  [
    'platform-service-loadbalancer-pending.yaml',
    'Progressing',
    'Waiting for the load balancer to be assigned an address',
  ],
  [
    'platform-service-loadbalancer-ready.yaml',
    'Healthy',
    'Load balancer is ready: 203.0.113.24',
  ],

  // Ingress: health_ingress.go (A14).
  [
    'platform-ingress-unassigned.yaml',
    'Progressing',
    'Waiting for the ingress controller to assign an address',
  ],
  [
    'platform-ingress-assigned.yaml',
    'Healthy',
    'Ingress is ready: a3f1c9e07b2d44e8a6c1-1234567890.eu-west-1.elb.amazonaws.com',
  ],

  // HorizontalPodAutoscaler: health_hpa.go (A18, A20); v1 reads the conditions annotation.
  [
    'platform-hpa-v2-healthy.yaml',
    'Healthy',
    'recommended size matches current size',
  ],
  [
    'platform-hpa-v2-failed-get-scale.yaml',
    'Degraded',
    'the HPA controller was unable to get the target\'s current scale: deployments/scale.apps "recommendation" not found',
  ],
  // A failed metric after AbleToScale=True: Degraded wherever it is in the list.
  [
    'platform-hpa-v2-failed-metric.yaml',
    'Degraded',
    'the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container "istio-proxy" of Pod "checkout-7f9c6d5b8-x2kqp"',
  ],
  [
    'platform-hpa-v2-scaling-disabled.yaml',
    'Healthy',
    "the HPA controller was able to get the target's current scale",
  ],
  ['platform-hpa-v2-new.yaml', 'Progressing', 'Waiting to Autoscale'],
  [
    'platform-hpa-v1-healthy.yaml',
    'Healthy',
    'recommended size matches current size',
  ],
  [
    'platform-hpa-v1-failed-get-object-metric.yaml',
    'Degraded',
    'the HPA was unable to compute the replica count: unable to get metric requests_per_second: Ingress on shop orders-api/unable to fetch metrics from custom metrics API: the server could not find the metric requests_per_second for ingresses.networking.k8s.io orders-api',
  ],
  ['platform-hpa-v1-no-conditions.yaml', 'Progressing', 'Waiting to Autoscale'],

  // PodDisruptionBudget: policy/PodDisruptionBudget/health.lua.
  [
    'platform-pdb-sufficient-pods.yaml',
    'Healthy',
    'PodDisruptionBudget has SufficientPods',
  ],
  [
    'platform-pdb-insufficient-pods.yaml',
    'Healthy',
    'PodDisruptionBudget has InsufficientPods',
  ],
  [
    'platform-pdb-sync-failed.yaml',
    'Degraded',
    'PodDisruptionBudget has SyncFailed: found no controllers for pod "orders-db-restore"',
  ],
  ['platform-pdb-no-conditions.yaml', 'Progressing', 'Waiting for status'],

  // CustomResourceDefinition: kstatus (K25).
  ['platform-crd-established.yaml', 'Healthy', 'CRD is established'],
  ['platform-crd-installing.yaml', 'Progressing', 'Install in progress'],
  [
    'platform-crd-names-not-accepted.yaml',
    'Degraded',
    '"promo" is already in use',
  ],

  // Flux Kustomization: kustomize.toolkit.fluxcd.io/Kustomization/health.lua (L7..L9).
  [
    'platform-flux-kustomization-ready.yaml',
    'Healthy',
    'Applied revision: main@sha1:9d2c4e7a1b3f5d8c0e6a2b4f7c9d1e3a5b7c9e0f',
  ],
  [
    'platform-flux-kustomization-suspended.yaml',
    'Suspended',
    'Kustomization is suspended',
  ],
  [
    'platform-flux-kustomization-reconciling.yaml',
    'Progressing',
    'Reconciliation in progress',
  ],
  [
    'platform-flux-kustomization-artifact-failed.yaml',
    'Degraded',
    'GitRepository.source.toolkit.fluxcd.io "payments" not found',
  ],
  [
    'platform-flux-kustomization-generation-not-observed.yaml',
    'Progressing',
    'Kustomization generation is 5, but latest observed generation is 4',
  ],

  // Flux HelmRelease: helm.toolkit.fluxcd.io/HelmRelease/health.lua, Healthy on Ready=True.
  [
    'platform-flux-helmrelease-ready.yaml',
    'Healthy',
    'Helm test succeeded for release shop/recommendation.v3 with chart recommendation@2.4.1: 2 test hooks completed successfully',
  ],
  [
    'platform-flux-helmrelease-upgrade-failed.yaml',
    'Degraded',
    'Helm upgrade failed for release shop/checkout with chart checkout@1.8.2: cannot patch "checkout" with kind Deployment: admission webhook "validate.kyverno.svc-fail" denied the request: resource Deployment/shop/checkout was blocked due to the following policies: disallow-privilege-escalation',
  ],
  [
    'platform-flux-helmrelease-suspended.yaml',
    'Suspended',
    'HelmRelease is suspended',
  ],

  // cert-manager Certificate: cert-manager.io/Certificate/health.lua (L4..L6).
  [
    'platform-certificate-ready.yaml',
    'Healthy',
    'Certificate is up to date and has not expired',
  ],
  [
    'platform-certificate-issuing.yaml',
    'Progressing',
    'Issuing certificate as Secret does not exist',
  ],
  [
    'platform-certificate-failed.yaml',
    'Degraded',
    'Issuing certificate as Secret does not exist',
  ],

  // Argo Rollouts Rollout: argoproj.io/Rollout/health.lua (L10..L12).
  ['platform-rollout-healthy.yaml', 'Healthy', 'Rollout is healthy'],
  ['platform-rollout-paused.yaml', 'Suspended', 'CanaryPauseStep'],
  [
    'platform-rollout-aborted.yaml',
    'Degraded',
    'RolloutAborted: Rollout aborted update to revision 9: Metric "success-rate" assessed Failed due to failed (3) > failureLimit (2)',
  ],
  [
    'platform-rollout-generation-not-observed.yaml',
    'Progressing',
    'Waiting for rollout spec update to be observed',
  ],
  [
    'platform-rollout-legacy-progress-deadline.yaml',
    'Degraded',
    'ReplicaSet "billing-7c4b9e6d5f" has timed out progressing.',
  ],

  // Any other kind: the kstatus fallback (K22..K24); no status or conditions, no health.
  ['platform-configmap.yaml', undefined, undefined],
  ['platform-secret.yaml', undefined, undefined],
  ['platform-namespace.yaml', undefined, undefined],
  ['platform-externalsecret-ready.yaml', 'Healthy', 'Resource is Ready'],
  [
    'platform-externalsecret-sync-error.yaml',
    'Degraded',
    'could not get secret data from provider',
  ],
  [
    'platform-gitrepository-generation-not-observed.yaml',
    'Progressing',
    'GitRepository generation is 3, but latest observed generation is 2',
  ],
  // Flux retries a failure with Reconciling=True and Ready=False, observed for the latest
  // generation while status.observedGeneration lags: a failure, not progress.
  [
    'platform-gitrepository-auth-failed-retrying.yaml',
    'Degraded',
    "failed to checkout and determine revision: unable to clone 'ssh://git@github.com/example/platform.git': ssh: handshake failed: ssh: unable to authenticate, attempted methods [none publickey], no supported methods remain",
  ],
  // Config Sync reports kstatus Reconciling and Stalled, and no Ready condition.
  [
    'platform-rootsync-reconciling.yaml',
    'Progressing',
    'Deployment (config-management-system/root-reconciler) InProgress: Replicas: 0/1',
  ],
  [
    'platform-rootsync-stalled.yaml',
    'Degraded',
    'KNV1061: RootSyncs must specify spec.git.secretRef when spec.git.auth is "token"',
  ],
  [
    'platform-knative-service-ready-unknown.yaml',
    'Progressing',
    'Configuration "thumbnailer" is waiting for a Revision to become ready.',
  ],
  ['platform-gateway-programmed.yaml', 'Healthy', 'Resource is current'],
];

describeHealthCases('platform health checks', 'platform-', CASES);
