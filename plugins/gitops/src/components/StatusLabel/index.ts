export { HealthStatusLabel, SyncStatusLabel } from './StatusLabel';
