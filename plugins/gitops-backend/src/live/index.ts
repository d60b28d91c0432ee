export { LiveStateCache } from './LiveStateCache';
export type { LiveStateCacheOptions } from './LiveStateCache';
export { projectLiveObject } from './projectLiveObject';
export type {
  ClusterConnection,
  ClusterConnectionConfig,
} from './ClusterKubeConfig';
export { ClusterKubeConfig } from './ClusterKubeConfig';
export { KubeApiError } from './KubeApiError';
export { KUBERNETES_ID_LABEL } from './types';
export type {
  ClusterHealth,
  KindWatcherStats,
  LiveChangeListener,
  LiveChangeType,
  LiveObjectTransform,
  LiveStateStats,
  WatchedKind,
} from './types';
