export type {
  GitopsApi,
  GitopsDeploymentRef,
  GitopsHistoryRequest,
} from './GitopsApi';
export { GitopsClient } from './GitopsClient';
export type { GitopsClientOptions } from './GitopsClient';
