import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { applyDatabaseMigrations } from '../database/applyDatabaseMigrations';
import { DatabaseChangeRequestStore } from './DatabaseChangeRequestStore';
import { TrackedChangeRequest } from './types';

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'] as TestDatabaseId[],
  disableDocker: true,
});

function request(
  number: number,
  overrides: Partial<TrackedChangeRequest> = {},
): TrackedChangeRequest {
  return {
    id: `acme/gitops#${number}`,
    repository: 'acme/gitops',
    number,
    title: `Change ${number}`,
    url: `https://github.com/acme/gitops/pull/${number}`,
    state: 'open',
    draft: false,
    approvals: [],
    action: 'update',
    environmentRef: 'environment:default/staging',
    entityRefs: ['component:default/checkout'],
    requester: 'user:default/jane',
    reviewers: ['group:default/platform'],
    headBranch: `change-${number}`,
    baseBranch: 'main',
    headSha: 'a'.repeat(40),
    createdAt: `2026-11-22T10:0${number}:00.000Z`,
    stateSince: `2026-11-22T10:0${number}:00.000Z`,
    updatedAt: `2026-11-22T10:0${number}:00.000Z`,
    reviews: { alice: 'APPROVED' },
    checkResults: { ['a'.repeat(40)]: { build: 'success' } },
    ...overrides,
  };
}

describe('DatabaseChangeRequestStore', () => {
  it.each(databases.eachSupportedId())(
    'saves, filters and claims notifications once on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const store = DatabaseChangeRequestStore.create({ database: knex });

      await store.save(request(1));
      await store.save(
        request(2, {
          environmentRef: 'environment:default/prod',
          entityRefs: ['component:default/orders'],
        }),
      );
      await store.save(
        request(3, {
          state: 'closed',
          reviewers: undefined,
          requester: undefined,
        }),
      );

      expect(await store.get('acme/gitops#1')).toEqual(request(1));
      expect(await store.get('acme/gitops#3')).toEqual(
        request(3, {
          state: 'closed',
          reviewers: undefined,
          requester: undefined,
        }),
      );
      expect(await store.get('acme/gitops#9')).toBeUndefined();
      // Newest first; closed ones only with state all.
      expect((await store.list({})).map(r => r.number)).toEqual([2, 1]);
      expect((await store.list({ state: 'all' })).map(r => r.number)).toEqual([
        3, 2, 1,
      ]);
      expect(
        (await store.list({ environmentRef: 'environment:default/prod' })).map(
          r => r.number,
        ),
      ).toEqual([2]);
      expect(
        (await store.list({ entityRef: 'component:default/checkout' })).map(
          r => r.number,
        ),
      ).toEqual([1]);

      // Only a healthy or failed request is claimed, and only once.
      expect(await store.claimNotification('acme/gitops#1')).toBe(false);
      await store.save(
        request(1, {
          state: 'healthy',
          mergeCommitSha: 'b'.repeat(40),
          mergedAt: '2026-11-22T11:00:00.000Z',
        }),
      );
      const claims = await Promise.all([
        store.claimNotification('acme/gitops#1'),
        store.claimNotification('acme/gitops#1'),
      ]);
      expect(claims.sort()).toEqual([false, true]);
      // A later save keeps the mark.
      await store.save(request(1, { state: 'healthy', title: 'Renamed' }));
      const saved = await store.get('acme/gitops#1');
      expect(saved?.title).toBe('Renamed');
      expect(saved?.notifiedAt).toEqual(expect.any(String));
      expect(await store.claimNotification('acme/gitops#1')).toBe(false);
      await knex.destroy();
    },
    60_000,
  );
});
