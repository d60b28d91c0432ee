import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import {
  DeploymentKey,
  DeploymentResult,
  ResourceResult,
} from '../reconciler/types';
import { DatabaseGitopsStore } from './DatabaseGitopsStore';

const POSTGRES_IDS: TestDatabaseId[] = [
  'POSTGRES_18',
  'POSTGRES_17',
  'POSTGRES_16',
  'POSTGRES_15',
  'POSTGRES_14',
  'POSTGRES_13',
];

// PostgreSQL runs where BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING points at a
// server (scripts/test.sh sets it); SQLite always runs.
const databases = TestDatabases.create({
  ids: [...POSTGRES_IDS, 'SQLITE_3'],
  disableDocker: true,
});

const t0 = new Date('2026-11-22T10:00:00.000Z');
const t1 = new Date('2026-11-22T10:05:00.000Z');
const t2 = new Date('2026-11-22T10:10:00.000Z');
const t3 = new Date('2026-11-22T10:15:00.000Z');

const checkout: DeploymentKey = {
  entityRef: 'component:default/checkout',
  environmentRef: 'environment:default/staging',
  clusterRef: 'resource:default/cluster-eu-west',
};
const cart: DeploymentKey = {
  entityRef: 'component:default/cart',
  environmentRef: 'environment:default/staging',
  clusterRef: 'resource:default/cluster-eu-west',
};
const checkoutProd: DeploymentKey = {
  ...checkout,
  environmentRef: 'environment:default/prod',
};

function resource(
  name: string,
  overrides: Partial<ResourceResult> = {},
): ResourceResult {
  return {
    key: `apps/Deployment/shop/${name}`,
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    namespace: 'shop',
    name,
    sync: 'Synced',
    health: { status: 'Healthy' },
    changes: [],
    desired: `kind: Deployment\nmetadata:\n  name: ${name}\n`,
    live: `kind: Deployment\nmetadata:\n  name: ${name}\n`,
    diff: '',
    ...overrides,
  };
}

function deployment(
  key: DeploymentKey,
  overrides: Partial<DeploymentResult> = {},
): DeploymentResult {
  return {
    ...key,
    namespace: 'shop',
    sync: 'Synced',
    health: 'Healthy',
    revision: 'a1b2c3',
    resources: [resource('api'), resource('worker')],
    ...overrides,
  };
}

const drifted = resource('api', {
  sync: 'OutOfSync',
  changes: [{ path: '/spec/replicas', desired: 2, live: 3 }],
  diff: '-  replicas: 2\n+  replicas: 3\n',
});

async function countRows(knex: Knex, table: string): Promise<number> {
  const [{ count }] = await knex(table).count({ count: '*' });
  return Number(count);
}

/** Runs `save` and counts the statements that read resource rows meanwhile. */
async function countingResourceReads<T>(
  knex: Knex,
  save: () => Promise<T>,
  onRead?: () => void,
): Promise<[T, number]> {
  let reads = 0;
  const listener = (query: { sql: string }) => {
    if (/^select .* from [`"]resource_status[`"]/i.test(query.sql)) {
      reads += 1;
      onRead?.();
    }
  };
  knex.on('query', listener);
  try {
    return [await save(), reads];
  } finally {
    knex.off('query', listener);
  }
}

async function countAllRows(knex: Knex): Promise<number> {
  let total = 0;
  for (const table of [
    'deployment_status',
    'resource_status',
    'deployment_history',
    'notification_episodes',
  ]) {
    total += await countRows(knex, table);
  }
  return total;
}

describe('DatabaseGitopsStore', () => {
  it('runs on PostgreSQL whenever CI is set', () => {
    const runsOnPostgres = POSTGRES_IDS.some(id => databases.supports(id));
    expect({ ci: process.env.CI === 'true', runsOnPostgres }).not.toEqual({
      ci: true,
      runsOnPostgres: false,
    });
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: DatabaseGitopsStore;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseGitopsStore.create({ database: knex });
    });

    it('writes every row on the first save and reads them back', async () => {
      const result = await store.saveDeployments(
        [
          deployment(checkout, {
            sync: 'OutOfSync',
            reason: 'api differs from Git',
            resources: [
              drifted,
              resource('worker', { namespace: undefined, health: undefined }),
            ],
          }),
          deployment(cart, { revision: undefined }),
        ],
        t0,
      );

      // 2 deployments, 4 resources, the first appearances (checkout: sync, health, revision;
      // cart without revision: sync, health) and checkout's OutOfSync episode.
      expect(result.statusesChanged).toBe(6);
      expect(result.rowsWritten).toBe(6 + 5 + 1);
      expect(result.rowsWritten).toBe(await countAllRows(knex));
      expect(result.transitions).toEqual(
        expect.arrayContaining([
          {
            ...checkout,
            field: 'sync',
            from: undefined,
            to: 'OutOfSync',
            revision: 'a1b2c3',
            at: t0.toISOString(),
          },
          expect.objectContaining({
            ...cart,
            field: 'health',
            to: 'Healthy',
          }),
        ]),
      );
      expect(result.transitions).toHaveLength(5);

      expect(
        await store.listDeployments({ entityRef: checkout.entityRef }),
      ).toEqual([
        {
          ...checkout,
          namespace: 'shop',
          sync: 'OutOfSync',
          health: 'Healthy',
          reason: 'api differs from Git',
          revision: 'a1b2c3',
          resourceCount: 2,
          driftCount: 1,
          syncSince: t0.toISOString(),
          healthSince: t0.toISOString(),
          updatedAt: t0.toISOString(),
        },
      ]);
      const cartStatus = await store.getDeployment(cart);
      expect(cartStatus).toMatchObject({ sync: 'Synced', driftCount: 0 });
      expect(Object.values(cartStatus!)).not.toContain(null);
      expect(cartStatus!.revision).toBeUndefined();
      expect(cartStatus!.reason).toBeUndefined();

      const resources = await store.listResources(checkout);
      expect(resources).toEqual([
        {
          key: 'apps/Deployment/shop/api',
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          namespace: 'shop',
          name: 'api',
          sync: 'OutOfSync',
          health: { status: 'Healthy' },
          changes: [{ path: '/spec/replicas', desired: 2, live: 3 }],
          updatedAt: t0.toISOString(),
        },
        expect.objectContaining({ name: 'worker', sync: 'Synced' }),
      ]);
      expect(resources[0].health!.message).toBeUndefined();
      expect(resources[1].namespace).toBeUndefined();
      expect(resources[1].health).toBeUndefined();
      expect(resources[0]).not.toHaveProperty('desired');

      expect(await store.getResource(checkout, drifted.key)).toEqual({
        ...resources[0],
        desired: drifted.desired,
        live: drifted.live,
        diff: drifted.diff,
      });
      expect(await store.getResource(checkout, 'v1/Secret/shop/x')).toBe(
        undefined,
      );
      expect(await store.getDeployment(checkoutProd)).toBeUndefined();
    });

    it('writes nothing when saving the same results again', async () => {
      const results = [deployment(checkout), deployment(cart)];
      await store.saveDeployments(results, t0);
      expect(await store.saveDeployments(results, t1)).toEqual({
        rowsWritten: 0,
        statusesChanged: 0,
        transitions: [],
      });
      // Equal content in new objects is unchanged too.
      expect(
        await store.saveDeployments([deployment(checkout)], t2),
      ).toMatchObject({ rowsWritten: 0 });
      expect((await store.getDeployment(checkout))!.updatedAt).toBe(
        t0.toISOString(),
      );
      // Nor after the cache is rebuilt from the stored rows' hashes.
      store.resetCache();
      expect(await store.saveDeployments(results, t2)).toMatchObject({
        rowsWritten: 0,
      });
      const fresh = await DatabaseGitopsStore.create({ database: knex });
      expect(await fresh.saveDeployments(results, t2)).toMatchObject({
        rowsWritten: 0,
      });
      // A changed resource is written again, and only it.
      const changed = deployment(checkout);
      changed.resources[0] = {
        ...changed.resources[0],
        health: { status: 'Degraded', message: 'changed' },
      };
      expect(await fresh.saveDeployments([changed], t3)).toMatchObject({
        rowsWritten: 1,
      });
    });

    it('writes only the resource that changed, and its deployment when its aggregate changed', async () => {
      await store.saveDeployments([deployment(checkout), deployment(cart)], t0);

      // A resource's message changes; the deployment's aggregate does not.
      const message = await store.saveDeployments(
        [
          deployment(checkout, {
            resources: [
              resource('api', {
                health: { status: 'Healthy', message: 'rolled out' },
              }),
              resource('worker'),
            ],
          }),
          deployment(cart),
        ],
        t1,
      );
      expect(message).toEqual({
        rowsWritten: 1,
        statusesChanged: 1,
        transitions: [],
      });
      expect(
        (await store.getResource(checkout, resource('api').key))!,
      ).toMatchObject({
        health: { status: 'Healthy', message: 'rolled out' },
        updatedAt: t1.toISOString(),
      });
      expect((await store.getDeployment(checkout))!.updatedAt).toBe(
        t0.toISOString(),
      );

      // A resource drifts: it, its deployment, a sync transition and an episode.
      const drift = await store.saveDeployments(
        [
          deployment(checkout, {
            sync: 'OutOfSync',
            resources: [drifted, resource('worker')],
          }),
          deployment(cart),
        ],
        t2,
      );
      expect(drift.statusesChanged).toBe(2);
      expect(drift.transitions).toEqual([
        {
          ...checkout,
          field: 'sync',
          from: 'Synced',
          to: 'OutOfSync',
          revision: 'a1b2c3',
          at: t2.toISOString(),
        },
      ]);
      expect(drift.rowsWritten).toBe(4);
      expect(await store.listResources(cart)).toEqual([
        expect.objectContaining({ updatedAt: t0.toISOString() }),
        expect.objectContaining({ updatedAt: t0.toISOString() }),
      ]);
    });

    it('moves the since timestamps only when their value changes', async () => {
      await store.saveDeployments([deployment(checkout)], t0);

      const degraded = await store.saveDeployments(
        [deployment(checkout, { health: 'Degraded', reason: 'crash loop' })],
        t1,
      );
      expect(degraded.transitions).toEqual([
        expect.objectContaining({
          field: 'health',
          from: 'Healthy',
          to: 'Degraded',
          at: t1.toISOString(),
        }),
      ]);
      expect(await store.getDeployment(checkout)).toMatchObject({
        syncSince: t0.toISOString(),
        healthSince: t1.toISOString(),
        updatedAt: t1.toISOString(),
      });

      const revision = await store.saveDeployments(
        [
          deployment(checkout, {
            health: 'Degraded',
            reason: 'crash loop',
            revision: 'd4e5f6',
          }),
        ],
        t2,
      );
      expect(revision.transitions).toEqual([
        {
          ...checkout,
          field: 'revision',
          from: 'a1b2c3',
          to: 'd4e5f6',
          revision: 'd4e5f6',
          at: t2.toISOString(),
        },
      ]);
      expect(await store.getDeployment(checkout)).toMatchObject({
        syncSince: t0.toISOString(),
        healthSince: t1.toISOString(),
        updatedAt: t2.toISOString(),
        revision: 'd4e5f6',
      });

      // Back to Healthy: a new since, a transition back.
      const healthy = await store.saveDeployments(
        [deployment(checkout, { revision: 'd4e5f6' })],
        t3,
      );
      expect(healthy.transitions).toEqual([
        expect.objectContaining({
          field: 'health',
          from: 'Degraded',
          to: 'Healthy',
        }),
      ]);
      expect(await store.getDeployment(checkout)).toMatchObject({
        syncSince: t0.toISOString(),
        healthSince: t3.toISOString(),
      });
    });

    it('deletes the resources that are no longer reported', async () => {
      const many = Array.from({ length: 450 }, (_, i) => resource(`app-${i}`));
      const first = await store.saveDeployments(
        [deployment(checkout, { resources: many })],
        t0,
      );
      expect(first.rowsWritten).toBe(1 + 450 + 3);
      expect(await countRows(knex, 'resource_status')).toBe(450);

      const kept = many.slice(0, 100);
      const shrink = await store.saveDeployments(
        [deployment(checkout, { resources: kept })],
        t1,
      );
      // 350 deletions and the deployment's new resource count.
      expect(shrink).toEqual({
        rowsWritten: 351,
        statusesChanged: 351,
        transitions: [],
      });
      expect(
        (await store.listResources(checkout)).map(r => r.key).sort(),
      ).toEqual(kept.map(r => r.key).sort());
      expect((await store.getDeployment(checkout))!.resourceCount).toBe(100);
    });

    it('keeps the last of resources reported twice', async () => {
      await store.saveDeployments(
        [
          deployment(checkout, {
            resources: [resource('api'), resource('api', { sync: 'Missing' })],
          }),
        ],
        t0,
      );
      expect(await store.listResources(checkout)).toEqual([
        expect.objectContaining({ name: 'api', sync: 'Missing' }),
      ]);
    });

    it('deletes the deployments that are no longer in Git', async () => {
      await store.saveDeployments(
        [
          deployment(checkout),
          deployment(cart, { sync: 'OutOfSync', resources: [drifted] }),
          deployment(checkoutProd),
        ],
        t0,
      );
      expect(await store.deleteDeploymentsExcept([checkout])).toBe(2);
      expect(await store.listDeployments({})).toEqual([
        expect.objectContaining(checkout),
      ]);
      expect(
        await knex('resource_status').distinct('entity_ref', 'environment_ref'),
      ).toEqual([
        {
          entity_ref: checkout.entityRef,
          environment_ref: checkout.environmentRef,
        },
      ]);
      expect(await store.listOpenEpisodes()).toEqual([]);
      // History stays until pruned.
      expect(
        await store.listHistory({ entityRef: cart.entityRef, limit: 10 }),
      ).toHaveLength(3);
      expect(await store.deleteDeploymentsExcept([checkout])).toBe(0);

      // A deployment that comes back is new again.
      const back = await store.saveDeployments([deployment(cart)], t1);
      expect(back.rowsWritten).toBe(1 + 2 + 3);
      expect(back.transitions).toContainEqual(
        expect.objectContaining({ field: 'sync', from: undefined }),
      );
    });

    it('lists history newest first, with limit, before and environment filters', async () => {
      await store.saveDeployments(
        [deployment(checkout), deployment(checkoutProd), deployment(cart)],
        t0,
      );
      await store.saveDeployments(
        [deployment(checkout, { health: 'Progressing' })],
        t1,
      );
      await store.saveDeployments(
        [deployment(checkoutProd, { health: 'Degraded' })],
        t2,
      );
      await store.saveDeployments(
        [deployment(checkout, { health: 'Progressing', revision: 'd4e5f6' })],
        t3,
      );

      const all = await store.listHistory({
        entityRef: checkout.entityRef,
        limit: 100,
      });
      // 3 + 3 first appearances, then one transition at each of t1, t2, t3.
      expect(all).toHaveLength(9);
      expect(all.map(e => e.at)).toEqual(
        [...all.map(e => e.at)].sort().reverse(),
      );
      expect(all.slice(0, 3)).toEqual([
        {
          id: expect.any(String),
          ...checkout,
          field: 'revision',
          from: 'a1b2c3',
          to: 'd4e5f6',
          revision: 'd4e5f6',
          at: t3.toISOString(),
        },
        expect.objectContaining({
          ...checkoutProd,
          field: 'health',
          to: 'Degraded',
          at: t2.toISOString(),
        }),
        expect.objectContaining({
          ...checkout,
          field: 'health',
          from: 'Healthy',
          to: 'Progressing',
          at: t1.toISOString(),
        }),
      ]);
      expect(all.every(e => e.entityRef === checkout.entityRef)).toBe(true);
      expect(new Set(all.map(e => e.id)).size).toBe(9);

      expect(
        await store.listHistory({ entityRef: checkout.entityRef, limit: 2 }),
      ).toEqual(all.slice(0, 2));
      expect(
        await store.listHistory({
          entityRef: checkout.entityRef,
          limit: 100,
          before: t2.toISOString(),
        }),
      ).toEqual(all.slice(2));
      // Another spelling of the same instant.
      expect(
        await store.listHistory({
          entityRef: checkout.entityRef,
          limit: 100,
          before: '2026-11-22T11:10:00+01:00',
        }),
      ).toEqual(all.slice(2));

      // Paging with the cursor (before + beforeId) visits every entry once, even those that
      // share an instant (the first appearances all happened at t0).
      const paged: typeof all = [];
      for (;;) {
        const last = paged.at(-1);
        const page = await store.listHistory({
          entityRef: checkout.entityRef,
          limit: 2,
          ...(last ? { before: last.at, beforeId: last.id } : {}),
        });
        if (page.length === 0) break;
        paged.push(...page);
      }
      expect(paged).toEqual(all);

      const prod = await store.listHistory({
        entityRef: checkout.entityRef,
        environmentRef: checkoutProd.environmentRef,
        limit: 100,
      });
      expect(prod).toEqual(
        all.filter(e => e.environmentRef === checkoutProd.environmentRef),
      );
      expect(prod).toHaveLength(4);

      const staging = await store.listHistory({
        environmentRef: checkout.environmentRef,
        limit: 100,
      });
      expect(new Set(staging.map(e => e.entityRef))).toEqual(
        new Set([checkout.entityRef, cart.entityRef]),
      );
      expect(staging).toHaveLength(3 + 1 + 1 + 3);

      await expect(store.listHistory({ limit: 10 })).rejects.toThrow(
        InputError,
      );
      await expect(
        store.listHistory({
          entityRef: checkout.entityRef,
          limit: 10,
          before: 'yesterday',
        }),
      ).rejects.toThrow(InputError);
    });

    it('prunes old history', async () => {
      await store.saveDeployments([deployment(checkout)], t0);
      await store.saveDeployments(
        [deployment(checkout, { health: 'Degraded' })],
        t2,
      );
      expect(await store.pruneHistory(t1)).toBe(3);
      expect(
        await store.listHistory({ entityRef: checkout.entityRef, limit: 10 }),
      ).toEqual([expect.objectContaining({ at: t2.toISOString() })]);
      expect(await store.pruneHistory(t1)).toBe(0);
    });

    it('hands each refresh request to one caller only', async () => {
      const other = await DatabaseGitopsStore.create({
        database: knex,
        skipMigrations: true,
      });
      await store.requestRefresh(checkout.entityRef, t0);
      await other.requestRefresh(checkout.entityRef, t1);
      await other.requestRefresh(cart.entityRef, t1);

      const [a, b] = await Promise.all([
        store.takeRefreshRequests(),
        other.takeRefreshRequests(),
      ]);
      expect([...a, ...b].sort()).toEqual(
        [cart.entityRef, checkout.entityRef].sort(),
      );
      expect(await store.takeRefreshRequests()).toEqual([]);

      await store.requestRefresh(cart.entityRef, t2);
      expect(await other.takeRefreshRequests()).toEqual([cart.entityRef]);
    });

    it('lets exactly one of two replicas claim an episode', async () => {
      const other = await DatabaseGitopsStore.create({
        database: knex,
        skipMigrations: true,
      });
      const keys = Array.from({ length: 10 }, (_, i) => ({
        ...checkout,
        entityRef: `component:default/service-${i}`,
      }));
      await store.saveDeployments(
        keys.map(key =>
          deployment(key, { sync: 'OutOfSync', resources: [drifted] }),
        ),
        t0,
      );
      await store.saveDeployments(
        [deployment(cart, { health: 'Degraded' })],
        t1,
      );

      const open = await other.listOpenEpisodes();
      expect(open).toHaveLength(11);
      expect(open[0]).toEqual({
        ...keys[0],
        problem: 'OutOfSync',
        since: t0.toISOString(),
      });
      expect(open[10]).toEqual({
        ...cart,
        problem: 'Degraded',
        since: t1.toISOString(),
      });

      const claims = await Promise.all(
        keys.flatMap(key => [
          store.claimEpisodeNotification(key, 'OutOfSync', t2),
          other.claimEpisodeNotification(key, 'OutOfSync', t2),
        ]),
      );
      for (let i = 0; i < keys.length; i++) {
        expect([claims[2 * i], claims[2 * i + 1]].sort()).toEqual([
          false,
          true,
        ]);
      }
      expect(
        await store.claimEpisodeNotification(keys[0], 'OutOfSync', t3),
      ).toBe(false);
      expect(await store.claimEpisodeNotification(cart, 'OutOfSync')).toBe(
        false,
      );
      expect(await store.listOpenEpisodes()).toContainEqual({
        ...keys[0],
        problem: 'OutOfSync',
        since: t0.toISOString(),
        notifiedAt: t2.toISOString(),
      });
    });

    it('hands each recovery to one caller only, and forgets problems never notified', async () => {
      const other = await DatabaseGitopsStore.create({
        database: knex,
        skipMigrations: true,
      });
      await store.saveDeployments(
        [
          deployment(checkout, {
            sync: 'OutOfSync',
            resources: [drifted, resource('worker')],
          }),
          deployment(cart, { health: 'Degraded' }),
        ],
        t0,
      );
      expect(
        await store.claimEpisodeNotification(checkout, 'OutOfSync', t1),
      ).toBe(true);

      // Both recover; only checkout's episode had been notified.
      const recovered = await store.saveDeployments(
        [deployment(checkout), deployment(cart)],
        t2,
      );
      // 2 deployment rows, 1 resource row, 2 transitions, 1 deleted and 1 recovered episode.
      expect(recovered.rowsWritten).toBe(7);
      expect(await store.listOpenEpisodes()).toEqual([]);
      expect(await store.claimEpisodeNotification(checkout, 'OutOfSync')).toBe(
        false,
      );

      const [a, b] = await Promise.all([
        store.takeRecoveredEpisodes(),
        other.takeRecoveredEpisodes(),
      ]);
      expect([...a, ...b]).toEqual([
        {
          ...checkout,
          problem: 'OutOfSync',
          since: t0.toISOString(),
          notifiedAt: t1.toISOString(),
          recoveredAt: t2.toISOString(),
        },
      ]);
      expect(await store.takeRecoveredEpisodes()).toEqual([]);
      expect(await countRows(knex, 'notification_episodes')).toBe(0);
    });

    it('continues an episode whose problem comes back before its recovery was taken', async () => {
      const outOfSync = deployment(checkout, {
        sync: 'OutOfSync',
        resources: [drifted],
      });
      await store.saveDeployments([outOfSync], t0);
      await store.claimEpisodeNotification(checkout, 'OutOfSync', t1);
      await store.saveDeployments([deployment(checkout)], t2);
      await store.saveDeployments([outOfSync], t3);

      expect(await store.takeRecoveredEpisodes()).toEqual([]);
      expect(await store.listOpenEpisodes()).toEqual([
        {
          ...checkout,
          problem: 'OutOfSync',
          since: t0.toISOString(),
          notifiedAt: t1.toISOString(),
        },
      ]);
      // An episode never notified starts afresh.
      await store.saveDeployments(
        [deployment(cart, { health: 'Degraded' })],
        t0,
      );
      await store.saveDeployments([deployment(cart)], t1);
      await store.saveDeployments(
        [deployment(cart, { health: 'Degraded' })],
        t2,
      );
      expect(await store.listOpenEpisodes()).toContainEqual({
        ...cart,
        problem: 'Degraded',
        since: t2.toISOString(),
      });
    });

    it('does not rewrite unchanged rows from a fresh instance over an existing database', async () => {
      const results = [
        deployment(checkout, {
          sync: 'OutOfSync',
          resources: [drifted, resource('worker')],
        }),
        deployment(cart),
      ];
      await store.saveDeployments(results, t0);

      const fresh = await DatabaseGitopsStore.create({ database: knex });
      expect(await fresh.saveDeployments(results, t1)).toEqual({
        rowsWritten: 0,
        statusesChanged: 0,
        transitions: [],
      });

      // Transitions are computed from what was stored.
      const other = await DatabaseGitopsStore.create({ database: knex });
      const synced = await other.saveDeployments(
        [deployment(checkout), deployment(cart)],
        t2,
      );
      expect(synced.transitions).toEqual([
        expect.objectContaining({
          ...checkout,
          field: 'sync',
          from: 'OutOfSync',
          to: 'Synced',
        }),
      ]);
      // checkout's deployment and resource rows, its history row, its deleted episode.
      expect(synced.rowsWritten).toBe(4);
      expect(await store.getDeployment(checkout)).toMatchObject({
        healthSince: t0.toISOString(),
        syncSince: t2.toISOString(),
      });
    });

    it('reads the database again after resetCache', async () => {
      const results = [deployment(checkout)];
      await store.saveDeployments(results, t0);
      const other = await DatabaseGitopsStore.create({ database: knex });
      await other.saveDeployments(
        [deployment(checkout, { health: 'Degraded' })],
        t1,
      );

      // The cache still holds what this instance wrote.
      expect(await store.saveDeployments(results, t2)).toMatchObject({
        rowsWritten: 0,
      });
      store.resetCache();
      const restored = await store.saveDeployments(results, t3);
      expect(restored.transitions).toEqual([
        expect.objectContaining({
          field: 'health',
          from: 'Degraded',
          to: 'Healthy',
        }),
      ]);
      expect(await store.getDeployment(checkout)).toMatchObject({
        health: 'Healthy',
        healthSince: t3.toISOString(),
      });
    });

    it('reads no resource rows for a deployment whose resources did not change, in any order', async () => {
      const resources = [resource('api'), resource('worker'), resource('db')];
      await store.saveDeployments(
        [deployment(checkout, { resources }), deployment(cart)],
        t0,
      );
      const reordered = [
        deployment(cart, { resources: [resource('worker'), resource('api')] }),
        deployment(checkout, { resources: [...resources].reverse() }),
      ];

      expect(
        await countingResourceReads(knex, () =>
          store.saveDeployments(reordered, t1),
        ),
      ).toEqual([{ rowsWritten: 0, statusesChanged: 0, transitions: [] }, 0]);

      // After resetCache the stored hashes are read once, then hashed as the results are.
      store.resetCache();
      const [restored, reads] = await countingResourceReads(knex, () =>
        store.saveDeployments(reordered, t2),
      );
      expect(restored.rowsWritten).toBe(0);
      expect(reads).toBeGreaterThan(0);
      expect(
        await countingResourceReads(knex, () =>
          store.saveDeployments(
            [deployment(checkout, { resources }), deployment(cart)],
            t3,
          ),
        ),
      ).toEqual([{ rowsWritten: 0, statusesChanged: 0, transitions: [] }, 0]);
    });

    it.each([
      ['cached', false],
      ['read again', true],
    ])(
      'writes exactly the resource rows that changed, came or went (stored hashes %s)',
      async (_, reset) => {
        const before = [0, 1, 2, 3, 4].map(i => resource(`app-${i}`));
        await store.saveDeployments(
          [deployment(checkout, { resources: before }), deployment(cart)],
          t0,
        );
        // app-0 changes, app-4 goes, app-5 comes; the others are listed in another order.
        const after = [
          resource('app-5'),
          before[3],
          before[1],
          resource('app-0', {
            health: { status: 'Healthy', message: 'rolled out' },
          }),
          before[2],
        ];
        if (reset) {
          store.resetCache();
        }
        const [changed, reads] = await countingResourceReads(knex, () =>
          store.saveDeployments(
            [deployment(checkout, { resources: after }), deployment(cart)],
            t1,
          ),
        );
        // The deployment's aggregate (5 resources, none drifted) is the same: no row for it.
        expect(changed).toEqual({
          rowsWritten: 3,
          statusesChanged: 3,
          transitions: [],
        });
        expect(reads).toBeGreaterThan(0);
        expect(
          (await store.listResources(checkout)).map(r => [r.name, r.updatedAt]),
        ).toEqual([
          ['app-0', t1.toISOString()],
          ['app-1', t0.toISOString()],
          ['app-2', t0.toISOString()],
          ['app-3', t0.toISOString()],
          ['app-5', t1.toISOString()],
        ]);
        expect(await store.listResources(cart)).toEqual([
          expect.objectContaining({ updatedAt: t0.toISOString() }),
          expect.objectContaining({ updatedAt: t0.toISOString() }),
        ]);

        // The cache now holds the new resources: the same again is no write and no read.
        expect(
          await countingResourceReads(knex, () =>
            store.saveDeployments(
              [deployment(checkout, { resources: after })],
              t2,
            ),
          ),
        ).toEqual([{ rowsWritten: 0, statusesChanged: 0, transitions: [] }, 0]);
        // Back to the first resources: the same three rows again.
        expect(
          await store.saveDeployments(
            [deployment(checkout, { resources: before })],
            t3,
          ),
        ).toMatchObject({ rowsWritten: 3, statusesChanged: 3 });
        expect(await countRows(knex, 'resource_status')).toBe(5 + 2);
      },
    );

    it('deletes every resource of a deployment that reports none', async () => {
      await store.saveDeployments([deployment(checkout)], t0);
      expect(
        await store.saveDeployments(
          [deployment(checkout, { resources: [] })],
          t1,
        ),
      ).toEqual({ rowsWritten: 3, statusesChanged: 3, transitions: [] });
      expect(await store.listResources(checkout)).toEqual([]);
      expect(
        await store.saveDeployments(
          [deployment(checkout, { resources: [] })],
          t2,
        ),
      ).toMatchObject({ rowsWritten: 0 });
    });

    it('keeps the resource rows of a deployment whose cluster is unreachable', async () => {
      const resources = [resource('api'), resource('worker'), resource('db')];
      const reachable = deployment(checkout, { resources });
      const unreachable = deployment(checkout, {
        sync: 'Unknown',
        health: 'Unknown',
        reason: 'cluster unreachable',
        resources: [],
        keepResources: true,
      });
      await store.saveDeployments([reachable], t0);

      // The deployment row and its sync and health transitions; no resource row.
      expect(await store.saveDeployments([unreachable], t1)).toMatchObject({
        rowsWritten: 3,
        statusesChanged: 1,
      });
      expect(await store.getDeployment(checkout)).toMatchObject({
        sync: 'Unknown',
        resourceCount: 3,
      });
      expect(
        (await store.listResources(checkout)).map(r => r.updatedAt),
      ).toEqual([t0.toISOString(), t0.toISOString(), t0.toISOString()]);
      expect(await store.saveDeployments([unreachable], t2)).toMatchObject({
        rowsWritten: 0,
      });
      // Read again: the stored resources are counted and hashed.
      store.resetCache();
      expect(await store.saveDeployments([unreachable], t2)).toMatchObject({
        rowsWritten: 0,
      });
      expect(await countRows(knex, 'resource_status')).toBe(3);

      // Reachable again with the same resources: only the deployment row and transitions.
      expect(
        await countingResourceReads(knex, () =>
          store.saveDeployments([reachable], t3),
        ),
      ).toEqual([
        expect.objectContaining({ rowsWritten: 3, statusesChanged: 1 }),
        0,
      ]);
      expect(await store.getDeployment(checkout)).toMatchObject({
        sync: 'Synced',
        resourceCount: 3,
      });
    });

    it('finishes a save under way when resetCache is called, and reads again after it', async () => {
      await store.saveDeployments([deployment(checkout), deployment(cart)], t0);
      let reset = false;
      const [changed] = await countingResourceReads(
        knex,
        () =>
          store.saveDeployments(
            [
              deployment(checkout, {
                resources: [resource('api'), resource('worker', { diff: 'x' })],
              }),
              deployment(cart),
            ],
            t1,
          ),
        () => {
          if (!reset) {
            reset = true;
            store.resetCache();
          }
        },
      );
      expect(reset).toBe(true);
      expect(changed).toEqual({
        rowsWritten: 1,
        statusesChanged: 1,
        transitions: [],
      });
      // The save did not refill the cache: the next one reads what it wrote.
      const [again, reads] = await countingResourceReads(knex, () =>
        store.saveDeployments([deployment(cart)], t2),
      );
      expect(again.rowsWritten).toBe(0);
      expect(reads).toBeGreaterThan(0);
    });

    it('serializes concurrent saves on one instance', async () => {
      const saves = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.saveDeployments(
            [deployment(checkout, { health: i % 2 ? 'Degraded' : 'Healthy' })],
            new Date(t0.getTime() + i * 60_000),
          ),
        ),
      );
      // Each save sees the one before it: a first appearance, then a health transition each.
      expect(saves.map(s => s.transitions.length)).toEqual([
        3, 1, 1, 1, 1, 1, 1, 1, 1, 1,
      ]);
      expect(await countRows(knex, 'deployment_history')).toBe(12);
      expect(await store.getDeployment(checkout)).toMatchObject({
        health: 'Degraded',
        healthSince: new Date(t0.getTime() + 9 * 60_000).toISOString(),
      });
    });
  });
});
