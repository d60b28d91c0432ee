import { HealthCheck, KubernetesObject } from '../types';

/** The addresses (IP, else hostname) in status.loadBalancer.ingress of a Service or Ingress. */
export function loadBalancerAddresses(object: KubernetesObject): string[] {
  const ingress: unknown = object.status?.loadBalancer?.ingress;
  if (!Array.isArray(ingress)) {
    return [];
  }
  return ingress.map(entry => String(entry?.ip || entry?.hostname || '?'));
}

/**
 * Service (core/v1), as gitops-engine's health_service.go: a LoadBalancer is Healthy once it has
 * an ingress address and Progressing until then; every other type is Healthy.
 */
export const serviceHealth: HealthCheck = object => {
  if (object.spec?.type !== 'LoadBalancer') {
    return { status: 'Healthy', message: 'Service is ready' };
  }
  const addresses = loadBalancerAddresses(object);
  if (addresses.length === 0) {
    return {
      status: 'Progressing',
      message: 'Waiting for the load balancer to be assigned an address',
    };
  }
  return {
    status: 'Healthy',
    message: `Load balancer is ready: ${addresses.join(', ')}`,
  };
};
