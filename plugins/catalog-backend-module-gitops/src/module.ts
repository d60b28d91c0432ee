import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { EnvironmentEntitiesProcessor } from './processor';

/**
 * Adds the Environment kind to the catalog.
 *
 * @public
 */
export const catalogModuleGitops = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'gitops',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addProcessor(EnvironmentEntitiesProcessor.create());
      },
    });
  },
});
