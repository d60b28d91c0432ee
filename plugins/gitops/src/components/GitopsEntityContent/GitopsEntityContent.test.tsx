import {
  DeploymentHistoryEntry,
  DeploymentResourcesResponse,
  EntityStatusResponse,
  gitopsDiffReadPermission,
  ResourceDiffResponse,
} from '@shipshape/plugin-gitops-common';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { Settings } from 'luxon';
import {
  allowPermissions,
  deploymentStatus,
  FakeSignalApi,
  historyEntry,
  mockGitopsApi,
  ordersEntity,
  renderWithGitops,
  resourceStatus,
  responseError,
} from '../../__testUtils__/gitopsTesting';
import {
  GitopsDeploymentRef,
  GitopsHistoryRequest,
} from '@shipshape/plugin-gitops-common';
import { HISTORY_PAGE_SIZE } from './DeploymentHistory';
import { GitopsEntityContent } from './GitopsEntityContent';

jest.mock('@backstage/plugin-permission-react', () => ({
  ...jest.requireActual('@backstage/plugin-permission-react'),
  usePermission: jest.fn(),
}));

const NOW = Date.parse('2026-12-21T00:00:00Z');
const CHANNEL = 'gitops:status:component:default/orders';

const prod = deploymentStatus({
  sync: 'OutOfSync',
  health: 'Degraded',
  driftCount: 2,
  resourceCount: 3,
});
const staging = deploymentStatus({
  environmentRef: 'environment:default/staging',
  namespace: 'shop-staging',
});

const status: EntityStatusResponse = {
  entityRef: 'component:default/orders',
  summary: { sync: 'OutOfSync', health: 'Degraded' },
  // Out of order on purpose: the tabs are sorted by environment.
  deployments: [staging, prod],
};

const deploymentResource = resourceStatus({
  sync: 'OutOfSync',
  health: { status: 'Degraded', message: '0 of 3 replicas available' },
  changes: [
    { path: '/spec/replicas', desired: 3, live: 5 },
    { path: '/spec/paused', live: true },
  ],
});
const serviceResource = resourceStatus({
  apiVersion: 'v1',
  kind: 'Service',
  key: '/Service/shop-prod/orders',
});
const secretResource = resourceStatus({
  apiVersion: 'v1',
  kind: 'Secret',
  name: 'orders-db',
  key: '/Secret/shop-prod/orders-db',
  sync: 'OutOfSync',
  health: undefined,
  changes: [{ path: '/data/password', desired: '***', live: '***' }],
});
const configMapResource = resourceStatus({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  namespace: 'shop-staging',
  name: 'orders-config',
  key: '/ConfigMap/shop-staging/orders-config',
});

function resourcesOf(ref: GitopsDeploymentRef): DeploymentResourcesResponse {
  return ref.environmentRef === prod.environmentRef
    ? {
        deployment: prod,
        resources: [serviceResource, secretResource, deploymentResource],
      }
    : { deployment: staging, resources: [configMapResource] };
}

function diffOf(resource: string, replicas = 5): ResourceDiffResponse {
  if (resource === secretResource.key) {
    return {
      resource: secretResource,
      desired: 'data:\n  password: "***"\n',
      live: 'data:\n  password: "***"\n',
      diff: '',
    };
  }
  return {
    resource: deploymentResource,
    desired: 'spec:\n  replicas: 3\n',
    live: `spec:\n  replicas: ${replicas}\n`,
    diff: `--- desired\n+++ live\n@@ -1,2 +1,2 @@\n spec:\n-  replicas: 3\n+  replicas: ${replicas}\n`,
  };
}

/** `count` history entries, one per minute back from `start`. */
function historyPage(
  prefix: string,
  start: number,
  count: number,
): DeploymentHistoryEntry[] {
  return Array.from({ length: count }, (_, i) =>
    historyEntry({
      id: `${prefix}-${i}`,
      at: new Date(start - i * 60_000).toISOString(),
      field: 'health',
      from: 'Healthy',
      to: 'Progressing',
    }),
  );
}

function setup(overrides: Parameters<typeof mockGitopsApi>[0] = {}) {
  return mockGitopsApi({
    getStatus: jest.fn(async () => status),
    getResources: jest.fn(async (ref: GitopsDeploymentRef) => resourcesOf(ref)),
    getDiff: jest.fn(async (request: { resource: string }) =>
      diffOf(request.resource),
    ),
    getHistory: jest.fn(async (_request: GitopsHistoryRequest) => ({
      items: [],
    })),
    ...overrides,
  });
}

/** The resources table's body rows, as arrays of cells. */
function resourceRows(): HTMLElement[][] {
  return within(screen.getByRole('table', { name: 'Resources' }))
    .getAllByRole('row')
    .slice(1)
    .map(row => within(row).getAllByRole('cell'));
}

/** Clicks a resource, letting its diff request settle inside act(). */
async function openDiff(name: string, container: HTMLElement = document.body) {
  const button = await within(container).findByRole('button', { name });
  await act(async () => {
    fireEvent.click(button);
  });
}

describe('GitopsEntityContent', () => {
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

  it('selects the first deployment and lists its resources', async () => {
    const gitopsApi = setup();
    await renderWithGitops(<GitopsEntityContent pollIntervalMs={0} />, {
      entity: ordersEntity,
      gitopsApi,
    });

    const tabs = await screen.findAllByRole('tab');
    expect(tabs.map(tab => tab.textContent)).toEqual([
      'prod · cluster-eu-westOutOfSync · Degraded',
      'staging · cluster-eu-westSynced · Healthy',
    ]);
    expect(tabs[0]).toHaveAttribute('aria-selected', 'true');

    await screen.findByRole('table', { name: 'Resources' });
    expect(gitopsApi.getResources).toHaveBeenCalledWith({
      entityRef: 'component:default/orders',
      environmentRef: 'environment:default/prod',
      clusterRef: 'resource:default/cluster-eu-west',
    });
    expect(
      resourceRows().map(cells => cells.map(cell => cell.textContent)),
    ).toEqual([
      [
        'Deployment',
        'shop-prod/orders',
        'OutOfSync',
        'Degraded0 of 3 replicas available',
        '2',
      ],
      ['Secret', 'shop-prod/orders-db', 'OutOfSync', '', '1'],
      ['Service', 'shop-prod/orders', 'Synced', 'Healthy', '0'],
    ]);
    expect(
      screen.getByText('Resources in prod on cluster-eu-west'),
    ).toBeInTheDocument();
    expect(screen.getByText('2 of 3 resources')).toBeInTheDocument();
  });

  it('loads the resources and history of the deployment picked', async () => {
    const gitopsApi = setup();
    await renderWithGitops(<GitopsEntityContent pollIntervalMs={0} />, {
      entity: ordersEntity,
      gitopsApi,
    });
    await screen.findByRole('table', { name: 'Resources' });

    fireEvent.click(screen.getByRole('tab', { name: /^staging/ }));

    await waitFor(() =>
      expect(resourceRows().map(cells => cells[1].textContent)).toEqual([
        'shop-staging/orders-config',
      ]),
    );
    expect(screen.getByRole('tab', { name: /^staging/ })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(gitopsApi.getResources).toHaveBeenLastCalledWith({
      entityRef: 'component:default/orders',
      environmentRef: 'environment:default/staging',
      clusterRef: 'resource:default/cluster-eu-west',
    });
    expect(gitopsApi.getHistory).toHaveBeenLastCalledWith({
      entityRef: 'component:default/orders',
      environmentRef: 'environment:default/staging',
      limit: HISTORY_PAGE_SIZE,
    });
    expect(screen.getByText('History in staging')).toBeInTheDocument();
  });

  it('opens the diff of a resource, unified or side by side', async () => {
    const gitopsApi = setup();
    await renderWithGitops(<GitopsEntityContent pollIntervalMs={0} />, {
      entity: ordersEntity,
      gitopsApi,
    });

    await openDiff('shop-prod/orders-db');
    await openDiff('shop-prod/orders-db'); // clicking again closes it
    expect(
      screen.queryByText('Diff of Secret shop-prod/orders-db'),
    ).not.toBeInTheDocument();
    await openDiff('shop-prod/orders', resourceRows()[0][1]);

    expect(
      await screen.findByText('Diff of Deployment shop-prod/orders'),
    ).toBeInTheDocument();
    expect(gitopsApi.getDiff).toHaveBeenLastCalledWith({
      entityRef: 'component:default/orders',
      environmentRef: 'environment:default/prod',
      clusterRef: 'resource:default/cluster-eu-west',
      resource: deploymentResource.key,
    });
    const unified = await screen.findByRole('region', {
      name: 'Unified diff',
    });
    expect(
      Array.from(unified.children).map(line => line.textContent),
    ).toContain('+  replicas: 5');
    expect(
      within(screen.getByRole('table', { name: 'Changed fields' })).getByText(
        '/spec/replicas',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('note')).not.toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Side by side' }));
    const side = screen.getByRole('table', { name: 'Side-by-side diff' });
    expect(within(side).getByText('replicas: 3')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(
      screen.queryByText('Diff of Deployment shop-prod/orders'),
    ).not.toBeInTheDocument();
  });

  it('notes that Secret values are masked', async () => {
    const gitopsApi = setup();
    await renderWithGitops(<GitopsEntityContent pollIntervalMs={0} />, {
      entity: ordersEntity,
      gitopsApi,
    });

    await openDiff('shop-prod/orders-db');

    expect(await screen.findByRole('note')).toHaveTextContent(
      /^Secret values are masked/,
    );
    expect(gitopsApi.getDiff).toHaveBeenCalledWith(
      expect.objectContaining({ resource: secretResource.key }),
    );
  });

  it('does not load diffs without the diff permission', async () => {
    const usePermission = allowPermissions(['gitops.status.read']);
    const gitopsApi = setup();
    await renderWithGitops(<GitopsEntityContent pollIntervalMs={0} />, {
      entity: ordersEntity,
      gitopsApi,
    });

    await openDiff('shop-prod/orders-db');

    expect(
      await screen.findByText('You do not have permission to view diffs'),
    ).toBeInTheDocument();
    expect(usePermission).toHaveBeenCalledWith({
      permission: gitopsDiffReadPermission,
      resourceRef: 'component:default/orders',
    });
    expect(gitopsApi.getDiff).not.toHaveBeenCalled();
    expect(
      screen.queryByRole('region', { name: 'Unified diff' }),
    ).not.toBeInTheDocument();
  });

  it('says the same when the backend refuses the diff', async () => {
    const error = await responseError(403, 'NotAllowedError', 'no diffs');
    const gitopsApi = setup({ getDiff: jest.fn().mockRejectedValue(error) });
    await renderWithGitops(<GitopsEntityContent pollIntervalMs={0} />, {
      entity: ordersEntity,
      gitopsApi,
    });

    await openDiff('shop-prod/orders-db');

    expect(
      await screen.findByText('You do not have permission to view diffs'),
    ).toBeInTheDocument();
  });

  it('shows the history of the environment, newest first', async () => {
    const gitopsApi = setup({
      getHistory: jest.fn(async () => ({
        items: [
          historyEntry({
            id: '2',
            at: '2026-12-20T23:57:00Z',
            field: 'sync',
            from: 'Synced',
            to: 'OutOfSync',
          }),
          historyEntry({
            id: '1',
            at: '2026-12-20T23:00:00Z',
            field: 'revision',
            from: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
            to: '0123456789abcdef0123456789abcdef01234567',
          }),
          historyEntry({
            id: '0',
            at: '2026-12-20T22:00:00Z',
            field: 'health',
            from: undefined,
            to: 'Healthy',
          }),
        ],
      })),
    });
    await renderWithGitops(<GitopsEntityContent pollIntervalMs={0} />, {
      entity: ordersEntity,
      gitopsApi,
    });

    const history = await screen.findByRole('list', { name: 'History' });
    expect(
      within(history)
        .getAllByRole('listitem')
        // ICU puts a narrow no-break space before AM/PM.
        .map(item => item.textContent?.replace(/\s/g, ' ')),
    ).toEqual([
      'sync: Synced → OutOfSync at Dec 20, 2026, 11:57:00 PM',
      'revision: a1b2c3d → 0123456 at Dec 20, 2026, 11:00:00 PM',
      'health: Healthy at Dec 20, 2026, 10:00:00 PM',
    ]);
    expect(
      within(history).getAllByRole('listitem')[0].querySelector('time'),
    ).toHaveAttribute('title', '3 minutes ago');
    // A short first page: nothing older to load.
    expect(
      screen.queryByRole('button', { name: 'Load older' }),
    ).not.toBeInTheDocument();
  });

  it('loads older history entries before the oldest shown', async () => {
    const first = historyPage('new', NOW - 60_000, HISTORY_PAGE_SIZE);
    const older = historyPage(
      'old',
      Date.parse(first[first.length - 1].at) - 3_600_000,
      3,
    );
    const gitopsApi = setup({
      getHistory: jest.fn(async (request: GitopsHistoryRequest) => ({
        items: request.before ? older : first,
      })),
    });
    await renderWithGitops(<GitopsEntityContent pollIntervalMs={0} />, {
      entity: ordersEntity,
      gitopsApi,
    });
    const history = await screen.findByRole('list', { name: 'History' });
    expect(within(history).getAllByRole('listitem')).toHaveLength(
      HISTORY_PAGE_SIZE,
    );

    fireEvent.click(screen.getByRole('button', { name: 'Load older' }));

    await waitFor(() =>
      expect(within(history).getAllByRole('listitem')).toHaveLength(
        HISTORY_PAGE_SIZE + 3,
      ),
    );
    expect(gitopsApi.getHistory).toHaveBeenLastCalledWith({
      entityRef: 'component:default/orders',
      environmentRef: 'environment:default/prod',
      limit: HISTORY_PAGE_SIZE,
      before: first[first.length - 1].at,
      beforeId: first[first.length - 1].id,
    });
    // The older page came back short: the end of the history.
    expect(
      screen.queryByRole('button', { name: 'Load older' }),
    ).not.toBeInTheDocument();
  });

  it('keeps the picked deployment and the open diff in its view while refreshing', async () => {
    let replicas = 5;
    const gitopsApi = setup({
      getDiff: jest.fn(async (request: { resource: string }) =>
        diffOf(request.resource, replicas),
      ),
    });
    const signalApi = new FakeSignalApi();
    await renderWithGitops(<GitopsEntityContent pollIntervalMs={0} />, {
      entity: ordersEntity,
      gitopsApi,
      signalApi,
    });
    await screen.findByRole('table', { name: 'Resources' });
    fireEvent.click(screen.getByRole('tab', { name: /^staging/ }));
    await openDiff('shop-staging/orders-config');
    await screen.findByRole('region', { name: 'Unified diff' });
    fireEvent.click(screen.getByRole('button', { name: 'Side by side' }));
    expect(gitopsApi.getStatus).toHaveBeenCalledTimes(1);
    expect(gitopsApi.getDiff).toHaveBeenCalledTimes(1);

    replicas = 7;
    signalApi.publish(CHANNEL, { type: 'status' });

    await waitFor(() =>
      expect(
        within(
          screen.getByRole('table', { name: 'Side-by-side diff' }),
        ).getByText('replicas: 7'),
      ).toBeInTheDocument(),
    );
    expect(gitopsApi.getStatus).toHaveBeenCalledTimes(2);
    expect(gitopsApi.getDiff).toHaveBeenCalledTimes(2);
    expect(gitopsApi.getDiff).toHaveBeenLastCalledWith({
      entityRef: 'component:default/orders',
      environmentRef: 'environment:default/staging',
      clusterRef: 'resource:default/cluster-eu-west',
      resource: configMapResource.key,
    });
    await waitFor(() =>
      expect(gitopsApi.getHistory).toHaveBeenLastCalledWith(
        expect.objectContaining({
          environmentRef: 'environment:default/staging',
        }),
      ),
    );
    expect(
      screen.getByText('Diff of ConfigMap shop-staging/orders-config'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Side by side' }),
    ).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('tab', { name: /^staging/ })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('says when the component is not deployed anywhere', async () => {
    const gitopsApi = setup({
      getStatus: jest.fn(async () => ({ ...status, deployments: [] })),
    });
    await renderWithGitops(<GitopsEntityContent pollIntervalMs={0} />, {
      entity: ordersEntity,
      gitopsApi,
    });

    expect(
      await screen.findByText('Not deployed anywhere yet.'),
    ).toBeInTheDocument();
    expect(gitopsApi.getResources).not.toHaveBeenCalled();
    expect(gitopsApi.getHistory).not.toHaveBeenCalled();
  });

  it('explains a missing permission to read the status', async () => {
    const error = await responseError(403, 'NotAllowedError', 'denied');
    const gitopsApi = setup({ getStatus: jest.fn().mockRejectedValue(error) });
    await renderWithGitops(<GitopsEntityContent pollIntervalMs={0} />, {
      entity: ordersEntity,
      gitopsApi,
    });

    expect(
      await screen.findByText(
        'You do not have permission to view the GitOps status of this component.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
  });
});
