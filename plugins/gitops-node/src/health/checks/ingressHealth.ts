import { HealthCheck } from '../types';
import { loadBalancerAddresses } from './serviceHealth';

/**
 * Ingress (networking.k8s.io and the old extensions group), as gitops-engine's
 * health_ingress.go: Healthy once the ingress controller has published an address in
 * status.loadBalancer.ingress, Progressing until then.
 */
export const ingressHealth: HealthCheck = object => {
  const addresses = loadBalancerAddresses(object);
  if (addresses.length === 0) {
    return {
      status: 'Progressing',
      message: 'Waiting for the ingress controller to assign an address',
    };
  }
  return {
    status: 'Healthy',
    message: `Ingress is ready: ${addresses.join(', ')}`,
  };
};
