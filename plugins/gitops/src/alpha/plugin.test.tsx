import { Entity } from '@backstage/catalog-model';
import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { screen } from '@testing-library/react';
import { GitopsClient } from '@shipshape/plugin-gitops-common';
import { gitopsApiRef } from '../api';
import { teamPageRouteRef } from '../routes';
import {
  deploymentStatus,
  mockGitopsApi,
  resourceStatus,
} from '../__testUtils__/gitopsTesting';
import { teamSummary } from '../__testUtils__/teamTesting';
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

const deployment = deploymentStatus({ sync: 'OutOfSync', driftCount: 1 });

function renderPage(entity: Entity) {
  const gitopsApi = mockGitopsApi({
    getStatus: jest.fn(async ({ entityRef }) => ({
      entityRef,
      summary: { sync: 'OutOfSync' as const, health: 'Healthy' as const },
      deployments: [deployment],
    })),
    getResources: jest.fn(async () => ({
      deployment,
      resources: [resourceStatus({ name: 'orders-api', sync: 'OutOfSync' })],
    })),
    getHistory: jest.fn(async () => ({ items: [] })),
    getTeamSummary: jest.fn(async () => teamSummary()),
    listChangeRequests: jest.fn(async () => ({ items: [] })),
  });
  return renderTestApp({
    features: [gitopsPlugin],
    extensions: [createTestEntityPage({ entity })],
    apis: [
      [catalogApiRef, catalogApiMock({ entities: [prod, orders] })],
      [gitopsApiRef, gitopsApi],
    ],
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
    // The GitOps tab is for components only.
    expect(
      screen.queryByRole('table', { name: 'Resources' }),
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

  it('adds the GitOps tab to a Component, backed by the plugin API', async () => {
    renderPage(orders);

    expect(
      await screen.findByRole('table', { name: 'Resources' }, slow),
    ).toBeInTheDocument();
    expect(screen.getByText('shop-prod/orders-api')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: /^prod/ })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });

  it('mounts the GitOps tab at gitops, titled GitOps', () => {
    const tester = createExtensionTester(
      gitopsPlugin.getExtension('entity-content:gitops'),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('gitops');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('GitOps');
  });

  it('provides the GitOps API with the HTTP client', () => {
    const tester = createExtensionTester(
      gitopsPlugin.getExtension('api:gitops'),
    );
    const factory = tester.get(ApiBlueprint.dataRefs.factory);
    expect(factory.api.id).toBe('plugin.gitops.service');
    const client = factory.factory({
      discoveryApi: { getBaseUrl: async () => 'http://backstage/api/gitops' },
      fetchApi: { fetch: jest.fn() },
    });
    expect(client).toBeInstanceOf(GitopsClient);
  });

  it('shows the team card and the pending changes on a Group', async () => {
    renderPage({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'payments' },
      spec: { type: 'team', children: [] },
    });

    expect(
      await screen.findByText('Needs attention', undefined, slow),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        'Nothing is waiting for this team’s approval.',
        undefined,
        slow,
      ),
    ).toBeInTheDocument();
  });

  it('mounts the team page at /gitops/team/:namespace/:name with its route ref', () => {
    const tester = createExtensionTester(
      gitopsPlugin.getExtension('page:gitops/team'),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe(
      '/gitops/team/:namespace/:name',
    );
    expect(tester.get(coreExtensionData.routeRef)).toBe(teamPageRouteRef);
    expect(gitopsPlugin.routes.teamPage).toBe(teamPageRouteRef);
  });

  it('adds the team view as the GitOps tab of Groups', () => {
    const tester = createExtensionTester(
      gitopsPlugin.getExtension('entity-content:gitops/team'),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('gitops');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('GitOps');
  });

  it('shows none of its cards on other kinds', async () => {
    renderPage({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'shop' },
      spec: { owner: 'team-orders' },
    });

    expect(
      await screen.findByTestId('empty-entity-page', undefined, slow),
    ).toBeInTheDocument();
  });
});
