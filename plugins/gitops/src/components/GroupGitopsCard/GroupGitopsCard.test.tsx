import { Entity } from '@backstage/catalog-model';
import {
  entityRouteRef,
  EntityProvider,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { gitopsApiRef } from '../../api';
import { teamPageRouteRef } from '../../routes';
import {
  mockGitopsApi,
  responseError,
} from '../../__testUtils__/gitopsTesting';
import {
  teamCell,
  teamService,
  teamSummary,
} from '../../__testUtils__/teamTesting';
import { GroupGitopsCard } from './GroupGitopsCard';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments' },
  spec: { type: 'team', children: [] },
};

function render(getTeamSummary: jest.Mock, withTeamPage = true) {
  return renderInTestApp(
    <TestApiProvider apis={[[gitopsApiRef, mockGitopsApi({ getTeamSummary })]]}>
      <EntityProvider entity={group}>
        <GroupGitopsCard pollIntervalMs={0} />
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        ...(withTeamPage
          ? { '/gitops/team/:namespace/:name': teamPageRouteRef }
          : {}),
      },
    },
  );
}

describe('GroupGitopsCard', () => {
  it('shows the totals, the worst statuses and the services that need attention', async () => {
    const getTeamSummary = jest.fn(async () => teamSummary());
    await render(getTeamSummary);

    expect(await screen.findByText('Needs attention')).toBeInTheDocument();
    expect(getTeamSummary).toHaveBeenCalledWith({
      groupRef: 'group:default/payments',
      includeSubgroups: undefined,
    });
    const items = screen.getAllByRole('listitem');
    // Degraded first, then out of sync; refunds is fine and not listed.
    expect(items.map(item => item.textContent)).toEqual([
      'CheckoutSyncedDegraded',
      'ledgerOutOfSyncHealthy',
    ]);
    const counts = screen.getByText('Out of sync').closest('div')!;
    expect(counts).toHaveTextContent('Out of sync1');
    expect(
      screen.getByText('Awaiting approval').closest('div'),
    ).toHaveTextContent('Awaiting approval1');
    // The subheader: worst sync and health as icon and text.
    expect(screen.getAllByText('OutOfSync').length).toBeGreaterThan(1);
  });

  it('links to the team page when the app has it', async () => {
    await render(jest.fn(async () => teamSummary()));
    const link = await screen.findByRole('link', {
      name: /Open the team page/,
    });
    expect(link).toHaveAttribute('href', '/gitops/team/default/payments');
  });

  it('leaves the link out when the team page is not mounted', async () => {
    await render(
      jest.fn(async () => teamSummary()),
      false,
    );
    await screen.findByText('Needs attention');
    expect(
      screen.queryByRole('link', { name: /Open the team page/ }),
    ).not.toBeInTheDocument();
  });

  it('says when everything is fine, and when the team owns nothing', async () => {
    const fine = teamSummary({
      services: [teamService('refunds', [teamCell({})])],
    });
    const { unmount } = await render(jest.fn(async () => fine));
    expect(
      await screen.findByText('Everything is in sync and healthy.'),
    ).toBeInTheDocument();
    unmount();

    await render(
      jest.fn(async () =>
        teamSummary({
          services: [],
          counts: {
            services: 0,
            deployments: 0,
            outOfSync: 0,
            degraded: 0,
            awaitingApproval: 0,
          },
        }),
      ),
    );
    expect(
      await screen.findByText('This team owns no components yet.'),
    ).toBeInTheDocument();
  });

  it('explains a missing permission', async () => {
    await render(
      jest.fn(() =>
        responseError(403, 'NotAllowedError', 'no').then(e =>
          Promise.reject(e),
        ),
      ),
    );
    expect(
      await screen.findByText(
        'You do not have permission to view the GitOps status of this team.',
      ),
    ).toBeInTheDocument();
    expect(within(document.body).queryByRole('table')).not.toBeInTheDocument();
  });
});
