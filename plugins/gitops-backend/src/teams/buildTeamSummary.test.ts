import { Entity } from '@backstage/catalog-model';
import {
  ChangeRequest,
  DeploymentStatus,
} from '@shipshape/plugin-gitops-common';
import { buildTeamSummary, toCell } from './buildTeamSummary';
import { TeamCatalogSnapshot } from './TeamCatalogSnapshot';

function deployment(
  overrides: Partial<DeploymentStatus> & { entityRef: string },
): DeploymentStatus {
  return {
    environmentRef: 'environment:default/prod',
    clusterRef: 'resource:default/cluster-a',
    namespace: 'shop',
    sync: 'Synced',
    health: 'Healthy',
    revision: 'a'.repeat(40),
    resourceCount: 3,
    driftCount: 0,
    syncSince: '2026-11-01T00:00:00.000Z',
    healthSince: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
}

const env = (name: string, type: string, title?: string): Entity => ({
  apiVersion: 'gitops.shipshape.dev/v1alpha1',
  kind: 'Environment',
  metadata: { name, ...(title ? { title } : {}) },
  spec: { type },
});

const component = (
  name: string,
  relations: Array<[string, string]> = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name },
  spec: { type: 'service' },
  relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
});

describe('toCell', () => {
  it('folds the clusters of an environment: worst status, sums, earliest problem start', () => {
    const cell = toCell([
      deployment({
        entityRef: 'component:default/orders',
        clusterRef: 'resource:default/cluster-b',
        sync: 'OutOfSync',
        driftCount: 2,
        syncSince: '2026-11-03T10:00:00.000Z',
        revision: 'b'.repeat(40),
      }),
      deployment({
        entityRef: 'component:default/orders',
        clusterRef: 'resource:default/cluster-a',
        sync: 'OutOfSync',
        driftCount: 1,
        // Earlier, in another offset: compared as instants.
        syncSince: '2026-11-03T11:00:00.000+02:00',
        health: 'Degraded',
        healthSince: '2026-11-04T00:00:00.000Z',
        reason: 'orders: 0 of 2 replicas available',
      }),
    ]);
    expect(cell).toEqual({
      environmentRef: 'environment:default/prod',
      sync: 'OutOfSync',
      health: 'Degraded',
      driftCount: 3,
      resourceCount: 6,
      revision: 'a'.repeat(40),
      mixedRevisions: true,
      clusterRefs: ['resource:default/cluster-a', 'resource:default/cluster-b'],
      reason: 'orders: 0 of 2 replicas available',
      outOfSyncSince: '2026-11-03T11:00:00.000+02:00',
      degradedSince: '2026-11-04T00:00:00.000Z',
    });
  });

  it('has no drift age when in sync and healthy, and takes OutOfSync over Unknown', () => {
    const healthy = toCell([deployment({ entityRef: 'component:default/a' })]);
    expect(healthy.outOfSyncSince).toBeUndefined();
    expect(healthy.degradedSince).toBeUndefined();
    expect(healthy.mixedRevisions).toBeUndefined();
    const mixed = toCell([
      deployment({ entityRef: 'component:default/a', sync: 'Unknown' }),
      deployment({
        entityRef: 'component:default/a',
        clusterRef: 'resource:default/cluster-b',
        sync: 'OutOfSync',
      }),
    ]);
    expect(mixed.sync).toBe('OutOfSync');
  });
});

describe('buildTeamSummary', () => {
  const snapshot = TeamCatalogSnapshot.fromEntities([
    env('prod', 'production', 'Production'),
    env('dev', 'development'),
    env('pr-1', 'preview'),
    component('orders'),
    component('billing'),
    component('docs'),
    component('storefront', [['dependsOn', 'component:default/orders']]),
    component('mobile', [['dependsOn', 'component:default/storefront']]),
  ]);
  const services = new Map([
    ['component:default/orders', 'group:default/team-a'],
    ['component:default/billing', 'group:default/team-a-sub'],
    ['component:default/docs', 'group:default/team-a'],
  ]);
  const changeRequest = { id: 'shop/gitops#7' } as ChangeRequest;

  const summary = buildTeamSummary({
    snapshot,
    groupRef: 'group:default/team-a',
    includeSubgroups: true,
    groupRefs: ['group:default/team-a', 'group:default/team-a-sub'],
    services,
    deployments: [
      deployment({
        entityRef: 'component:default/orders',
        health: 'Degraded',
        healthSince: '2026-11-02T00:00:00.000Z',
      }),
      deployment({
        entityRef: 'component:default/orders',
        environmentRef: 'environment:default/dev',
      }),
      deployment({
        entityRef: 'component:default/billing',
        environmentRef: 'environment:default/pr-1',
        sync: 'OutOfSync',
        driftCount: 4,
        syncSince: '2026-11-05T00:00:00.000Z',
      }),
      // Not the team's: ignored.
      deployment({ entityRef: 'component:default/storefront' }),
    ],
    awaitingApproval: [changeRequest],
    now: new Date('2026-11-10T00:00:00.000Z'),
  });

  it('orders environments by type, then name, with their types and titles', () => {
    expect(summary.environments).toEqual([
      { environmentRef: 'environment:default/dev', type: 'development' },
      {
        environmentRef: 'environment:default/prod',
        type: 'production',
        title: 'Production',
      },
      { environmentRef: 'environment:default/pr-1', type: 'preview' },
    ]);
  });

  it('builds a row per owned service, cells in environment order, undeployed ones included', () => {
    expect(
      summary.services.map(s => [
        s.entityRef,
        s.ownerRef,
        s.sync,
        s.health,
        s.cells.map(c => c.environmentRef),
      ]),
    ).toEqual([
      [
        'component:default/billing',
        'group:default/team-a-sub',
        'OutOfSync',
        'Healthy',
        ['environment:default/pr-1'],
      ],
      [
        'component:default/docs',
        'group:default/team-a',
        'Synced',
        'Healthy',
        [],
      ],
      [
        'component:default/orders',
        'group:default/team-a',
        'Synced',
        'Degraded',
        ['environment:default/dev', 'environment:default/prod'],
      ],
    ]);
    expect(summary.services[0].cells[0].outOfSyncSince).toBe(
      '2026-11-05T00:00:00.000Z',
    );
    expect(summary.services[2].cells[1].degradedSince).toBe(
      '2026-11-02T00:00:00.000Z',
    );
  });

  it('counts services, deployments, problems and requests awaiting approval', () => {
    expect(summary.counts).toEqual({
      services: 3,
      deployments: 3,
      outOfSync: 1,
      degraded: 1,
      awaitingApproval: 1,
    });
    expect(summary.summary).toEqual({ sync: 'OutOfSync', health: 'Degraded' });
    expect(summary.awaitingApproval).toEqual([changeRequest]);
    expect(summary.generatedAt).toBe('2026-11-10T00:00:00.000Z');
  });

  it('lists the transitive dependants of degraded services, nearest first', () => {
    expect(summary.degradedDependants).toEqual([
      {
        entityRef: 'component:default/storefront',
        ownerRefs: [],
        degradedDependencies: ['component:default/orders'],
        distance: 1,
      },
      {
        entityRef: 'component:default/mobile',
        ownerRefs: [],
        degradedDependencies: ['component:default/orders'],
        distance: 2,
      },
    ]);
  });
});
