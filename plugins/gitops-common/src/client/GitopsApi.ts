import {
  ChangeRequest,
  ChangeRequestListResponse,
  DeploymentHistoryResponse,
  DeploymentResourcesResponse,
  EntityStatusResponse,
  EnvironmentSummaryResponse,
  PlanRequestBody,
  PlanResponse,
  RefreshResponse,
  RegisterChangeRequestBody,
  ResourceDiffResponse,
  TeamSummaryResponse,
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
 * Which change requests to list; every filter is optional.
 *
 * @public
 */
export interface GitopsChangeRequestsRequest {
  /** Only requests that change this component. */
  entityRef?: string;
  /** Only requests for this environment. */
  environmentRef?: string;
  /** Open requests (also with changes requested) that this group or user (or one of the user's groups) is asked to review. */
  awaitingApprovalBy?: string;
  /** `open` (default): requests not yet healthy, failed or closed; `all`: every one. */
  state?: 'open' | 'all';
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
  /**
   * Everything a group owns across environments: the services × environments matrix, counts,
   * change requests awaiting the group's approval and the dependants of degraded services.
   * `includeSubgroups` defaults to the backend's `gitops.teams.includeSubgroups`.
   */
  getTeamSummary(request: {
    groupRef: string;
    includeSubgroups?: boolean;
  }): Promise<TeamSummaryResponse>;
  /** Tracked change requests (pull requests on the GitOps repository), newest first. */
  listChangeRequests(
    request?: GitopsChangeRequestsRequest,
  ): Promise<ChangeRequestListResponse>;
  /** Starts tracking a pull request (404 when it does not exist). */
  registerChangeRequest(
    body: RegisterChangeRequestBody,
  ): Promise<ChangeRequest>;
  /** What applying manifests to a cluster would change, compared with live state. */
  plan(body: PlanRequestBody): Promise<PlanResponse>;
}
