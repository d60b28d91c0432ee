import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import request from 'supertest';
import { applyDatabaseMigrations } from '../database/applyDatabaseMigrations';
import { DatabaseGitopsStore } from '../database/DatabaseGitopsStore';
import { expectMatchesSpec } from '../__testUtils__/expectMatchesSpec';
import { gitopsPlugin } from '../plugin';
import { DeploymentResult } from '../reconciler/types';

const key = {
  entityRef: 'component:default/checkout',
  environmentRef: 'environment:default/staging',
  clusterRef: 'resource:default/cluster-eu-west',
};

const drifted: DeploymentResult = {
  ...key,
  namespace: 'shop-staging',
  sync: 'OutOfSync',
  health: 'Healthy',
  revision: 'a'.repeat(40),
  resources: [
    {
      key: 'apps/Deployment/shop-staging/checkout',
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'shop-staging',
      name: 'checkout',
      sync: 'OutOfSync',
      health: { status: 'Healthy', message: 'rolled out' },
      changes: [{ path: '/spec/replicas', desired: 2, live: 4 }],
      desired: 'spec:\n  replicas: 2\n',
      live: 'spec:\n  replicas: 4\n',
      diff: '-  replicas: 2\n+  replicas: 4\n',
    },
    {
      key: '/Secret/shop-staging/checkout-db',
      apiVersion: 'v1',
      kind: 'Secret',
      namespace: 'shop-staging',
      name: 'checkout-db',
      sync: 'Synced',
      changes: [],
      diff: '',
    },
  ],
};

describe('the GitOps REST API', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let knex: Knex;

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    await applyDatabaseMigrations(knex);
    const store = await DatabaseGitopsStore.create({
      database: knex,
      skipMigrations: true,
    });
    await store.saveDeployments([drifted]);
  });

  const start = (
    result:
      | AuthorizeResult.ALLOW
      | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  ) =>
    startTestBackend({
      features: [
        gitopsPlugin,
        mockServices.database.factory({ knex, migrations: { skip: true } }),
        mockServices.permissions.factory({ result }),
      ],
    });

  it('answers an entity status from the store', async () => {
    const { server } = await start();
    const response = await request(server)
      .get('/api/gitops/status')
      .query({ entityRef: 'component:default/checkout' });
    expect(response.status).toBe(200);
    expectMatchesSpec('/status', 'get', response);
    expect(response.body).toMatchObject({
      entityRef: 'component:default/checkout',
      summary: { sync: 'OutOfSync', health: 'Healthy' },
      deployments: [
        { ...key, sync: 'OutOfSync', driftCount: 1, resourceCount: 2 },
      ],
    });
    expect(response.body.deployments[0].syncSince).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('accepts entity refs without URL encoding, as curl users type them', async () => {
    const { server } = await start();
    const response = await request(server).get(
      '/api/gitops/status?entityRef=component:default/checkout',
    );
    expect(response.status).toBe(200);
    expect(response.body.deployments).toHaveLength(1);
  });

  it('answers the same shape for an environment, and a summary with counts', async () => {
    const { server } = await start();
    const status = await request(server)
      .get('/api/gitops/status')
      .query({ entityRef: 'environment:default/staging' });
    expect(status.body.deployments).toHaveLength(1);
    const summary = await request(server)
      .get('/api/gitops/environment')
      .query({ environmentRef: 'environment:default/staging' });
    expectMatchesSpec('/environment', 'get', summary);
    expect(summary.body.summary).toEqual({
      sync: 'OutOfSync',
      health: 'Healthy',
      deployments: 1,
      outOfSync: 1,
      degraded: 0,
    });
  });

  it('lists resources and serves one diff', async () => {
    const { server } = await start();
    const resources = await request(server)
      .get('/api/gitops/resources')
      .query(key);
    expect(resources.status).toBe(200);
    expectMatchesSpec('/resources', 'get', resources);
    expect(resources.body.resources.map((r: any) => [r.kind, r.sync])).toEqual([
      ['Secret', 'Synced'],
      ['Deployment', 'OutOfSync'],
    ]);
    const diff = await request(server)
      .get('/api/gitops/diff')
      .query({ ...key, resource: 'apps/Deployment/shop-staging/checkout' });
    expect(diff.status).toBe(200);
    expectMatchesSpec('/diff', 'get', diff);
    expect(diff.body).toMatchObject({
      resource: { changes: [{ path: '/spec/replicas', desired: 2, live: 4 }] },
      desired: 'spec:\n  replicas: 2\n',
      live: 'spec:\n  replicas: 4\n',
      diff: '-  replicas: 2\n+  replicas: 4\n',
    });
  });

  it('answers 404 for unknown deployments and resources, 400 for bad refs', async () => {
    const { server } = await start();
    const missing = await request(server)
      .get('/api/gitops/resources')
      .query({ ...key, environmentRef: 'environment:default/nowhere' });
    expect(missing.status).toBe(404);
    expectMatchesSpec('/resources', 'get', missing);
    expect(missing.body.error.message).toMatch(
      /No deployment of component:default\/checkout/,
    );
    const noResource = await request(server)
      .get('/api/gitops/diff')
      .query({ ...key, resource: 'apps/Deployment/shop-staging/other' });
    expect(noResource.status).toBe(404);
    const bad = await request(server)
      .get('/api/gitops/status')
      .query({ entityRef: 'a:b:c:/' });
    expect(bad.status).toBe(400);
    expectMatchesSpec('/status', 'get', bad);
    const absent = await request(server).get('/api/gitops/status');
    expect(absent.status).toBe(400);
  });

  it('records the first transitions in the history', async () => {
    const { server } = await start();
    const response = await request(server)
      .get('/api/gitops/history')
      .query({ entityRef: 'component:default/checkout', limit: 10 });
    expect(response.status).toBe(200);
    expectMatchesSpec('/history', 'get', response);
    expect(response.body.items.map((i: any) => [i.field, i.to])).toEqual(
      expect.arrayContaining([
        ['sync', 'OutOfSync'],
        ['health', 'Healthy'],
      ]),
    );
  });

  it('accepts a refresh request', async () => {
    const { server } = await start();
    const response = await request(server)
      .post('/api/gitops/refresh')
      .send({ entityRef: 'component:default/checkout' });
    expect(response.status).toBe(202);
    expectMatchesSpec('/refresh', 'post', response);
    expect(response.body).toEqual({ accepted: true });
    const store = await DatabaseGitopsStore.create({
      database: knex,
      skipMigrations: true,
    });
    expect(await store.takeRefreshRequests()).toEqual([
      'component:default/checkout',
    ]);
  });

  it('refuses without permission, with a clear message', async () => {
    const { server } = await start(AuthorizeResult.DENY);
    const response = await request(server)
      .get('/api/gitops/diff')
      .query({
        ...key,
        resource: 'apps/Deployment/shop-staging/checkout',
      });
    expect(response.status).toBe(403);
    expectMatchesSpec('/diff', 'get', response);
    expect(response.body.error.message).toBe(
      'You are not allowed to read the GitOps diffs of component:default/checkout',
    );
  });

  it('requires a Backstage token', async () => {
    const { server } = await startTestBackend({
      features: [
        gitopsPlugin,
        mockServices.database.factory({ knex, migrations: { skip: true } }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    const response = await request(server)
      .get('/api/gitops/status')
      .query({ entityRef: 'component:default/checkout' });
    expect(response.status).toBe(401);
  });
});
