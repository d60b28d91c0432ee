import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { DateTime, Settings } from 'luxon';
import { EnvironmentOverviewCard } from './EnvironmentOverviewCard';

const NOW = DateTime.fromISO('2026-12-21T00:00:00Z').toMillis();

function environment(
  spec: NonNullable<Entity['spec']>,
  metadata: Partial<Entity['metadata']> = {},
): Entity {
  return {
    apiVersion: 'gitops.shipshape.dev/v1alpha1',
    kind: 'Environment',
    metadata: { name: 'prod', title: 'Production', ...metadata },
    spec,
  };
}

const prod = environment({
  type: 'production',
  owner: 'group:default/team-platform',
  lifecycle: 'production',
  clusters: [
    { cluster: 'resource:default/cluster-eu-west', namespace: 'shop-prod' },
  ],
  promotesFrom: 'environment:default/staging',
  approval: {
    requiredApprovals: 2,
    approvers: ['group:default/team-platform', 'group:default/team-payments'],
  },
});

async function renderCard(entity: Entity) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <EnvironmentOverviewCard />
    </EntityProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/** The value cell of the field with this label. */
function field(label: string): HTMLElement {
  const heading = screen.getByRole('heading', { name: label });
  return heading.parentElement!;
}

function hrefs(element: HTMLElement): (string | null)[] {
  return within(element)
    .queryAllByRole('link')
    .map(link => link.getAttribute('href'));
}

describe('EnvironmentOverviewCard', () => {
  const originalNow = Settings.now;
  const originalZone = Settings.defaultZone;
  const originalLocale = Settings.defaultLocale;

  beforeEach(() => {
    Settings.now = () => NOW;
    Settings.defaultZone = 'utc';
    Settings.defaultLocale = 'en-US';
  });

  afterEach(() => {
    Settings.now = originalNow;
    Settings.defaultZone = originalZone;
    Settings.defaultLocale = originalLocale;
  });

  it('shows type, lifecycle, owner, clusters, promotion source and approvals', async () => {
    await renderCard(prod);

    expect(screen.getByText('Environment')).toBeInTheDocument();
    expect(within(field('Type')).getByText('production')).toBeInTheDocument();
    expect(field('Lifecycle')).toHaveTextContent('production');
    expect(hrefs(field('Owner'))).toEqual([
      '/catalog/default/group/team-platform',
    ]);

    const clusters = within(field('Clusters')).getAllByRole('listitem');
    expect(clusters).toHaveLength(1);
    expect(clusters[0]).toHaveTextContent('cluster-eu-west');
    expect(clusters[0]).toHaveTextContent('namespace shop-prod');
    expect(hrefs(clusters[0])).toEqual([
      '/catalog/default/resource/cluster-eu-west',
    ]);

    expect(hrefs(field('Promotes from'))).toEqual([
      '/catalog/default/environment/staging',
    ]);

    const approval = field('Approval');
    expect(approval).toHaveTextContent(/^Approval2 approvals from /);
    expect(hrefs(approval)).toEqual([
      '/catalog/default/group/team-platform',
      '/catalog/default/group/team-payments',
    ]);

    expect(
      screen.queryByRole('heading', { name: 'Expires' }),
    ).not.toBeInTheDocument();
  });

  it('shows every cluster with its namespace', async () => {
    await renderCard(
      environment({
        type: 'production',
        owner: 'group:default/team-platform',
        clusters: [
          {
            cluster: 'resource:default/cluster-eu-west',
            namespace: 'shop-prod',
          },
          { cluster: 'resource:default/cluster-us-east', namespace: 'shop-us' },
        ],
      }),
    );

    const clusters = within(field('Clusters')).getAllByRole('listitem');
    expect(clusters.map(item => item.textContent)).toEqual([
      expect.stringMatching(/cluster-eu-west namespace shop-prod$/),
      expect.stringMatching(/cluster-us-east namespace shop-us$/),
    ]);
    expect(clusters.map(item => hrefs(item)[0])).toEqual([
      '/catalog/default/resource/cluster-eu-west',
      '/catalog/default/resource/cluster-us-east',
    ]);
  });

  it('resolves short refs against the environment namespace', async () => {
    await renderCard(
      environment(
        {
          type: 'staging',
          owner: 'team-payments',
          clusters: [{ cluster: 'cluster-dev', namespace: 'shop-staging' }],
          promotesFrom: 'dev',
          approval: { requiredApprovals: 1, approvers: ['team-payments'] },
        },
        { namespace: 'shop' },
      ),
    );

    expect(hrefs(field('Owner'))).toEqual([
      '/catalog/shop/group/team-payments',
    ]);
    expect(hrefs(field('Clusters'))).toEqual([
      '/catalog/shop/resource/cluster-dev',
    ]);
    expect(hrefs(field('Promotes from'))).toEqual([
      '/catalog/shop/environment/dev',
    ]);
    expect(field('Approval')).toHaveTextContent(/^Approval1 approval from /);
    expect(hrefs(field('Approval'))).toEqual([
      '/catalog/shop/group/team-payments',
    ]);
  });

  it('shows when a preview expires, absolute and relative', async () => {
    await renderCard(
      environment({
        type: 'preview',
        owner: 'group:default/team-payments',
        clusters: [
          { cluster: 'resource:default/cluster-dev', namespace: 'pr-42' },
        ],
        expiresAt: '2026-12-31T00:00:00Z',
      }),
    );

    const expires = field('Expires');
    expect(within(expires).getByText('Dec 31, 2026, 12:00 AM')).toHaveAttribute(
      'datetime',
      '2026-12-31T00:00:00.000Z',
    );
    expect(expires).toHaveTextContent('(in 10 days)');
  });

  it('says how long ago an expired preview expired', async () => {
    await renderCard(
      environment({
        type: 'preview',
        owner: 'group:default/team-payments',
        clusters: [
          { cluster: 'resource:default/cluster-dev', namespace: 'pr-7' },
        ],
        expiresAt: '2026-12-19T00:00:00Z',
      }),
    );

    expect(field('Expires')).toHaveTextContent(
      'Dec 19, 2026, 12:00 AM (expired 2 days ago)',
    );
  });

  it('shows an expiry that is not a date as written', async () => {
    await renderCard(
      environment({
        type: 'preview',
        owner: 'group:default/team-payments',
        clusters: [],
        expiresAt: 'next tuesday',
      }),
    );

    expect(field('Expires')).toHaveTextContent(
      'next tuesday (not a valid date)',
    );
    expect(field('Clusters')).toHaveTextContent('No clusters');
  });

  it('leaves out what is not set', async () => {
    await renderCard(
      environment({
        type: 'development',
        owner: 'group:default/team-platform',
        clusters: [
          { cluster: 'resource:default/cluster-dev', namespace: 'shop-dev' },
        ],
      }),
    );

    expect(field('Lifecycle')).toHaveTextContent('unknown');
    expect(field('Approval')).toHaveTextContent('No approval required');
    expect(
      screen.queryByRole('heading', { name: 'Promotes from' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('heading', { name: 'Expires' }),
    ).not.toBeInTheDocument();
  });

  it('treats zero required approvals as no approval', async () => {
    await renderCard(
      environment({
        type: 'development',
        owner: 'group:default/team-platform',
        clusters: [],
        approval: { requiredApprovals: 0, approvers: [] },
      }),
    );

    expect(field('Approval')).toHaveTextContent('No approval required');
    expect(hrefs(field('Approval'))).toEqual([]);
  });

  it('explains itself on an entity that is not an Environment', async () => {
    await renderCard({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'orders' },
      spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
    });

    expect(
      screen.getByText('This card shows Environment entities only.'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('heading', { name: 'Owner' }),
    ).not.toBeInTheDocument();
  });
});
