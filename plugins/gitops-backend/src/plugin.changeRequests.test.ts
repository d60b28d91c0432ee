import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DefaultEventsService,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { formatChangeRequestMarker } from '@shipshape/plugin-gitops-common';
import { KubeEmulator } from '@shipshape/kube-emulator';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { expectMatchesSpec } from './__testUtils__/expectMatchesSpec';
import { gitopsPlugin } from './plugin';

// Only GitHub is mocked: the test's own HTTP calls and the kube emulator pass through.
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const TOKEN = 'routes-token';
const API = 'https://ghe.example.com/api/v3';
const CLUSTER = 'resource:default/cluster-a';

function pullRequest(number: number, body: string) {
  return {
    number,
    html_url: `https://ghe.example.com/acme/gitops/pull/${number}`,
    state: 'open',
    title: `Preview ${number}`,
    body,
    created_at: '2026-11-22T09:00:00Z',
    merged: false,
    merged_at: null,
    merge_commit_sha: null,
    draft: false,
    head: { ref: `preview-${number}`, sha: 'a'.repeat(40) },
    base: { ref: 'main', repo: { full_name: 'acme/gitops' } },
  };
}

describe('change request and plan routes', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function start(
    result:
      | AuthorizeResult.ALLOW
      | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  ) {
    const knex = await databases.init('SQLITE_3');
    const cluster = await KubeEmulator.start({ tokens: [TOKEN] });
    const events = DefaultEventsService.create({
      logger: mockServices.logger.mock(),
    });
    const backend = await startTestBackend({
      features: [
        gitopsPlugin,
        mockServices.database.factory({ knex }),
        mockServices.scheduler.mock().factory,
        mockServices.permissions.factory({ result }),
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'User',
              metadata: { name: 'alice', namespace: 'default' },
              spec: {},
              relations: [
                { type: 'memberOf', targetRef: 'group:default/platform' },
              ],
            },
          ],
        }),
        createServiceFactory({
          service: eventsServiceRef,
          deps: {},
          factory: () => events,
        }),
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              github: [
                { host: 'ghe.example.com', apiBaseUrl: API, token: 'gh-token' },
              ],
            },
            gitops: {
              clusters: [
                {
                  name: 'cluster-a',
                  url: cluster.url,
                  serviceAccountToken: TOKEN,
                },
              ],
              changeRequests: {
                repository: 'https://ghe.example.com/acme/gitops',
              },
            },
          },
        }),
      ],
    });
    return {
      backend,
      events,
      cluster,
      stop: async () => {
        await backend.stop();
        await cluster.stop();
      },
    };
  }

  it('tracks webhooks, filters by reviewer and registers existing pull requests', async () => {
    const { backend, events, stop } = await start();
    server.use(
      http.get(`${API}/repos/acme/gitops/pulls/12`, () =>
        HttpResponse.json(pullRequest(12, 'opened by hand')),
      ),
      http.get(`${API}/repos/acme/gitops/pulls/13`, () =>
        HttpResponse.json({ message: 'Not Found' }, { status: 404 }),
      ),
      http.get(`${API}/repos/acme/gitops/pulls/12/reviews`, () =>
        HttpResponse.json([]),
      ),
      http.get(`${API}/repos/acme/gitops/commits/:sha/status`, () =>
        HttpResponse.json({ state: 'pending', statuses: [] }),
      ),
      http.get(`${API}/repos/acme/gitops/commits/:sha/check-runs`, () =>
        HttpResponse.json({ total_count: 0, check_runs: [] }),
      ),
    );
    try {
      await events.publish({
        topic: 'github.pull_request',
        eventPayload: {
          action: 'opened',
          number: 11,
          pull_request: pullRequest(
            11,
            formatChangeRequestMarker({
              action: 'create',
              environmentRef: 'environment:default/preview-11',
              entityRefs: ['component:default/checkout'],
              requester: 'user:default/jane',
              reviewers: ['group:default/platform'],
            }),
          ),
          repository: { full_name: 'acme/gitops' },
        },
        metadata: { 'x-github-event': 'pull_request' },
      });

      const list = await request(backend.server).get(
        '/api/gitops/change-requests',
      );
      expect(list.status).toBe(200);
      expectMatchesSpec('/change-requests', 'get', list);
      expect(list.body.items).toEqual([
        expect.objectContaining({ id: 'acme/gitops#11', state: 'open' }),
      ]);
      const awaiting = async (ref: string) =>
        (
          await request(backend.server)
            .get('/api/gitops/change-requests')
            .query({ awaitingApprovalBy: ref })
        ).body.items.map((i: { id: string }) => i.id);
      expect(await awaiting('user:default/alice')).toEqual(['acme/gitops#11']);
      expect(await awaiting('group:default/other')).toEqual([]);

      const registered = await request(backend.server)
        .post('/api/gitops/change-requests')
        .send({
          repository: 'acme/gitops',
          number: 12,
          action: 'update',
          environmentRef: 'environment:default/staging',
          entityRefs: ['component:default/orders'],
        });
      expect(registered.status).toBe(201);
      expectMatchesSpec('/change-requests', 'post', registered);
      expect(registered.body).toMatchObject({
        id: 'acme/gitops#12',
        state: 'open',
      });

      const missing = await request(backend.server)
        .post('/api/gitops/change-requests')
        .send({
          repository: 'acme/gitops',
          number: 13,
          action: 'update',
          environmentRef: 'environment:default/staging',
          entityRefs: [],
        });
      expect(missing.status).toBe(404);
      const invalid = await request(backend.server)
        .post('/api/gitops/change-requests')
        .send({ repository: 'not a repo', number: 0 });
      expect(invalid.status).toBe(400);
    } finally {
      await stop();
    }
  });

  it('plans manifests against a cluster and rejects bad input with 400', async () => {
    const { backend, cluster, stop } = await start();
    try {
      await cluster.seed([
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'settings', namespace: 'default' },
          data: { A: '1' },
        },
      ]);
      const plan = await request(backend.server)
        .post('/api/gitops/plan')
        .send({
          clusterRef: CLUSTER,
          manifests: [
            {
              path: 'settings.yaml',
              content:
                'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings }\ndata: { A: "2" }\n',
            },
          ],
        });
      expect(plan.status).toBe(200);
      expectMatchesSpec('/plan', 'post', plan);
      expect(plan.body).toEqual({
        clusterRef: CLUSTER,
        liveAvailable: true,
        resources: [
          expect.objectContaining({
            key: '/ConfigMap/default/settings',
            action: 'update',
            changes: [{ path: '/data/A', desired: '2', live: '1' }],
          }),
        ],
      });

      const unknown = await request(backend.server)
        .post('/api/gitops/plan')
        .send({ clusterRef: 'resource:default/nowhere', manifests: [] });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toContain('Unknown cluster');
      const broken = await request(backend.server)
        .post('/api/gitops/plan')
        .send({
          clusterRef: CLUSTER,
          manifests: [{ path: 'env/broken.yaml', content: 'a: [1\n' }],
        });
      expect(broken.status).toBe(400);
      expect(broken.body.error.message).toMatch(/^env\/broken\.yaml/);
    } finally {
      await stop();
    }
  });

  it('refuses plans and lists without permission', async () => {
    const { backend, stop } = await start(AuthorizeResult.DENY);
    try {
      const plan = await request(backend.server).post('/api/gitops/plan').send({
        clusterRef: CLUSTER,
        entityRef: 'component:default/checkout',
        manifests: [],
      });
      expect(plan.status).toBe(403);
      const list = await request(backend.server)
        .get('/api/gitops/change-requests')
        .query({ entityRef: 'component:default/checkout' });
      expect(list.status).toBe(403);
    } finally {
      await stop();
    }
  });
});
