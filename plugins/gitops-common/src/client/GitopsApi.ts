import {
  DeploymentHistoryResponse,
  DeploymentResourcesResponse,
  EntityStatusResponse,
  EnvironmentSummaryResponse,
  RefreshResponse,
  ResourceDiffResponse,
} from '../api';

/**
 * One deployment: a component in an environment on a cluster, by their entity refs.
 *
 * @public
 */
export interface GitopsDeploymentRef {
  entityRef: string;
  environmentRef: string;
  clusterRef: string;
}

/**
 * Which page of a deployment history to read.
 *
 * @public
 */
export interface GitopsHistoryRequest {
  entityRef: string;
  /** Only transitions in this environment. */
  environmentRef?: string;
  /** At most this many entries. */
  limit?: number;
  /** ISO 8601: only entries strictly older, to page back from the oldest entry shown. */
  before?: string;
  /** With `before`: entries at exactly that time are included when their id is smaller. */
  beforeId?: string;
}

/**
 * The Shipshape GitOps backend's REST API. Failed requests reject with a `ResponseError` from
 * `@backstage/errors` (status 403 when a permission is missing, 404 for unknown entities).
 *
 * @public
 */
export interface GitopsApi {
  /** Every deployment of a component, or every deployment in an Environment entity. */
  getStatus(request: { entityRef: string }): Promise<EntityStatusResponse>;
  /** The Kubernetes objects of one deployment. */
  getResources(
    request: GitopsDeploymentRef,
  ): Promise<DeploymentResourcesResponse>;
  /** One resource's field-level diff; `resource` is its `key`. */
  getDiff(
    request: GitopsDeploymentRef & { resource: string },
  ): Promise<ResourceDiffResponse>;
  /** Sync, health and revision transitions, newest first. */
  getHistory(request: GitopsHistoryRequest): Promise<DeploymentHistoryResponse>;
  /** Every deployment in an environment with their counts. */
  getEnvironment(request: {
    environmentRef: string;
  }): Promise<EnvironmentSummaryResponse>;
  /** Asks the reconciler to reconcile the entity's deployments now. */
  refresh(request: { entityRef: string }): Promise<RefreshResponse>;
}
