import { Entity } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import {
  bodyRows,
  hrefs,
  renderEntityCard,
} from '../../__testUtils__/entityCardTesting';
import { EntityEnvironmentsCard } from './EntityEnvironmentsCard';

function environment(
  name: string,
  type: string,
  owner: string,
  clusters: { cluster: string; namespace: string }[],
): Entity {
  return {
    apiVersion: 'gitops.shipshape.dev/v1alpha1',
    kind: 'Environment',
    metadata: { name },
    spec: { type, owner, lifecycle: 'production', clusters },
  };
}

const environments: Entity[] = [
  environment('prod', 'production', 'group:default/team-platform', [
    { cluster: 'resource:default/cluster-eu-west', namespace: 'shop-prod' },
    { cluster: 'resource:default/cluster-us-east', namespace: 'shop-prod-us' },
  ]),
  environment('pr-7', 'preview', 'team-payments', [
    { cluster: 'cluster-dev', namespace: 'shop-pr-7' },
  ]),
  environment('staging', 'staging', 'group:default/team-platform', [
    { cluster: 'resource:default/cluster-eu-west', namespace: 'shop-staging' },
  ]),
  environment('pr-42', 'preview', 'group:default/team-payments', [
    { cluster: 'resource:default/cluster-dev', namespace: 'shop-pr-42' },
  ]),
  environment('dev', 'development', 'group:default/team-platform', [
    { cluster: 'resource:default/cluster-dev', namespace: 'shop-dev' },
  ]),
  environment('elsewhere', 'development', 'group:default/team-platform', [
    { cluster: 'resource:default/cluster-dev', namespace: 'shop-elsewhere' },
  ]),
];

const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout' },
  spec: {
    type: 'service',
    owner: 'group:default/team-payments',
    lifecycle: 'production',
  },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/team-payments' },
    { type: 'deployedTo', targetRef: 'environment:default/prod' },
    { type: 'deployedTo', targetRef: 'environment:default/pr-7' },
    { type: 'deployedTo', targetRef: 'environment:default/staging' },
    { type: 'deployedTo', targetRef: 'environment:default/pr-42' },
    { type: 'deployedTo', targetRef: 'environment:default/dev' },
  ],
};

const renderCard = (entity: Entity, catalogApi: typeof catalogApiRef.T) =>
  renderEntityCard(<EntityEnvironmentsCard />, entity, catalogApi);

describe('EntityEnvironmentsCard', () => {
  it('lists the environments in development, staging, production, preview order, then by name', async () => {
    await renderCard(checkout, catalogApiMock({ entities: environments }));

    expect(await screen.findByText('Environments')).toBeInTheDocument();
    const rows = bodyRows();
    expect(rows.map(cells => hrefs(cells[0])[0])).toEqual([
      '/catalog/default/environment/dev',
      '/catalog/default/environment/staging',
      '/catalog/default/environment/prod',
      '/catalog/default/environment/pr-42',
      '/catalog/default/environment/pr-7',
    ]);
    expect(rows.map(cells => cells[1].textContent)).toEqual([
      'development',
      'staging',
      'production',
      'preview',
      'preview',
    ]);
  });

  it('shows the clusters with namespaces and the owner of each environment', async () => {
    await renderCard(checkout, catalogApiMock({ entities: environments }));

    await screen.findByText('Environments');
    const rows = bodyRows();
    const prod = rows[2];
    const clusters = within(prod[2]).getAllByRole('listitem');
    expect(clusters.map(item => hrefs(item))).toEqual([
      ['/catalog/default/resource/cluster-eu-west'],
      ['/catalog/default/resource/cluster-us-east'],
    ]);
    expect(clusters[0]).toHaveTextContent(/ \/ shop-prod$/);
    expect(clusters[1]).toHaveTextContent(/ \/ shop-prod-us$/);
    expect(hrefs(prod[3])).toEqual(['/catalog/default/group/team-platform']);

    // Short refs in the spec are resolved with their default kinds.
    const pr7 = rows[4];
    expect(hrefs(pr7[2])).toEqual(['/catalog/default/resource/cluster-dev']);
    expect(pr7[2]).toHaveTextContent(/ \/ shop-pr-7$/);
    expect(hrefs(pr7[3])).toEqual(['/catalog/default/group/team-payments']);
  });

  it('lists an environment missing from the catalog last', async () => {
    await renderCard(
      checkout,
      catalogApiMock({
        entities: environments.filter(e => e.metadata.name !== 'staging'),
      }),
    );

    await screen.findByText('Environments');
    const rows = bodyRows();
    expect(rows.map(cells => hrefs(cells[0])[0])).toEqual([
      '/catalog/default/environment/dev',
      '/catalog/default/environment/prod',
      '/catalog/default/environment/pr-42',
      '/catalog/default/environment/pr-7',
      '/catalog/default/environment/staging',
    ]);
    const staging = rows[4];
    expect(staging[1].textContent).toBe('');
    expect(hrefs(staging[3])).toEqual([]);
  });

  it('shows progress while loading, then the environments', async () => {
    let resolve: (value: { items: (Entity | undefined)[] }) => void = () => {};
    const catalogApi = catalogApiMock.mock({
      getEntitiesByRefs: jest.fn(
        () =>
          new Promise<{ items: (Entity | undefined)[] }>(r => {
            resolve = r;
          }),
      ),
    });
    await renderCard(
      { ...checkout, relations: checkout.relations!.slice(0, 2) },
      catalogApi,
    );

    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(catalogApi.getEntitiesByRefs).toHaveBeenCalledWith(
      expect.objectContaining({ entityRefs: ['environment:default/prod'] }),
    );

    resolve({ items: [environments[0]] });

    expect(await screen.findByText('production')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(bodyRows()).toHaveLength(1);
  });

  it('shows an error when the catalog cannot be reached', async () => {
    const catalogApi = catalogApiMock.mock({
      getEntitiesByRefs: jest
        .fn()
        .mockRejectedValue(new Error('catalog is down')),
    });
    await renderCard(checkout, catalogApi);

    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByText('Error: catalog is down'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says so when the component is not deployed anywhere', async () => {
    const catalogApi = catalogApiMock.mock();
    await renderCard(
      { ...checkout, relations: checkout.relations!.slice(0, 1) },
      catalogApi,
    );

    expect(
      await screen.findByText('Not deployed to any environment yet.'),
    ).toBeInTheDocument();
    expect(catalogApi.getEntitiesByRefs).not.toHaveBeenCalled();
  });
});
