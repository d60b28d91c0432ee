import { Entity } from '@backstage/catalog-model';
import { renderTestApp } from '@backstage/frontend-test-utils';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { gitopsPlugin } from './plugin';

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
  },
  relations: [{ type: 'hasDeployment', targetRef: 'component:default/orders' }],
};

const orders: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders', description: 'Takes and tracks customer orders' },
  spec: { type: 'service', owner: 'team-orders', lifecycle: 'production' },
  relations: [{ type: 'deployedTo', targetRef: 'environment:default/prod' }],
};

function renderPage(entity: Entity) {
  return renderTestApp({
    features: [gitopsPlugin],
    extensions: [createTestEntityPage({ entity })],
    apis: [[catalogApiRef, catalogApiMock({ entities: [prod, orders] })]],
  });
}

// Extensions load lazily; the first render of the app can take a while.
jest.setTimeout(20_000);
const slow = { timeout: 5_000 };

describe('gitopsPlugin (new frontend system)', () => {
  it('shows the environment cards and the status card on an Environment', async () => {
    renderPage(prod);

    expect(
      await screen.findByText('GitOps status', undefined, slow),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('heading', { name: 'Lifecycle' }, slow),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        'Takes and tracks customer orders',
        undefined,
        slow,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('heading', { name: 'Environments' }),
    ).not.toBeInTheDocument();
  });

  it('shows the environments card and the status card on a Component', async () => {
    renderPage(orders);

    expect(
      await screen.findByText('GitOps status', undefined, slow),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('heading', { name: 'Environments' }, slow),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('production', undefined, slow),
    ).toBeInTheDocument();
    // The Environment overview card labels its fields; the table has no Lifecycle.
    expect(
      screen.queryByRole('heading', { name: 'Lifecycle' }),
    ).not.toBeInTheDocument();
    expect(screen.queryByText('Deployed services')).not.toBeInTheDocument();
  });

  it('shows none of its cards on other kinds', async () => {
    renderPage({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'team-orders' },
      spec: { type: 'team', children: [] },
    });

    expect(
      await screen.findByTestId('empty-entity-page', undefined, slow),
    ).toBeInTheDocument();
  });
});
