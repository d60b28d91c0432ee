import { Entity } from '@backstage/catalog-model';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Settings } from 'luxon';
import {
  FakeSignalApi,
  mockGitopsApi,
  renderWithGitops,
  responseError,
} from '../../__testUtils__/gitopsTesting';
import { teamSummary } from '../../__testUtils__/teamTesting';
import { TeamGitopsView } from './TeamGitopsView';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments' },
  spec: { type: 'team', children: [] },
};

const NOW = Date.parse('2026-12-21T00:00:00Z');

/** The services the matrix shows, in order. */
function serviceNames(): (string | null)[] {
  const table = screen.getByRole('table', { name: /Services by environment/ });
  return within(table)
    .getAllByRole('rowheader')
    .map(cell => cell.textContent);
}

function render(getTeamSummary: jest.Mock, signalApi?: FakeSignalApi) {
  const gitopsApi = mockGitopsApi({ getTeamSummary });
  return renderWithGitops(
    <TeamGitopsView groupRef="group:default/payments" pollIntervalMs={0} />,
    { entity: group, gitopsApi, signalApi },
  );
}

/** The matrix's rows as text per cell (the header row first). */
function matrixRows(): string[][] {
  const table = screen.getByRole('table', { name: /Services by environment/ });
  return within(table)
    .getAllByRole('row')
    .map(row =>
      Array.from(row.querySelectorAll('th, td')).map(
        cell => cell.textContent ?? '',
      ),
    );
}

describe('TeamGitopsView', () => {
  const originalNow = Settings.now;
  const originalZone = Settings.defaultZone;
  beforeEach(() => {
    Settings.now = () => NOW;
    Settings.defaultZone = 'utc';
  });
  afterEach(() => {
    Settings.now = originalNow;
    Settings.defaultZone = originalZone;
  });

  it('shows the totals and a matrix with icons and text, drift age and owners', async () => {
    const getTeamSummary = jest.fn(async () => teamSummary());
    await render(getTeamSummary);

    expect(
      await screen.findByRole('table', { name: /3 services × 2 environments/ }),
    ).toBeInTheDocument();
    expect(getTeamSummary).toHaveBeenCalledWith({
      groupRef: 'group:default/payments',
      includeSubgroups: undefined,
    });
    const rows = matrixRows();
    expect(rows[0]).toEqual([
      'Service',
      'Owner',
      'devdevelopment',
      'Productionproduction',
    ]);
    expect(rows[1][0]).toBe('Checkout');
    expect(rows[1][3]).toContain('Degraded');
    expect(rows[1][3]).toContain('degraded for 2 hours');
    expect(rows[1][3]).toContain('checkout: 0 of 2 replicas available');
    expect(rows[2][1]).toBe('payments-eu');
    expect(rows[2][2]).toContain('OutOfSync');
    expect(rows[2][2]).toContain('out of sync for 3 days');
    expect(rows[2][2]).toContain('2 of 4 resources differ');
    expect(rows[3][2]).toBe('Not deployed');
    // Row headers name the service for each cell.
    expect(serviceNames()).toEqual(['Checkout', 'ledger', 'refunds']);

    const totals = screen.getByText('Awaiting approval').closest('div')!;
    expect(totals).toHaveTextContent('Awaiting approval1');
  });

  it('filters by environment type and to problems only', async () => {
    await render(jest.fn(async () => teamSummary()));
    await screen.findByRole('table', { name: /Services by environment/ });

    fireEvent.change(screen.getByLabelText('Environment type'), {
      target: { value: 'production' },
    });
    expect(matrixRows()[0]).toEqual([
      'Service',
      'Owner',
      'Productionproduction',
    ]);
    expect(matrixRows()).toHaveLength(4);

    fireEvent.click(screen.getByLabelText('Problems only'));
    // Ledger's problem is in dev, which is hidden now.
    expect(serviceNames()).toEqual(['Checkout']);

    fireEvent.change(screen.getByLabelText('Environment type'), {
      target: { value: '' },
    });
    expect(serviceNames()).toEqual(['Checkout', 'ledger']);
  });

  it('says when no service matches the filters', async () => {
    const healthy = teamSummary();
    healthy.services = healthy.services.slice(2);
    await render(jest.fn(async () => healthy));
    await screen.findByRole('table', { name: /Services by environment/ });
    fireEvent.click(screen.getByLabelText('Problems only'));
    expect(
      screen.getByText(/No services match the filters/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Export CSV of the matrix as shown' }),
    ).toBeDisabled();
  });

  it('exports what is shown as CSV, with a header row', async () => {
    const created: Blob[] = [];
    const createObjectURL = jest.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:team';
    });
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const downloads: string[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        downloads.push(this.download);
      });

    try {
      await render(jest.fn(async () => teamSummary()));
      await screen.findByRole('table', { name: /Services by environment/ });
      fireEvent.change(screen.getByLabelText('Environment type'), {
        target: { value: 'development' },
      });
      fireEvent.click(
        screen.getByRole('button', {
          name: 'Export CSV of the matrix as shown',
        }),
      );

      expect(downloads).toEqual(['gitops-payments-20261221-0000.csv']);
      expect(created[0].type).toBe('text/csv;charset=utf-8');
      const text = await created[0].text();
      expect(text.split('\r\n')).toEqual([
        'Service,Owner,dev sync,dev health,dev drifted resources,dev revision,dev problem age',
        'Checkout,payments,Synced,Healthy,0,0123456,',
        'ledger,payments-eu,OutOfSync,Healthy,2,0123456,out of sync for 3 days',
        'refunds,payments,,,,,',
        '',
      ]);
      expect(revokeObjectURL).toHaveBeenCalledWith('blob:team');
    } finally {
      click.mockRestore();
    }
  });

  it('lists the change requests awaiting approval with links to the pull requests', async () => {
    await render(jest.fn(async () => teamSummary()));
    const table = await screen.findByRole('table', {
      name: 'Change requests awaiting your approval',
    });
    const link = within(table).getByRole('link', {
      name: /Add preview environment pr-7/,
    });
    expect(link).toHaveAttribute(
      'href',
      'https://github.example/shop/gitops/pull/7',
    );
    expect(table).toHaveTextContent('Awaiting review');
    expect(table).toHaveTextContent('Checks passed');
    expect(table).toHaveTextContent('None yet');
  });

  it('lists what depends on degraded services, nearest first', async () => {
    await render(jest.fn(async () => teamSummary()));
    const table = await screen.findByRole('table', {
      name: 'Dependants of degraded services',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(row => row.textContent)).toEqual([
      'storefrontcheckoutDirectlyweb',
      'mobile-appcheckoutThrough 1 otherUnknown',
    ]);
  });

  it('shows empty states for a team without services, approvals or degraded services', async () => {
    await render(
      jest.fn(async () =>
        teamSummary({
          services: [],
          environments: [],
          awaitingApproval: [],
          degradedDependants: [],
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
      await screen.findByText(/This team owns no components yet/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'No change request is waiting for this team’s approval.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No service of this team is degraded.'),
    ).toBeInTheDocument();
  });

  it('asks again without sub-groups when they are unticked', async () => {
    const getTeamSummary = jest.fn(
      async (request: { includeSubgroups?: boolean }) =>
        request.includeSubgroups === false
          ? teamSummary({ includeSubgroups: false, services: [] })
          : teamSummary(),
    );
    await render(getTeamSummary);
    const checkbox = await screen.findByLabelText('Include sub-groups');
    expect(checkbox).toBeChecked();
    fireEvent.click(checkbox);
    await waitFor(() =>
      expect(getTeamSummary).toHaveBeenLastCalledWith({
        groupRef: 'group:default/payments',
        includeSubgroups: false,
      }),
    );
    expect(
      await screen.findByText(/This team owns no components yet/),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Include sub-groups')).not.toBeChecked();
  });

  it('reloads on the group status signal', async () => {
    const signalApi = new FakeSignalApi();
    const getTeamSummary = jest.fn(async () => teamSummary());
    await render(getTeamSummary, signalApi);
    await screen.findByRole('table', { name: /Services by environment/ });
    expect(signalApi.channels()).toContain(
      'gitops:status:group:default/payments',
    );
    signalApi.publish('gitops:status:group:default/payments', {});
    await waitFor(() => expect(getTeamSummary).toHaveBeenCalledTimes(2));
  });

  it('explains missing permission, unknown groups and failures', async () => {
    const denied = await render(
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
    denied.unmount();

    const missing = await render(
      jest.fn(() =>
        responseError(404, 'NotFoundError', 'no group').then(e =>
          Promise.reject(e),
        ),
      ),
    );
    expect(
      await screen.findByText(
        'There is no group group:default/payments in the catalog.',
      ),
    ).toBeInTheDocument();
    missing.unmount();

    await render(
      jest.fn(() =>
        responseError(500, 'Error', 'database down').then(e =>
          Promise.reject(e),
        ),
      ),
    );
    expect(
      await screen.findByText('Error: Could not load the team summary'),
    ).toBeInTheDocument();
    expect(screen.getByText('database down')).toBeInTheDocument();
  });
});
