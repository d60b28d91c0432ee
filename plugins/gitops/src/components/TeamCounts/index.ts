export { TeamCounts } from './TeamCounts';
