/*
 * Service defaults: SetDefaults_Service (pkg/apis/core/v1/defaults.go) and what
 * the service registry writes on create (pkg/registry/core/service/storage:
 * normalizeClusterIPs, Allocators.initIPFamilyFields, allocClusterIPs and the
 * node port allocation), for a single-stack IPv4 cluster.
 */

import {
  defaultPointer,
  defaultString,
  ensureObject,
  isEmptyCollection,
  isEmptyString,
  isUnset,
  isZeroNumber,
  Obj,
  objectAt,
  objectsAt,
} from './util';

export interface ServiceAllocators {
  allocateClusterIP: () => string;
  allocateNodePort?: () => number;
}

/** The cluster's only service IP family (--service-cluster-ip-range is a single IPv4 range). */
const DEFAULT_IP_FAMILY = 'IPv4';
const DEFAULT_CLIENT_IP_TIMEOUT_SECONDS = 10800;

const familyOf = (ip: string) => (ip.includes(':') ? 'IPv6' : 'IPv4');

/** service.ExternallyAccessible: LoadBalancer, NodePort, or ClusterIP with external IPs. */
function externallyAccessible(spec: Obj): boolean {
  return (
    spec.type === 'LoadBalancer' ||
    spec.type === 'NodePort' ||
    (spec.type === 'ClusterIP' && !isEmptyCollection(spec.externalIPs))
  );
}

/** SetDefaults_Service. */
function setDefaultsService(service: Obj, spec: Obj) {
  defaultString(spec, 'sessionAffinity', 'None');
  if (spec.sessionAffinity === 'None') {
    delete spec.sessionAffinityConfig;
  } else if (spec.sessionAffinity === 'ClientIP') {
    const timeout = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
    if (isUnset(timeout)) {
      spec.sessionAffinityConfig = {
        clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_TIMEOUT_SECONDS },
      };
    }
  }
  defaultString(spec, 'type', 'ClusterIP');
  for (const port of objectsAt(spec, 'ports')) {
    defaultString(port, 'protocol', 'TCP');
    if (
      isUnset(port.targetPort) ||
      port.targetPort === 0 ||
      port.targetPort === ''
    ) {
      if (!isUnset(port.port)) port.targetPort = port.port;
    }
  }
  if (externallyAccessible(spec))
    defaultString(spec, 'externalTrafficPolicy', 'Cluster');
  if (['ClusterIP', 'NodePort', 'LoadBalancer'].includes(spec.type)) {
    defaultPointer(spec, 'internalTrafficPolicy', 'Cluster');
  }
  if (spec.type === 'LoadBalancer') {
    defaultPointer(spec, 'allocateLoadBalancerNodePorts', true);
    // status.loadBalancer.ingress[].ipMode defaults to VIP when an IP is set.
    for (const ingress of objectsAt(
      objectAt(objectAt(service, 'status'), 'loadBalancer'),
      'ingress',
    )) {
      if (!isEmptyString(ingress.ip)) defaultPointer(ingress, 'ipMode', 'VIP');
    }
  }
}

/** normalizeClusterIPs (create) and initIPFamilyFields. */
function initIPFamilyFields(spec: Obj) {
  if (!isEmptyString(spec.clusterIP) && isEmptyCollection(spec.clusterIPs)) {
    spec.clusterIPs = [spec.clusterIP];
  }
  if (spec.type === 'ExternalName') return;

  const headlessSelectorless =
    spec.clusterIP === 'None' && isEmptyCollection(spec.selector);
  if (isUnset(spec.ipFamilyPolicy)) {
    spec.ipFamilyPolicy = headlessSelectorless
      ? 'RequireDualStack'
      : 'SingleStack';
  }
  const families: string[] = Array.isArray(spec.ipFamilies)
    ? [...spec.ipFamilies]
    : [];
  const clusterIPs: unknown[] = Array.isArray(spec.clusterIPs)
    ? spec.clusterIPs
    : [];
  for (let i = 0; i < clusterIPs.length; i++) {
    const ip = clusterIPs[i];
    if (ip === 'None' || typeof ip !== 'string') break;
    if (i >= families.length) families.push(familyOf(ip));
  }
  if (headlessSelectorless) {
    if (families.length === 0) families.push(DEFAULT_IP_FAMILY);
    if (families.length < 2 && spec.ipFamilyPolicy !== 'SingleStack') {
      families.push(families[0] === 'IPv4' ? 'IPv6' : 'IPv4');
    }
  } else if (families.length === 0) {
    families.push(DEFAULT_IP_FAMILY);
  }
  spec.ipFamilies = families;
}

/** allocClusterIPs: headless and ExternalName services get none. */
function allocateClusterIPs(spec: Obj, allocators: ServiceAllocators) {
  if (spec.type === 'ExternalName') return;
  if (Array.isArray(spec.clusterIPs) && spec.clusterIPs[0] === 'None') return;
  const clusterIPs: string[] = Array.isArray(spec.clusterIPs)
    ? [...spec.clusterIPs]
    : [];
  const families: string[] = Array.isArray(spec.ipFamilies)
    ? spec.ipFamilies
    : [];
  // Only one family is configured: only the first slot is ever allocated here.
  if (families.length > 0 && isEmptyString(clusterIPs[0]))
    clusterIPs[0] = allocators.allocateClusterIP();
  if (clusterIPs.length === 0) return;
  spec.clusterIPs = clusterIPs;
  spec.clusterIP = clusterIPs[0];
}

/** initNodePorts / the health check node port. */
function allocateNodePorts(spec: Obj, allocators: ServiceAllocators) {
  const allocate = allocators.allocateNodePort;
  if (!allocate) return;
  const needsNodePorts =
    spec.type === 'NodePort' ||
    (spec.type === 'LoadBalancer' &&
      spec.allocateLoadBalancerNodePorts !== false);
  if (needsNodePorts) {
    const ports = objectsAt(spec, 'ports');
    for (const port of ports) {
      if (!isZeroNumber(port.nodePort)) continue;
      // Entries with the same port number (e.g. TCP and UDP) share one node
      // port, the one the user asked for on any of them if there is one.
      const requested = ports.find(
        p => p.port === port.port && !isZeroNumber(p.nodePort),
      );
      port.nodePort = requested ? requested.nodePort : allocate();
    }
  }
  if (
    spec.type === 'LoadBalancer' &&
    spec.externalTrafficPolicy === 'Local' &&
    isZeroNumber(spec.healthCheckNodePort)
  ) {
    spec.healthCheckNodePort = allocate();
  }
}

export function defaultService(service: Obj, allocators: ServiceAllocators) {
  const spec = ensureObject(service, 'spec');
  if (!spec) return;
  setDefaultsService(service, spec);
  initIPFamilyFields(spec);
  allocateClusterIPs(spec, allocators);
  allocateNodePorts(spec, allocators);
  // ServiceStatus.LoadBalancer is a struct: always written.
  const status = ensureObject(service, 'status');
  if (status) ensureObject(status, 'loadBalancer');
}
