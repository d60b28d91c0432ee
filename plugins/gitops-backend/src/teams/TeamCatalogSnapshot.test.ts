import { Entity } from '@backstage/catalog-model';
import { TeamCatalogSnapshot } from './TeamCatalogSnapshot';

function entity(
  kind: string,
  name: string,
  relations: Array<[string, string]> = [],
  extra: { title?: string; type?: string } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, ...(extra.title ? { title: extra.title } : {}) },
    spec: extra.type ? { type: extra.type } : {},
    relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
  };
}

describe('TeamCatalogSnapshot', () => {
  const entities = [
    entity('Group', 'platform', [['parentOf', 'group:default/payments']]),
    // Only the child side of the pair: still a sub-group.
    entity('Group', 'payments', [['parentOf', 'group:default/payments-eu']]),
    entity('Group', 'payments-eu', [
      ['childOf', 'group:default/payments'],
      // A cycle back to the top must not loop.
      ['parentOf', 'group:default/platform'],
    ]),
    entity('Group', 'search-team', [['childOf', 'group:default/platform']]),
    entity('Group', 'other'),
    entity('Component', 'gateway', [['ownedBy', 'group:default/platform']], {
      title: 'API Gateway',
      type: 'service',
    }),
    entity('Component', 'checkout', [['ownedBy', 'group:default/payments']]),
    entity('Component', 'ledger', [['ownedBy', 'group:default/payments-eu']]),
    entity('Component', 'search', [['ownedBy', 'group:default/search-team']]),
    entity('Resource', 'db', [['ownedBy', 'group:default/platform']]),
  ];
  const snapshot = TeamCatalogSnapshot.fromEntities(entities);

  it('finds sub-groups transitively from both halves of the relation pair, and survives cycles', () => {
    expect(snapshot.groupsOf('group:default/platform', true).sort()).toEqual([
      'group:default/payments',
      'group:default/payments-eu',
      'group:default/platform',
      'group:default/search-team',
    ]);
    expect(snapshot.groupsOf('group:default/payments', true).sort()).toEqual([
      'group:default/payments',
      'group:default/payments-eu',
      'group:default/platform',
      'group:default/search-team',
    ]); // through the cycle payments-eu → platform
    expect(snapshot.groupsOf('Group:Default/Payments', false)).toEqual([
      'group:default/payments',
    ]);
  });

  it('lists the owned Components (not Resources) with their owning group', () => {
    const owned = snapshot.componentsOwnedBy(
      snapshot.groupsOf('group:default/platform', true),
    );
    expect(Object.fromEntries(owned)).toEqual({
      'component:default/gateway': 'group:default/platform',
      'component:default/checkout': 'group:default/payments',
      'component:default/ledger': 'group:default/payments-eu',
      'component:default/search': 'group:default/search-team',
    });
    expect([
      ...snapshot.componentsOwnedBy(['group:default/other']).keys(),
    ]).toEqual([]);
    expect(snapshot.get('component:default/gateway')).toEqual({
      ref: 'component:default/gateway',
      kind: 'Component',
      title: 'API Gateway',
      type: 'service',
      ownerRefs: ['group:default/platform'],
    });
  });

  it('finds transitive dependants with the shortest distance, through both dependsOn and dependencyOf', () => {
    const graph = TeamCatalogSnapshot.fromEntities([
      entity('Component', 'db-proxy', [
        ['dependencyOf', 'component:default/orders'],
      ]),
      entity('Component', 'orders', [
        ['dependsOn', 'component:default/db-proxy'],
      ]),
      entity('Component', 'web', [
        ['dependsOn', 'component:default/orders'],
        ['dependsOn', 'component:default/db-proxy'],
      ]),
      entity('Component', 'mobile-bff', [
        ['dependsOn', 'component:default/web'],
      ]),
      // A dependency cycle must end.
      entity('Component', 'cyclic', [
        ['dependsOn', 'component:default/mobile-bff'],
        ['dependencyOf', 'component:default/mobile-bff'],
      ]),
      entity('Component', 'unrelated'),
      entity('Component', 'payments'),
      entity('Component', 'refunds', [
        ['dependsOn', 'component:default/payments'],
      ]),
    ]);

    const found = graph.dependantsOf([
      'component:default/db-proxy',
      'component:default/payments',
    ]);
    const flat = Object.fromEntries(
      [...found].map(([ref, { distance, roots }]) => [
        ref,
        { distance, roots: [...roots].sort() },
      ]),
    );
    expect(flat).toEqual({
      'component:default/orders': {
        distance: 1,
        roots: ['component:default/db-proxy'],
      },
      'component:default/web': {
        distance: 1, // directly, not only through orders
        roots: ['component:default/db-proxy'],
      },
      'component:default/mobile-bff': {
        distance: 2,
        roots: ['component:default/db-proxy'],
      },
      'component:default/cyclic': {
        distance: 3,
        roots: ['component:default/db-proxy'],
      },
      'component:default/refunds': {
        distance: 1,
        roots: ['component:default/payments'],
      },
    });
  });

  it('lists a degraded root that depends on another degraded root', () => {
    const graph = TeamCatalogSnapshot.fromEntities([
      entity('Component', 'a', [['dependsOn', 'component:default/b']]),
      entity('Component', 'b'),
    ]);
    const found = graph.dependantsOf([
      'component:default/a',
      'component:default/b',
    ]);
    expect([...found.keys()]).toEqual(['component:default/a']);
  });
});
