import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
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
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ catalog, config, logger, scheduler }) {
        catalog.addProcessor(EnvironmentEntitiesProcessor.create());
        const provider = GitopsEntityProvider.fromConfig(config, {
          logger,
          scheduler,
        });
        if (provider) {
          catalog.addEntityProvider(provider);
        } else {
          logger.info(
            'No gitops.repository configured: environments come only from catalog locations',
          );
        }
      },
    });
  },
});
