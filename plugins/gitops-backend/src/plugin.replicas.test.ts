import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationService,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { KubeEmulator } from '@shipshape/kube-emulator';
import request from 'supertest';
import { TestGitRepository } from './__testUtils__/TestGitRepository';
import { gitopsPlugin } from './plugin';
import { eventually } from './__testUtils__/eventually';

jest.setTimeout(90_000);

const TOKEN = 'replica-token';
// Two backends start, and the scheduler hands out the lease: allow more time than usual.
const within30s = <T>(fn: () => Promise<T>) => eventually(fn, 30_000);

describe('two backend replicas on one PostgreSQL', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

  it('reconcile once between them and notify the owners once', async () => {
    const knex = await databases.init('POSTGRES_15');
    const repo = TestGitRepository.create();
    const cluster = await KubeEmulator.start({
      tokens: [TOKEN],
      controllerDelayMs: 20,
    });
    const backends: Array<Awaited<ReturnType<typeof startTestBackend>>> = [];
    try {
      // Git declares a ConfigMap the cluster does not have: OutOfSync from the first reconcile.
      repo
        .writeEnvironment('staging', [
          { cluster: 'resource:default/cluster-a', namespace: 'shop-staging' },
        ])
        .write(
          'environments/staging/checkout/configmap.yaml',
          'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: checkout-config }\ndata: { A: "1" }\n',
        );
      repo.commit();

      const sent: Array<{ replica: number; title: string }> = [];
      const loggers = [mockServices.logger.mock(), mockServices.logger.mock()];
      for (const replica of [0, 1]) {
        const notifications: NotificationService = {
          send: async ({ payload }) => {
            sent.push({ replica, title: payload.title });
          },
        };
        const rootLogger = mockServices.rootLogger.mock();
        rootLogger.child.mockReturnValue(loggers[replica]);
        loggers[replica].child.mockReturnValue(loggers[replica]);
        backends.push(
          await startTestBackend({
            features: [
              gitopsPlugin,
              rootLogger.factory,
              mockServices.database.factory({ knex }),
              // The real scheduler: its global tasks are locked in the shared database.
              schedulerServiceFactory,
              catalogServiceMock.factory(),
              createServiceFactory({
                service: notificationService,
                deps: {},
                factory: () => notifications,
              }),
              mockServices.rootConfig.factory({
                data: {
                  gitops: {
                    repository: { url: repo.path, branch: 'main' },
                    clusters: [
                      {
                        name: 'cluster-a',
                        url: cluster.url,
                        serviceAccountToken: TOKEN,
                      },
                    ],
                    reconciler: {
                      leaseDuration: { minutes: 10 },
                      notifications: { gracePeriod: { milliseconds: 500 } },
                    },
                  },
                },
              }),
            ],
          }),
        );
      }

      // Either replica answers from the shared store.
      for (const backend of backends) {
        await within30s(async () => {
          const response = await request(backend.server)
            .get('/api/gitops/status')
            .query({ entityRef: 'component:default/checkout' });
          expect(response.body.deployments).toEqual([
            expect.objectContaining({ sync: 'OutOfSync', health: 'Missing' }),
          ]);
        });
      }
      // The owners hear of it once, after the grace period, from one replica.
      await within30s(async () => expect(sent).toHaveLength(1));
      await new Promise(resolve => setTimeout(resolve, 6_000));
      expect(sent).toEqual([
        {
          replica: expect.any(Number),
          title: 'checkout is out of sync with Git in staging',
        },
      ]);

      // Only one replica did the work: only one read the repository.
      const reads = loggers.map(
        logger =>
          logger.info.mock.calls.filter(([message]) =>
            String(message).startsWith('GitOps reconciler: revision'),
          ).length,
      );
      expect(reads.sort()).toEqual([0, 1]);
    } finally {
      for (const backend of backends) await backend.stop();
      await cluster.stop();
      repo.cleanup();
    }
  });
});
