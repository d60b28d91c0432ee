import { HealthCheck } from '../types';

/**
 * PersistentVolumeClaim (core/v1), as gitops-engine's health_pvc.go: Bound is Healthy, Pending
 * Progressing, Lost Degraded, any other phase Unknown. Messages are kstatus' (Argo CD has none).
 */
export const persistentVolumeClaimHealth: HealthCheck = object => {
  const phase: unknown = object.status?.phase;
  switch (phase) {
    case 'Bound':
      return { status: 'Healthy', message: 'PVC is Bound' };
    case 'Pending':
      return {
        status: 'Progressing',
        message: 'PVC is not Bound. phase: Pending',
      };
    case 'Lost':
      return { status: 'Degraded', message: 'PVC is not Bound. phase: Lost' };
    default:
      return {
        status: 'Unknown',
        message: `PVC is not Bound. phase: ${
          typeof phase === 'string' && phase ? phase : 'unknown'
        }`,
      };
  }
};
