import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ChangeRequest } from '@shipshape/plugin-gitops-common';
import { Knex } from 'knex';
import request from 'supertest';
import { applyDatabaseMigrations } from '../database/applyDatabaseMigrations';
import { DatabaseGitopsStore } from '../database/DatabaseGitopsStore';
import { expectMatchesSpec } from '../__testUtils__/expectMatchesSpec';
import { gitopsPlugin } from '../plugin';
import { DeploymentResult } from '../reconciler/types';
import { CachedTeamCatalog } from './CachedTeamCatalog';
import { TeamSummaryService } from './TeamSummaryService';

const rel = (type: string, targetRef: string) => ({ type, targetRef });

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments' },
    spec: { type: 'team' },
    relations: [rel('parentOf', 'group:default/payments-eu')],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments-eu' },
    spec: { type: 'team' },
    relations: [rel('childOf', 'group:default/payments')],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', title: 'Checkout' },
    spec: { type: 'service' },
    relations: [rel('ownedBy', 'group:default/payments')],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'ledger' },
    spec: { type: 'service' },
    relations: [
      rel('ownedBy', 'group:default/payments-eu'),
      rel('dependencyOf', 'component:default/checkout'),
    ],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'storefront' },
    spec: { type: 'website' },
    relations: [
      rel('ownedBy', 'group:default/web'),
      rel('dependsOn', 'component:default/checkout'),
    ],
  },
  {
    apiVersion: 'gitops.shipshape.dev/v1alpha1',
    kind: 'Environment',
    metadata: { name: 'prod' },
    spec: { type: 'production' },
  },
  {
    apiVersion: 'gitops.shipshape.dev/v1alpha1',
    kind: 'Environment',
    metadata: { name: 'staging' },
    spec: { type: 'staging' },
  },
];

function result(
  entityRef: string,
  environment: string,
  overrides: Partial<DeploymentResult> = {},
): DeploymentResult {
  return {
    entityRef,
    environmentRef: `environment:default/${environment}`,
    clusterRef: 'resource:default/cluster-eu',
    namespace: environment,
    sync: 'Synced',
    health: 'Healthy',
    revision: 'c'.repeat(40),
    resources: [],
    ...overrides,
  };
}

const drifted = {
  key: 'apps/Deployment/prod/ledger',
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  namespace: 'prod',
  name: 'ledger',
  sync: 'OutOfSync' as const,
  changes: [{ path: '/spec/replicas', desired: 2, live: 3 }],
  diff: '',
};

describe('team summaries', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let knex: Knex;
  let store: DatabaseGitopsStore;
  const threeDaysAgo = new Date('2026-11-07T09:00:00.000Z');
  const yesterday = new Date('2026-11-09T09:00:00.000Z');

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    await applyDatabaseMigrations(knex);
    store = await DatabaseGitopsStore.create({
      database: knex,
      skipMigrations: true,
    });
    await store.saveDeployments(
      [
        result('component:default/checkout', 'prod'),
        result('component:default/checkout', 'staging'),
        result('component:default/ledger', 'prod'),
        result('component:default/storefront', 'prod'),
      ],
      new Date('2026-11-01T00:00:00.000Z'),
    );
    // Ledger drifts three days ago, checkout's prod turns Degraded yesterday.
    await store.saveDeployments(
      [
        result('component:default/ledger', 'prod', {
          sync: 'OutOfSync',
          resources: [drifted],
        }),
      ],
      threeDaysAgo,
    );
    await store.saveDeployments(
      [
        result('component:default/checkout', 'prod', {
          health: 'Degraded',
          reason: 'checkout: 0 of 2 replicas available',
        }),
      ],
      yesterday,
    );
  });

  const service = (
    options: {
      includeSubgroupsByDefault?: boolean;
      requests?: ChangeRequest[];
    } = {},
  ) => {
    const listAwaitingApproval = jest.fn(
      async (_refs: string[]) => options.requests ?? [],
    );
    return {
      listAwaitingApproval,
      summaries: TeamSummaryService.create({
        catalog: CachedTeamCatalog.create({
          catalog: catalogServiceMock({ entities }),
          auth: mockServices.auth(),
          logger: mockServices.logger.mock(),
        }),
        store,
        changeRequests: { listAwaitingApproval },
        includeSubgroupsByDefault: options.includeSubgroupsByDefault,
        revisionUrl: revision => `https://git.example/commit/${revision}`,
        now: () => new Date('2026-11-10T09:00:00.000Z'),
      }),
    };
  };

  it('aggregates what the group and its sub-groups own, with drift age and dependants', async () => {
    const request7 = { id: 'shop/gitops#7' } as ChangeRequest;
    const { summaries, listAwaitingApproval } = service({
      requests: [request7],
    });
    const summary = await summaries.getSummary({
      groupRef: 'group:default/payments',
    });

    expect(summary.includeSubgroups).toBe(true);
    expect(summary.groupRefs).toEqual([
      'group:default/payments',
      'group:default/payments-eu',
    ]);
    expect(listAwaitingApproval).toHaveBeenCalledWith(summary.groupRefs);
    expect(summary.environments).toEqual([
      { environmentRef: 'environment:default/staging', type: 'staging' },
      { environmentRef: 'environment:default/prod', type: 'production' },
    ]);
    const [checkout, ledger] = summary.services;
    expect(checkout).toMatchObject({
      entityRef: 'component:default/checkout',
      title: 'Checkout',
      type: 'service',
      ownerRef: 'group:default/payments',
      health: 'Degraded',
    });
    expect(checkout.cells[1]).toMatchObject({
      environmentRef: 'environment:default/prod',
      health: 'Degraded',
      reason: 'checkout: 0 of 2 replicas available',
      degradedSince: yesterday.toISOString(),
      revisionUrl: `https://git.example/commit/${'c'.repeat(40)}`,
    });
    expect(ledger).toMatchObject({
      entityRef: 'component:default/ledger',
      ownerRef: 'group:default/payments-eu',
      sync: 'OutOfSync',
    });
    expect(ledger.cells[0]).toMatchObject({
      driftCount: 1,
      outOfSyncSince: threeDaysAgo.toISOString(),
    });
    expect(summary.counts).toEqual({
      services: 2,
      deployments: 3,
      outOfSync: 1,
      degraded: 1,
      awaitingApproval: 1,
    });
    // Ledger is a dependency of checkout; storefront depends on checkout.
    expect(summary.degradedDependants).toEqual([
      {
        entityRef: 'component:default/storefront',
        ownerRefs: ['group:default/web'],
        degradedDependencies: ['component:default/checkout'],
        distance: 1,
      },
    ]);
  });

  it('leaves sub-groups out when asked, or by configuration', async () => {
    const { summaries } = service();
    const alone = await summaries.getSummary({
      groupRef: 'group:default/payments',
      includeSubgroups: false,
    });
    expect(alone.services.map(s => s.entityRef)).toEqual([
      'component:default/checkout',
    ]);
    const configured = service({ includeSubgroupsByDefault: false });
    const byDefault = await configured.summaries.getSummary({
      groupRef: 'group:default/payments',
    });
    expect(byDefault.includeSubgroups).toBe(false);
    expect(byDefault.counts.services).toBe(1);
  });

  it('leaves out services and dependants the caller may not read', async () => {
    const { summaries } = service();
    const summary = await summaries.getSummary({
      groupRef: 'group:default/payments',
      readable: async refs =>
        new Set(
          refs.filter(
            ref =>
              ref !== 'component:default/ledger' &&
              ref !== 'component:default/storefront',
          ),
        ),
    });
    expect(summary.services.map(s => s.entityRef)).toEqual([
      'component:default/checkout',
    ]);
    expect(summary.counts.outOfSync).toBe(0);
    expect(summary.degradedDependants).toEqual([]);
  });

  it('says when the group is not in the catalog', async () => {
    const { summaries } = service();
    await expect(
      summaries.getSummary({ groupRef: 'group:default/nobody' }),
    ).rejects.toThrow('No group group:default/nobody in the catalog');
    await expect(
      summaries.getSummary({ groupRef: 'component:default/checkout' }),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  describe('GET /team-summary', () => {
    const start = (
      decision:
        | AuthorizeResult.ALLOW
        | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
      config: object = {},
    ) =>
      startTestBackend({
        features: [
          gitopsPlugin,
          mockServices.database.factory({ knex, migrations: { skip: true } }),
          mockServices.permissions.factory({ result: decision }),
          mockServices.rootConfig.factory({ data: config }),
          catalogServiceMock.factory({ entities }),
        ],
      });

    it('answers the summary in the documented shape', async () => {
      const { server } = await start();
      const response = await request(server).get(
        '/api/gitops/team-summary?groupRef=group:default/payments',
      );
      expect(response.status).toBe(200);
      expectMatchesSpec('/team-summary', 'get', response);
      expect(response.body.counts).toEqual({
        services: 2,
        deployments: 3,
        outOfSync: 1,
        degraded: 1,
        awaitingApproval: 0,
      });
    });

    it('reads includeSubgroups from the query, and its default from gitops.teams', async () => {
      const { server } = await start(AuthorizeResult.ALLOW, {
        gitops: { teams: { includeSubgroups: false } },
      });
      const byDefault = await request(server)
        .get('/api/gitops/team-summary')
        .query({ groupRef: 'group:default/payments' });
      expect(byDefault.body.services).toHaveLength(1);
      const included = await request(server)
        .get('/api/gitops/team-summary')
        .query({
          groupRef: 'group:default/payments',
          includeSubgroups: 'true',
        });
      expect(included.body.services).toHaveLength(2);
      const bad = await request(server)
        .get('/api/gitops/team-summary')
        .query({ groupRef: 'group:default/payments', includeSubgroups: 'yes' });
      expect(bad.status).toBe(400);
    });

    it('refuses callers without gitops.status.read, and unknown groups', async () => {
      const denied = await start(AuthorizeResult.DENY);
      const refused = await request(denied.server)
        .get('/api/gitops/team-summary')
        .query({ groupRef: 'group:default/payments' });
      expect(refused.status).toBe(403);
      expectMatchesSpec('/team-summary', 'get', refused);
      await denied.stop();

      const { server } = await start();
      const missing = await request(server)
        .get('/api/gitops/team-summary')
        .query({ groupRef: 'group:default/nobody' });
      expect(missing.status).toBe(404);
      const malformed = await request(server)
        .get('/api/gitops/team-summary')
        .query({ groupRef: 'group:' });
      expect(malformed.status).toBe(400);
    });
  });
});
