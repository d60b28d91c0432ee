export { gitopsApiRef } from './GitopsApi';
export type {
  GitopsApi,
  GitopsDeploymentRef,
  GitopsHistoryRequest,
} from './GitopsApi';
export { GitopsClient } from './GitopsClient';
