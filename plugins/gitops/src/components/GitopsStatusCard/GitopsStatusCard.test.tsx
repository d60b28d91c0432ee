import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { GitopsStatusCard } from './GitopsStatusCard';

describe('GitopsStatusCard', () => {
  it('says there is no data yet for the entity', async () => {
    await renderInTestApp(
      <EntityProvider
        entity={{
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'orders', title: 'Orders service' },
          spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
        }}
      >
        <GitopsStatusCard />
      </EntityProvider>,
    );
    expect(screen.getByText('GitOps status')).toBeInTheDocument();
    expect(
      screen.getByText('No GitOps data yet for Orders service.'),
    ).toBeInTheDocument();
    expect(screen.getByText(/this component's manifests/)).toBeInTheDocument();
  });
});
