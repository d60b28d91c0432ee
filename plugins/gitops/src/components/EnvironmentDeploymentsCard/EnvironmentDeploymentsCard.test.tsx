import { Entity } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import {
  bodyRows,
  hrefs,
  renderEntityCard,
} from '../../__testUtils__/entityCardTesting';
import { EnvironmentDeploymentsCard } from './EnvironmentDeploymentsCard';

const prod: Entity = {
  apiVersion: 'gitops.shipshape.dev/v1alpha1',
  kind: 'Environment',
  metadata: { name: 'prod', title: 'Production' },
  spec: {
    type: 'production',
    owner: 'group:default/team-platform',
    clusters: [
      { cluster: 'resource:default/cluster-eu-west', namespace: 'shop-prod' },
    ],
    deployments: [
      {
        component: 'component:default/orders',
        path: 'environments/prod/orders',
      },
      // A short ref, as people may write it.
      { component: 'checkout', path: 'environments/prod/checkout' },
    ],
  },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/team-platform' },
    { type: 'runsOn', targetRef: 'resource:default/cluster-eu-west' },
    { type: 'hasDeployment', targetRef: 'component:default/orders' },
    { type: 'hasDeployment', targetRef: 'component:default/checkout' },
    { type: 'hasDeployment', targetRef: 'component:default/notifier' },
  ],
};

const components: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'orders',
      description: 'Takes and tracks customer orders',
    },
    spec: { type: 'service', owner: 'team-orders', lifecycle: 'production' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', description: 'Checkout and payment flow' },
    spec: {
      type: 'service',
      owner: 'group:default/team-payments',
      lifecycle: 'production',
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'notifier' },
    spec: { type: 'service', owner: 'team-platform', lifecycle: 'production' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'not-deployed', description: 'Not in this environment' },
    spec: { type: 'service', owner: 'team-platform', lifecycle: 'production' },
  },
];

const renderCard = (entity: Entity, catalogApi: typeof catalogApiRef.T) =>
  renderEntityCard(<EnvironmentDeploymentsCard />, entity, catalogApi);

describe('EnvironmentDeploymentsCard', () => {
  it('lists the deployed services by name with owner, description and manifests', async () => {
    await renderCard(prod, catalogApiMock({ entities: components }));

    expect(await screen.findByText('Deployed services')).toBeInTheDocument();
    const rows = bodyRows();
    expect(rows).toHaveLength(3);

    const [checkout, notifier, orders] = rows;
    expect(hrefs(checkout[0])).toEqual(['/catalog/default/component/checkout']);
    expect(hrefs(checkout[1])).toEqual([
      '/catalog/default/group/team-payments',
    ]);
    expect(checkout[2]).toHaveTextContent('Checkout and payment flow');
    expect(checkout[3]).toHaveTextContent('environments/prod/checkout');

    expect(hrefs(notifier[0])).toEqual(['/catalog/default/component/notifier']);
    expect(hrefs(notifier[1])).toEqual([
      '/catalog/default/group/team-platform',
    ]);
    expect(notifier[2].textContent).toBe('');
    // Not in spec.deployments: no manifests path.
    expect(notifier[3].textContent).toBe('');

    expect(hrefs(orders[0])).toEqual(['/catalog/default/component/orders']);
    expect(hrefs(orders[1])).toEqual(['/catalog/default/group/team-orders']);
    expect(orders[2]).toHaveTextContent('Takes and tracks customer orders');
    expect(orders[3]).toHaveTextContent('environments/prod/orders');

    expect(
      screen.queryByText('Not in this environment'),
    ).not.toBeInTheDocument();
  });

  it('keeps a deployment whose component is not in the catalog', async () => {
    await renderCard(
      prod,
      catalogApiMock({
        entities: components.filter(c => c.metadata.name !== 'orders'),
      }),
    );

    expect(await screen.findByText('Deployed services')).toBeInTheDocument();
    const rows = bodyRows();
    expect(rows.map(cells => hrefs(cells[0])[0])).toEqual([
      '/catalog/default/component/checkout',
      '/catalog/default/component/notifier',
      '/catalog/default/component/orders',
    ]);
    const orders = rows[2];
    expect(hrefs(orders[1])).toEqual([]);
    expect(orders[3]).toHaveTextContent('environments/prod/orders');
  });

  it('shows progress while loading, then the services', async () => {
    let resolve: (value: { items: (Entity | undefined)[] }) => void = () => {};
    const catalogApi = catalogApiMock.mock({
      getEntitiesByRefs: jest.fn(
        () =>
          new Promise<{ items: (Entity | undefined)[] }>(r => {
            resolve = r;
          }),
      ),
    });
    await renderCard(prod, catalogApi);

    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(catalogApi.getEntitiesByRefs).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRefs: [
          'component:default/orders',
          'component:default/checkout',
          'component:default/notifier',
        ],
      }),
    );

    resolve({ items: [components[0], components[1], undefined] });

    expect(
      await screen.findByText('Takes and tracks customer orders'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(bodyRows()).toHaveLength(3);
  });

  it('shows an error when the catalog cannot be reached', async () => {
    const catalogApi = catalogApiMock.mock({
      getEntitiesByRefs: jest
        .fn()
        .mockRejectedValue(new Error('catalog is down')),
    });
    await renderCard(prod, catalogApi);

    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByText('Error: catalog is down'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('explains where services come from when none are deployed', async () => {
    const catalogApi = catalogApiMock.mock();
    await renderCard(
      { ...prod, spec: { ...prod.spec, deployments: [] }, relations: [] },
      catalogApi,
    );

    expect(
      await screen.findByText(
        'No services are deployed to this environment yet.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('environments/<env>/<component>/'),
    ).toBeInTheDocument();
    expect(catalogApi.getEntitiesByRefs).not.toHaveBeenCalled();
  });
});
