export { GitopsStatusCard } from './GitopsStatusCard';
export type { GitopsStatusCardProps } from './GitopsStatusCard';
