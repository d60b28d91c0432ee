import { KubeEmulator } from '@shipshape/kube-emulator';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { ClusterKubeConfig } from './ClusterKubeConfig';
import { KindWatcher, KindWatcherOptions } from './KindWatcher';
import { KubeClient } from './KubeClient';
import { projectLiveObject } from './projectLiveObject';

const LABEL = 'backstage.io/kubernetes-id';

const configMap = (
  name: string,
  data: Record<string, string> = { a: '1' },
  labels?: Record<string, string>,
) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', labels },
  data,
});

const labelled = (name: string, value: string, data = { a: '1' }) =>
  configMap(name, data, { [LABEL]: value });

const CONFIG_MAP = { apiVersion: 'v1', kind: 'ConfigMap' };
const key = (name: string) => `/ConfigMap/default/${name}`;

async function waitFor(check: () => boolean, timeoutMs = 4000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${check}`);
    }
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}

/** Discovery of the core group as fake servers answer it: ConfigMaps only. */
const CONFIGMAP_DISCOVERY = {
  kind: 'APIResourceList',
  groupVersion: 'v1',
  resources: [{ name: 'configmaps', namespaced: true, kind: 'ConfigMap' }],
};

describe('KindWatcher', () => {
  let emulator: KubeEmulator;
  const running: Array<() => Promise<void>> = [];

  function watch(
    url: string,
    overrides: Partial<KindWatcherOptions<any>> = {},
  ) {
    const config = ClusterKubeConfig.fromConnection({
      name: 'resource:default/cluster-dev',
      url,
    });
    const changes: Array<[string, string]> = [];
    const watcher = new KindWatcher<any>({
      client: new KubeClient(config, 5000),
      kind: CONFIG_MAP,
      indexedLabels: [LABEL],
      pageSize: 500,
      watchdogMs: 60_000,
      backoff: { initialMs: 10, maxMs: 100 },
      rediscoverMs: 100,
      onChange: (k, type) => changes.push([k, type]),
      ...overrides,
    });
    watcher.start();
    running.push(async () => {
      await watcher.stop();
      await config.close();
    });
    return { watcher, changes };
  }

  beforeEach(async () => {
    emulator = await KubeEmulator.start({
      controllerDelayMs: false,
      historyLimit: 50,
    });
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map(stop => stop()));
    await emulator.stop();
  });

  /**
   * Drops the watch and, before the client even notices, makes the changes and writes more than
   * the server's history holds: resuming from the last resourceVersion gets 410 Expired.
   */
  async function changeWhileExpired(changes: () => Promise<void>) {
    emulator.dropWatches();
    await changes();
    for (let i = 0; i < 60; i++) {
      await emulator.seed([configMap('busy', { i: String(i) })]);
    }
  }

  it('lists every page, fills in kind and apiVersion, drops managedFields', async () => {
    await emulator.seed(
      Array.from({ length: 1203 }, (_, i) => configMap(`cm-${i}`)),
    );
    const managed = configMap('managed');
    await emulator.seed([
      {
        ...managed,
        metadata: {
          ...managed.metadata,
          managedFields: [{ manager: 'kubectl', operation: 'Apply' }],
        },
      },
    ]);
    const { watcher } = watch(emulator.url);
    await watcher.ready();

    expect(watcher.stats()).toMatchObject({
      objects: 1204,
      lists: 1,
      relists: 0,
      listed: true,
    });
    // discovery, 3 pages of 500, and the watch
    expect(watcher.stats().requests).toBeGreaterThanOrEqual(4);
    const object = watcher.get(key('cm-1200'));
    expect(object).toMatchObject({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cm-1200', namespace: 'default' },
      data: { a: '1' },
    });
    expect(watcher.get(key('managed')).metadata.managedFields).toBeUndefined();
  });

  it('keeps managedFields when asked to', async () => {
    const managed = configMap('managed');
    await emulator.seed([
      {
        ...managed,
        metadata: {
          ...managed.metadata,
          managedFields: [{ manager: 'kubectl', operation: 'Apply' }],
        },
      },
    ]);
    const { watcher } = watch(emulator.url, { keepManagedFields: true });
    await watcher.ready();
    expect(watcher.get(key('managed')).metadata.managedFields).toEqual([
      { manager: 'kubectl', operation: 'Apply' },
    ]);
  });

  it('applies ADDED, MODIFIED and DELETED and tells the listener', async () => {
    await emulator.seed([configMap('a'), configMap('b')]);
    const { watcher, changes } = watch(emulator.url);
    await watcher.ready();
    changes.length = 0;

    await emulator.seed([
      configMap('c', { c: '1' }),
      configMap('a', { a: '2' }),
    ]);
    emulator.store.remove('/configmaps', 'default', 'b');

    await waitFor(() => changes.length === 3);
    expect(changes).toEqual([
      [key('c'), 'upsert'],
      [key('a'), 'upsert'],
      [key('b'), 'delete'],
    ]);
    expect(watcher.get(key('a')).data).toEqual({ a: '2' });
    expect(watcher.get(key('c')).kind).toBe('ConfigMap');
    expect(watcher.get(key('b'))).toBeUndefined();
  });

  it('indexes labels by namespace and follows label changes', async () => {
    await emulator.seed([
      configMap('a', {}, { [LABEL]: 'shop' }),
      configMap('b', {}, { [LABEL]: 'cart' }),
      {
        ...configMap('c', {}, { [LABEL]: 'shop' }),
        metadata: {
          name: 'c',
          namespace: 'other',
          labels: { [LABEL]: 'shop' },
        },
      },
    ]);
    const { watcher } = watch(emulator.url);
    await watcher.ready();
    const names = (namespace: string, value: string) =>
      watcher
        .listLabelled(namespace, LABEL, value)
        .map(o => o.metadata.name)
        .sort();
    expect(names('default', 'shop')).toEqual(['a']);
    expect(names('other', 'shop')).toEqual(['c']);

    await emulator.seed([configMap('b', {}, { [LABEL]: 'shop' })]);
    await waitFor(() => names('default', 'shop').join() === 'a,b');
    expect(names('default', 'cart')).toEqual([]);

    emulator.store.remove('/configmaps', 'default', 'a');
    await waitFor(() => names('default', 'shop').join() === 'b');
    expect(watcher.listLabelledKeys('default', LABEL, 'shop')).toEqual([
      key('b'),
    ]);
    expect(names('other', 'shop')).toEqual(['c']);
  });

  it('reads back exactly what the transform kept, with or without the shared prefix', async () => {
    await emulator.seed([
      configMap('plain', { v: 'é ✓ {"x":1}' }),
      configMap('other'),
    ]);
    const kept = new Map<string, unknown>();
    const { watcher } = watch(emulator.url, {
      transform: object => {
        // Kept as is: apiVersion and kind first (the usual case), or not there at all.
        const value =
          object.metadata.name === 'other'
            ? { metadata: object.metadata, data: object.data }
            : object;
        kept.set(object.metadata.name!, value);
        return value;
      },
    });
    await watcher.ready();
    for (const name of ['plain', 'other']) {
      const read = watcher.get(key(name));
      expect(JSON.stringify(read)).toBe(JSON.stringify(kept.get(name)));
    }
    expect(Object.keys(watcher.get(key('plain')))).toEqual([
      'apiVersion',
      'kind',
      'metadata',
      'data',
    ]);
    expect(watcher.get(key('other')).apiVersion).toBeUndefined();
  });

  it('keeps what the transform returns and skips what it refuses', async () => {
    await emulator.seed([
      configMap('keep', { v: '1' }),
      configMap('skip', { v: '1' }),
    ]);
    const { watcher, changes } = watch(emulator.url, {
      transform: object =>
        object.metadata.name === 'skip'
          ? undefined
          : { name: object.metadata.name, data: object.data },
    });
    await watcher.ready();
    expect(watcher.get(key('keep'))).toEqual({
      name: 'keep',
      data: { v: '1' },
    });
    expect(watcher.get(key('skip'))).toBeUndefined();
    expect(changes).toEqual([[key('keep'), 'upsert']]);
  });

  it('relists after 410 Expired, reporting objects that vanished meanwhile', async () => {
    await emulator.seed([configMap('stays'), configMap('goes')]);
    const { watcher, changes } = watch(emulator.url);
    await watcher.ready();
    changes.length = 0;

    await changeWhileExpired(async () => {
      emulator.store.remove('/configmaps', 'default', 'goes');
    });

    await waitFor(() => watcher.stats().relists === 1);
    await waitFor(() => watcher.get(key('busy'))?.data.i === '59');
    expect(watcher.get(key('goes'))).toBeUndefined();
    expect(watcher.get(key('stays'))).toBeDefined();
    expect(changes).toContainEqual([key('goes'), 'delete']);
    expect(changes).toContainEqual([key('busy'), 'upsert']);
    // Unchanged objects are not reported again.
    expect(changes.filter(([k]) => k === key('stays'))).toEqual([]);
    expect(watcher.stats()).toMatchObject({ lists: 2, errors: 0 });
  });

  it('reports on a relist only what changed, and keeps the label index in step', async () => {
    await emulator.seed([
      labelled('stays', 'shop'),
      labelled('changes', 'shop'),
      labelled('moves', 'shop'),
      labelled('goes', 'shop'),
      configMap('plain-goes'),
    ]);
    const { watcher, changes } = watch(emulator.url, {
      transform: projectLiveObject,
    });
    await watcher.ready();
    changes.length = 0;
    const keys = (value: string) =>
      watcher.listLabelledKeys('default', LABEL, value).sort();
    expect(keys('shop')).toEqual([
      key('changes'),
      key('goes'),
      key('moves'),
      key('stays'),
    ]);

    await changeWhileExpired(async () => {
      await emulator.seed([
        // A new resourceVersion, nothing else: the kept text is the same.
        labelled('stays', 'shop'),
        labelled('changes', 'shop', { a: '2' }),
        labelled('moves', 'cart'),
      ]);
      emulator.store.remove('/configmaps', 'default', 'goes');
      emulator.store.remove('/configmaps', 'default', 'plain-goes');
    });

    await waitFor(() => watcher.stats().relists === 1);
    await waitFor(() => watcher.get(key('busy'))?.data.i === '59');
    expect(changes.filter(([k]) => k !== key('busy')).sort()).toEqual([
      [key('changes'), 'upsert'],
      [key('goes'), 'delete'],
      [key('moves'), 'upsert'],
      [key('plain-goes'), 'delete'],
    ]);
    expect(keys('shop')).toEqual([key('changes'), key('stays')]);
    expect(keys('cart')).toEqual([key('moves')]);
    expect(watcher.get(key('changes')).data).toEqual({ a: '2' });
    expect(watcher.stats()).toMatchObject({ objects: 4, lists: 2 });
  });

  it('does not report an event that leaves the kept object as it was', async () => {
    await emulator.seed([labelled('a', 'shop')]);
    const { watcher, changes } = watch(emulator.url, {
      transform: projectLiveObject,
    });
    await watcher.ready();

    // Only the resourceVersion moves, which projectLiveObject drops.
    await emulator.seed([labelled('a', 'shop'), configMap('marker')]);
    await waitFor(() => watcher.get(key('marker')) !== undefined);
    expect(changes).toEqual([
      [key('a'), 'upsert'],
      [key('marker'), 'upsert'],
    ]);

    await emulator.seed([labelled('a', 'shop', { a: '2' })]);
    await waitFor(() => changes.length === 3);
    expect(changes[2]).toEqual([key('a'), 'upsert']);
    expect(watcher.listLabelledKeys('default', LABEL, 'shop')).toEqual([
      key('a'),
    ]);
  });

  it('indexes the labels the server sent when the transform drops them', async () => {
    await emulator.seed([labelled('a', 'shop'), labelled('b', 'shop')]);
    const { watcher, changes } = watch(emulator.url, {
      transform: object => ({ name: object.metadata.name, data: object.data }),
    });
    await watcher.ready();
    changes.length = 0;
    const keys = (value: string) =>
      watcher.listLabelledKeys('default', LABEL, value).sort();
    expect(keys('shop')).toEqual([key('a'), key('b')]);

    // The kept object does not change, the index does.
    await emulator.seed([labelled('a', 'cart')]);
    await waitFor(() => changes.length === 1);
    expect(changes).toEqual([[key('a'), 'upsert']]);
    expect(keys('shop')).toEqual([key('b')]);
    expect(keys('cart')).toEqual([key('a')]);
    expect(watcher.listLabelled('default', LABEL, 'cart')).toEqual([
      { name: 'a', data: { a: '1' } },
    ]);

    emulator.store.remove('/configmaps', 'default', 'a');
    emulator.store.remove('/configmaps', 'default', 'b');
    await waitFor(() => changes.length === 3);
    expect(keys('shop')).toEqual([]);
    expect(keys('cart')).toEqual([]);
  });

  it('resumes a dropped watch from its last resourceVersion without missing a change', async () => {
    await emulator.seed([configMap('a'), configMap('b')]);
    const { watcher, changes } = watch(emulator.url);
    await watcher.ready();
    // A change that arrives proves the watch is established.
    await emulator.seed([configMap('probe')]);
    await waitFor(() => watcher.get(key('probe')) !== undefined);
    changes.length = 0;

    emulator.dropWatches();
    await emulator.seed([configMap('a', { a: 'while-dropped' })]);
    emulator.store.remove('/configmaps', 'default', 'b');

    await waitFor(() => changes.length === 2);
    expect(changes).toEqual([
      [key('a'), 'upsert'],
      [key('b'), 'delete'],
    ]);
    expect(watcher.get(key('a')).data).toEqual({ a: 'while-dropped' });

    await waitFor(() => watcher.stats().watches === 2);
    await emulator.seed([configMap('after', { x: '1' })]);
    await waitFor(() => watcher.get(key('after')) !== undefined);
    expect(watcher.stats()).toMatchObject({ relists: 0, watchRestarts: 1 });
  });

  it('backs off on 503s, then lists every page once the server recovers', async () => {
    await emulator.seed(
      Array.from({ length: 1200 }, (_, i) => configMap(`cm-${i}`)),
    );
    emulator.setFaults({ errorRate: 1, errorCode: 503 });
    const { watcher } = watch(emulator.url);
    await waitFor(() => watcher.stats().errors >= 3);
    expect(watcher.state()).toMatchObject({ listed: false });
    expect(watcher.state().lastError?.message).toBe(
      '503 Service Unavailable: the server is currently unable to handle the request',
    );
    expect(watcher.stats().lastRetryDelayMs).toBeGreaterThan(0);

    // Half the requests fail: LIST pages are retried where they failed.
    emulator.setFaults({ errorRate: 0.5, errorCode: 503 });
    await watcher.ready();
    expect(watcher.stats().objects).toBe(1200);
    expect(watcher.state().failingSince).toBeUndefined();

    emulator.setFaults({});
    await emulator.seed([configMap('later')]);
    await waitFor(() => watcher.get(key('later')) !== undefined);
  });

  it("waits as long as a 429's Retry-After asks", async () => {
    emulator.setFaults({ errorRate: 1, errorCode: 429 });
    await emulator.seed([configMap('a')]);
    const { watcher } = watch(emulator.url);
    await waitFor(() => watcher.stats().errors === 1);
    await new Promise(resolve => setTimeout(resolve, 600));
    // With a 10 ms backoff it would have tried dozens of times; Retry-After: 1 says wait 1 s.
    expect(watcher.stats()).toMatchObject({ errors: 1, requests: 1 });
    expect(watcher.stats().lastRetryDelayMs).toBeGreaterThanOrEqual(1000);

    emulator.setFaults({});
    await watcher.ready();
    expect(watcher.get(key('a'))).toBeDefined();
  });

  it('treats a kind the server does not serve as having no objects, and finds it once installed', async () => {
    const { watcher } = watch(emulator.url, {
      kind: { apiVersion: 'example.com/v1', kind: 'Widget' },
    });
    await watcher.ready();
    expect(watcher.stats()).toMatchObject({ served: false, objects: 0 });
    expect(watcher.state().failingSince).toBeUndefined();

    await emulator.seed([
      {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'widgets.example.com' },
        spec: {
          group: 'example.com',
          scope: 'Cluster',
          names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
          versions: [
            {
              name: 'v1',
              served: true,
              storage: true,
              schema: {
                openAPIV3Schema: {
                  type: 'object',
                  'x-kubernetes-preserve-unknown-fields': true,
                },
              },
            },
          ],
        },
      },
      {
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: { name: 'w1' },
        spec: { size: 3 },
      },
    ]);
    // Cluster-scoped, as discovery says: no namespace in the key.
    await waitFor(() => watcher.get('example.com/Widget//w1') !== undefined);
    expect(watcher.stats().served).toBe(true);
    expect(watcher.namespaced).toBe(false);
  });

  it('starts a LIST over when its continue token expires, dropping what the new one does not see', async () => {
    const item = (name: string) => ({
      metadata: { name, namespace: 'default', resourceVersion: '7' },
      data: { name },
    });
    // The first attempt's first page has 'gone'; its next page is 410 Expired; the second
    // attempt, two pages, no longer has it.
    const pages: Record<string, { items: unknown[]; continue?: string }> = {
      '': { items: [item('a'), item('gone')], continue: 'first' },
      again: { items: [item('a')], continue: 'second' },
      second: { items: [item('b')] },
    };
    let lists = 0;
    const server = http.createServer((req, res) => {
      const url = new URL(req.url!, 'http://paging');
      const json = (body: unknown, status = 200) =>
        res
          .writeHead(status, { 'content-type': 'application/json' })
          .end(JSON.stringify(body));
      if (url.pathname === '/api/v1') {
        json(CONFIGMAP_DISCOVERY);
      } else if (url.searchParams.get('watch') === 'true') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.flushHeaders();
      } else if (url.searchParams.get('continue') === 'first') {
        json(
          {
            kind: 'Status',
            apiVersion: 'v1',
            status: 'Failure',
            reason: 'Expired',
            code: 410,
            message: 'The provided continue parameter is too old',
          },
          410,
        );
      } else {
        const token =
          url.searchParams.get('continue') ?? (lists++ ? 'again' : '');
        const page = pages[token];
        json({
          kind: 'ConfigMapList',
          apiVersion: 'v1',
          metadata: { resourceVersion: '7', continue: page.continue },
          items: page.items,
        });
      }
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const { watcher, changes } = watch(`http://127.0.0.1:${port}`);
      await watcher.ready();
      expect(changes).toEqual([
        [key('a'), 'upsert'],
        [key('gone'), 'upsert'],
        [key('b'), 'upsert'],
        [key('gone'), 'delete'],
      ]);
      expect(watcher.get(key('gone'))).toBeUndefined();
      expect(watcher.stats()).toMatchObject({ objects: 2, lists: 1 });
      await running.pop()!();
    } finally {
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    }
  });

  it('stops at once when stopped as its first LIST comes in', async () => {
    await emulator.seed([configMap('a')]);
    const { watcher } = watch(emulator.url);
    await watcher.ready();
    // Before the watch starts: it must not start, or it would run until the watchdog (60 s).
    await watcher.stop();
    expect(watcher.stats().watches).toBe(0);
  });

  it('restarts a watch that stalls', async () => {
    let watches = 0;
    const server = http.createServer((req, res) => {
      const url = new URL(req.url!, 'http://stalling');
      const json = (body: unknown) =>
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify(body));
      if (url.pathname === '/api/v1') {
        json(CONFIGMAP_DISCOVERY);
      } else if (url.searchParams.get('watch') === 'true') {
        // Accepts the watch, then never sends a byte.
        watches += 1;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.flushHeaders();
      } else {
        json({
          kind: 'ConfigMapList',
          apiVersion: 'v1',
          metadata: { resourceVersion: '7' },
          items: [
            {
              metadata: {
                name: 'a',
                namespace: 'default',
                resourceVersion: '7',
              },
            },
          ],
        });
      }
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const { watcher } = watch(`http://127.0.0.1:${port}`, {
        watchdogMs: 150,
      });
      await watcher.ready();
      await waitFor(() => watches >= 3);
      await waitFor(() => watcher.stats().stalls >= 2);
      expect(watcher.stats().watchRestarts).toBeGreaterThanOrEqual(2);
      expect(watcher.stats().relists).toBe(0);
      expect(watcher.get(key('a'))).toMatchObject({ kind: 'ConfigMap' });
      await running.pop()!();
    } finally {
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    }
  });
});
