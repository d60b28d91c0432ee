import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  gitopsHealthChecksExtensionPoint,
  gitopsRenderersExtensionPoint,
  HealthCheckRegistration,
  KustomizeRenderer,
  ManifestRenderer,
} from '@shipshape/plugin-gitops-node';
import { applyDatabaseMigrations } from './database/applyDatabaseMigrations';
import { createRouter } from './service/createRouter';

/**
 * The GitOps backend plugin.
 *
 * @public
 */
export const gitopsPlugin = createBackendPlugin({
  pluginId: 'gitops',
  register(env) {
    const renderers = new Map<string, ManifestRenderer>();
    env.registerExtensionPoint(gitopsRenderersExtensionPoint, {
      addRenderer(...added) {
        for (const renderer of added) {
          if (renderers.has(renderer.name)) {
            throw new Error(
              `A manifest renderer named '${renderer.name}' is already registered`,
            );
          }
          renderers.set(renderer.name, renderer);
        }
      },
    });

    const healthChecks: HealthCheckRegistration[] = [];
    env.registerExtensionPoint(gitopsHealthChecksExtensionPoint, {
      addHealthCheck(...added) {
        healthChecks.push(...added);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
      },
      async init({ config, database, httpRouter, logger }) {
        const kustomize = config.getOptionalConfig('gitops.kustomize');
        if (kustomize && !renderers.has('kustomize')) {
          renderers.set(
            'kustomize',
            KustomizeRenderer.create({
              command: kustomize.getString('command'),
              timeoutMs: kustomize.getOptionalNumber('timeoutMs'),
            }),
          );
        }
        if (!database.migrations?.skip) {
          await applyDatabaseMigrations(await database.getClient());
        }
        httpRouter.use(await createRouter());
        // Liveness only; every other route requires a Backstage token.
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        logger.info(
          `GitOps backend started with ${renderers.size} manifest renderer(s) and ${healthChecks.length} added health check(s)`,
        );
      },
    });
  },
});
