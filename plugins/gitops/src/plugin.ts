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
