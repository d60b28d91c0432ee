import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { GitopsClient } from '@shipshape/plugin-gitops-common';
import { gitopsApiRef } from '../api';

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
  ],
});
