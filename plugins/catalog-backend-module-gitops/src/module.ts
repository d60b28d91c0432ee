import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { EnvironmentEntitiesProcessor } from './processor';
import { GitopsEntityProvider } from './provider';

/**
 * Adds the Environment kind to the catalog and, when `gitops.repository` is configured, reads
 * environments and their deployments from the GitOps repository.
 *
 * @public
 */
export const catalogModuleGitops = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'gitops',
  register(reg) {
    reg.registerInit({
      deps: {
        processing: catalogProcessingExtensionPoint,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ processing, catalog, auth, config, logger, scheduler }) {
        processing.addProcessor(
          EnvironmentEntitiesProcessor.create({ catalog, auth }),
        );
        const provider = GitopsEntityProvider.fromConfig(config, {
          logger,
          scheduler,
        });
        if (provider) {
          processing.addEntityProvider(provider);
        } else {
          logger.info(
            'No gitops.repository configured: environments come only from catalog locations',
          );
        }
      },
    });
  },
});
