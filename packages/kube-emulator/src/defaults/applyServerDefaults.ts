/*
 * The fields a real Kubernetes API server (v1.30 and later) fills in when it
 * writes an object, so that what the emulator stores and returns looks like
 * what a cluster returns. These are what make a naive diff between a manifest
 * and the live object report drift that is not there.
 *
 * Sources (k8s.io/kubernetes):
 * - the v1 defaulting functions: pkg/apis/{core,apps,batch,autoscaling,
 *   networking,rbac,storage,scheduling,admissionregistration}/v1{,v2}/defaults.go
 *   and apiextensions-apiserver's v1 defaults.go,
 *   and the generated zz_generated.defaults.go that decides where they run;
 * - the declarative defaults in k8s.io/api types (+default=...);
 * - the v1 conversions (PodSpec.serviceAccount, StatefulSet PVC templates'
 *   apiVersion/kind, the DaemonSet template generation annotation, Secret
 *   stringData);
 * - the registry strategies and admission plugins that run on every cluster
 *   (Service IP allocation, Job selector generation, Namespace finalizer, Pod
 *   status, the Priority, DefaultTolerationSeconds and ServiceAccount plugins);
 * - JSON serialization of the v1 Go types (structs are always written, so
 *   `resources: {}`, `creationTimestamp: null`, `divisor: "0"`, ...).
 *
 * Not here, because they need more than the object: metadata.uid,
 * resourceVersion, generation, creationTimestamp and managedFields (the store);
 * anything on update that depends on the stored object (a PUT without
 * clusterIP keeps the old one, the DaemonSet template generation moves, status
 * is kept); controller writes (the Deployment revision annotation, status);
 * the ServiceAccount plugin's token volume (its name is random); cluster
 * dependent admission (DefaultStorageClass, LimitRanger).
 */

import {
  defaultPodSpec,
  defaultPodTemplate,
  defaultPersistentVolumeClaimSpec,
  defaultTemplateMetadata,
  TemplateOptions,
} from './podSpec';
import {
  canonicalizeQuantity,
  canonicalizeResourceList,
  quantityNanos,
} from './quantity';
import { defaultService } from './service';
import {
  deepClone,
  defaultPointer,
  defaultString,
  ensureObject,
  isEmptyCollection,
  isEmptyString,
  isObject,
  isUnset,
  Obj,
  objectAt,
  objectsAt,
} from './util';

export interface ServerDefaultsContext {
  /** The API group of the object's kind ("" or "core" for the core group). */
  group: string;
  kind: string;
  /** Returns the next free IPv4 service cluster IP. */
  allocateClusterIP: () => string;
  /** Returns the next free node port; without it, NodePort and LoadBalancer Services get no node ports. */
  allocateNodePort?: () => number;
  /**
   * Serve as Kubernetes 1.34 and later, which omit the zero
   * `metadata.creationTimestamp` of embedded templates instead of writing
   * `creationTimestamp: null`. Defaults to false (1.30 - 1.33 behaviour).
   */
  omitNullCreationTimestamp?: boolean;
}

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** apps/v1 Deployment: SetDefaults_Deployment. */
function defaultDeployment(object: Obj, options: TemplateOptions) {
  const spec = ensureObject(object, 'spec');
  if (!spec) return;
  defaultPointer(spec, 'replicas', 1);
  const strategy = ensureObject(spec, 'strategy');
  if (strategy) {
    defaultString(strategy, 'type', 'RollingUpdate');
    if (strategy.type === 'RollingUpdate') {
      const rollingUpdate = ensureObject(strategy, 'rollingUpdate');
      if (rollingUpdate) {
        defaultPointer(rollingUpdate, 'maxUnavailable', '25%');
        defaultPointer(rollingUpdate, 'maxSurge', '25%');
      }
    }
  }
  defaultPointer(spec, 'revisionHistoryLimit', 10);
  defaultPointer(spec, 'progressDeadlineSeconds', 600);
  defaultPodTemplate(objectAt(spec, 'template'), options);
}

/** apps/v1 ReplicaSet: SetDefaults_ReplicaSet. */
function defaultReplicaSet(object: Obj, options: TemplateOptions) {
  const spec = ensureObject(object, 'spec');
  if (!spec) return;
  defaultPointer(spec, 'replicas', 1);
  defaultPodTemplate(objectAt(spec, 'template'), options);
}

/** A PersistentVolumeClaim, standalone or as a StatefulSet template. */
function defaultPersistentVolumeClaim(claim: Obj) {
  defaultPersistentVolumeClaimSpec(ensureObject(claim, 'spec'));
  const status = ensureObject(claim, 'status');
  if (status) {
    defaultString(status, 'phase', 'Pending');
    canonicalizeResourceList(status.capacity);
    canonicalizeResourceList(status.allocatedResources);
  }
}

/** apps/v1 StatefulSet: SetDefaults_StatefulSet, its PVC templates and their v1 conversion. */
function defaultStatefulSet(object: Obj, options: TemplateOptions) {
  const spec = ensureObject(object, 'spec');
  if (!spec) return;
  defaultString(spec, 'podManagementPolicy', 'OrderedReady');
  const updateStrategy = ensureObject(spec, 'updateStrategy');
  if (updateStrategy) {
    if (isEmptyString(updateStrategy.type)) {
      updateStrategy.type = 'RollingUpdate';
      defaultPointer(updateStrategy, 'rollingUpdate', {});
    }
    // Only an existing rollingUpdate gets a partition: `type: RollingUpdate` alone stays as it is.
    const rollingUpdate = objectAt(updateStrategy, 'rollingUpdate');
    if (updateStrategy.type === 'RollingUpdate' && rollingUpdate)
      defaultPointer(rollingUpdate, 'partition', 0);
  }
  const retention = ensureObject(spec, 'persistentVolumeClaimRetentionPolicy');
  if (retention) {
    defaultString(retention, 'whenDeleted', 'Retain');
    defaultString(retention, 'whenScaled', 'Retain');
  }
  defaultPointer(spec, 'replicas', 1);
  defaultPointer(spec, 'revisionHistoryLimit', 10);
  defaultPodTemplate(objectAt(spec, 'template'), options);
  for (const claim of objectsAt(spec, 'volumeClaimTemplates')) {
    // Convert_apps_StatefulSetSpec_To_v1_StatefulSetSpec sets these on every read.
    claim.apiVersion = 'v1';
    claim.kind = 'PersistentVolumeClaim';
    defaultTemplateMetadata(claim, options);
    defaultPersistentVolumeClaim(claim);
  }
}

const TEMPLATE_GENERATION_ANNOTATION =
  'deprecated.daemonset.template.generation';

/** apps/v1 DaemonSet: SetDefaults_DaemonSet and the template generation annotation. */
function defaultDaemonSet(object: Obj, options: TemplateOptions) {
  const spec = ensureObject(object, 'spec');
  if (!spec) return;
  const updateStrategy = ensureObject(spec, 'updateStrategy');
  if (updateStrategy) {
    defaultString(updateStrategy, 'type', 'RollingUpdate');
    if (updateStrategy.type === 'RollingUpdate') {
      const rollingUpdate = ensureObject(updateStrategy, 'rollingUpdate');
      if (rollingUpdate) {
        defaultPointer(rollingUpdate, 'maxUnavailable', 1);
        defaultPointer(rollingUpdate, 'maxSurge', 0);
      }
    }
  }
  defaultPointer(spec, 'revisionHistoryLimit', 10);
  defaultPodTemplate(objectAt(spec, 'template'), options);
  // The strategy starts spec.templateGeneration at 1 on create and the v1
  // conversion writes it as this annotation. (Bumping it when the template
  // changes needs the stored object; that is the caller's part.)
  const metadata = ensureObject(object, 'metadata');
  const annotations = metadata && ensureObject(metadata, 'annotations');
  if (annotations)
    defaultPointer(annotations, TEMPLATE_GENERATION_ANNOTATION, '1');
}

/** batch/v1 Job: SetDefaults_Job, then the selector the strategy generates, then defaulting on read. */
function defaultJob(object: Obj, options: TemplateOptions) {
  const spec = ensureObject(object, 'spec');
  if (!spec) return;
  if (isUnset(spec.completions) && isUnset(spec.parallelism)) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  defaultPointer(spec, 'parallelism', 1);
  defaultPointer(
    spec,
    'backoffLimit',
    isUnset(spec.backoffLimitPerIndex) ? 6 : 2147483647,
  );
  defaultPointer(spec, 'completionMode', 'NonIndexed');
  defaultPointer(spec, 'suspend', false);
  for (const rule of objectsAt(objectAt(spec, 'podFailurePolicy'), 'rules')) {
    for (const pattern of objectsAt(rule, 'onPodConditions'))
      defaultString(pattern, 'status', 'True');
  }
  defaultPointer(
    spec,
    'podReplacementPolicy',
    isUnset(spec.podFailurePolicy) ? 'TerminatingOrFailed' : 'Failed',
  );
  defaultPointer(spec, 'manualSelector', false);

  const template = objectAt(spec, 'template');
  defaultPodTemplate(template, options);

  // generateSelector (PrepareForCreate) needs the uid, which the store assigns;
  // it runs here whenever the object already carries one.
  const metadata = ensureObject(object, 'metadata');
  const templateMetadata = objectAt(template, 'metadata');
  if (!metadata || !templateMetadata) return;
  const uid = metadata.uid;
  if (spec.manualSelector !== true && typeof uid === 'string' && uid !== '') {
    const labels = ensureObject(templateMetadata, 'labels');
    if (labels) {
      defaultPointer(labels, 'job-name', metadata.name);
      defaultPointer(labels, 'batch.kubernetes.io/job-name', metadata.name);
      defaultPointer(labels, 'controller-uid', uid);
      defaultPointer(labels, 'batch.kubernetes.io/controller-uid', uid);
    }
    const selector = ensureObject(spec, 'selector');
    const matchLabels = selector && ensureObject(selector, 'matchLabels');
    if (matchLabels)
      defaultPointer(matchLabels, 'batch.kubernetes.io/controller-uid', uid);
  }
  // SetDefaults_Job: a Job without labels takes its pod template's labels.
  const templateLabels = objectAt(templateMetadata, 'labels');
  if (templateLabels && isEmptyCollection(metadata.labels))
    metadata.labels = { ...templateLabels };
}

/** batch/v1 CronJob: SetDefaults_CronJob. The job template's spec is not a Job: only its pod template is defaulted. */
function defaultCronJob(object: Obj, options: TemplateOptions) {
  const spec = ensureObject(object, 'spec');
  if (!spec) return;
  defaultString(spec, 'concurrencyPolicy', 'Allow');
  defaultPointer(spec, 'suspend', false);
  defaultPointer(spec, 'successfulJobsHistoryLimit', 3);
  defaultPointer(spec, 'failedJobsHistoryLimit', 1);
  const jobTemplate = objectAt(spec, 'jobTemplate');
  if (jobTemplate) {
    defaultTemplateMetadata(jobTemplate, options);
    defaultPodTemplate(
      objectAt(objectAt(jobTemplate, 'spec'), 'template'),
      options,
    );
  }
}

const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';
const DEFAULT_TOLERATION_SECONDS = 300;

/** The DefaultTolerationSeconds admission plugin. */
function defaultTolerations(spec: Obj) {
  const tolerations: Obj[] = objectsAt(spec, 'tolerations');
  const tolerates = (taint: string) =>
    tolerations.some(
      t =>
        (t.key === taint || isEmptyString(t.key)) &&
        (t.effect === 'NoExecute' || isEmptyString(t.effect)),
    );
  const added: Obj[] = [];
  for (const taint of [NOT_READY_TAINT, UNREACHABLE_TAINT]) {
    if (!tolerates(taint)) {
      added.push({
        key: taint,
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: DEFAULT_TOLERATION_SECONDS,
      });
    }
  }
  if (added.length > 0)
    spec.tolerations = [
      ...(Array.isArray(spec.tolerations) ? spec.tolerations : []),
      ...added,
    ];
}

/** GetPodQOS over the containers and init containers (cpu and memory only). */
function podQOSClass(spec: Obj): string {
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;
  const add = (into: Map<string, bigint>, name: string, value: bigint) =>
    into.set(name, (into.get(name) ?? 0n) + value);
  for (const container of [
    ...objectsAt(spec, 'containers'),
    ...objectsAt(spec, 'initContainers'),
  ]) {
    const resources = objectAt(container, 'resources');
    for (const [name, value] of Object.entries(
      objectAt(resources, 'requests') ?? {},
    )) {
      const nanos = quantityNanos(value);
      if (
        (name === 'cpu' || name === 'memory') &&
        nanos !== undefined &&
        nanos > 0n
      )
        add(requests, name, nanos);
    }
    const found = new Set<string>();
    for (const [name, value] of Object.entries(
      objectAt(resources, 'limits') ?? {},
    )) {
      const nanos = quantityNanos(value);
      if (
        (name === 'cpu' || name === 'memory') &&
        nanos !== undefined &&
        nanos > 0n
      ) {
        found.add(name);
        add(limits, name, nanos);
      }
    }
    if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, request] of requests) {
      if (limits.get(name) !== request) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size
    ? 'Guaranteed'
    : 'Burstable';
}

/** core/v1 Pod: SetDefaults_Pod and the PodSpec defaults, admission, and the status the strategy sets. */
function defaultPod(object: Obj, options: TemplateOptions) {
  const spec = ensureObject(object, 'spec');
  if (!spec) return;
  defaultPodSpec(spec, { ...options, isPod: true });

  // Admission plugins every cluster runs.
  // ServiceAccount: the "default" service account.
  if (isEmptyString(spec.serviceAccountName)) {
    spec.serviceAccountName = 'default';
    spec.serviceAccount = 'default';
  }
  // Priority: with no default PriorityClass, priority 0 and PreemptLowerPriority.
  if (isEmptyString(spec.priorityClassName)) {
    defaultPointer(spec, 'priority', 0);
    defaultPointer(spec, 'preemptionPolicy', 'PreemptLowerPriority');
  }
  defaultTolerations(spec);

  // podStrategy.PrepareForCreate: phase Pending and the QoS class.
  const status = ensureObject(object, 'status');
  if (status) {
    defaultString(status, 'phase', 'Pending');
    defaultString(status, 'qosClass', podQOSClass(spec));
  }
}

/** core/v1 Secret: SetDefaults_Secret, and stringData folded into data by the v1 conversion. */
function defaultSecret(object: Obj) {
  defaultString(object, 'type', 'Opaque');
  if (isObject(object.stringData)) {
    const entries = Object.entries(object.stringData);
    if (entries.length > 0) {
      const data = ensureObject(object, 'data');
      if (data) {
        for (const [key, value] of entries)
          data[key] = Buffer.from(String(value), 'utf8').toString('base64');
      }
    }
  }
  delete object.stringData;
}

/** core/v1 PersistentVolumeClaim, with the data source normalization of the PVC strategy. */
function defaultStandalonePersistentVolumeClaim(object: Obj) {
  defaultPersistentVolumeClaim(object);
  const spec = objectAt(object, 'spec');
  if (!spec) return;
  const dataSource = objectAt(spec, 'dataSource');
  const dataSourceRef = objectAt(spec, 'dataSourceRef');
  if (dataSource && isUnset(spec.dataSourceRef)) {
    spec.dataSourceRef = {
      ...(isUnset(dataSource.apiGroup)
        ? {}
        : { apiGroup: dataSource.apiGroup }),
      kind: dataSource.kind,
      name: dataSource.name,
    };
  } else if (
    dataSourceRef &&
    isUnset(spec.dataSource) &&
    isEmptyString(dataSourceRef.namespace)
  ) {
    spec.dataSource = {
      ...(isUnset(dataSourceRef.apiGroup)
        ? {}
        : { apiGroup: dataSourceRef.apiGroup }),
      kind: dataSourceRef.kind,
      name: dataSourceRef.name,
    };
  }
}

/** core/v1 PersistentVolume: SetDefaults_PersistentVolume. */
function defaultPersistentVolume(object: Obj) {
  const spec = ensureObject(object, 'spec');
  if (!spec) return;
  defaultString(spec, 'persistentVolumeReclaimPolicy', 'Retain');
  defaultPointer(spec, 'volumeMode', 'Filesystem');
  canonicalizeResourceList(spec.capacity);
  const hostPath = objectAt(spec, 'hostPath');
  if (hostPath) defaultPointer(hostPath, 'type', '');
  const status = ensureObject(object, 'status');
  if (status) defaultString(status, 'phase', 'Pending');
}

/** core/v1 ResourceQuota: its ResourceLists. */
function defaultResourceQuota(object: Obj) {
  canonicalizeResourceList(objectAt(object, 'spec')?.hard);
  const status = objectAt(object, 'status');
  canonicalizeResourceList(status?.hard);
  canonicalizeResourceList(status?.used);
}

/** core/v1 LimitRange: SetDefaults_LimitRangeItem and its ResourceLists. */
function defaultLimitRange(object: Obj) {
  for (const item of objectsAt(objectAt(object, 'spec'), 'limits')) {
    if (item.type === 'Container') {
      const defaults: Obj = isObject(item.default) ? { ...item.default } : {};
      const defaultRequests: Obj = isObject(item.defaultRequest)
        ? { ...item.defaultRequest }
        : {};
      for (const [name, value] of Object.entries(objectAt(item, 'max') ?? {}))
        if (!(name in defaults)) defaults[name] = value;
      for (const [name, value] of Object.entries(defaults))
        if (!(name in defaultRequests)) defaultRequests[name] = value;
      for (const [name, value] of Object.entries(objectAt(item, 'min') ?? {})) {
        if (!(name in defaultRequests)) defaultRequests[name] = value;
      }
      if (Object.keys(defaults).length > 0) item.default = defaults;
      if (Object.keys(defaultRequests).length > 0)
        item.defaultRequest = defaultRequests;
    }
    for (const list of [
      'max',
      'min',
      'default',
      'defaultRequest',
      'maxLimitRequestRatio',
    ])
      canonicalizeResourceList(item[list]);
  }
}

/** core/v1 Namespace: the name label (SetDefaults_Namespace), the kubernetes finalizer (strategy) and phase Active. */
function defaultNamespace(object: Obj) {
  const metadata = ensureObject(object, 'metadata');
  if (metadata && typeof metadata.name === 'string' && metadata.name !== '') {
    const labels = ensureObject(metadata, 'labels');
    if (labels) labels['kubernetes.io/metadata.name'] = metadata.name;
  }
  const spec = ensureObject(object, 'spec');
  if (spec) {
    const finalizers: unknown[] = Array.isArray(spec.finalizers)
      ? spec.finalizers
      : [];
    if (!finalizers.includes('kubernetes'))
      spec.finalizers = [...finalizers, 'kubernetes'];
  }
  const status = ensureObject(object, 'status');
  if (status) defaultString(status, 'phase', 'Active');
}

/** core/v1 ReplicationController: SetDefaults_ReplicationController and replicas (+default=1). */
function defaultReplicationController(object: Obj, options: TemplateOptions) {
  const spec = ensureObject(object, 'spec');
  if (!spec) return;
  const labels = objectAt(objectAt(spec.template, 'metadata'), 'labels');
  if (labels) {
    if (isEmptyCollection(spec.selector)) spec.selector = { ...labels };
    const metadata = ensureObject(object, 'metadata');
    if (metadata && isEmptyCollection(metadata.labels))
      metadata.labels = { ...labels };
  }
  defaultPointer(spec, 'replicas', 1);
  defaultPodTemplate(objectAt(spec, 'template'), options);
}

/** core/v1 Endpoints: SetDefaults_Endpoints. */
function defaultEndpoints(object: Obj) {
  for (const subset of objectsAt(object, 'subsets')) {
    for (const port of objectsAt(subset, 'ports'))
      defaultString(port, 'protocol', 'TCP');
  }
}

const HPA_SCALE_UP_RULES = () => ({
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
});
const HPA_SCALE_DOWN_RULES = () => ({
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
});

/** GenerateHPAScaleUpRules / GenerateHPAScaleDownRules: defaults under whatever the rules set. */
function hpaScalingRules(given: unknown, defaults: Obj): Obj {
  if (!isObject(given)) return defaults;
  const rules: Obj = { ...defaults };
  for (const key of [
    'selectPolicy',
    'stabilizationWindowSeconds',
    'policies',
    'tolerance',
  ]) {
    if (!isUnset(given[key])) rules[key] = given[key];
  }
  if (!isUnset(given.tolerance))
    rules.tolerance = canonicalizeQuantity(given.tolerance);
  return rules;
}

/** The Quantity fields of an autoscaling/v2 MetricTarget or MetricValueStatus. */
function canonicalizeMetricValues(target: Obj | undefined) {
  if (!target) return;
  for (const key of ['value', 'averageValue']) {
    if (!isUnset(target[key])) target[key] = canonicalizeQuantity(target[key]);
  }
}

/** autoscaling HorizontalPodAutoscaler: SetDefaults_HorizontalPodAutoscaler of v2 (or v1). */
function defaultHorizontalPodAutoscaler(object: Obj) {
  const spec = ensureObject(object, 'spec');
  if (!spec) return;
  defaultPointer(spec, 'minReplicas', 1);
  if (object.apiVersion === 'autoscaling/v1') return;
  if (isEmptyCollection(spec.metrics)) {
    spec.metrics = [
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          target: { type: 'Utilization', averageUtilization: 80 },
        },
      },
    ];
  }
  if (isObject(spec.behavior)) {
    spec.behavior.scaleUp = hpaScalingRules(
      spec.behavior.scaleUp,
      HPA_SCALE_UP_RULES(),
    );
    spec.behavior.scaleDown = hpaScalingRules(
      spec.behavior.scaleDown,
      HPA_SCALE_DOWN_RULES(),
    );
  }
  for (const metric of objectsAt(spec, 'metrics')) {
    for (const source of [
      'resource',
      'containerResource',
      'pods',
      'object',
      'external',
    ]) {
      canonicalizeMetricValues(objectAt(objectAt(metric, source), 'target'));
    }
  }
}

/** networking.k8s.io/v1 NetworkPolicy: SetDefaults_NetworkPolicy and SetDefaults_NetworkPolicyPort. */
function defaultNetworkPolicy(object: Obj) {
  const spec = ensureObject(object, 'spec');
  if (!spec) return;
  // podSelector is a struct: always written.
  defaultPointer(spec, 'podSelector', {});
  if (isEmptyCollection(spec.policyTypes)) {
    spec.policyTypes = isEmptyCollection(spec.egress)
      ? ['Ingress']
      : ['Ingress', 'Egress'];
  }
  for (const direction of ['ingress', 'egress']) {
    for (const rule of objectsAt(spec, direction)) {
      for (const port of objectsAt(rule, 'ports'))
        defaultPointer(port, 'protocol', 'TCP');
    }
  }
}

/** networking.k8s.io/v1 Ingress: the load balancer status struct is always written. */
function defaultIngress(object: Obj) {
  const status = ensureObject(object, 'status');
  if (status) ensureObject(status, 'loadBalancer');
}

/** networking.k8s.io/v1 IngressClass: SetDefaults_IngressClass. */
function defaultIngressClass(object: Obj) {
  const parameters = objectAt(objectAt(object, 'spec'), 'parameters');
  if (parameters) defaultPointer(parameters, 'scope', 'Cluster');
}

/** rbac.authorization.k8s.io/v1 RoleBinding / ClusterRoleBinding: SetDefaults_*Binding and SetDefaults_Subject. */
function defaultRoleBinding(object: Obj) {
  const roleRef = objectAt(object, 'roleRef');
  if (roleRef) defaultString(roleRef, 'apiGroup', RBAC_GROUP);
  for (const subject of objectsAt(object, 'subjects')) {
    if (
      isEmptyString(subject.apiGroup) &&
      (subject.kind === 'User' || subject.kind === 'Group')
    ) {
      subject.apiGroup = RBAC_GROUP;
    }
  }
}

/** admissionregistration.k8s.io/v1 webhook configurations. */
function defaultWebhookConfiguration(object: Obj, mutating: boolean) {
  for (const webhook of objectsAt(object, 'webhooks')) {
    defaultPointer(webhook, 'failurePolicy', 'Fail');
    defaultPointer(webhook, 'matchPolicy', 'Equivalent');
    defaultPointer(webhook, 'namespaceSelector', {});
    defaultPointer(webhook, 'objectSelector', {});
    defaultPointer(webhook, 'timeoutSeconds', 10);
    if (mutating) defaultPointer(webhook, 'reinvocationPolicy', 'Never');
    for (const rule of objectsAt(webhook, 'rules'))
      defaultPointer(rule, 'scope', '*');
    const service = objectAt(objectAt(webhook, 'clientConfig'), 'service');
    if (service) defaultPointer(service, 'port', 443);
  }
}

/** storage.k8s.io/v1 StorageClass: SetDefaults_StorageClass. */
function defaultStorageClass(object: Obj) {
  defaultPointer(object, 'reclaimPolicy', 'Delete');
  defaultPointer(object, 'volumeBindingMode', 'Immediate');
}

/** scheduling.k8s.io/v1 PriorityClass: SetDefaults_PriorityClass. */
function defaultPriorityClass(object: Obj) {
  defaultPointer(object, 'preemptionPolicy', 'PreemptLowerPriority');
}

/** apiextensions.k8s.io/v1 CustomResourceDefinition: SetDefaults_CustomResourceDefinitionSpec and the webhook port. */
function defaultCustomResourceDefinition(object: Obj) {
  const spec = ensureObject(object, 'spec');
  if (!spec) return;
  const names = objectAt(spec, 'names');
  if (names) {
    if (isEmptyString(names.singular) && typeof names.kind === 'string') {
      names.singular = names.kind.toLowerCase();
    }
    if (isEmptyString(names.listKind) && !isEmptyString(names.kind)) {
      names.listKind = `${names.kind}List`;
    }
  }
  defaultPointer(spec, 'conversion', { strategy: 'None' });
  const service = objectAt(
    objectAt(objectAt(objectAt(spec, 'conversion'), 'webhook'), 'clientConfig'),
    'service',
  );
  if (service) defaultPointer(service, 'port', 443);
}

/**
 * Returns a copy of `object` with the fields the API server would have
 * written on create or update; `object` itself is not changed. Explicit
 * values are kept, except where the server itself rewrites them (quantities
 * are canonicalized, Secret stringData is folded into data, PodSpec
 * serviceAccount mirrors serviceAccountName, a Service with sessionAffinity
 * None loses sessionAffinityConfig, a Namespace's name label is reset, PVC
 * templates of a StatefulSet get apiVersion v1 / kind PersistentVolumeClaim).
 */
export function applyServerDefaults(
  object: Record<string, any>,
  context: ServerDefaultsContext,
): Record<string, any> {
  const result = deepClone(object);
  if (!isObject(result)) return result;
  const options: TemplateOptions = {
    omitNullCreationTimestamp: context.omitNullCreationTimestamp,
  };
  const group = context.group === 'core' ? '' : context.group;

  switch (`${group}/${context.kind}`) {
    case '/Pod':
      defaultPod(result, options);
      break;
    case '/PodTemplate':
      defaultPodTemplate(objectAt(result, 'template'), options);
      break;
    case '/ReplicationController':
      defaultReplicationController(result, options);
      break;
    case '/Service':
      defaultService(result, context);
      break;
    case '/Secret':
      defaultSecret(result);
      break;
    case '/PersistentVolumeClaim':
      defaultStandalonePersistentVolumeClaim(result);
      break;
    case '/PersistentVolume':
      defaultPersistentVolume(result);
      break;
    case '/ResourceQuota':
      defaultResourceQuota(result);
      break;
    case '/LimitRange':
      defaultLimitRange(result);
      break;
    case '/Namespace':
      defaultNamespace(result);
      break;
    case '/Endpoints':
      defaultEndpoints(result);
      break;
    case 'apps/Deployment':
      defaultDeployment(result, options);
      break;
    case 'apps/ReplicaSet':
      defaultReplicaSet(result, options);
      break;
    case 'apps/StatefulSet':
      defaultStatefulSet(result, options);
      break;
    case 'apps/DaemonSet':
      defaultDaemonSet(result, options);
      break;
    case 'batch/Job':
      defaultJob(result, options);
      break;
    case 'batch/CronJob':
      defaultCronJob(result, options);
      break;
    case 'autoscaling/HorizontalPodAutoscaler':
      defaultHorizontalPodAutoscaler(result);
      break;
    case 'networking.k8s.io/NetworkPolicy':
      defaultNetworkPolicy(result);
      break;
    case 'networking.k8s.io/Ingress':
      defaultIngress(result);
      break;
    case 'networking.k8s.io/IngressClass':
      defaultIngressClass(result);
      break;
    case `${RBAC_GROUP}/RoleBinding`:
    case `${RBAC_GROUP}/ClusterRoleBinding`:
      defaultRoleBinding(result);
      break;
    case 'admissionregistration.k8s.io/ValidatingWebhookConfiguration':
      defaultWebhookConfiguration(result, false);
      break;
    case 'admissionregistration.k8s.io/MutatingWebhookConfiguration':
      defaultWebhookConfiguration(result, true);
      break;
    case 'storage.k8s.io/StorageClass':
      defaultStorageClass(result);
      break;
    case 'apiextensions.k8s.io/CustomResourceDefinition':
      defaultCustomResourceDefinition(result);
      break;
    case 'scheduling.k8s.io/PriorityClass':
      defaultPriorityClass(result);
      break;
    default:
      break;
  }
  return result;
}
