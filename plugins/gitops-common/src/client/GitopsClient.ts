import { ResponseError } from '@backstage/errors';
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
import {
  GitopsApi,
  GitopsChangeRequestsRequest,
  GitopsDeploymentRef,
  GitopsHistoryRequest,
} from './GitopsApi';

type Query = Record<string, string | number | undefined>;

/**
 * Where the backend is and how to call it: Backstage's DiscoveryApi and FetchApi (frontend) or
 * DiscoveryService and a fetch with a token (backend) both fit.
 *
 * @public
 */
export interface GitopsClientOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  /** Default: the global fetch (no Backstage token is added). */
  fetchApi?: { fetch: typeof fetch };
}

/**
 * The {@link GitopsApi} over HTTP, with the user's Backstage token (through the fetch API).
 *
 * @public
 */
export class GitopsClient implements GitopsApi {
  private readonly discoveryApi: GitopsClientOptions['discoveryApi'];
  private readonly fetchApi: { fetch: typeof fetch };

  constructor(options: GitopsClientOptions) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi ?? { fetch: (...args) => fetch(...args) };
  }

  getStatus(request: { entityRef: string }): Promise<EntityStatusResponse> {
    return this.get('/status', { entityRef: request.entityRef });
  }

  getResources(
    request: GitopsDeploymentRef,
  ): Promise<DeploymentResourcesResponse> {
    return this.get('/resources', deploymentQuery(request));
  }

  getDiff(
    request: GitopsDeploymentRef & { resource: string },
  ): Promise<ResourceDiffResponse> {
    return this.get('/diff', {
      ...deploymentQuery(request),
      resource: request.resource,
    });
  }

  getHistory(
    request: GitopsHistoryRequest,
  ): Promise<DeploymentHistoryResponse> {
    return this.get('/history', {
      entityRef: request.entityRef,
      environmentRef: request.environmentRef,
      limit: request.limit,
      before: request.before,
      beforeId: request.beforeId,
    });
  }

  getEnvironment(request: {
    environmentRef: string;
  }): Promise<EnvironmentSummaryResponse> {
    return this.get('/environment', { environmentRef: request.environmentRef });
  }

  async refresh(request: { entityRef: string }): Promise<RefreshResponse> {
    const response = await this.fetchApi.fetch(await this.url('/refresh'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ entityRef: request.entityRef }),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as RefreshResponse;
  }

  getTeamSummary(request: {
    groupRef: string;
    includeSubgroups?: boolean;
  }): Promise<TeamSummaryResponse> {
    return this.get('/team-summary', {
      groupRef: request.groupRef,
      includeSubgroups:
        request.includeSubgroups === undefined
          ? undefined
          : String(request.includeSubgroups),
    });
  }

  listChangeRequests(
    request: GitopsChangeRequestsRequest = {},
  ): Promise<ChangeRequestListResponse> {
    return this.get('/change-requests', {
      entityRef: request.entityRef,
      environmentRef: request.environmentRef,
      awaitingApprovalBy: request.awaitingApprovalBy,
      state: request.state,
    });
  }

  registerChangeRequest(
    body: RegisterChangeRequestBody,
  ): Promise<ChangeRequest> {
    return this.post('/change-requests', body);
  }

  plan(body: PlanRequestBody): Promise<PlanResponse> {
    return this.post('/plan', body);
  }

  private async post<T>(path: string, body: unknown): Promise<T> {
    const response = await this.fetchApi.fetch(await this.url(path), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }

  private async get<T>(path: string, query: Query): Promise<T> {
    const response = await this.fetchApi.fetch(await this.url(path, query));
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }

  private async url(path: string, query: Query = {}): Promise<string> {
    const baseUrl = await this.discoveryApi.getBaseUrl('gitops');
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) {
        params.set(name, String(value));
      }
    }
    const search = params.toString();
    return `${baseUrl}${path}${search ? `?${search}` : ''}`;
  }
}

function deploymentQuery(ref: GitopsDeploymentRef): Query {
  return {
    entityRef: ref.entityRef,
    environmentRef: ref.environmentRef,
    clusterRef: ref.clusterRef,
  };
}
