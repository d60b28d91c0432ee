import { Entity } from '@backstage/catalog-model';
import { screen, within } from '@testing-library/react';
import { DateTime, Settings } from 'luxon';
import {
  mockGitopsApi,
  ordersEntity,
  prodEntity,
  renderWithGitops,
  responseError,
} from '../../__testUtils__/gitopsTesting';
import { changeRequest } from '../../__testUtils__/teamTesting';
import {
  changeRequestFilter,
  PendingChangesCard,
  recentChangeRequests,
} from './PendingChangesCard';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments' },
  spec: { type: 'team', children: [] },
};

const NOW = Date.parse('2026-12-21T00:00:00Z');

describe('PendingChangesCard', () => {
  const originalNow = Settings.now;
  beforeEach(() => {
    Settings.now = () => NOW;
  });
  afterEach(() => {
    Settings.now = originalNow;
  });

  it('asks for the entity’s own requests, its environment’s, or those awaiting its approval', () => {
    expect(changeRequestFilter(ordersEntity)).toEqual({
      entityRef: 'component:default/orders',
      state: 'all',
    });
    expect(changeRequestFilter(prodEntity)).toEqual({
      environmentRef: 'environment:default/prod',
      state: 'all',
    });
    expect(changeRequestFilter(group)).toEqual({
      awaitingApprovalBy: 'group:default/payments',
    });
  });

  it('shows each request with link, state, checks, approvals, requester and since when', async () => {
    const listChangeRequests = jest.fn(async () => ({
      items: [
        changeRequest(),
        changeRequest({
          id: 'shop/gitops#9',
          number: 9,
          title: 'Scale checkout in prod',
          url: 'https://github.example/shop/gitops/pull/9',
          state: 'failed',
          reason: 'The environment did not become healthy within 10 minutes.',
          checks: 'failure',
          approvals: ['alice', 'bob'],
          requester: undefined,
          stateSince: '2026-12-20T21:00:00Z',
        }),
      ],
    }));
    await renderWithGitops(<PendingChangesCard pollIntervalMs={0} />, {
      entity: group,
      gitopsApi: mockGitopsApi({ listChangeRequests }),
    });

    const table = await screen.findByRole('table', { name: 'Pending changes' });
    expect(listChangeRequests).toHaveBeenCalledWith({
      awaitingApprovalBy: 'group:default/payments',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      within(rows[0]).getByRole('link', {
        name: /Add preview environment pr-7/,
      }),
    ).toHaveAttribute('href', 'https://github.example/shop/gitops/pull/7');
    expect(rows[0]).toHaveTextContent('shop/gitops#7');
    expect(rows[0]).toHaveTextContent('Awaiting review');
    expect(rows[0]).toHaveTextContent('Checks passed');
    expect(rows[0]).toHaveTextContent('None yet');
    expect(within(rows[0]).getByRole('link', { name: /jane/ })).toHaveAttribute(
      'href',
      '/catalog/default/user/jane',
    );
    expect(rows[0]).toHaveTextContent('1 day ago');

    expect(rows[1]).toHaveTextContent('Failed');
    expect(rows[1]).toHaveTextContent(
      'The environment did not become healthy within 10 minutes.',
    );
    expect(rows[1]).toHaveTextContent('Checks failed');
    expect(rows[1]).toHaveTextContent('2 (alice, bob)');
    expect(rows[1]).toHaveTextContent('Unknown');
    expect(rows[1]).toHaveTextContent('3 hours ago');
  });

  it('keeps open requests and those finished within the last day', () => {
    const now = DateTime.fromISO('2026-12-21T00:00:00Z');
    const items = [
      changeRequest({
        id: 'a',
        state: 'open',
        stateSince: '2026-12-01T00:00:00Z',
      }),
      changeRequest({
        id: 'b',
        state: 'syncing',
        stateSince: '2026-12-01T00:00:00Z',
      }),
      changeRequest({
        id: 'c',
        state: 'healthy',
        stateSince: '2026-12-20T21:00:00Z',
      }),
      changeRequest({
        id: 'd',
        state: 'healthy',
        stateSince: '2026-12-19T21:00:00Z',
      }),
      changeRequest({
        id: 'e',
        state: 'closed',
        stateSince: '2026-12-18T00:00:00Z',
      }),
    ];
    expect(recentChangeRequests(items, now).map(i => i.id)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('has an empty state per kind', async () => {
    const listChangeRequests = jest.fn(async () => ({ items: [] }));
    const { unmount } = await renderWithGitops(
      <PendingChangesCard pollIntervalMs={0} />,
      {
        entity: ordersEntity,
        gitopsApi: mockGitopsApi({ listChangeRequests }),
      },
    );
    expect(
      await screen.findByText(
        'No open or recently finished change requests for this component.',
      ),
    ).toBeInTheDocument();
    expect(listChangeRequests).toHaveBeenCalledWith({
      entityRef: 'component:default/orders',
      state: 'all',
    });
    unmount();

    await renderWithGitops(<PendingChangesCard pollIntervalMs={0} />, {
      entity: prodEntity,
      gitopsApi: mockGitopsApi({ listChangeRequests }),
    });
    expect(
      await screen.findByText(
        'No open or recently finished change requests for this environment.',
      ),
    ).toBeInTheDocument();
  });

  it('explains a missing permission and other failures', async () => {
    const { unmount } = await renderWithGitops(
      <PendingChangesCard pollIntervalMs={0} />,
      {
        entity: ordersEntity,
        gitopsApi: mockGitopsApi({
          listChangeRequests: jest.fn(() =>
            responseError(403, 'NotAllowedError', 'no').then(e =>
              Promise.reject(e),
            ),
          ),
        }),
      },
    );
    expect(
      await screen.findByText(
        'You do not have permission to view the change requests of this component.',
      ),
    ).toBeInTheDocument();
    unmount();

    await renderWithGitops(<PendingChangesCard pollIntervalMs={0} />, {
      entity: ordersEntity,
      gitopsApi: mockGitopsApi({
        listChangeRequests: jest.fn(() =>
          responseError(500, 'Error', 'GitHub is down').then(e =>
            Promise.reject(e),
          ),
        ),
      }),
    });
    expect(
      await screen.findByText('Error: Could not load the change requests'),
    ).toBeInTheDocument();
    expect(screen.getByText('GitHub is down')).toBeInTheDocument();
  });
});
