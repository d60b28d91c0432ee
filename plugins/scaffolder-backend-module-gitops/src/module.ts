import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  createGenerateCodeownersAction,
  createOpenPullRequestAction,
  createPlanEnvironmentAction,
  createRenderEnvironmentAction,
} from './actions';

/**
 * Adds the GitOps actions to the scaffolder: `gitops:environment:render`, `gitops:environment:plan`, `gitops:pull-request:open` and
 * `gitops:codeowners:generate`.
 *
 * @public
 */
export const scaffolderModuleGitops = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'gitops',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
      },
      async init({ scaffolder, config, catalog, auth, discovery }) {
        scaffolder.addActions(
          createRenderEnvironmentAction({ config, catalog }),
          createPlanEnvironmentAction({ config, catalog, auth, discovery }),
          createOpenPullRequestAction({ config, catalog, auth, discovery }),
          createGenerateCodeownersAction({ config, catalog }),
        );
      },
    });
  },
});
