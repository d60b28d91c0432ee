import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { GitopsClient } from '@shipshape/plugin-gitops-common';
import { gitopsApiRef } from '../api';
import { teamPageRouteRef } from '../routes';

// Filters are entity predicates (case-insensitive); string filter expressions such as
// 'kind:environment' are deprecated in the catalog's EntityCardBlueprint.

/** The backend's REST API, with the user's token. */
const gitopsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: gitopsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new GitopsClient({ discoveryApi, fetchApi }),
    }),
});

/** Sync, health and drift of services and environments. */
const entityGitopsStatusCard = EntityCardBlueprint.make({
  name: 'status',
  params: {
    filter: { kind: { $in: ['component', 'environment'] } },
    loader: () =>
      import('../components/GitopsStatusCard').then(m => (
        <m.GitopsStatusCard />
      )),
  },
});

/** Type, owner, clusters, promotion source, expiry and approval policy of an Environment. */
const entityEnvironmentOverviewCard = EntityCardBlueprint.make({
  name: 'environment-overview',
  params: {
    type: 'info',
    filter: { kind: 'environment' },
    loader: () =>
      import('../components/EnvironmentOverviewCard').then(m => (
        <m.EnvironmentOverviewCard />
      )),
  },
});

/** The services deployed to an Environment. */
const entityEnvironmentDeploymentsCard = EntityCardBlueprint.make({
  name: 'environment-deployments',
  params: {
    filter: { kind: 'environment' },
    loader: () =>
      import('../components/EnvironmentDeploymentsCard').then(m => (
        <m.EnvironmentDeploymentsCard />
      )),
  },
});

/** The environments a component is deployed to. */
const entityEnvironmentsCard = EntityCardBlueprint.make({
  name: 'environments',
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('../components/EntityEnvironmentsCard').then(m => (
        <m.EntityEnvironmentsCard />
      )),
  },
});

/** The GitOps tab of a component: deployments, resources with diffs, history. */
const entityGitopsContent = EntityContentBlueprint.make({
  params: {
    path: 'gitops',
    title: 'GitOps',
    filter: { kind: 'component' },
    loader: () =>
      import('../components/GitopsEntityContent').then(m => (
        <m.GitopsEntityContent />
      )),
  },
});

/** A Group's GitOps at a glance: totals, worst statuses, a link to the team page. */
const entityGroupGitopsCard = EntityCardBlueprint.make({
  name: 'group-status',
  params: {
    filter: { kind: 'group' },
    loader: () =>
      import('../components/GroupGitopsCard').then(m => <m.GroupGitopsCard />),
  },
});

/** Open change requests: a component's, an environment's, or those awaiting a group's approval. */
const entityPendingChangesCard = EntityCardBlueprint.make({
  name: 'pending-changes',
  params: {
    filter: { kind: { $in: ['component', 'environment', 'group'] } },
    loader: () =>
      import('../components/PendingChangesCard').then(m => (
        <m.PendingChangesCard />
      )),
  },
});

/** Owner, dependencies and dependants of a component, and where each is deployed. */
const entityServiceRelationsCard = EntityCardBlueprint.make({
  name: 'service-relations',
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('../components/ServiceRelationsCard').then(m => (
        <m.ServiceRelationsCard />
      )),
  },
});

/** The team view as the GitOps tab of a Group. */
const entityTeamGitopsContent = EntityContentBlueprint.make({
  name: 'team',
  params: {
    path: 'gitops',
    title: 'GitOps',
    filter: { kind: 'group' },
    loader: () =>
      import('../components/TeamGitopsPage').then(m => (
        <m.EntityTeamGitopsContent />
      )),
  },
});

/** The team page: `/gitops/team/:namespace/:name`. */
const teamPage = PageBlueprint.make({
  name: 'team',
  params: {
    path: '/gitops/team/:namespace/:name',
    title: 'Team GitOps',
    routeRef: teamPageRouteRef,
    loader: () =>
      import('../components/TeamGitopsPage').then(m => (
        <m.TeamGitopsPage withHeader={false} />
      )),
  },
});

/**
 * The GitOps plugin for the new frontend system.
 *
 * @alpha
 */
export const gitopsPlugin = createFrontendPlugin({
  pluginId: 'gitops',
  extensions: [
    gitopsApi,
    entityGitopsStatusCard,
    entityGitopsContent,
    entityEnvironmentOverviewCard,
    entityEnvironmentDeploymentsCard,
    entityEnvironmentsCard,
    entityGroupGitopsCard,
    entityPendingChangesCard,
    entityServiceRelationsCard,
    entityTeamGitopsContent,
    teamPage,
  ],
  routes: {
    teamPage: teamPageRouteRef,
  },
});
