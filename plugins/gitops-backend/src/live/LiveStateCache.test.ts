import { KubeEmulator } from '@shipshape/kube-emulator';
import { identityKey, resourceIdentity } from '@shipshape/plugin-gitops-node';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { LiveStateCache, LiveStateCacheOptions } from './LiveStateCache';

const LABEL = 'backstage.io/kubernetes-id';
const CLUSTER = 'resource:default/cluster-dev';

const configMap = (name: string, namespace = 'shop', labels = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace, labels },
  data: { a: '1' },
});

const deployment = (name: string, namespace = 'shop', labels = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace, labels },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'app', image: `example/${name}:1` }] },
    },
  },
});

const KINDS = [
  { apiVersion: 'v1', kind: 'ConfigMap' },
  { apiVersion: 'apps/v1', kind: 'Deployment' },
  { apiVersion: 'v1', kind: 'Namespace' },
];

async function waitFor(check: () => boolean, timeoutMs = 4000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${check}`);
    }
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}

async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

describe('LiveStateCache', () => {
  let emulator: KubeEmulator;
  const caches: LiveStateCache<any>[] = [];

  function cacheFor(
    url: string,
    options: Partial<LiveStateCacheOptions<any>> = {},
  ) {
    const cache = LiveStateCache.create<any>({
      cluster: { name: CLUSTER, url, ...options.cluster },
      backoff: { initialMs: 10, maxMs: 100 },
      ...options,
    });
    caches.push(cache);
    return cache;
  }

  beforeEach(async () => {
    emulator = await KubeEmulator.start({
      controllerDelayMs: false,
      tokens: ['good-token'],
    });
  });

  afterEach(async () => {
    await Promise.all(caches.splice(0).map(cache => cache.stop()));
    await emulator.stop();
  });

  it('finds objects of every watched kind by identity key', async () => {
    await emulator.seed([configMap('settings'), deployment('web')]);
    const cache = cacheFor(emulator.url, {
      cluster: { name: CLUSTER, url: emulator.url, token: 'good-token' },
    });
    cache.watchKinds(KINDS);
    expect(cache.isReady()).toBe(false);
    await cache.ready();
    expect(cache.isReady()).toBe(true);

    const web = cache.get('apps/Deployment/shop/web');
    expect(web).toMatchObject({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
    });
    // The key the diff engine computes for the object is the key the cache answers to.
    expect(identityKey(resourceIdentity(web))).toBe('apps/Deployment/shop/web');
    expect(cache.get('/ConfigMap/shop/settings')).toMatchObject({
      kind: 'ConfigMap',
    });
    expect(cache.get('/Namespace//shop')).toMatchObject({ kind: 'Namespace' });
    expect(cache.get('/ConfigMap/shop/nothing')).toBeUndefined();
    expect(cache.get('nonsense')).toBeUndefined();
    expect(cache.scopeOf('', 'Namespace')).toBe('Cluster');
    expect(cache.scopeOf('apps', 'Deployment')).toBe('Namespaced');
    expect(cache.health()).toMatchObject({ reachable: true });
    expect(cache.stats()).toMatchObject({ lists: 3, errors: 0 });
    expect(cache.stats().kinds['apps/v1 Deployment']).toMatchObject({
      objects: 1,
    });
  });

  it('keeps objects without the server bookkeeping by default, and hands out copies', async () => {
    await emulator.seed([configMap('settings', 'shop', { [LABEL]: 'shop' })]);
    const projected = cacheFor(emulator.url, {
      cluster: { name: CLUSTER, url: emulator.url, token: 'good-token' },
    });
    const whole = cacheFor(emulator.url, {
      cluster: { name: CLUSTER, url: emulator.url, token: 'good-token' },
      transform: object => object,
    });
    projected.watchKinds(KINDS);
    whole.watchKinds(KINDS);
    await Promise.all([projected.ready(), whole.ready()]);

    const key = '/ConfigMap/shop/settings';
    const server = whole.get(key);
    // The emulator fills these in as a server does; the default projection drops them.
    expect(server.metadata).toMatchObject({
      uid: expect.any(String),
      resourceVersion: expect.any(String),
      creationTimestamp: expect.any(String),
    });
    const {
      uid: _uid,
      resourceVersion: _resourceVersion,
      creationTimestamp: _creationTimestamp,
      ...metadata
    } = server.metadata;
    expect(projected.get(key)).toEqual({ ...server, metadata });

    const copy = projected.get(key);
    copy.data.a = 'changed';
    expect(projected.get(key).data.a).toBe('1');
  });

  it('lists labelled objects of all kinds in a namespace, and tells listeners about changes', async () => {
    await emulator.seed([
      configMap('shop-config', 'shop', { [LABEL]: 'shop' }),
      deployment('shop', 'shop', { [LABEL]: 'shop' }),
      deployment('cart', 'shop', { [LABEL]: 'cart' }),
      deployment('shop', 'elsewhere', { [LABEL]: 'shop' }),
    ]);
    const cache = cacheFor(emulator.url, {
      cluster: { name: CLUSTER, url: emulator.url, token: 'good-token' },
    });
    cache.watchKinds(KINDS);
    await cache.ready();
    const labelled = () =>
      cache
        .listLabelled('shop', LABEL, 'shop')
        .map(o => `${o.kind}/${o.metadata.name}`)
        .sort();
    expect(labelled()).toEqual(['ConfigMap/shop-config', 'Deployment/shop']);
    expect(cache.listLabelledKeys('shop', LABEL, 'shop').sort()).toEqual([
      '/ConfigMap/shop/shop-config',
      'apps/Deployment/shop/shop',
    ]);
    expect(() => cache.listLabelled('shop', 'app', 'shop')).toThrow(
      /does not index the label 'app'/,
    );
    expect(() => cache.listLabelledKeys('shop', 'app', 'shop')).toThrow(
      /does not index the label 'app'/,
    );

    const changes: Array<[string, string]> = [];
    const unsubscribe = cache.onChange((key, type) =>
      changes.push([key, type]),
    );
    await emulator.seed([deployment('extra', 'shop', { [LABEL]: 'shop' })]);
    emulator.store.remove('/configmaps', 'shop', 'shop-config');
    await waitFor(() => changes.length === 2);
    expect(changes).toEqual([
      ['apps/Deployment/shop/extra', 'upsert'],
      ['/ConfigMap/shop/shop-config', 'delete'],
    ]);
    expect(labelled()).toEqual(['Deployment/extra', 'Deployment/shop']);

    unsubscribe();
    await emulator.seed([configMap('unheard')]);
    await waitFor(() => cache.get('/ConfigMap/shop/unheard') !== undefined);
    expect(changes).toHaveLength(2);
  });

  it('stops watching kinds no longer asked for', async () => {
    await emulator.seed([configMap('settings'), deployment('web')]);
    const cache = cacheFor(emulator.url, {
      cluster: { name: CLUSTER, url: emulator.url, token: 'good-token' },
    });
    cache.watchKinds(KINDS);
    await cache.ready();
    const changes: string[] = [];
    cache.onChange(key => changes.push(key));

    cache.watchKinds([{ apiVersion: 'apps/v1', kind: 'Deployment' }]);
    expect(cache.get('/ConfigMap/shop/settings')).toBeUndefined();
    expect(cache.get('apps/Deployment/shop/web')).toBeDefined();
    expect(Object.keys(cache.stats().kinds)).toEqual(['apps/v1 Deployment']);
    await expect(
      cache.ready({ apiVersion: 'v1', kind: 'ConfigMap' }),
    ).rejects.toThrow(/not watched/);
    await emulator.seed([configMap('later')]);
    await new Promise(resolve => setTimeout(resolve, 100));
    // Neither the dropped objects nor later ConfigMaps are reported.
    expect(changes).toEqual([]);
  });

  it('reports a cluster that refuses connections as unreachable, and another one is unaffected', async () => {
    const port = await closedPort();
    const down = cacheFor(`http://127.0.0.1:${port}`);
    const up = cacheFor(emulator.url, {
      cluster: {
        name: 'resource:default/cluster-prod',
        url: emulator.url,
        token: 'good-token',
      },
    });
    await emulator.seed([configMap('settings')]);
    down.watchKinds(KINDS);
    up.watchKinds(KINDS);

    await up.ready();
    await waitFor(() => !down.health().reachable);
    expect(down.health()).toEqual({
      reachable: false,
      message: `cluster-dev: connect ECONNREFUSED 127.0.0.1:${port}`,
      since: expect.any(Date),
    });
    expect(down.isReady()).toBe(false);
    expect(down.stats().errors).toBeGreaterThan(0);
    expect(up.health()).toMatchObject({ reachable: true });
    expect(up.get('/ConfigMap/shop/settings')).toBeDefined();
  });

  it('says a rejected token was rejected', async () => {
    const cache = cacheFor(emulator.url, {
      cluster: { name: CLUSTER, url: emulator.url, token: 'wrong-token' },
    });
    cache.watchKinds(KINDS);
    await waitFor(() => !cache.health().reachable);
    expect(cache.health().message).toBe(
      'cluster-dev: 401 Unauthorized: the service account token was rejected',
    );
  });

  it('turns unreachable while the first list fails and reachable once it succeeds', async () => {
    emulator.setFaults({ errorRate: 1, errorCode: 503 });
    const cache = cacheFor(emulator.url, {
      cluster: { name: CLUSTER, url: emulator.url, token: 'good-token' },
    });
    const startedAt = Date.now();
    cache.watchKinds([{ apiVersion: 'v1', kind: 'ConfigMap' }]);
    await waitFor(() => !cache.health().reachable);
    const down = cache.health();
    expect(down.message).toBe(
      'cluster-dev: 503 Service Unavailable: the server is currently unable to handle the request',
    );
    expect(down.since.getTime()).toBeGreaterThanOrEqual(startedAt);

    const clearedAt = Date.now();
    emulator.setFaults({});
    await cache.ready();
    const up = cache.health();
    expect(up.reachable).toBe(true);
    expect(up.since.getTime()).toBeGreaterThanOrEqual(clearedAt);
  });

  it('counts a failure after the first list as an outage only once it lasts', async () => {
    const cache = cacheFor(emulator.url, {
      cluster: { name: CLUSTER, url: emulator.url, token: 'good-token' },
      unreachableAfterMs: 300,
    });
    cache.watchKinds([{ apiVersion: 'v1', kind: 'ConfigMap' }]);
    await cache.ready();
    await emulator.seed([configMap('probe')]);
    await waitFor(() => cache.get('/ConfigMap/shop/probe') !== undefined);

    // The server goes away: re-watching fails from now on.
    await emulator.stop();
    await waitFor(() => cache.stats().errors > 0);
    expect(cache.health().reachable).toBe(true);
    await waitFor(() => !cache.health().reachable);
    expect(cache.health().message).toMatch(
      /^cluster-dev: connect ECONNREFUSED 127\.0\.0\.1:\d+$/,
    );
    // What was listed stays readable.
    expect(cache.get('/ConfigMap/shop/probe')).toBeDefined();
    emulator = await KubeEmulator.start({ controllerDelayMs: false });
  });

  it('leaves no sockets or timers behind when stopped', async () => {
    await emulator.seed([configMap('settings')]);
    const active = () =>
      process
        .getActiveResourcesInfo()
        .filter(r => r === 'TCPSocketWrap' || r === 'Timeout').length;
    const before = active();
    const cache = cacheFor(emulator.url, {
      cluster: { name: CLUSTER, url: emulator.url, token: 'good-token' },
    });
    cache.watchKinds(KINDS);
    await cache.ready();
    expect(active()).toBeGreaterThan(before);

    await cache.stop();
    await waitFor(() => active() <= before, 2000);
    expect(() => cache.watchKinds(KINDS)).toThrow(/stopped/);
  });
});
