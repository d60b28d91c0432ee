import {
  createComponentExtension,
  createPlugin,
} from '@backstage/core-plugin-api';

/**
 * The GitOps plugin for legacy (pre new frontend system) apps.
 *
 * @public
 */
export const gitopsPlugin = createPlugin({
  id: 'gitops',
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
