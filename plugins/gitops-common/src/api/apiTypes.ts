import { HealthStatus, SyncStatus } from '../status';

/**
 * Sync of a whole deployment: Synced when every resource is, OutOfSync when any is not, Unknown
 * when its cluster or its desired state could not be read (see `reason`).
 *
 * @public
 */
export type DeploymentSyncStatus = 'Synced' | 'OutOfSync' | 'Unknown';

/**
 * One component in one environment on one cluster, as the reconciler last saw it.
 *
 * @public
 */
export interface DeploymentStatus {
  entityRef: string;
  environmentRef: string;
  clusterRef: string;
  namespace: string;
  sync: DeploymentSyncStatus;
  health: HealthStatus;
  /** Why the status is Unknown or Degraded, in one sentence, when there is a reason to give. */
  reason?: string;
  /** The Git commit the desired state was read from. */
  revision?: string;
  /** A link to that commit, when the source is a hosted repository. */
  revisionUrl?: string;
  resourceCount: number;
  /** Resources that are not Synced (OutOfSync, Missing or Extraneous). */
  driftCount: number;
  /** ISO 8601: when `sync` last changed to its current value. */
  syncSince: string;
  /** ISO 8601: when `health` last changed to its current value. */
  healthSince: string;
  /** ISO 8601: when anything of this deployment last changed. */
  updatedAt: string;
}

/**
 * `GET /status?entityRef=`: every deployment of a component (or, for an Environment entity, every
 * deployment in it), with the worst sync and health over them.
 *
 * @public
 */
export interface EntityStatusResponse {
  entityRef: string;
  summary: {
    sync: DeploymentSyncStatus;
    health: HealthStatus;
  };
  deployments: DeploymentStatus[];
}

/**
 * One field that differs between Git and the cluster. Values of Secrets are replaced by a mask.
 *
 * @public
 */
export interface ResourceFieldChange {
  /** JSON pointer into the object, e.g. `/spec/replicas`. */
  path: string;
  desired?: unknown;
  live?: unknown;
}

/**
 * One Kubernetes object of a deployment.
 *
 * @public
 */
export interface ResourceStatus {
  /** Stable identity: `group/kind/namespace/name`. */
  key: string;
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  sync: SyncStatus;
  health?: { status: HealthStatus; message?: string };
  changes: ResourceFieldChange[];
  /** ISO 8601: when this resource's status last changed. */
  updatedAt: string;
}

/**
 * `GET /resources?entityRef=&environmentRef=&clusterRef=`.
 *
 * @public
 */
export interface DeploymentResourcesResponse {
  deployment: DeploymentStatus;
  resources: ResourceStatus[];
}

/**
 * `GET /diff?entityRef=&environmentRef=&clusterRef=&resource=`: one resource's field-level diff.
 * `desired` and `live` are the normalized objects as YAML (server-populated fields removed), with
 * Secret values masked; `diff` is a unified diff of them.
 *
 * @public
 */
export interface ResourceDiffResponse {
  resource: ResourceStatus;
  desired?: string;
  live?: string;
  diff: string;
}

/**
 * A transition of a deployment: its sync, its health or its revision changed.
 *
 * @public
 */
export interface DeploymentHistoryEntry {
  id: string;
  entityRef: string;
  environmentRef: string;
  clusterRef: string;
  field: 'sync' | 'health' | 'revision';
  from?: string;
  to: string;
  revision?: string;
  /** ISO 8601. */
  at: string;
}

/**
 * `GET /history?entityRef=[&environmentRef=][&limit=][&before=]`, newest first.
 *
 * @public
 */
export interface DeploymentHistoryResponse {
  items: DeploymentHistoryEntry[];
}

/**
 * `GET /environment?environmentRef=`: every deployment in an environment and their counts.
 *
 * @public
 */
export interface EnvironmentSummaryResponse {
  environmentRef: string;
  summary: {
    sync: DeploymentSyncStatus;
    health: HealthStatus;
    deployments: number;
    outOfSync: number;
    degraded: number;
  };
  deployments: DeploymentStatus[];
}

/**
 * `POST /refresh` with `{ entityRef }`: asks the reconciler to re-read Git and reconcile the
 * entity's deployments now. Answered 202 at once.
 *
 * @public
 */
export interface RefreshResponse {
  accepted: true;
}

/**
 * A refresh request for everything (e.g. after a push to the GitOps repository), as opposed to
 * one entity's.
 *
 * @public
 */
export const REFRESH_ALL = '*';
