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
