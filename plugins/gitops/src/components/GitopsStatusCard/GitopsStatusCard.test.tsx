import { gitopsRefreshPermission } from '@shipshape/plugin-gitops-common';
import { EntityStatusResponse } from '@shipshape/plugin-gitops-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Settings } from 'luxon';
import { bodyRows, hrefs } from '../../__testUtils__/entityCardTesting';
import {
  allowPermissions,
  deferred,
  deploymentStatus,
  FakeSignalApi,
  mockGitopsApi,
  ordersEntity,
  prodEntity,
  renderWithGitops,
  responseError,
} from '../../__testUtils__/gitopsTesting';
import { GitopsStatusCard } from './GitopsStatusCard';

jest.mock('@backstage/plugin-permission-react', () => ({
  ...jest.requireActual('@backstage/plugin-permission-react'),
  usePermission: jest.fn(),
}));

const NOW = Date.parse('2026-12-21T00:00:00Z');

function statusResponse(
  deployments: EntityStatusResponse['deployments'],
  entityRef = 'component:default/orders',
): EntityStatusResponse {
  return {
    entityRef,
    summary: { sync: 'OutOfSync', health: 'Degraded' },
    deployments,
  };
}

const prod = deploymentStatus({
  sync: 'OutOfSync',
  health: 'Degraded',
  reason: 'Deployment orders has 0 of 3 replicas available.',
  revision: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
  revisionUrl:
    'https://github.com/acme/gitops/commit/a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
  driftCount: 2,
  resourceCount: 14,
  updatedAt: '2026-12-20T23:57:00Z',
});
const dev = deploymentStatus({
  environmentRef: 'environment:default/dev',
  clusterRef: 'resource:default/cluster-dev',
  namespace: 'shop-dev',
  sync: 'Unknown',
  health: 'Unknown',
  reason: 'Cluster cluster-dev cannot be reached.',
  revision: 'ffffffffffffffffffffffffffffffffffffffff',
  updatedAt: '2026-12-20T22:00:00Z',
});
const staging = deploymentStatus({
  environmentRef: 'environment:default/staging',
  sync: 'Synced',
  health: 'Healthy',
  reason: 'Not shown: the deployment is healthy.',
  revision: undefined,
});

describe('GitopsStatusCard', () => {
  const originalNow = Settings.now;
  const originalZone = Settings.defaultZone;
  const originalLocale = Settings.defaultLocale;

  beforeEach(() => {
    Settings.now = () => NOW;
    Settings.defaultZone = 'utc';
    Settings.defaultLocale = 'en-US';
    allowPermissions('all');
  });

  afterEach(() => {
    Settings.now = originalNow;
    Settings.defaultZone = originalZone;
    Settings.defaultLocale = originalLocale;
  });

  it('shows progress while loading, then one row per deployment', async () => {
    const pending = deferred<EntityStatusResponse>();
    const gitopsApi = mockGitopsApi({
      getStatus: jest.fn(() => pending.promise),
    });
    await renderWithGitops(<GitopsStatusCard pollIntervalMs={0} />, {
      entity: ordersEntity,
      gitopsApi,
    });

    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(gitopsApi.getStatus).toHaveBeenCalledWith({
      entityRef: 'component:default/orders',
    });

    pending.resolve(statusResponse([prod, dev, staging]));

    expect(await screen.findByRole('table')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    const rows = bodyRows();
    expect(rows.map(cells => hrefs(cells[0])[0])).toEqual([
      '/catalog/default/environment/dev',
      '/catalog/default/environment/prod',
      '/catalog/default/environment/staging',
    ]);
  });

  it('shows sync, health, revision, drift and last change as text', async () => {
    const gitopsApi = mockGitopsApi({
      getStatus: jest.fn(async () => statusResponse([prod, dev, staging])),
    });
    await renderWithGitops(<GitopsStatusCard pollIntervalMs={0} />, {
      entity: ordersEntity,
      gitopsApi,
    });

    await screen.findByRole('table');
    const [devRow, prodRow, stagingRow] = bodyRows();

    // The cluster and namespace are under the environment's name.
    expect(hrefs(prodRow[0])).toEqual([
      '/catalog/default/environment/prod',
      '/catalog/default/resource/cluster-eu-west',
    ]);
    expect(prodRow[0]).toHaveTextContent(/cluster-eu-west \/ shop-prod$/);
    expect(prodRow[1]).toHaveTextContent('OutOfSync');
    expect(prodRow[2]).toHaveTextContent(
      'DegradedDeployment orders has 0 of 3 replicas available.',
    );
    // Statuses carry an icon besides their text, not colour alone.
    expect(within(prodRow[1]).getByTestId('status-warning')).toBeTruthy();
    expect(within(prodRow[2]).getByTestId('status-error')).toBeTruthy();

    const revision = within(prodRow[3]).getByRole('link');
    expect(within(revision).getByText('a1b2c3d')).toHaveAttribute(
      'title',
      prod.revision,
    );
    expect(revision).toHaveAttribute('href', prod.revisionUrl);
    expect(prodRow[4]).toHaveTextContent('2 of 14');
    const time = within(prodRow[5]).getByText('3 minutes ago');
    expect(time).toHaveAttribute(
      'title',
      expect.stringContaining('December 20, 2026'),
    );
    expect(time).toHaveAttribute('datetime', '2026-12-20T23:57:00.000Z');

    expect(devRow[1]).toHaveTextContent('Unknown');
    expect(devRow[2]).toHaveTextContent(
      'UnknownCluster cluster-dev cannot be reached.',
    );
    // A revision without a URL is shown unlinked.
    expect(devRow[3]).toHaveTextContent(/^fffffff$/);
    expect(hrefs(devRow[3])).toEqual([]);
    expect(devRow[5]).toHaveTextContent('2 hours ago');

    // The reason is given only for Unknown or Degraded deployments.
    expect(stagingRow[2]).toHaveTextContent(/^Healthy$/);
    expect(stagingRow[3]).toHaveTextContent(/^$/);
  });

  it('lists the services of an Environment', async () => {
    const gitopsApi = mockGitopsApi({
      getStatus: jest.fn(async () =>
        statusResponse(
          [
            deploymentStatus({ entityRef: 'component:default/payments' }),
            deploymentStatus({ entityRef: 'component:default/checkout' }),
          ],
          'environment:default/prod',
        ),
      ),
    });
    await renderWithGitops(<GitopsStatusCard pollIntervalMs={0} />, {
      entity: prodEntity,
      gitopsApi,
    });

    expect(
      await screen.findByRole('columnheader', { name: 'Service' }),
    ).toBeInTheDocument();
    expect(gitopsApi.getStatus).toHaveBeenCalledWith({
      entityRef: 'environment:default/prod',
    });
    expect(bodyRows().map(cells => hrefs(cells[0])[0])).toEqual([
      '/catalog/default/component/checkout',
      '/catalog/default/component/payments',
    ]);
  });

  it('says when the component is not deployed anywhere', async () => {
    const gitopsApi = mockGitopsApi({
      getStatus: jest.fn(async () => statusResponse([])),
    });
    await renderWithGitops(<GitopsStatusCard pollIntervalMs={0} />, {
      entity: ordersEntity,
      gitopsApi,
    });

    expect(
      await screen.findByText('Not deployed anywhere yet.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/has compared it with its cluster/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('treats an entity the backend does not know as not deployed', async () => {
    const error = await responseError(404, 'NotFoundError', 'unknown entity');
    const gitopsApi = mockGitopsApi({
      getStatus: jest.fn().mockRejectedValue(error),
    });
    await renderWithGitops(<GitopsStatusCard pollIntervalMs={0} />, {
      entity: ordersEntity,
      gitopsApi,
    });

    expect(
      await screen.findByText('Not deployed anywhere yet.'),
    ).toBeInTheDocument();
  });

  it('shows the server message when the status cannot be loaded', async () => {
    const error = await responseError(500, 'Error', 'database is down');
    const gitopsApi = mockGitopsApi({
      getStatus: jest.fn().mockRejectedValue(error),
    });
    await renderWithGitops(<GitopsStatusCard pollIntervalMs={0} />, {
      entity: ordersEntity,
      gitopsApi,
    });

    expect(
      await screen.findByText('Error: Could not load the GitOps status'),
    ).toBeInTheDocument();
    expect(screen.getByText('database is down')).toBeInTheDocument();
  });

  it('explains a missing permission without an error panel', async () => {
    const error = await responseError(403, 'NotAllowedError', 'Unauthorized');
    const gitopsApi = mockGitopsApi({
      getStatus: jest.fn().mockRejectedValue(error),
    });
    await renderWithGitops(<GitopsStatusCard pollIntervalMs={0} />, {
      entity: ordersEntity,
      gitopsApi,
    });

    expect(
      await screen.findByText(
        'You do not have permission to view the GitOps status of this component.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('Unauthorized')).not.toBeInTheDocument();
    expect(
      screen.queryByText('Error: Could not load the GitOps status'),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Refresh' }),
    ).not.toBeInTheDocument();
  });

  it('asks the backend to refresh, then loads the status again', async () => {
    const gitopsApi = mockGitopsApi({
      getStatus: jest
        .fn()
        .mockResolvedValueOnce(statusResponse([prod]))
        .mockResolvedValue(
          statusResponse([{ ...prod, sync: 'Synced', driftCount: 0 }]),
        ),
      refresh: jest.fn(async () => ({ accepted: true as const })),
    });
    await renderWithGitops(<GitopsStatusCard pollIntervalMs={0} />, {
      entity: ordersEntity,
      gitopsApi,
    });
    await screen.findByRole('table');
    expect(bodyRows()[0][1]).toHaveTextContent('OutOfSync');

    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    expect(await screen.findByText('Refresh requested')).toBeInTheDocument();
    expect(gitopsApi.refresh).toHaveBeenCalledWith({
      entityRef: 'component:default/orders',
    });
    await waitFor(() => expect(bodyRows()[0][1]).toHaveTextContent('Synced'));
    expect(gitopsApi.getStatus).toHaveBeenCalledTimes(2);
  });

  it('disables refreshing without the refresh permission on the entity', async () => {
    const usePermission = allowPermissions(['gitops.status.read']);
    const gitopsApi = mockGitopsApi({
      getStatus: jest.fn(async () => statusResponse([prod])),
    });
    await renderWithGitops(<GitopsStatusCard pollIntervalMs={0} />, {
      entity: ordersEntity,
      gitopsApi,
    });
    await screen.findByRole('table');

    const button = screen.getByRole('button', { name: 'Refresh' });
    expect(button).toBeDisabled();
    expect(button.parentElement).toHaveAttribute(
      'title',
      'You do not have permission to refresh',
    );
    expect(usePermission).toHaveBeenCalledWith({
      permission: gitopsRefreshPermission,
      resourceRef: 'component:default/orders',
    });
    fireEvent.click(button);
    expect(gitopsApi.refresh).not.toHaveBeenCalled();
  });

  it('says so when the backend refuses the refresh', async () => {
    const error = await responseError(500, 'Error', 'reconciler is busy');
    const gitopsApi = mockGitopsApi({
      getStatus: jest.fn(async () => statusResponse([prod])),
      refresh: jest.fn().mockRejectedValue(error),
    });
    await renderWithGitops(<GitopsStatusCard pollIntervalMs={0} />, {
      entity: ordersEntity,
      gitopsApi,
    });
    await screen.findByRole('table');

    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    expect(
      await screen.findByText('Refresh failed: reconciler is busy'),
    ).toBeInTheDocument();
    expect(gitopsApi.getStatus).toHaveBeenCalledTimes(1);
  });

  it('reloads on a signal for the entity, keeping the table on screen meanwhile', async () => {
    const second = deferred<EntityStatusResponse>();
    const gitopsApi = mockGitopsApi({
      getStatus: jest
        .fn()
        .mockResolvedValueOnce(statusResponse([prod]))
        .mockReturnValueOnce(second.promise),
    });
    const signalApi = new FakeSignalApi();
    await renderWithGitops(<GitopsStatusCard pollIntervalMs={0} />, {
      entity: ordersEntity,
      gitopsApi,
      signalApi,
    });
    await screen.findByRole('table');
    expect(signalApi.channels()).toEqual([
      'gitops:status:component:default/orders',
    ]);

    signalApi.publish('gitops:status:component:default/orders', {
      type: 'status',
    });

    await waitFor(() => expect(gitopsApi.getStatus).toHaveBeenCalledTimes(2));
    // While the new status loads, the old one stays: no spinner.
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(bodyRows()[0][1]).toHaveTextContent('OutOfSync');

    second.resolve(statusResponse([{ ...prod, health: 'Healthy' }]));
    await waitFor(() => expect(bodyRows()[0][2]).toHaveTextContent('Healthy'));
  });

  it('polls the backend', async () => {
    const gitopsApi = mockGitopsApi({
      getStatus: jest
        .fn()
        .mockResolvedValueOnce(statusResponse([prod]))
        .mockResolvedValue(statusResponse([{ ...prod, driftCount: 5 }])),
    });
    await renderWithGitops(<GitopsStatusCard pollIntervalMs={20} />, {
      entity: ordersEntity,
      gitopsApi,
    });

    await waitFor(() => expect(bodyRows()[0][4]).toHaveTextContent('5 of 14'));
    expect(gitopsApi.getStatus.mock.calls.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps the last status when a refresh fails, and says so', async () => {
    const error = await responseError(503, 'ServiceUnavailableError', 'down');
    const gitopsApi = mockGitopsApi({
      getStatus: jest
        .fn()
        .mockResolvedValueOnce(statusResponse([prod]))
        .mockRejectedValue(error),
    });
    const signalApi = new FakeSignalApi();
    await renderWithGitops(<GitopsStatusCard pollIntervalMs={0} />, {
      entity: ordersEntity,
      gitopsApi,
      signalApi,
    });
    await screen.findByRole('table');

    signalApi.publish('gitops:status:component:default/orders', {});

    expect(
      await screen.findByText(
        'Could not refresh the GitOps status: down. Showing the last known data.',
      ),
    ).toBeInTheDocument();
    expect(bodyRows()[0][1]).toHaveTextContent('OutOfSync');
  });
});
