export type {
  GitopsApi,
  GitopsChangeRequestsRequest,
  GitopsDeploymentRef,
  GitopsHistoryRequest,
} from './GitopsApi';
export { GitopsClient } from './GitopsClient';
export type { GitopsClientOptions } from './GitopsClient';
