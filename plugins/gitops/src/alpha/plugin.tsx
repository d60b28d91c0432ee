import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';

/** Sync, health and drift of services and environments. */
const entityGitopsStatusCard = EntityCardBlueprint.make({
  name: 'status',
  params: {
    filter: 'kind:component,environment',
    loader: () =>
      import('../components/GitopsStatusCard').then(m => (
        <m.GitopsStatusCard />
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
  extensions: [entityGitopsStatusCard],
});
