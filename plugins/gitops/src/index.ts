/**
 * The Shipshape GitOps frontend plugin for legacy Backstage apps; new apps use `/alpha`.
 *
 * @packageDocumentation
 */

export {
  gitopsPlugin,
  EntityGitopsStatusCard,
  EntityGitopsContent,
  EntityEnvironmentOverviewCard,
  EntityEnvironmentDeploymentsCard,
  EntityEnvironmentsCard,
} from './plugin';
export { gitopsApiRef } from './api';
export type { GitopsStatusCardProps } from './components/GitopsStatusCard';
export type { GitopsEntityContentProps } from './components/GitopsEntityContent';
