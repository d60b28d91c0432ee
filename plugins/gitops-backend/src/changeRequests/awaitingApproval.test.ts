import { ChangeRequest } from '@shipshape/plugin-gitops-common';
import { awaitingApprovalFrom } from './awaitingApproval';

const request = (
  id: string,
  state: ChangeRequest['state'],
  reviewers?: string[],
): ChangeRequest => ({
  id,
  repository: 'shop/gitops',
  number: Number(id),
  title: `Change ${id}`,
  url: `https://github.example/shop/gitops/pull/${id}`,
  state,
  draft: false,
  approvals: [],
  headBranch: `change-${id}`,
  baseBranch: 'main',
  createdAt: '2026-11-01T00:00:00Z',
  stateSince: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
  action: 'update',
  environmentRef: 'environment:default/prod',
  entityRefs: ['component:default/checkout'],
  ...(reviewers ? { reviewers } : {}),
});

describe('awaitingApprovalFrom', () => {
  it('keeps open requests (also with changes requested) that one of the groups reviews', () => {
    const requests = [
      request('1', 'open', ['group:default/payments']),
      request('2', 'changes_requested', ['Payments-EU']),
      request('3', 'approved', ['group:default/payments']),
      request('4', 'open', ['group:default/web', 'user:default/jane']),
      request('5', 'open'),
      request('6', 'merged', ['group:default/payments']),
    ];
    const found = requests.filter(
      awaitingApprovalFrom([
        'group:default/payments',
        'group:default/payments-eu',
      ]),
    );
    expect(found.map(r => r.id)).toEqual(['1', '2']);
  });
});
