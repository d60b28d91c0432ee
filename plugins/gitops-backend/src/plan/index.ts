export { LiveReader } from './LiveReader';
export { ResourcePlanner } from './ResourcePlanner';
export type { PlanCluster, PlanLiveCache } from './ResourcePlanner';
