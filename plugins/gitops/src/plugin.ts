import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { GitopsClient } from '@shipshape/plugin-gitops-common';
import { gitopsApiRef } from './api';
import { teamPageRouteRef } from './routes';

/** Where the GitOps tab of an entity page is mounted. */
const entityContentRouteRef = createRouteRef({ id: 'gitops:entity-content' });

/**
 * The GitOps plugin for legacy (pre new frontend system) apps.
 *
 * @public
 */
export const gitopsPlugin = createPlugin({
  id: 'gitops',
  apis: [
    createApiFactory({
      api: gitopsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new GitopsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    entityContent: entityContentRouteRef,
    teamPage: teamPageRouteRef,
  },
});

/**
 * Sync, health and drift of the current catalog entity, for legacy entity pages.
 *
 * @public
 */
export const EntityGitopsStatusCard = gitopsPlugin.provide(
  createComponentExtension({
    name: 'EntityGitopsStatusCard',
    component: {
      lazy: () =>
        import('./components/GitopsStatusCard').then(m => m.GitopsStatusCard),
    },
  }),
);

/**
 * The GitOps tab of a Component: its deployments, their resources with diffs, and their
 * history. For legacy entity pages:
 * `<EntityLayout.Route path="/gitops" title="GitOps"><EntityGitopsContent /></EntityLayout.Route>`.
 *
 * @public
 */
export const EntityGitopsContent = gitopsPlugin.provide(
  createRoutableExtension({
    name: 'EntityGitopsContent',
    component: () =>
      import('./components/GitopsEntityContent').then(
        m => m.GitopsEntityContent,
      ),
    mountPoint: entityContentRouteRef,
  }),
);

/**
 * Type, owner, clusters, promotion source, expiry and approval policy of an Environment,
 * for legacy Environment entity pages.
 *
 * @public
 */
export const EntityEnvironmentOverviewCard = gitopsPlugin.provide(
  createComponentExtension({
    name: 'EntityEnvironmentOverviewCard',
    component: {
      lazy: () =>
        import('./components/EnvironmentOverviewCard').then(
          m => m.EnvironmentOverviewCard,
        ),
    },
  }),
);

/**
 * The services deployed to an Environment, for legacy Environment entity pages.
 *
 * @public
 */
export const EntityEnvironmentDeploymentsCard = gitopsPlugin.provide(
  createComponentExtension({
    name: 'EntityEnvironmentDeploymentsCard',
    component: {
      lazy: () =>
        import('./components/EnvironmentDeploymentsCard').then(
          m => m.EnvironmentDeploymentsCard,
        ),
    },
  }),
);

/**
 * The environments a component is deployed to, for legacy Component entity pages.
 *
 * @public
 */
export const EntityEnvironmentsCard = gitopsPlugin.provide(
  createComponentExtension({
    name: 'EntityEnvironmentsCard',
    component: {
      lazy: () =>
        import('./components/EntityEnvironmentsCard').then(
          m => m.EntityEnvironmentsCard,
        ),
    },
  }),
);

/**
 * A Group's GitOps at a glance (totals, worst statuses, services needing attention, a link to
 * the team page), for legacy Group entity pages.
 *
 * @public
 */
export const EntityGroupGitopsCard = gitopsPlugin.provide(
  createComponentExtension({
    name: 'EntityGroupGitopsCard',
    component: {
      lazy: () =>
        import('./components/GroupGitopsCard').then(m => m.GroupGitopsCard),
    },
  }),
);

/**
 * Open change requests of a Component or an Environment, or those awaiting a Group's approval,
 * for legacy entity pages.
 *
 * @public
 */
export const EntityPendingChangesCard = gitopsPlugin.provide(
  createComponentExtension({
    name: 'EntityPendingChangesCard',
    component: {
      lazy: () =>
        import('./components/PendingChangesCard').then(
          m => m.PendingChangesCard,
        ),
    },
  }),
);

/**
 * A component's owner, dependencies and dependants with the environments each is deployed to,
 * for legacy Component entity pages.
 *
 * @public
 */
export const EntityServiceRelationsCard = gitopsPlugin.provide(
  createComponentExtension({
    name: 'EntityServiceRelationsCard',
    component: {
      lazy: () =>
        import('./components/ServiceRelationsCard').then(
          m => m.ServiceRelationsCard,
        ),
    },
  }),
);

/**
 * The team view as a tab of legacy Group entity pages:
 * `<EntityLayout.Route path="/gitops" title="GitOps"><EntityTeamGitopsContent /></EntityLayout.Route>`.
 *
 * @public
 */
export const EntityTeamGitopsContent = gitopsPlugin.provide(
  createComponentExtension({
    name: 'EntityTeamGitopsContent',
    component: {
      lazy: () =>
        import('./components/TeamGitopsPage').then(
          m => m.EntityTeamGitopsContent,
        ),
    },
  }),
);

/**
 * The team page for legacy apps, at the route's `:namespace/:name`:
 * `<Route path="/gitops/team/:namespace/:name" element={<GitopsTeamPage />} />`.
 *
 * @public
 */
export const GitopsTeamPage = gitopsPlugin.provide(
  createRoutableExtension({
    name: 'GitopsTeamPage',
    component: () =>
      import('./components/TeamGitopsPage').then(m => m.TeamGitopsPage),
    mountPoint: teamPageRouteRef,
  }),
);
