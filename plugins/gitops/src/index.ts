/**
 * The Shipshape GitOps frontend plugin for legacy Backstage apps; new apps use `/alpha`.
 *
 * @packageDocumentation
 */

export {
  gitopsPlugin,
  EntityGitopsStatusCard,
  EntityEnvironmentOverviewCard,
  EntityEnvironmentDeploymentsCard,
  EntityEnvironmentsCard,
} from './plugin';
