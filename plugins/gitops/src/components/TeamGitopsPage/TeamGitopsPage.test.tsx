import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { gitopsApiRef } from '../../api';
import { mockGitopsApi } from '../../__testUtils__/gitopsTesting';
import { teamSummary } from '../../__testUtils__/teamTesting';
import { TeamGitopsPage } from './TeamGitopsPage';

describe('TeamGitopsPage', () => {
  it('shows the team of the route parameters, with a header', async () => {
    const getTeamSummary = jest.fn(async () =>
      teamSummary({ groupRef: 'group:finance/payments' }),
    );
    await renderInTestApp(
      <TestApiProvider
        apis={[[gitopsApiRef, mockGitopsApi({ getTeamSummary })]]}
      >
        <Routes>
          <Route
            path="/gitops/team/:namespace/:name"
            element={<TeamGitopsPage pollIntervalMs={0} />}
          />
        </Routes>
      </TestApiProvider>,
      {
        routeEntries: ['/gitops/team/finance/payments'],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByRole('heading', { name: 'Team payments' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('table', { name: /Services by environment/ }),
    ).toBeInTheDocument();
    expect(getTeamSummary).toHaveBeenCalledWith({
      groupRef: 'group:finance/payments',
      includeSubgroups: undefined,
    });
  });
});
