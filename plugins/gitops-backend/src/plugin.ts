import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  createGitTokenProvider,
  DefaultResourceHealthChecker,
  gitopsHealthChecksExtensionPoint,
  gitopsRenderersExtensionPoint,
  HealthCheckRegistration,
  KustomizeRenderer,
  ManifestRenderer,
} from '@shipshape/plugin-gitops-node';
import {
  gitopsPermissions,
  REFRESH_ALL,
} from '@shipshape/plugin-gitops-common';
import { readDurationFromConfig } from '@backstage/config';
import os from 'node:os';
import path from 'node:path';
import { readEntityIgnoreRules } from './catalog/readEntityIgnoreRules';
import { readGitopsConfig } from './config/readGitopsConfig';
import { applyDatabaseMigrations } from './database/applyDatabaseMigrations';
import { DatabaseGitopsStore } from './database/DatabaseGitopsStore';
import { DesiredStateReader } from './desired/DesiredStateReader';
import { LiveStateCache } from './live';
import { DeploymentNotifier } from './notifications/DeploymentNotifier';
import { ClusterLiveState, Reconciler } from './reconciler/Reconciler';
import { commitUrl } from './desired/commitUrl';
import { createRouter } from './service/createRouter';
import {
  ChangeRequestTracker,
  CommitAncestry,
  DatabaseChangeRequestStore,
  GitCommitAncestry,
  githubOctokit,
  OctokitPullRequests,
  readChangeRequestsConfig,
} from './changeRequests';
import { catalogGroupsOf } from './changeRequests/catalogGroupsOf';
import { ExpiredPreviewJanitor } from './previews';
import { PlanCluster, ResourcePlanner } from './plan';
import { CachedTeamCatalog } from './teams/CachedTeamCatalog';
import { readTeamSummaryConfig } from './teams/readTeamSummaryConfig';
import { TeamSummaryService } from './teams/TeamSummaryService';

/**
 * The GitOps backend plugin: the reconciler (Git against the clusters), its store and REST API.
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
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        notifications: notificationService,
        signals: signalsServiceRef,
        events: eventsServiceRef,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
      },
      async init({
        config,
        database,
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        logger,
        scheduler,
        lifecycle,
        notifications,
        signals,
        events,
        catalog,
        auth,
      }) {
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
        const client = await database.getClient();
        if (!database.migrations?.skip) {
          await applyDatabaseMigrations(client);
        }
        const gitops = readGitopsConfig(config);
        const store = await DatabaseGitopsStore.create({
          database: client,
          skipMigrations: true,
        });
        permissionsRegistry.addPermissions(gitopsPermissions);

        let reconciler: Reconciler | undefined;
        // POST /plan reads every configured cluster, from the reconciler's cache where it has one.
        const planClusters = new Map<string, PlanCluster>(
          gitops.clusters.map(connection => [connection.name, { connection }]),
        );
        const workingDirectory =
          config.getOptionalString('backend.workingDirectory') ?? os.tmpdir();
        const changeRequestsConfig = readChangeRequestsConfig(config);
        // Credentials for the GitOps repository from integrations.github, asked on each fetch.
        const tokenFor = createGitTokenProvider(config);
        const sourceUrl = gitops.source?.url;
        const sourceToken = sourceUrl ? () => tokenFor(sourceUrl) : undefined;
        const ancestry: CommitAncestry = gitops.source
          ? GitCommitAncestry.create({
              url: gitops.source.url,
              branch: gitops.source.branch,
              cacheDirectory: path.join(
                workingDirectory,
                'gitops-change-requests',
              ),
              token: sourceToken,
            })
          : { contains: async (revision, commit) => revision === commit };
        const changeRequests = ChangeRequestTracker.create({
          store: DatabaseChangeRequestStore.create({ database: client }),
          gitopsStore: store,
          github: changeRequestsConfig.repositoryUrl
            ? OctokitPullRequests.fromConfig(
                config,
                changeRequestsConfig.repositoryUrl,
              )
            : undefined,
          repository: changeRequestsConfig.repository,
          ancestry,
          notifications,
          signals,
          logger: logger.child({ task: 'gitops-change-requests' }),
          healthTimeoutMs: changeRequestsConfig.healthTimeoutMs,
          groupsOf: catalogGroupsOf({ catalog, auth }),
        });
        if (gitops.source) {
          const clusters = new Map<string, ClusterLiveState>();
          for (const cluster of gitops.clusters) {
            const cache = LiveStateCache.create({
              cluster,
              logger: logger.child({ cluster: cluster.name }),
              watchdogMs: gitops.reconciler.watchdogMs,
              unreachableAfterMs: gitops.reconciler.unreachableAfterMs,
              keepManagedFields:
                (gitops.reconciler.ignoreDifferences.managers ?? []).length > 0,
            });
            clusters.set(cluster.name, cache);
            planClusters.set(cluster.name, { connection: cluster, cache });
          }
          reconciler = Reconciler.create({
            config: gitops.reconciler,
            reader: DesiredStateReader.create({
              source: gitops.source,
              cacheDirectory: path.join(workingDirectory, 'gitops-reconciler'),
              logger,
              token: sourceToken,
            }),
            store,
            clusters,
            checker: DefaultResourceHealthChecker.create({
              checks: healthChecks,
            }),
            logger,
          });
          // Deployment statuses changed: merged change requests may have synced (or failed).
          reconciler.onSaved(async saved => {
            if (saved.statusesChanged > 0 || saved.transitions.length > 0) {
              await changeRequests.evaluateDeployments();
            }
          });
          reconciler.onSaved(async (_saved, results) => {
            const refs = new Set<string>();
            for (const result of results) {
              refs.add(result.entityRef);
              refs.add(result.environmentRef);
            }
            for (const ref of refs) {
              await signals.publish({
                recipients: { type: 'broadcast' },
                channel: `gitops:status:${ref}`,
                message: { entityRef: ref },
              });
            }
          });
          const notifier = DeploymentNotifier.create({
            store,
            notifications,
            logger,
            gracePeriodMs: gitops.reconciler.notificationGracePeriodMs,
          });
          const lease = reconciler;
          const leaseMs = gitops.reconciler.leaseDurationMs;
          await scheduler.scheduleTask({
            id: 'gitops-reconciler',
            scope: 'global',
            frequency: { seconds: 1 },
            // The lock of a replica that went away is kept until this timeout: keep it short.
            timeout: { milliseconds: leaseMs + 15_000 },
            initialDelay: { seconds: 0 },
            fn: async signal => {
              const timer = gitops.reconciler.notificationsEnabled
                ? setInterval(() => {
                    notifier
                      .check()
                      .catch(error =>
                        logger.warn(`GitOps notifications failed: ${error}`),
                      );
                  }, 5_000)
                : undefined;
              try {
                await lease.runLease(signal, leaseMs);
              } finally {
                clearInterval(timer);
              }
            },
          });
          // Per-component ignore rules come from catalog annotations; every replica keeps them.
          await scheduler.scheduleTask({
            id: 'gitops-entity-ignore-rules',
            scope: 'local',
            frequency: { minutes: 1 },
            timeout: { minutes: 1 },
            initialDelay: { seconds: 5 },
            fn: async () => {
              lease.setEntityIgnoreRules(
                await readEntityIgnoreRules({ catalog, auth, logger }),
              );
            },
          });
          await scheduler.scheduleTask({
            id: 'gitops-history-retention',
            scope: 'global',
            frequency: { hours: 1 },
            timeout: { minutes: 5 },
            fn: async () => {
              const deleted = await store.pruneHistory(
                new Date(Date.now() - gitops.reconciler.historyRetentionMs),
              );
              if (deleted > 0)
                logger.info(`Pruned ${deleted} GitOps history rows`);
            },
          });
          // GitHub push webhooks (through the events plugin) ask for a refresh of everything.
          await events.subscribe({
            id: 'gitops-reconciler-push',
            topics: ['github.push'],
            onEvent: async () => {
              await store.requestRefresh(REFRESH_ALL);
            },
          });
          lifecycle.addShutdownHook(() => lease.stop());
        } else {
          logger.warn(
            'gitops.repository is not configured: the GitOps reconciler does not run',
          );
        }

        // GitHub webhooks, republished per event by Backstage's GitHub event router.
        await events.subscribe({
          id: 'gitops-change-requests',
          topics: [
            'github.pull_request',
            'github.pull_request_review',
            'github.check_run',
            'github.status',
          ],
          onEvent: async event => {
            await changeRequests.handleEvent(event.topic, event.eventPayload);
          },
        });
        // The fallback for missed webhooks, and the health timeout, on one replica at a time.
        await scheduler.scheduleTask({
          id: 'gitops-change-requests',
          scope: 'global',
          frequency: { milliseconds: changeRequestsConfig.pollIntervalMs },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 5 },
          fn: async () => {
            await changeRequests.poll();
          },
        });
        // Expired previews: a removal pull request each, on one replica at a time.
        if (
          changeRequestsConfig.repositoryUrl &&
          changeRequestsConfig.repository
        ) {
          const previewsConfig = config.getOptionalConfig('gitops.previews');
          const janitor = ExpiredPreviewJanitor.create({
            octokit: githubOctokit(config, changeRequestsConfig.repositoryUrl),
            repository: changeRequestsConfig.repository,
            root: gitops.source?.root ?? 'environments',
            catalog,
            auth,
            logger: logger.child({ task: 'gitops-preview-expiry' }),
          });
          await scheduler.scheduleTask({
            id: 'gitops-preview-expiry',
            scope: 'global',
            frequency: previewsConfig?.has('expiryCheckInterval')
              ? readDurationFromConfig(previewsConfig, {
                  key: 'expiryCheckInterval',
                })
              : { minutes: 10 },
            timeout: { minutes: 5 },
            initialDelay: { seconds: 30 },
            fn: async () => {
              await janitor.run();
            },
          });
        }
        const planner = ResourcePlanner.create({
          clusters: planClusters,
          ignore: gitops.reconciler.ignoreDifferences,
        });

        const revisionUrl = gitops.source
          ? (revision: string) => commitUrl(gitops.source!.url, revision)
          : undefined;
        const teams = readTeamSummaryConfig(config);
        const teamSummaries = TeamSummaryService.create({
          catalog: CachedTeamCatalog.create({
            catalog,
            auth,
            logger,
            ttlMs: teams.catalogCacheTtlMs,
          }),
          store,
          changeRequests,
          includeSubgroupsByDefault: teams.includeSubgroups,
          revisionUrl,
        });
        httpRouter.use(
          await createRouter({
            store,
            httpAuth,
            permissions,
            revisionUrl,
            teamSummaries,
            changeRequests,
            planner,
          }),
        );
        // Liveness only; every other route requires a Backstage token.
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        logger.info(
          `GitOps backend started with ${renderers.size} manifest renderer(s), ${healthChecks.length} added health check(s) and ${gitops.clusters.length} cluster(s)`,
        );
      },
    });
  },
});
