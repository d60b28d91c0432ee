export { GitopsStatusCard } from './GitopsStatusCard';
