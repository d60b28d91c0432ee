import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { JsonObject } from '@backstage/types';
import { EnvironmentEntitiesProcessor } from './EnvironmentEntitiesProcessor';

const location = { type: 'url', target: 'https://example.com/env.yaml' };

const validSpec: JsonObject = {
  type: 'staging',
  owner: 'group:default/team-platform',
  lifecycle: 'production',
  clusters: [
    { cluster: 'resource:default/cluster-eu-west', namespace: 'shop-staging' },
  ],
  promotesFrom: 'environment:default/dev',
  approval: {
    requiredApprovals: 1,
    approvers: ['group:default/team-platform'],
  },
  deployments: [
    {
      component: 'component:default/checkout',
      path: 'environments/staging/checkout',
    },
  ],
};

function environment(
  spec: JsonObject,
  annotations?: Record<string, string>,
): Entity {
  return {
    apiVersion: 'gitops.shipshape.dev/v1alpha1',
    kind: 'Environment',
    metadata: { name: 'staging', namespace: 'default', annotations },
    spec,
  };
}

describe('EnvironmentEntitiesProcessor', () => {
  const processor = EnvironmentEntitiesProcessor.create();

  it('accepts a valid Environment', async () => {
    await expect(
      processor.validateEntityKind(environment(validSpec)),
    ).resolves.toBe(true);
  });

  it('leaves other kinds to other processors', async () => {
    await expect(
      processor.validateEntityKind({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'orders' },
        spec: {},
      }),
    ).resolves.toBe(false);
  });

  it.each<[string, JsonObject, RegExp]>([
    [
      'a missing owner',
      { ...validSpec, owner: undefined as any },
      /spec\.owner: Required/,
    ],
    [
      'an unknown type',
      { ...validSpec, type: 'qa' },
      /spec\.type: Invalid enum value/,
    ],
    [
      'no clusters',
      { ...validSpec, clusters: [] },
      /spec\.clusters: an environment runs on at least one cluster/,
    ],
    [
      'a bad namespace',
      {
        ...validSpec,
        clusters: [
          {
            cluster: 'resource:default/cluster-eu-west',
            namespace: 'Shop_Staging',
          },
        ],
      },
      /spec\.clusters\[0\]\.namespace: 'Shop_Staging' must consist of lower case/,
    ],
    [
      'a cluster that is not a Resource',
      {
        ...validSpec,
        clusters: [{ cluster: 'group:default/team-platform', namespace: 'x' }],
      },
      /spec\.clusters\[0\]\.cluster: must refer to a Resource/,
    ],
    [
      'a preview without expiry',
      { ...validSpec, type: 'preview' },
      /spec\.expiresAt: is required for preview environments/,
    ],
    [
      'a malformed expiry',
      { ...validSpec, expiresAt: 'next week' },
      /spec\.expiresAt: must be an ISO 8601 timestamp/,
    ],
    [
      'approvals without approvers',
      { ...validSpec, approval: { requiredApprovals: 2, approvers: [] } },
      /spec\.approval\.approvers: must name at least one group/,
    ],
  ])('rejects %s, naming the field', async (_case, spec, problem) => {
    await expect(
      processor.validateEntityKind(environment(spec)),
    ).rejects.toThrow(problem);
  });

  it('reports what the provider could not read as this entity’s error', async () => {
    await expect(
      processor.validateEntityKind(
        environment(
          {},
          {
            'gitops.shipshape.dev/ingestion-error':
              "Environment 'staging': environments/staging/environment.yaml is missing",
          },
        ),
      ),
    ).rejects.toThrow(
      "Environment 'staging': environments/staging/environment.yaml is missing",
    );
  });

  it('emits owner, cluster and deployment relations in both directions', async () => {
    const emitted: CatalogProcessorResult[] = [];
    await processor.postProcessEntity(
      environment(validSpec),
      location,
      result => emitted.push(result),
    );
    const env = { kind: 'Environment', namespace: 'default', name: 'staging' };
    const group = {
      kind: 'Group',
      namespace: 'default',
      name: 'team-platform',
    };
    const cluster = {
      kind: 'Resource',
      namespace: 'default',
      name: 'cluster-eu-west',
    };
    const component = {
      kind: 'Component',
      namespace: 'default',
      name: 'checkout',
    };
    const relation = (source: object, type: string, target: object) => ({
      type: 'relation',
      relation: { source, type, target },
    });
    expect(emitted).toEqual([
      relation(env, 'ownedBy', group),
      relation(group, 'ownerOf', env),
      relation(env, 'runsOn', cluster),
      relation(cluster, 'hostsEnvironment', env),
      relation(env, 'hasDeployment', component),
      relation(component, 'deployedTo', env),
    ]);
  });

  describe('with the catalog', () => {
    const resource = (name: string, type: string): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name, namespace: 'default' },
      spec: { type, owner: 'team-platform' },
    });
    const withCatalog = EnvironmentEntitiesProcessor.create({
      catalog: catalogServiceMock({
        entities: [
          resource('cluster-eu-west', 'kubernetes-cluster'),
          resource('orders-db', 'database'),
        ],
      }),
      auth: mockServices.auth(),
    });
    const process = (clusters: JsonObject[]) =>
      withCatalog.postProcessEntity(
        environment({ ...validSpec, clusters }),
        location,
        () => {},
      );

    it('accepts clusters that exist as kubernetes-cluster Resources', async () => {
      await expect(
        process([
          { cluster: 'resource:default/cluster-eu-west', namespace: 'shop' },
        ]),
      ).resolves.toMatchObject({ metadata: { name: 'staging' } });
    });

    it('names a cluster that does not exist', async () => {
      await expect(
        process([
          { cluster: 'resource:default/cluster-eu-west', namespace: 'shop' },
          { cluster: 'cluster-mars', namespace: 'shop' },
        ]),
      ).rejects.toThrow(
        "Invalid Environment 'staging': spec.clusters[1].cluster: resource:default/cluster-mars does not exist in the catalog",
      );
    });

    it('names a Resource that is not a cluster', async () => {
      await expect(
        process([{ cluster: 'resource:default/orders-db', namespace: 'shop' }]),
      ).rejects.toThrow(
        "spec.clusters[0].cluster: resource:default/orders-db is of type 'database', not kubernetes-cluster",
      );
    });
  });
});
