export { PendingChangesCard, changeRequestFilter } from './PendingChangesCard';
export type { PendingChangesCardProps } from './PendingChangesCard';
