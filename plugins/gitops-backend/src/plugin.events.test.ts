import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DefaultEventsService,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import { REFRESH_ALL } from '@shipshape/plugin-gitops-common';
import { TestGitRepository } from './__testUtils__/TestGitRepository';
import { DatabaseGitopsStore } from './database/DatabaseGitopsStore';
import { gitopsPlugin } from './plugin';

describe('GitHub push webhooks', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('ask the reconciler to fetch the GitOps repository now', async () => {
    const knex = await databases.init('SQLITE_3');
    const repo = TestGitRepository.create();
    const events = DefaultEventsService.create({
      logger: mockServices.logger.mock(),
    });
    try {
      const backend = await startTestBackend({
        features: [
          gitopsPlugin,
          mockServices.database.factory({ knex }),
          // No lease runs: the refresh request stays in the store for the test to see.
          mockServices.scheduler.mock().factory,
          catalogServiceMock.factory(),
          createServiceFactory({
            service: eventsServiceRef,
            deps: {},
            factory: () => events,
          }),
          mockServices.rootConfig.factory({
            data: { gitops: { repository: { url: repo.path } } },
          }),
        ],
      });
      // What Backstage's GitHub events module publishes for a push to a repository.
      await events.publish({
        topic: 'github.push',
        eventPayload: { ref: 'refs/heads/main', after: 'f'.repeat(40) },
        metadata: { 'x-github-event': 'push' },
      });
      const store = await DatabaseGitopsStore.create({
        database: knex,
        skipMigrations: true,
      });
      expect(await store.takeRefreshRequests()).toEqual([REFRESH_ALL]);
      await backend.stop();
    } finally {
      repo.cleanup();
    }
  });
});
