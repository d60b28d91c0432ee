/*
 * Defaults for pod specs and the things inside them, after
 * k8s.io/kubernetes pkg/apis/core/v1/defaults.go (and the generated
 * zz_generated.defaults.go that decides where each function runs), the
 * v1 <-> internal PodSpec conversion, and JSON serialization of the v1 types.
 */

import { defaultPullPolicy } from './imageReference';
import { canonicalizeQuantity, canonicalizeResourceList } from './quantity';
import {
  defaultNumber,
  defaultPointer,
  defaultString,
  ensureObject,
  isEmptyString,
  isObject,
  isUnset,
  Obj,
  objectAt,
  objectsAt,
} from './util';

export interface TemplateOptions {
  /**
   * Kubernetes 1.34 and later omit a zero metadata.creationTimestamp instead of
   * writing `creationTimestamp: null` (kubernetes/kubernetes#130989).
   */
  omitNullCreationTimestamp?: boolean;
}

/**
 * The metadata of an embedded template (pod template, job template, PVC
 * template): ObjectMeta is a struct, so it is always written, and its zero
 * CreationTimestamp is written as null.
 */
export function defaultTemplateMetadata(
  template: Obj,
  options: TemplateOptions,
) {
  const metadata = ensureObject(template, 'metadata');
  if (!metadata || options.omitNullCreationTimestamp) return;
  if (!('creationTimestamp' in metadata)) metadata.creationTimestamp = null;
}

/** Resource requirements of a container or pod: a struct (always written) holding two ResourceLists. */
function defaultResourceRequirements(
  owner: Obj,
  key: string,
  alwaysPresent: boolean,
) {
  if (isUnset(owner[key]) && !alwaysPresent) return;
  const resources = ensureObject(owner, key);
  if (!resources) return;
  for (const list of ['limits', 'requests']) {
    if (isUnset(resources[list])) {
      delete resources[list];
      continue;
    }
    canonicalizeResourceList(resources[list]);
    // An empty map is omitted (omitempty).
    if (isObject(resources[list]) && Object.keys(resources[list]).length === 0)
      delete resources[list];
  }
}

/** SetDefaults_ObjectFieldSelector. */
function defaultFieldRef(owner: Obj | undefined) {
  const fieldRef = objectAt(owner, 'fieldRef');
  if (fieldRef) defaultString(fieldRef, 'apiVersion', 'v1');
}

/** ResourceFieldSelector.divisor is a Quantity struct: its zero value is written as "0". */
function defaultResourceFieldRef(owner: Obj | undefined) {
  const resourceFieldRef = objectAt(owner, 'resourceFieldRef');
  if (!resourceFieldRef) return;
  resourceFieldRef.divisor = isUnset(resourceFieldRef.divisor)
    ? '0'
    : canonicalizeQuantity(resourceFieldRef.divisor);
}

/** SetDefaults_HTTPGetAction. */
function defaultHTTPGet(handler: Obj | undefined) {
  const httpGet = objectAt(handler, 'httpGet');
  if (!httpGet) return;
  defaultString(httpGet, 'path', '/');
  defaultString(httpGet, 'scheme', 'HTTP');
}

/** SetDefaults_Probe, its HTTPGetAction, and GRPCAction.service (+default=""). */
function defaultProbe(probe: Obj | undefined) {
  if (!probe) return;
  defaultNumber(probe, 'timeoutSeconds', 1);
  defaultNumber(probe, 'periodSeconds', 10);
  defaultNumber(probe, 'successThreshold', 1);
  defaultNumber(probe, 'failureThreshold', 3);
  defaultHTTPGet(probe);
  const grpc = objectAt(probe, 'grpc');
  if (grpc) defaultPointer(grpc, 'service', '');
}

/** SetDefaults_Container plus the defaults of everything a container holds. */
function defaultContainer(container: Obj) {
  if (isEmptyString(container.imagePullPolicy))
    container.imagePullPolicy = defaultPullPolicy(container.image);
  defaultString(container, 'terminationMessagePath', '/dev/termination-log');
  defaultString(container, 'terminationMessagePolicy', 'File');
  for (const port of objectsAt(container, 'ports'))
    defaultString(port, 'protocol', 'TCP');
  for (const env of objectsAt(container, 'env')) {
    const valueFrom = objectAt(env, 'valueFrom');
    defaultFieldRef(valueFrom);
    defaultResourceFieldRef(valueFrom);
  }
  defaultResourceRequirements(container, 'resources', true);
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'])
    defaultProbe(objectAt(container, probe));
  const lifecycle = objectAt(container, 'lifecycle');
  defaultHTTPGet(objectAt(lifecycle, 'postStart'));
  defaultHTTPGet(objectAt(lifecycle, 'preStop'));
}

/** The keys of a Volume that are not a volume source. */
const VOLUME_NON_SOURCE_KEYS = new Set(['name']);

/** PersistentVolumeClaimSpec defaults, shared by PVCs, PVC templates and ephemeral volumes. */
export function defaultPersistentVolumeClaimSpec(spec: Obj | undefined) {
  if (!spec) return;
  defaultPointer(spec, 'volumeMode', 'Filesystem');
  // VolumeResourceRequirements is a struct: always written.
  defaultResourceRequirements(spec, 'resources', true);
}

/** SetDefaults_Volume and the defaults of each volume source. */
function defaultVolume(volume: Obj, options: TemplateOptions) {
  const hasSource = Object.entries(volume).some(
    ([key, value]) => !VOLUME_NON_SOURCE_KEYS.has(key) && !isUnset(value),
  );
  if (!hasSource) volume.emptyDir = {};

  const emptyDir = objectAt(volume, 'emptyDir');
  if (emptyDir && !isUnset(emptyDir.sizeLimit))
    emptyDir.sizeLimit = canonicalizeQuantity(emptyDir.sizeLimit);

  const hostPath = objectAt(volume, 'hostPath');
  if (hostPath) defaultPointer(hostPath, 'type', '');

  for (const source of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const value = objectAt(volume, source);
    if (value) defaultPointer(value, 'defaultMode', 420);
  }
  for (const item of objectsAt(objectAt(volume, 'downwardAPI'), 'items')) {
    defaultFieldRef(item);
    defaultResourceFieldRef(item);
  }
  for (const source of objectsAt(objectAt(volume, 'projected'), 'sources')) {
    for (const item of objectsAt(objectAt(source, 'downwardAPI'), 'items')) {
      defaultFieldRef(item);
      defaultResourceFieldRef(item);
    }
    const token = objectAt(source, 'serviceAccountToken');
    if (token) defaultPointer(token, 'expirationSeconds', 3600);
  }

  const iscsi = objectAt(volume, 'iscsi');
  if (iscsi) defaultString(iscsi, 'iscsiInterface', 'default');
  const rbd = objectAt(volume, 'rbd');
  if (rbd) {
    defaultString(rbd, 'pool', 'rbd');
    defaultString(rbd, 'user', 'admin');
    defaultString(rbd, 'keyring', '/etc/ceph/keyring');
  }
  const azureDisk = objectAt(volume, 'azureDisk');
  if (azureDisk) {
    defaultPointer(azureDisk, 'cachingMode', 'ReadWrite');
    defaultPointer(azureDisk, 'kind', 'Shared');
    defaultPointer(azureDisk, 'fsType', 'ext4');
    defaultPointer(azureDisk, 'readOnly', false);
  }
  const scaleIO = objectAt(volume, 'scaleIO');
  if (scaleIO) {
    defaultString(scaleIO, 'storageMode', 'ThinProvisioned');
    defaultString(scaleIO, 'fsType', 'xfs');
  }
  const image = objectAt(volume, 'image');
  if (image && isEmptyString(image.pullPolicy))
    image.pullPolicy = defaultPullPolicy(image.reference);

  const claimTemplate = objectAt(
    objectAt(volume, 'ephemeral'),
    'volumeClaimTemplate',
  );
  if (claimTemplate) {
    defaultTemplateMetadata(claimTemplate, options);
    defaultPersistentVolumeClaimSpec(ensureObject(claimTemplate, 'spec'));
  }
}

export interface PodSpecOptions extends TemplateOptions {
  /** SetDefaults_Pod runs only for Pod objects, not for pod templates. */
  isPod?: boolean;
}

/** Containers' requests default to their limits (SetDefaults_Pod; Pods only, not templates). */
function defaultRequestsFromLimits(container: Obj) {
  const resources = objectAt(container, 'resources');
  const limits = objectAt(resources, 'limits');
  if (!resources || !limits) return;
  const requests = ensureObject(resources, 'requests');
  if (!requests) return;
  for (const [name, value] of Object.entries(limits)) {
    if (!(name in requests)) requests[name] = value;
  }
}

/** With hostNetwork, container ports default hostPort to containerPort (SetDefaults_Pod). */
function defaultHostNetworkPorts(container: Obj) {
  for (const port of objectsAt(container, 'ports')) {
    if (
      port.hostPort === undefined ||
      port.hostPort === null ||
      port.hostPort === 0
    ) {
      port.hostPort = port.containerPort;
    }
  }
}

/** Defaults of a PodSpec, wherever it appears. */
export function defaultPodSpec(spec: Obj, options: PodSpecOptions = {}) {
  if (options.isPod) {
    for (const key of ['containers', 'initContainers']) {
      for (const container of objectsAt(spec, key))
        defaultRequestsFromLimits(container);
    }
    defaultPointer(spec, 'enableServiceLinks', true);
    if (spec.hostNetwork === true) {
      for (const key of ['containers', 'initContainers']) {
        for (const container of objectsAt(spec, key))
          defaultHostNetworkPorts(container);
      }
    }
  }

  // SetDefaults_PodSpec
  defaultString(spec, 'dnsPolicy', 'ClusterFirst');
  defaultString(spec, 'restartPolicy', 'Always');
  defaultPointer(spec, 'securityContext', {});
  defaultPointer(spec, 'terminationGracePeriodSeconds', 30);
  defaultString(spec, 'schedulerName', 'default-scheduler');

  // serviceAccount is a deprecated alias of serviceAccountName: read when the
  // new field is empty, and always written back from it.
  if (
    isEmptyString(spec.serviceAccountName) &&
    !isEmptyString(spec.serviceAccount)
  ) {
    spec.serviceAccountName = spec.serviceAccount;
  }
  if (!isEmptyString(spec.serviceAccountName))
    spec.serviceAccount = spec.serviceAccountName;

  for (const volume of objectsAt(spec, 'volumes'))
    defaultVolume(volume, options);
  for (const key of ['initContainers', 'containers', 'ephemeralContainers']) {
    for (const container of objectsAt(spec, key)) defaultContainer(container);
  }
  canonicalizeResourceList(spec.overhead);
  defaultResourceRequirements(spec, 'resources', false);
}

/** A PodTemplateSpec: its metadata and its pod spec. */
export function defaultPodTemplate(
  template: Obj | undefined,
  options: TemplateOptions,
) {
  if (!template) return;
  defaultTemplateMetadata(template, options);
  const spec = objectAt(template, 'spec');
  if (spec) defaultPodSpec(spec, options);
}
