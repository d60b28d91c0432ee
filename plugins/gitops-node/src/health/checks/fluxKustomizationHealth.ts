import { HealthCheck, KubernetesObject, ResourceHealth } from '../types';
import {
  describeCondition,
  findCondition,
  generationNotObserved,
  statusConditions,
} from './kstatusHealth';

/**
 * The health of a Flux reconciler (Kustomization, HelmRelease), as Argo CD's Lua checks for
 * them: spec.suspend is Suspended "<Kind> is suspended"; no Ready condition is Progressing
 * "Status unknown"; Ready=Unknown with Reconciling=True is Progressing; Ready=True is Healthy;
 * anything else (Ready=False, even while retrying) is Degraded.
 *
 * Two additions: a Ready=True that is about an older generation (status.observedGeneration
 * behind metadata.generation) is Progressing, and the message is the Ready condition's message
 * (its reason when it has none), not only its reason.
 */
export function fluxReconcilerHealth(object: KubernetesObject): ResourceHealth {
  if (object.spec?.suspend === true) {
    return { status: 'Suspended', message: `${object.kind} is suspended` };
  }
  const conditions = statusConditions(object);
  const ready = findCondition(conditions, 'Ready');
  if (!ready) {
    return { status: 'Progressing', message: 'Status unknown' };
  }
  const message = describeCondition(ready, `${object.kind} is not Ready`);
  const reconciling = findCondition(conditions, 'Reconciling');
  if (ready.status === 'Unknown' && reconciling?.status === 'True') {
    return { status: 'Progressing', message };
  }
  if (ready.status === 'True') {
    return generationNotObserved(object) ?? { status: 'Healthy', message };
  }
  return { status: 'Degraded', message };
}

/** Flux Kustomization (kustomize.toolkit.fluxcd.io). */
export const fluxKustomizationHealth: HealthCheck = fluxReconcilerHealth;
