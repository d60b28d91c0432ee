import {
  ChangeRequest,
  TeamSummaryCell,
  TeamSummaryResponse,
  TeamSummaryService,
} from '@shipshape/plugin-gitops-common';

export function teamCell(overrides: Partial<TeamSummaryCell>): TeamSummaryCell {
  return {
    environmentRef: 'environment:default/prod',
    sync: 'Synced',
    health: 'Healthy',
    driftCount: 0,
    resourceCount: 4,
    revision: '0123456789abcdef0123456789abcdef01234567',
    clusterRefs: ['resource:default/cluster-eu'],
    ...overrides,
  };
}

export function teamService(
  name: string,
  cells: TeamSummaryCell[],
  overrides: Partial<TeamSummaryService> = {},
): TeamSummaryService {
  return {
    entityRef: `component:default/${name}`,
    ownerRef: 'group:default/payments',
    sync: cells.some(c => c.sync === 'OutOfSync') ? 'OutOfSync' : 'Synced',
    health: cells.some(c => c.health === 'Degraded') ? 'Degraded' : 'Healthy',
    cells,
    ...overrides,
  };
}

export function changeRequest(
  overrides: Partial<ChangeRequest> = {},
): ChangeRequest {
  return {
    id: 'shop/gitops#7',
    repository: 'shop/gitops',
    number: 7,
    title: 'Add preview environment pr-7',
    url: 'https://github.example/shop/gitops/pull/7',
    state: 'open',
    draft: false,
    approvals: [],
    checks: 'success',
    headBranch: 'shipshape/pr-7',
    baseBranch: 'main',
    createdAt: '2026-12-19T00:00:00Z',
    stateSince: '2026-12-20T00:00:00Z',
    updatedAt: '2026-12-20T00:00:00Z',
    action: 'create',
    environmentRef: 'environment:default/pr-7',
    entityRefs: ['component:default/checkout'],
    requester: 'user:default/jane',
    reviewers: ['group:default/payments'],
    ...overrides,
  };
}

/** A team of three services in dev and prod: one drifting, one degraded, one fine. */
export function teamSummary(
  overrides: Partial<TeamSummaryResponse> = {},
): TeamSummaryResponse {
  return {
    groupRef: 'group:default/payments',
    includeSubgroups: true,
    groupRefs: ['group:default/payments', 'group:default/payments-eu'],
    summary: { sync: 'OutOfSync', health: 'Degraded' },
    counts: {
      services: 3,
      deployments: 5,
      outOfSync: 1,
      degraded: 1,
      awaitingApproval: 1,
    },
    environments: [
      { environmentRef: 'environment:default/dev', type: 'development' },
      {
        environmentRef: 'environment:default/prod',
        type: 'production',
        title: 'Production',
      },
    ],
    services: [
      teamService(
        'checkout',
        [
          teamCell({ environmentRef: 'environment:default/dev' }),
          teamCell({
            health: 'Degraded',
            degradedSince: '2026-12-20T22:00:00Z',
            reason: 'checkout: 0 of 2 replicas available',
          }),
        ],
        { title: 'Checkout' },
      ),
      teamService(
        'ledger',
        [
          teamCell({
            environmentRef: 'environment:default/dev',
            sync: 'OutOfSync',
            driftCount: 2,
            outOfSyncSince: '2026-12-18T00:00:00Z',
          }),
          teamCell({}),
        ],
        { ownerRef: 'group:default/payments-eu' },
      ),
      teamService('refunds', [teamCell({})]),
    ],
    awaitingApproval: [changeRequest()],
    degradedDependants: [
      {
        entityRef: 'component:default/storefront',
        ownerRefs: ['group:default/web'],
        degradedDependencies: ['component:default/checkout'],
        distance: 1,
      },
      {
        entityRef: 'component:default/mobile-app',
        ownerRefs: [],
        degradedDependencies: ['component:default/checkout'],
        distance: 2,
      },
    ],
    generatedAt: '2026-12-21T00:00:00Z',
    ...overrides,
  };
}
