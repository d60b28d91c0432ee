import {
  DeploymentSyncStatus,
  HealthStatus,
  ResourceStatus,
} from '@shipshape/plugin-gitops-common';

/** Identifies a deployment: one component in one environment on one cluster. */
export interface DeploymentKey {
  entityRef: string;
  environmentRef: string;
  clusterRef: string;
}

/**
 * The reconciled state of one Kubernetes object of a deployment, as the API reports it plus what
 * the diff view needs. Secret values already masked.
 */
export interface ResourceResult extends Omit<ResourceStatus, 'updatedAt'> {
  /** Normalized desired object as YAML (masked); absent when not in Git. */
  desired?: string;
  /** Normalized live object as YAML (masked); absent when not live. */
  live?: string;
  /** Unified diff, empty when in sync. */
  diff: string;
}

/** The reconciled state of one deployment, as one reconcile computed it. */
export interface DeploymentResult extends DeploymentKey {
  namespace: string;
  sync: DeploymentSyncStatus;
  health: HealthStatus;
  reason?: string;
  revision?: string;
  resources: ResourceResult[];
  /** The resources could not be read (cluster unreachable): keep the stored ones as they are. */
  keepResources?: boolean;
}
