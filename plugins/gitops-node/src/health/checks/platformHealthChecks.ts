import { HealthCheckRegistration } from '../types';
import { argoRolloutHealth } from './argoRolloutHealth';
import { certificateHealth } from './certificateHealth';
import { customResourceDefinitionHealth } from './customResourceDefinitionHealth';
import { fluxHelmReleaseHealth } from './fluxHelmReleaseHealth';
import { fluxKustomizationHealth } from './fluxKustomizationHealth';
import { horizontalPodAutoscalerHealth } from './horizontalPodAutoscalerHealth';
import { ingressHealth } from './ingressHealth';
import { kstatusHealth } from './kstatusHealth';
import { persistentVolumeClaimHealth } from './persistentVolumeClaimHealth';
import { podDisruptionBudgetHealth } from './podDisruptionBudgetHealth';
import { serviceHealth } from './serviceHealth';

/**
 * Health of networking, storage, autoscaling, policy and custom resources, and the kstatus
 * fallback (group '', kind '*') for kinds without a check of their own.
 */
export const PLATFORM_HEALTH_CHECKS: HealthCheckRegistration[] = [
  {
    group: '',
    kind: 'PersistentVolumeClaim',
    check: persistentVolumeClaimHealth,
  },
  { group: '', kind: 'Service', check: serviceHealth },
  { group: 'networking.k8s.io', kind: 'Ingress', check: ingressHealth },
  { group: 'extensions', kind: 'Ingress', check: ingressHealth },
  // autoscaling/v1 and autoscaling/v2 share this key; the check tells them apart by apiVersion.
  {
    group: 'autoscaling',
    kind: 'HorizontalPodAutoscaler',
    check: horizontalPodAutoscalerHealth,
  },
  {
    group: 'policy',
    kind: 'PodDisruptionBudget',
    check: podDisruptionBudgetHealth,
  },
  {
    group: 'apiextensions.k8s.io',
    kind: 'CustomResourceDefinition',
    check: customResourceDefinitionHealth,
  },
  {
    group: 'kustomize.toolkit.fluxcd.io',
    kind: 'Kustomization',
    check: fluxKustomizationHealth,
  },
  {
    group: 'helm.toolkit.fluxcd.io',
    kind: 'HelmRelease',
    check: fluxHelmReleaseHealth,
  },
  { group: 'cert-manager.io', kind: 'Certificate', check: certificateHealth },
  { group: 'argoproj.io', kind: 'Rollout', check: argoRolloutHealth },
  { group: '', kind: '*', check: kstatusHealth },
];
