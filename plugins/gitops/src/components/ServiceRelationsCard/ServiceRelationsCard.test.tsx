import { Entity } from '@backstage/catalog-model';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { gitopsApiRef } from '../../api';
import {
  deploymentStatus,
  mockGitopsApi,
  responseError,
} from '../../__testUtils__/gitopsTesting';
import { ServiceRelationsCard } from './ServiceRelationsCard';

// The graph lays out SVG with dagre; its own tests cover it. Here: what it is asked to draw.
const graphProps: any[] = [];
jest.mock('@backstage/plugin-catalog-graph', () => ({
  EntityRelationsGraph: (props: any) => {
    graphProps.push(props);
    return <div data-testid="relations-graph" />;
  },
}));

const rel = (type: string, targetRef: string) => ({ type, targetRef });

const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout' },
  spec: { type: 'service', owner: 'payments' },
  relations: [
    rel('ownedBy', 'group:default/payments'),
    rel('deployedTo', 'environment:default/prod'),
    rel('dependsOn', 'component:default/ledger'),
    rel('dependsOn', 'resource:default/orders-db'),
    rel('dependencyOf', 'component:default/storefront'),
  ],
};

const catalog = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'ledger' },
    spec: {},
    relations: [
      rel('ownedBy', 'group:default/payments-eu'),
      rel('deployedTo', 'environment:default/prod'),
      rel('deployedTo', 'environment:default/dev'),
    ],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'orders-db' },
    spec: {},
    relations: [rel('ownedBy', 'group:default/platform')],
  },
] as Entity[];

async function render(gitopsApi = mockGitopsApi()) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, catalogApiMock({ entities: catalog })],
        [gitopsApiRef, gitopsApi],
      ]}
    >
      <EntityProvider entity={checkout}>
        <ServiceRelationsCard pollIntervalMs={0} />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('ServiceRelationsCard', () => {
  it('lists the owner, dependencies and dependants with their environments and statuses', async () => {
    const getStatus = jest.fn(async ({ entityRef }: { entityRef: string }) => {
      if (entityRef === 'component:default/storefront') {
        throw await responseError(403, 'NotAllowedError', 'no');
      }
      const deployments =
        entityRef === 'component:default/checkout'
          ? [
              deploymentStatus({ entityRef, health: 'Degraded' }),
              deploymentStatus({
                entityRef,
                clusterRef: 'resource:default/cluster-us',
                sync: 'OutOfSync',
              }),
            ]
          : [deploymentStatus({ entityRef })];
      return {
        entityRef,
        summary: { sync: 'Synced' as const, health: 'Healthy' as const },
        deployments,
      };
    });
    await render(mockGitopsApi({ getStatus }));

    const table = await screen.findByRole('table', {
      name: 'Owner, dependencies and dependants with their environments',
    });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map(row =>
        Array.from(row.querySelectorAll('th, td')).map(c => c.textContent),
      );
    expect(rows).toEqual([
      ['This service', 'checkout', 'payments', 'prodOutOfSyncDegraded'],
      ['Depends on', 'ledger', 'payments-eu', 'prodSyncedHealthydev'],
      ['Depends on', 'resource:orders-db', 'platform', 'Not deployed'],
      ['Depended on by', 'storefront', 'Unknown', 'Not in the catalog'],
    ]);
    // Resources have no GitOps status; the others were asked once each.
    expect(getStatus.mock.calls.map(([r]) => r.entityRef).sort()).toEqual([
      'component:default/checkout',
      'component:default/ledger',
      'component:default/storefront',
    ]);
    expect(screen.getByTestId('relations-graph')).toBeInTheDocument();
    expect(graphProps[0]).toMatchObject({
      rootEntityNames: {
        kind: 'component',
        namespace: 'default',
        name: 'checkout',
      },
      maxDepth: 1,
    });
    expect(graphProps[0].relations).toEqual(
      expect.arrayContaining(['ownedBy', 'dependsOn', 'dependencyOf']),
    );
  });

  it('says when the status of a related service cannot be read', async () => {
    const getStatus = jest.fn(async () => {
      throw await responseError(500, 'Error', 'down');
    });
    await render(mockGitopsApi({ getStatus }));
    await screen.findByRole('table', {
      name: 'Owner, dependencies and dependants with their environments',
    });
    // Environments still come from the catalog.
    expect(screen.getAllByText('Status not available').length).toBeGreaterThan(
      0,
    );
    expect(
      screen.getAllByRole('link', { name: 'prod' }).length,
    ).toBeGreaterThan(0);
  });
});
