import {
  ApiException,
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
  makeInformer,
  PatchStrategy,
  RbacAuthorizationV1Api,
  VersionApi,
  Watch,
} from '@kubernetes/client-node';
import {
  closeOpenApiValidator,
  validateAgainstOpenApi,
} from '../conformance/__testUtils__/validateAgainstOpenApi';
import { KubeEmulator } from './KubeEmulator';

// Driven through @kubernetes/client-node, as the plugins will; raw fetch only for wire details.

const configMap = (
  name: string,
  labels: Record<string, string> = {},
  data = { a: '1' },
) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', labels },
  data,
});

const deployment = (name: string, replicas = 2) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default' },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: {
        containers: [
          {
            name: 'app',
            image: `registry.example.com/${name}:1.0`,
            ports: [{ containerPort: 8080 }],
          },
        ],
      },
    },
  },
});

async function statusOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiException) {
      return {
        code: error.code,
        body:
          typeof error.body === 'string' ? JSON.parse(error.body) : error.body,
      };
    }
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe('KubeEmulator through @kubernetes/client-node', () => {
  let emulator: KubeEmulator;
  let kc: KubeConfig;
  let api: KubernetesObjectApi;

  beforeEach(async () => {
    emulator = await KubeEmulator.start({
      tokens: ['test-token'],
      historyLimit: 20,
    });
    kc = new KubeConfig();
    kc.loadFromString(emulator.kubeconfig());
    api = KubernetesObjectApi.makeApiClient(kc);
  });
  afterEach(() => emulator.stop());
  afterAll(() => closeOpenApiValidator());

  it('answers version and discovery', async () => {
    const version = await kc.makeApiClient(VersionApi).getCode();
    expect(version.major).toBe('1');
    const groups = await (
      await fetch(`${emulator.url}/apis`, {
        headers: { authorization: 'Bearer test-token' },
      })
    ).json();
    expect(groups.groups.map((g: any) => g.name)).toEqual(
      expect.arrayContaining([
        'apps',
        'batch',
        'networking.k8s.io',
        'autoscaling',
        'policy',
        'rbac.authorization.k8s.io',
        'apiextensions.k8s.io',
      ]),
    );
    const apps = await (
      await fetch(`${emulator.url}/apis/apps/v1`, {
        headers: { authorization: 'Bearer test-token' },
      })
    ).json();
    expect(
      apps.resources.find((r: any) => r.name === 'deployments'),
    ).toMatchObject({ kind: 'Deployment', namespaced: true });
  });

  it('creates, reads, conflicts on a second create, and 404s with a Status', async () => {
    const created = await api.create(configMap('settings'));
    expect(created.metadata).toMatchObject({
      name: 'settings',
      namespace: 'default',
      uid: expect.any(String),
      resourceVersion: expect.any(String),
    });
    const read = await api.read({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', namespace: 'default' },
    });
    expect((read as any).data).toEqual({ a: '1' });

    const again = await statusOf(api.create(configMap('settings')));
    expect(again).toMatchObject({
      code: 409,
      body: {
        kind: 'Status',
        reason: 'AlreadyExists',
        message: 'configmaps "settings" already exists',
      },
    });
    const missing = await statusOf(
      api.read({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'nope', namespace: 'default' },
      }),
    );
    expect(missing).toMatchObject({
      code: 404,
      body: {
        kind: 'Status',
        status: 'Failure',
        reason: 'NotFound',
        message: 'configmaps "nope" not found',
      },
    });
  });

  it('rejects a stale resourceVersion on update with 409', async () => {
    const created: any = await api.create(configMap('settings'));
    await api.replace({ ...created, data: { a: '2' } });
    const stale = await statusOf(api.replace({ ...created, data: { a: '3' } }));
    expect(stale.code).toBe(409);
    expect(stale.body.message).toMatch(
      /the object has been modified; please apply your changes to the latest version/,
    );
  });

  it('lists with label selectors, limit and continue; items have no kind', async () => {
    for (const name of ['a', 'b', 'c', 'd']) {
      await api.create(configMap(name, { tier: name === 'd' ? 'db' : 'web' }));
    }
    const web = await api.list(
      'v1',
      'ConfigMap',
      'default',
      undefined,
      undefined,
      undefined,
      undefined,
      'tier=web',
    );
    expect(web.items.map(i => i.metadata?.name)).toEqual(['a', 'b', 'c']);
    const notWeb = await api.list(
      'v1',
      'ConfigMap',
      'default',
      undefined,
      undefined,
      undefined,
      undefined,
      'tier!=web',
    );
    expect(notWeb.items.map(i => i.metadata?.name)).toEqual(['d']);

    const first = await api.list(
      'v1',
      'ConfigMap',
      'default',
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      3,
    );
    expect(first.items.map(i => i.metadata?.name)).toEqual(['a', 'b', 'c']);
    const rest = await api.list(
      'v1',
      'ConfigMap',
      'default',
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      3,
      first.metadata?._continue,
    );
    expect(rest.items.map(i => i.metadata?.name)).toEqual(['d']);

    const raw = await (
      await fetch(`${emulator.url}/api/v1/namespaces/default/configmaps`, {
        headers: { authorization: 'Bearer test-token' },
      })
    ).json();
    expect(raw.kind).toBe('ConfigMapList');
    expect(raw.items[0].kind).toBeUndefined();
    expect(raw.items[0].apiVersion).toBeUndefined();
  });

  it('lists with field selectors, and refuses fields the kind does not support', async () => {
    for (const name of ['a', 'b']) await api.create(configMap(name));
    const b = await api.list(
      'v1',
      'ConfigMap',
      'default',
      undefined,
      undefined,
      undefined,
      'metadata.name=b',
    );
    expect(b.items.map(i => i.metadata?.name)).toEqual(['b']);
    const bad = await fetch(
      `${emulator.url}/api/v1/namespaces/default/configmaps?fieldSelector=data.a%3D1`,
      {
        headers: { authorization: 'Bearer test-token' },
      },
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      kind: 'Status',
      reason: 'BadRequest',
      message: expect.stringMatching(/data\.a/),
    });
  });

  it('keeps an object with finalizers until they are removed', async () => {
    await api.create({
      ...configMap('held'),
      metadata: {
        ...configMap('held').metadata,
        finalizers: ['example.com/hold'],
      },
    });
    await api.delete({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'held', namespace: 'default' },
    });
    const held: any = await api.read({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'held', namespace: 'default' },
    });
    // (client-node turns timestamps into Dates)
    expect(new Date(held.metadata.deletionTimestamp).getTime()).toBeGreaterThan(
      0,
    );

    await api.patch(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'held', namespace: 'default', finalizers: null },
      } as any,
      undefined,
      undefined,
      undefined,
      undefined,
      PatchStrategy.MergePatch,
    );
    const gone = await statusOf(
      api.read({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'held', namespace: 'default' },
      }),
    );
    expect(gone.code).toBe(404);
  });

  it('applies server defaults on write', async () => {
    const created: any = await api.create(deployment('web'));
    expect(created.spec).toMatchObject({
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
      },
    });
    expect(created.spec.template.spec.containers[0]).toMatchObject({
      imagePullPolicy: 'IfNotPresent',
      terminationMessagePath: '/dev/termination-log',
      ports: [{ containerPort: 8080, protocol: 'TCP' }],
    });
  });

  it('generates a Job selector from the uid it assigns on create', async () => {
    const batch = kc.makeApiClient(BatchV1Api);
    const body = (name: string) => ({
      metadata: { name },
      spec: {
        template: {
          metadata: { labels: { app: 'migrate' } },
          spec: {
            restartPolicy: 'Never',
            containers: [{ name: 'migrate', image: 'acme/migrate:2' }],
          },
        },
      },
    });
    const job = await batch.createNamespacedJob({
      namespace: 'default',
      body: body('migrate'),
    });
    const uid = job.metadata!.uid!;
    expect(uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(job.spec!.manualSelector).toBe(false);
    expect(job.spec!.selector).toEqual({
      matchLabels: { 'batch.kubernetes.io/controller-uid': uid },
    });
    expect(job.spec!.template.metadata!.labels).toEqual({
      app: 'migrate',
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': 'migrate',
      'controller-uid': uid,
      'job-name': 'migrate',
    });
    // Stored as answered: the uid the selector names is the Job's.
    const read = await batch.readNamespacedJob({
      name: 'migrate',
      namespace: 'default',
    });
    expect(read.metadata!.uid).toBe(uid);
    expect(read.spec!.selector).toEqual(job.spec!.selector);
    // A dry run gets a uid and selector of its own too, as on a real server.
    const dry = await batch.createNamespacedJob({
      namespace: 'default',
      dryRun: 'All',
      body: body('dry-migrate'),
    });
    expect(dry.metadata!.uid).not.toBe(uid);
    expect(dry.spec!.selector!.matchLabels).toEqual({
      'batch.kubernetes.io/controller-uid': dry.metadata!.uid,
    });
  });

  it('allocates a Service clusterIP once and keeps it across updates', async () => {
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
    };
    const created: any = await api.create(service);
    expect(created.spec).toMatchObject({
      type: 'ClusterIP',
      clusterIP: expect.stringMatching(/^10\.96\./),
      sessionAffinity: 'None',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
    });
    const replaced: any = await api.replace({
      ...service,
      metadata: {
        ...service.metadata,
        resourceVersion: created.metadata.resourceVersion,
      },
    });
    expect(replaced.spec.clusterIP).toBe(created.spec.clusterIP);
  });

  it('does not persist dry runs', async () => {
    const dry: any = await api.create(configMap('dry'), undefined, 'All');
    expect(dry.metadata.name).toBe('dry');
    expect(
      (
        await statusOf(
          api.read({
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: 'dry', namespace: 'default' },
          }),
        )
      ).code,
    ).toBe(404);
  });

  describe('server-side apply', () => {
    const applyAs = (
      manager: string,
      object: KubernetesObject,
      force = false,
    ) =>
      api.patch(
        object,
        undefined,
        undefined,
        manager,
        force,
        PatchStrategy.ServerSideApply,
      );

    it('creates, records managedFields, and conflicts with another manager unless forced', async () => {
      const created: any = await applyAs('gitops', deployment('web', 2));
      expect(created.metadata.managedFields).toEqual([
        expect.objectContaining({
          manager: 'gitops',
          operation: 'Apply',
          fieldsType: 'FieldsV1',
        }),
      ]);
      expect(
        created.metadata.managedFields[0].fieldsV1['f:spec']['f:replicas'],
      ).toEqual({});

      const conflict = await statusOf(
        applyAs('hpa', { ...deployment('web', 5) }),
      );
      expect(conflict.code).toBe(409);
      expect(conflict.body.reason).toBe('Conflict');
      expect(conflict.body.message).toMatch(
        /^Apply failed with \d+ conflicts?: conflict with "gitops": \.spec\.replicas/m,
      );
      expect(conflict.body.details.causes).toContainEqual({
        type: 'FieldManagerConflict',
        message: 'conflict with "gitops"',
        field: '.spec.replicas',
      });

      const forced: any = await applyAs(
        'hpa',
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web', namespace: 'default' },
          spec: { replicas: 5 },
        } as any,
        true,
      );
      expect(forced.spec.replicas).toBe(5);
      const owners = Object.fromEntries(
        forced.metadata.managedFields.map((e: any) => [e.manager, e.fieldsV1]),
      );
      expect(owners.hpa['f:spec']['f:replicas']).toEqual({});
      expect(owners.gitops['f:spec']['f:replicas']).toBeUndefined();
    });

    it('removes a field its manager no longer applies', async () => {
      await applyAs('gitops', {
        ...configMap('cfg', {}, { a: '1', b: '2' } as any),
      });
      const next: any = await applyAs(
        'gitops',
        configMap('cfg', {}, { a: '1' }),
      );
      expect(next.data).toEqual({ a: '1' });
    });

    it('requires a field manager', async () => {
      const res = await fetch(
        `${emulator.url}/api/v1/namespaces/default/configmaps/x`,
        {
          method: 'PATCH',
          headers: {
            authorization: 'Bearer test-token',
            'content-type': 'application/apply-patch+yaml',
          },
          body: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n',
        },
      );
      expect(res.status).toBe(400);
      expect((await res.json()).message).toMatch(/must supply fieldManager/);
    });
  });

  describe('watch', () => {
    it('streams ADDED, MODIFIED and DELETED from a resourceVersion', async () => {
      const start: any = await api.list('v1', 'ConfigMap', 'default');
      const events: string[] = [];
      const done = new Promise<void>(resolve => {
        new Watch(kc).watch(
          '/api/v1/namespaces/default/configmaps',
          { resourceVersion: start.metadata.resourceVersion },
          (type, object) => {
            events.push(`${type} ${object.metadata.name}`);
            if (type === 'DELETED') resolve();
          },
          () => {},
        );
      });
      const created: any = await api.create(configMap('w'));
      await api.replace({ ...created, data: { a: '2' } });
      await api.delete({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'w', namespace: 'default' },
      });
      await done;
      expect(events).toEqual(['ADDED w', 'MODIFIED w', 'DELETED w']);
    });

    it('answers an expired resourceVersion with a 410 ERROR event', async () => {
      const old = String(emulator.store.resourceVersion);
      for (let i = 0; i < 30; i++) await api.create(configMap(`c${i}`));
      const event = await new Promise<{ type: string; object: any }>(
        resolve => {
          new Watch(kc).watch(
            '/api/v1/namespaces/default/configmaps',
            { resourceVersion: old },
            (type, object) => resolve({ type, object }),
            () => {},
          );
        },
      );
      expect(event).toEqual({
        type: 'ERROR',
        object: expect.objectContaining({
          kind: 'Status',
          code: 410,
          reason: 'Expired',
          message: 'The resourceVersion for the provided watch is too old.',
        }),
      });
    });

    it('feeds an informer that re-lists after its watch is dropped', async () => {
      const core = kc.makeApiClient(CoreV1Api);
      const informer = makeInformer(
        kc,
        '/api/v1/namespaces/default/configmaps',
        () => core.listNamespacedConfigMap({ namespace: 'default' }),
      );
      const seen = new Set<string>();
      informer.on('add', object => {
        seen.add(object.metadata!.name!);
      });
      // client-node's informer stops on errors: restart it, as the reconciler will.
      informer.on('error', () => {
        setTimeout(() => informer.start(), 50);
      });
      await informer.start();
      await api.create(configMap('first'));
      emulator.dropWatches();
      await api.create(configMap('second'));
      await waitFor(() => seen.has('first') && seen.has('second'));
      expect([...seen].sort()).toEqual(['first', 'second']);
      await informer.stop();
    });
  });

  describe('deletecollection', () => {
    const labelled = (name: string, tier: string, finalizers?: string[]) => {
      const object = deployment(name);
      return {
        ...object,
        metadata: { ...object.metadata, labels: { tier }, finalizers },
      };
    };
    const names = async () =>
      (await api.list('apps/v1', 'Deployment', 'default')).items.map(
        i => i.metadata!.name,
      );

    it('deletes what the selectors match and answers with the list it deleted', async () => {
      await api.create(labelled('web', 'front'));
      await api.create(labelled('api', 'front', ['example.com/hold']));
      await api.create(labelled('db', 'back'));
      const res = await fetch(
        `${emulator.url}/apis/apps/v1/namespaces/default/deployments?labelSelector=tier%3Dfront`,
        { method: 'DELETE', headers: { authorization: 'Bearer test-token' } },
      );
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body).toMatchObject({
        kind: 'DeploymentList',
        apiVersion: 'apps/v1',
        metadata: { resourceVersion: expect.any(String) },
      });
      expect(body.items.map((i: any) => i.metadata.name)).toEqual([
        'api',
        'web',
      ]);
      // As listed before the delete: no kind on the items, no deletionTimestamp yet.
      expect(body.items[0].kind).toBeUndefined();
      expect(body.items[0].metadata.deletionTimestamp).toBeUndefined();
      expect(await validateAgainstOpenApi(body)).toEqual([]);

      // The one with a finalizer stays, marked for deletion.
      expect(await names()).toEqual(['api', 'db']);
      const held: any = await api.read(labelled('api', 'front'));
      expect(held.metadata.deletionTimestamp).toBeDefined();
    });

    it('takes field selectors and dry runs through client-node', async () => {
      const apps = kc.makeApiClient(AppsV1Api);
      await api.create(labelled('web', 'front'));
      await api.create(labelled('db', 'back'));
      const dry: any = await apps.deleteCollectionNamespacedDeployment({
        namespace: 'default',
        fieldSelector: 'metadata.name=db',
        dryRun: 'All',
      });
      expect(dry.kind).toBe('DeploymentList');
      expect(await names()).toEqual(['db', 'web']);
      await apps.deleteCollectionNamespacedDeployment({
        namespace: 'default',
        fieldSelector: 'metadata.name=db',
      });
      expect(await names()).toEqual(['web']);
      await apps.deleteCollectionNamespacedDeployment({ namespace: 'default' });
      expect(await names()).toEqual([]);
    });

    it('deletes cluster-scoped kinds, and refuses where the API server has no deletecollection', async () => {
      const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
      for (const [name, team] of [
        ['shop-reader', 'shop'],
        ['ops-reader', 'ops'],
      ]) {
        await rbac.createClusterRole({
          body: { metadata: { name, labels: { team } }, rules: [] },
        });
      }
      await rbac.deleteCollectionClusterRole({ labelSelector: 'team=shop' });
      const left = await rbac.listClusterRole();
      expect(left.items.map(i => i.metadata!.name)).toEqual(['ops-reader']);

      for (const path of ['/api/v1/namespaces', '/api/v1/configmaps']) {
        const res = await fetch(`${emulator.url}${path}`, {
          method: 'DELETE',
          headers: { authorization: 'Bearer test-token' },
        });
        expect(res.status).toBe(405);
        expect(await res.json()).toMatchObject({
          kind: 'Status',
          reason: 'MethodNotAllowed',
        });
      }
      const core = await (
        await fetch(`${emulator.url}/api/v1`, {
          headers: { authorization: 'Bearer test-token' },
        })
      ).json();
      const verbs = (name: string) =>
        core.resources.find((r: any) => r.name === name).verbs;
      expect(verbs('namespaces')).not.toContain('deletecollection');
      expect(verbs('configmaps')).toContain('deletecollection');
    });
  });

  describe('fault knobs', () => {
    it.each([
      [429, 'TooManyRequests'],
      [500, 'InternalError'],
      [503, 'ServiceUnavailable'],
    ] as const)(
      'answers %s with a Status, then recovers',
      async (errorCode, reason) => {
        emulator.setFaults({ errorRate: 1, errorCode });
        const failed = await statusOf(api.list('v1', 'ConfigMap', 'default'));
        expect(failed).toMatchObject({
          code: errorCode,
          body: { kind: 'Status', reason, code: errorCode },
        });
        expect(await validateAgainstOpenApi(failed.body)).toEqual([]);
        emulator.setFaults({});
        await expect(
          api.list('v1', 'ConfigMap', 'default'),
        ).resolves.toMatchObject({ items: [] });
      },
    );

    it('restarts: cuts every connection, refuses new ones while down, then serves the same state', async () => {
      const created: any = await api.create(configMap('kept'));
      let watchEnded = false;
      await new Watch(kc).watch(
        '/api/v1/namespaces/default/configmaps',
        { resourceVersion: created.metadata.resourceVersion },
        () => {},
        () => {
          watchEnded = true;
        },
      );
      const restarting = emulator.restart(1000);
      await waitFor(() => watchEnded);
      await expect(api.list('v1', 'ConfigMap', 'default')).rejects.toThrow();
      await restarting;

      const read: any = await api.read(configMap('kept'));
      expect(read.metadata.resourceVersion).toBe(
        created.metadata.resourceVersion,
      );
      // A watch resumes from where it was: the history survived the restart.
      const resumed = new Promise<string>(resolve => {
        new Watch(kc).watch(
          '/api/v1/namespaces/default/configmaps',
          { resourceVersion: created.metadata.resourceVersion },
          (type, object) => resolve(`${type} ${object.metadata.name}`),
          () => {},
        );
      });
      await api.create(configMap('after'));
      expect(await resumed).toBe('ADDED after');
    });

    it('adds latency', async () => {
      emulator.setFaults({ latencyMs: 150 });
      const started = Date.now();
      await api.list('v1', 'ConfigMap', 'default');
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    });
  });

  describe('bad requests get Status errors', () => {
    const raw = (path: string, init: RequestInit = {}) =>
      fetch(`${emulator.url}${path}`, {
        ...init,
        headers: {
          authorization: 'Bearer test-token',
          'content-type': 'application/json',
          ...(init.headers ?? {}),
        },
      });

    it.each([
      [
        'no token',
        '/api/v1/namespaces/default/configmaps',
        { headers: { authorization: '' } },
        401,
        'Unauthorized',
      ],
      [
        'a wrong token',
        '/api/v1/namespaces/default/configmaps',
        { headers: { authorization: 'Bearer nope' } },
        401,
        'Unauthorized',
      ],
      [
        'an unknown kind',
        '/apis/example.com/v1/namespaces/default/widgets',
        {},
        404,
        'NotFound',
      ],
      [
        'malformed JSON',
        '/api/v1/namespaces/default/configmaps',
        { method: 'POST', body: '{"metadata": ' },
        400,
        'BadRequest',
      ],
      [
        'an invalid name',
        '/api/v1/namespaces/default/configmaps',
        { method: 'POST', body: JSON.stringify(configMap('Bad_Name')) },
        422,
        'Invalid',
      ],
      [
        'a missing namespace',
        '/api/v1/namespaces/ghost/configmaps',
        {
          method: 'POST',
          body: JSON.stringify({ ...configMap('x'), metadata: { name: 'x' } }),
        },
        404,
        'NotFound',
      ],
      [
        'a wrong content type on PATCH',
        '/api/v1/namespaces/default/configmaps/x',
        {
          method: 'PATCH',
          headers: { 'content-type': 'text/plain' },
          body: '{}',
        },
        415,
        'UnsupportedMediaType',
      ],
      [
        'a bad label selector',
        '/api/v1/namespaces/default/configmaps?labelSelector=a%20in%20(b',
        {},
        400,
        'BadRequest',
      ],
      [
        'an oversized body',
        '/api/v1/namespaces/default/configmaps',
        {
          method: 'POST',
          body: JSON.stringify({
            ...configMap('big'),
            data: { a: 'x'.repeat(4 * 1024 * 1024) },
          }),
        },
        413,
        'RequestEntityTooLarge',
      ],
    ])('%s', async (_name, path, init, code, reason) => {
      const res = await raw(path, init as RequestInit);
      expect(res.status).toBe(code);
      const body = await res.json();
      expect(body).toMatchObject({
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        code,
        reason,
      });
      expect(await validateAgainstOpenApi(body)).toEqual([]);
    });

    it('refuses a strategic merge patch of a custom resource with 415', async () => {
      await api.create({
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'widgets.example.com' },
        spec: {
          group: 'example.com',
          scope: 'Namespaced',
          names: { plural: 'widgets', kind: 'Widget' },
          versions: [{ name: 'v1', served: true, storage: true }],
        },
      } as KubernetesObject);
      await api.create({
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: { name: 'w', namespace: 'default' },
      });
      const res = await raw(
        '/apis/example.com/v1/namespaces/default/widgets/w',
        {
          method: 'PATCH',
          headers: {
            'content-type': 'application/strategic-merge-patch+json',
          },
          body: '{"spec":{"size":2}}',
        },
      );
      expect(res.status).toBe(415);
      expect((await res.json()).message).toBe(
        'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/apply-patch+cbor',
      );
      const merged = await raw(
        '/apis/example.com/v1/namespaces/default/widgets/w',
        {
          method: 'PATCH',
          headers: { 'content-type': 'application/merge-patch+json' },
          body: '{"spec":{"size":2}}',
        },
      );
      expect(merged.status).toBe(200);
    });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise(resolve => setTimeout(resolve, 25));
  }
}
