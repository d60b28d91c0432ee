import { KubeEmulator } from '@shipshape/kube-emulator';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { LiveStateCache } from '../live';
import { ResourcePlanner } from './ResourcePlanner';

const TOKEN = 'plan-token';
const CLUSTER = 'resource:default/cluster-a';
const LABEL = 'backstage.io/kubernetes-id';

const configMap = (
  name: string,
  data: Record<string, string>,
  labels = {},
) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'shop', labels },
  data,
});

const manifests = [
  {
    path: 'environments/staging/checkout/config.yaml',
    content: [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: { name: checkout-config, labels: { backstage.io/kubernetes-id: checkout } }',
      'data: { LOG_LEVEL: debug, REGION: eu }',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: { name: checkout-flags, labels: { backstage.io/kubernetes-id: checkout } }',
      'data: { NEW_UI: "true" }',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: { name: checkout-new, labels: { backstage.io/kubernetes-id: checkout } }',
      'data: { A: "1" }',
    ].join('\n'),
  },
  {
    path: 'environments/staging/checkout/secret.yaml',
    content:
      'apiVersion: v1\nkind: Secret\nmetadata: { name: checkout-db }\nstringData: { password: new-password }\n',
  },
];

describe('ResourcePlanner', () => {
  let emulator: KubeEmulator;

  beforeEach(async () => {
    emulator = await KubeEmulator.start({
      tokens: [TOKEN],
      controllerDelayMs: false,
    });
    await emulator.seed([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
      configMap(
        'checkout-config',
        { LOG_LEVEL: 'info', REGION: 'eu' },
        { [LABEL]: 'checkout' },
      ),
      configMap('checkout-flags', { NEW_UI: 'true' }, { [LABEL]: 'checkout' }),
      configMap('checkout-old', { B: '2' }, { [LABEL]: 'checkout' }),
      configMap('orders-config', { C: '3' }, { [LABEL]: 'orders' }),
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'checkout-db', namespace: 'shop' },
        data: { password: Buffer.from('old-password').toString('base64') },
      },
    ]);
  });

  afterEach(async () => {
    await emulator.stop();
  });

  const expected = [
    {
      key: '/ConfigMap/shop/checkout-config',
      action: 'update',
      changes: [{ path: '/data/LOG_LEVEL', desired: 'debug', live: 'info' }],
    },
    { key: '/ConfigMap/shop/checkout-flags', action: 'unchanged', changes: [] },
    { key: '/ConfigMap/shop/checkout-new', action: 'create', changes: [] },
    { key: '/ConfigMap/shop/checkout-old', action: 'delete', changes: [] },
  ];

  it('compares manifests with the cluster by direct reads, with Secret values masked', async () => {
    const planner = ResourcePlanner.create({
      clusters: new Map([
        [
          CLUSTER,
          { connection: { name: CLUSTER, url: emulator.url, token: TOKEN } },
        ],
      ]),
    });
    const plan = await planner.plan({
      clusterRef: CLUSTER,
      namespace: 'shop',
      entityRef: 'component:default/checkout',
      manifests,
    });
    expect(plan.liveAvailable).toBe(true);
    expect(plan.resources.filter(r => r.kind === 'ConfigMap')).toEqual(
      expected.map(e => expect.objectContaining(e)),
    );
    const secret = plan.resources.find(r => r.kind === 'Secret')!;
    expect(secret).toMatchObject({
      key: '/Secret/shop/checkout-db',
      action: 'update',
      namespace: 'shop',
    });
    expect(secret.changes.length).toBeGreaterThan(0);
    const text = JSON.stringify(plan);
    expect(text).not.toContain('new-password');
    expect(text).not.toContain('old-password');
    expect(text).not.toContain(Buffer.from('old-password').toString('base64'));
  });

  it("answers from the reconciler's watch cache for watched kinds", async () => {
    const connection = { name: CLUSTER, url: emulator.url, token: TOKEN };
    const cache = LiveStateCache.create({ cluster: connection });
    try {
      // What the reconciler watches on every cluster (for objects labelled but not in Git).
      cache.watchKinds([
        { apiVersion: 'v1', kind: 'ConfigMap' },
        { apiVersion: 'v1', kind: 'Service' },
        { apiVersion: 'apps/v1', kind: 'Deployment' },
      ]);
      await cache.ready();
      const planner = ResourcePlanner.create({
        clusters: new Map([[CLUSTER, { connection, cache }]]),
      });
      // The API server is gone: only the cache can answer (it stays trusted for a while).
      await emulator.stop();
      const plan = await planner.plan({
        clusterRef: CLUSTER,
        namespace: 'shop',
        entityRef: 'component:default/checkout',
        manifests: manifests.slice(0, 1),
      });
      expect(plan).toEqual({
        clusterRef: CLUSTER,
        liveAvailable: true,
        resources: expected.map(e => expect.objectContaining(e)),
      });
    } finally {
      await cache.stop();
      emulator = await KubeEmulator.start({ tokens: [TOKEN] });
    }
  });

  it('says why when the cluster cannot be read, and refuses unknown clusters and broken YAML', async () => {
    // A port nothing listens on.
    const closed = http.createServer();
    await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise(resolve => closed.close(resolve));
    const planner = ResourcePlanner.create({
      clusters: new Map([
        [
          CLUSTER,
          {
            connection: {
              name: CLUSTER,
              url: emulator.url,
              token: 'wrong-token',
            },
          },
        ],
        [
          'resource:default/down',
          {
            connection: {
              name: 'resource:default/down',
              url: `http://127.0.0.1:${port}`,
            },
          },
        ],
      ]),
      requestTimeoutMs: 2_000,
    });
    const unauthorized = await planner.plan({
      clusterRef: CLUSTER,
      namespace: 'shop',
      manifests,
    });
    expect(unauthorized).toMatchObject({
      liveAvailable: false,
      reason: expect.stringContaining('401'),
    });
    expect(unauthorized.resources.map(r => r.action)).toEqual([
      'create',
      'create',
      'create',
      'create',
    ]);
    const down = await planner.plan({
      clusterRef: 'resource:default/down',
      manifests,
    });
    expect(down).toMatchObject({
      liveAvailable: false,
      reason: expect.stringMatching(/ECONNREFUSED|connect/),
    });

    await expect(
      planner.plan({ clusterRef: 'resource:default/nope', manifests }),
    ).rejects.toThrow(/Unknown cluster resource:default\/nope/);
    await expect(
      planner.plan({
        clusterRef: CLUSTER,
        manifests: [
          {
            path: 'environments/staging/checkout/broken.yaml',
            content: 'kind: [unclosed\n',
          },
        ],
      }),
    ).rejects.toThrow(/^environments\/staging\/checkout\/broken\.yaml:\d+: /);
  });
});
