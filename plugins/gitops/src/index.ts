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
  EntityGroupGitopsCard,
  EntityPendingChangesCard,
  EntityServiceRelationsCard,
  EntityTeamGitopsContent,
  GitopsTeamPage,
} from './plugin';
export { teamPageRouteRef } from './routes';
export { gitopsApiRef } from './api';
export type { GitopsStatusCardProps } from './components/GitopsStatusCard';
export type { GitopsEntityContentProps } from './components/GitopsEntityContent';
export type { GroupGitopsCardProps } from './components/GroupGitopsCard';
export type { PendingChangesCardProps } from './components/PendingChangesCard';
export type {
  TeamGitopsPageProps,
  TeamGitopsViewProps,
} from './components/TeamGitopsPage';
