import { HealthCheck } from '../types';
import { describeCondition, statusConditions } from './kstatusHealth';

/**
 * cert-manager Certificate (cert-manager.io), as Argo CD's cert-manager.io/Certificate/health.lua:
 * Issuing=True is Progressing (first, as the certificate is not Ready while it is issued); then
 * the first Ready condition: False is Degraded, True Healthy; otherwise Progressing
 * "Waiting for certificate". The message is the condition's.
 */
export const certificateHealth: HealthCheck = object => {
  const conditions = statusConditions(object);
  const issuing = conditions.find(
    condition => condition.type === 'Issuing' && condition.status === 'True',
  );
  if (issuing) {
    return {
      status: 'Progressing',
      message: describeCondition(issuing, 'Issuing certificate'),
    };
  }
  for (const condition of conditions) {
    if (condition.type === 'Ready' && condition.status === 'False') {
      return {
        status: 'Degraded',
        message: describeCondition(condition, 'Certificate is not Ready'),
      };
    }
    if (condition.type === 'Ready' && condition.status === 'True') {
      return {
        status: 'Healthy',
        message: describeCondition(condition, 'Certificate is Ready'),
      };
    }
  }
  return { status: 'Progressing', message: 'Waiting for certificate' };
};
