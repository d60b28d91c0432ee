import {
  ApiException,
  ApisApi,
  AppsApi,
  AppsV1Api,
  CoreApi,
  CoreV1Api,
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
  makeInformer,
  PatchStrategy,
  setHeaderOptions,
  V1ConfigMap,
  VersionApi,
  Watch,
} from '@kubernetes/client-node';
import { BEHAVIOR_ANNOTATION } from '../controller/StatusController';
import { KubeEmulator } from '../server/KubeEmulator';
import { conformanceManifests } from './__testUtils__/manifests';
import { ResponseRecorder } from './__testUtils__/ResponseRecorder';
import {
  closeOpenApiValidator,
  validateAgainstOpenApi,
} from './__testUtils__/validateAgainstOpenApi';

// Everything here goes through @kubernetes/client-node; every JSON body the emulator answers
// with (recorded before client-node's serializer sees it) and every watch event is validated
// against the Kubernetes OpenAPI schemas of the kubernetes-models packages.

type Manifest = KubernetesObject & Record<string, any>;

interface KindCase {
  kind: keyof ReturnType<typeof conformanceManifests>;
  /** The collection's path, for watches. */
  path: (namespace: string) => string;
  /** When the emulated controllers are done with the object. */
  settled?: (object: any) => boolean;
}

const corePath = (plural: string) => (namespace: string) =>
  `/api/v1/namespaces/${namespace}/${plural}`;
const groupPath =
  (groupVersion: string, plural: string, namespaced = true) =>
  (namespace: string) =>
    namespaced
      ? `/apis/${groupVersion}/namespaces/${namespace}/${plural}`
      : `/apis/${groupVersion}/${plural}`;
const conditionTrue = (type: string) => (object: any) =>
  (object.status?.conditions ?? []).some(
    (c: any) => c.type === type && c.status === 'True',
  );

const CASES: KindCase[] = [
  { kind: 'Namespace', path: () => '/api/v1/namespaces' },
  { kind: 'ServiceAccount', path: corePath('serviceaccounts') },
  { kind: 'ConfigMap', path: corePath('configmaps') },
  { kind: 'Secret', path: corePath('secrets') },
  { kind: 'PersistentVolumeClaim', path: corePath('persistentvolumeclaims') },
  { kind: 'ResourceQuota', path: corePath('resourcequotas') },
  { kind: 'Pod', path: corePath('pods'), settled: conditionTrue('Ready') },
  {
    kind: 'Service',
    path: corePath('services'),
    settled: o => o.status?.loadBalancer?.ingress?.length === 1,
  },
  {
    kind: 'Deployment',
    path: groupPath('apps/v1', 'deployments'),
    settled: o => o.status?.availableReplicas === 3,
  },
  {
    kind: 'ReplicaSet',
    path: groupPath('apps/v1', 'replicasets'),
    settled: o => o.status?.readyReplicas === 1,
  },
  {
    kind: 'StatefulSet',
    path: groupPath('apps/v1', 'statefulsets'),
    settled: o => o.status?.readyReplicas === 2,
  },
  {
    kind: 'DaemonSet',
    path: groupPath('apps/v1', 'daemonsets'),
    settled: o => o.status?.numberReady === 1,
  },
  {
    kind: 'Job',
    path: groupPath('batch/v1', 'jobs'),
    settled: conditionTrue('Complete'),
  },
  { kind: 'CronJob', path: groupPath('batch/v1', 'cronjobs') },
  { kind: 'Ingress', path: groupPath('networking.k8s.io/v1', 'ingresses') },
  {
    kind: 'HorizontalPodAutoscaler',
    path: groupPath('autoscaling/v2', 'horizontalpodautoscalers'),
  },
  {
    kind: 'PodDisruptionBudget',
    path: groupPath('policy/v1', 'poddisruptionbudgets'),
  },
  { kind: 'Role', path: groupPath('rbac.authorization.k8s.io/v1', 'roles') },
  {
    kind: 'RoleBinding',
    path: groupPath('rbac.authorization.k8s.io/v1', 'rolebindings'),
  },
  {
    kind: 'ClusterRole',
    path: groupPath('rbac.authorization.k8s.io/v1', 'clusterroles', false),
  },
  {
    kind: 'ClusterRoleBinding',
    path: groupPath(
      'rbac.authorization.k8s.io/v1',
      'clusterrolebindings',
      false,
    ),
  },
  {
    kind: 'CustomResourceDefinition',
    path: groupPath(
      'apiextensions.k8s.io/v1',
      'customresourcedefinitions',
      false,
    ),
    settled: conditionTrue('Established'),
  },
];

const TOKEN = 'conformance-token';

/** A selector matching the manifest's labels, if it has any. */
function labelSelectorOf(manifest: Manifest): string | undefined {
  const labels = Object.entries(manifest.metadata?.labels ?? {});
  return labels.length > 0
    ? labels.map(([key, value]) => `${key}=${value}`).join(',')
    : undefined;
}

async function failure(promise: Promise<unknown>): Promise<ApiException<any>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiException) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

async function waitFor<T>(
  read: () => Promise<T>,
  condition: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (condition(value)) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

async function violations(bodies: unknown[]): Promise<string[]> {
  return (await Promise.all(bodies.map(validateAgainstOpenApi))).flat();
}

describe('OpenAPI conformance through @kubernetes/client-node', () => {
  let emulator: KubeEmulator;
  let kc: KubeConfig;
  let recorder: ResponseRecorder;
  let api: KubernetesObjectApi;

  beforeEach(async () => {
    emulator = await KubeEmulator.start({
      tokens: [TOKEN],
      controllerDelayMs: 10,
      historyLimit: 50,
    });
    kc = new KubeConfig();
    kc.loadFromString(emulator.kubeconfig());
    recorder = ResponseRecorder.create(kc);
    api = recorder.objectApi();
  });
  afterEach(() => emulator.stop());
  afterAll(() => closeOpenApiValidator());

  /** The violations in every response recorded since the last call (there must be some). */
  async function recordedViolations(): Promise<string[]> {
    const responses = recorder.take();
    if (responses.length === 0) throw new Error('no responses were recorded');
    return violations(responses.map(r => r.body));
  }

  it('serves discovery and version documents that validate', async () => {
    await recorder.api(VersionApi).getCode();
    await recorder.api(CoreApi).getAPIVersions();
    await recorder.api(ApisApi).getAPIVersions();
    await recorder.api(AppsApi).getAPIGroup();
    const resources = await recorder.api(AppsV1Api).getAPIResources();
    expect(resources.resources.map(r => r.name)).toContain('deployments');
    await recorder.api(CoreV1Api).getAPIResources();
    expect(recorder.responses.map(r => (r.body as any).kind)).toEqual([
      undefined,
      'APIVersions',
      'APIGroupList',
      'APIGroup',
      'APIResourceList',
      'APIResourceList',
    ]);
    expect(await recordedViolations()).toEqual([]);
  });

  it.each(CASES.map(c => [c.kind, c] as const))(
    '%s: create, read after defaults and controllers, list, watch, apply, patch, delete',
    async (_kind, { kind, path, settled }) => {
      const namespace = `conformance-${kind.toLowerCase()}`;
      const manifests = conformanceManifests(namespace);
      if (kind !== 'Namespace') await api.create(manifests.Namespace);
      const manifest: Manifest = manifests[kind];
      const apiVersion = manifest.apiVersion!;
      const ref = {
        apiVersion,
        kind,
        metadata: {
          name: manifest.metadata!.name!,
          namespace: manifest.metadata!.namespace,
        },
      };
      const read = () => api.read(ref) as Promise<any>;

      const start = await api.list(apiVersion, kind, namespace);
      const events: unknown[] = [];
      const watching = await new Watch(kc).watch(
        path(namespace),
        { resourceVersion: start.metadata!.resourceVersion },
        (type, object) => events.push({ type, object }),
        () => {},
      );

      await api.create(manifest);
      expect((await failure(api.create(manifest))).code).toBe(409);
      await read();
      if (settled) await waitFor(read, settled);

      const listedAt = recorder.responses.length;
      const listed = await api.list(
        apiVersion,
        kind,
        manifest.metadata!.namespace,
        undefined,
        undefined,
        undefined,
        `metadata.name=${manifest.metadata!.name}`,
        labelSelectorOf(manifest),
      );
      expect(listed.items).toHaveLength(1);
      const rawList = recorder.responses[listedAt];
      expect(rawList.body).toMatchObject({ kind: `${kind}List`, apiVersion });
      // Built-in kinds: no kind or apiVersion on the items, as a real server sends them.
      expect((rawList.body as any).items[0].kind).toBeUndefined();
      expect((rawList.body as any).items[0].apiVersion).toBeUndefined();

      const apply = (annotation: string, dryRun?: string) =>
        api.patch(
          {
            ...manifest,
            metadata: {
              ...manifest.metadata,
              annotations: { 'example.com/applied': annotation },
            },
          },
          undefined,
          dryRun,
          'conformance',
          true,
          PatchStrategy.ServerSideApply,
        ) as Promise<any>;
      const applied = await apply('yes');
      expect(applied.metadata.managedFields).toContainEqual(
        expect.objectContaining({ manager: 'conformance', operation: 'Apply' }),
      );
      expect(
        (await apply('dry', 'All')).metadata.annotations['example.com/applied'],
      ).toBe('dry');
      const patch = (body: unknown, strategy: PatchStrategy) =>
        api.patch(
          body as KubernetesObject,
          undefined,
          undefined,
          undefined,
          undefined,
          strategy,
        ) as Promise<any>;
      await patch(
        { ...ref, metadata: { ...ref.metadata, labels: { merged: 'true' } } },
        PatchStrategy.MergePatch,
      );
      await patch(
        {
          ...ref,
          metadata: { ...ref.metadata, labels: { strategic: 'true' } },
        },
        PatchStrategy.StrategicMergePatch,
      );
      const after: any = await read();
      expect(after.metadata.annotations['example.com/applied']).toBe('yes');
      expect(after.metadata.labels).toEqual(
        expect.objectContaining({ merged: 'true', strategic: 'true' }),
      );

      await api.delete(ref);
      expect((await failure(read())).code).toBe(404);
      await waitFor(
        async () => events,
        e => e.some((event: any) => event.type === 'DELETED'),
      );
      watching.abort();

      expect([...new Set(events.map((e: any) => e.type))].sort()).toEqual([
        'ADDED',
        'DELETED',
        'MODIFIED',
      ]);
      expect(await violations(events)).toEqual([]);
      expect(await recordedViolations()).toEqual([]);
    },
  );
  describe('beyond the happy path', () => {
    const configMap = (name: string, labels: Record<string, string> = {}) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace: 'default', labels },
      data: { a: '1' },
    });

    it('canonicalizes quantities, as the API server stores them', async () => {
      const manifests = conformanceManifests('default');
      await api.create(manifests.ServiceAccount);
      const pod: any = await api.create(manifests.Pod);
      expect(pod.spec.containers[0].resources).toEqual({
        requests: { cpu: '250m', memory: '256Mi' },
        limits: { cpu: '1', memory: '512Mi' },
      });
      const quota: any = await api.create(manifests.ResourceQuota);
      expect(quota.spec.hard).toEqual({
        'requests.cpu': '4',
        'requests.memory': '8Gi',
        pods: '20',
      });
      const hpa: any = await api.create(manifests.HorizontalPodAutoscaler);
      expect(hpa.spec.metrics[0].resource.target.averageValue).toBe('512Mi');
      expect(await recordedViolations()).toEqual([]);
    });

    it('answers JSON patches, stale updates and invalid objects with what validates', async () => {
      const apps = recorder.api(AppsV1Api);
      const manifests = conformanceManifests('default');
      const created = await apps.createNamespacedDeployment({
        namespace: 'default',
        body: manifests.Deployment as any,
      });
      const patched = await apps.patchNamespacedDeployment(
        {
          name: 'shop-web',
          namespace: 'default',
          body: [
            { op: 'replace', path: '/spec/replicas', value: 5 },
            { op: 'test', path: '/metadata/name', value: 'shop-web' },
          ],
        },
        setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
      );
      expect(patched.spec!.replicas).toBe(5);
      const failedTest = await failure(
        apps.patchNamespacedDeployment(
          {
            name: 'shop-web',
            namespace: 'default',
            body: [{ op: 'test', path: '/spec/replicas', value: 1 }],
          },
          setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
        ),
      );
      expect(failedTest.code).toBe(422);

      const stale = await failure(
        apps.replaceNamespacedDeployment({
          name: 'shop-web',
          namespace: 'default',
          body: created,
        }),
      );
      expect(stale.code).toBe(409);
      const invalid = await failure(
        api.create(configMap('Not_A_Name') as KubernetesObject),
      );
      expect(invalid.code).toBe(422);
      const missing = await failure(
        apps.readNamespacedDeployment({ name: 'nope', namespace: 'default' }),
      );
      expect(missing.code).toBe(404);
      expect(await recordedViolations()).toEqual([]);
    });

    it('deletes collections and answers with the list, which validates', async () => {
      const coreV1 = recorder.api(CoreV1Api);
      for (const [name, tier] of [
        ['a', 'web'],
        ['b', 'web'],
        ['c', 'db'],
      ]) {
        await api.create(configMap(name, { tier }));
      }
      await coreV1.deleteCollectionNamespacedConfigMap({
        namespace: 'default',
        labelSelector: 'tier=web',
      });
      const deleted = recorder.responses[recorder.responses.length - 1];
      expect(deleted.body).toMatchObject({
        kind: 'ConfigMapList',
        items: [{ metadata: { name: 'a' } }, { metadata: { name: 'b' } }],
      });
      const left = await coreV1.listNamespacedConfigMap({
        namespace: 'default',
      });
      expect(left.items.map(i => i.metadata!.name)).toEqual(['c']);
      expect(await recordedViolations()).toEqual([]);
    });

    it('answers tokens it does not know with 401, and what RBAC rules forbid with 403', async () => {
      await emulator.stop();
      emulator = await KubeEmulator.start({
        tokens: [TOKEN],
        users: [
          {
            token: 'viewer-token',
            name: 'system:serviceaccount:default:viewer',
            rules: [
              {
                verbs: ['get', 'list', 'watch'],
                apiGroups: [''],
                resources: ['configmaps'],
              },
            ],
          },
        ],
        controllerDelayMs: false,
      });
      const as = (token: string) => {
        const config = new KubeConfig();
        config.loadFromOptions({
          clusters: [{ name: 'e', server: emulator.url, skipTLSVerify: true }],
          users: [{ name: 'u', token }],
          contexts: [{ name: 'e', cluster: 'e', user: 'u' }],
          currentContext: 'e',
        });
        recorder = ResponseRecorder.create(config);
        return recorder.api(CoreV1Api);
      };
      const viewer = as('viewer-token');
      await viewer.listNamespacedConfigMap({ namespace: 'default' });
      const forbidden = await failure(
        viewer.createNamespacedConfigMap({
          namespace: 'default',
          body: { metadata: { name: 'x' } },
        }),
      );
      expect(forbidden.code).toBe(403);
      expect(recorder.responses[1].body).toMatchObject({
        kind: 'Status',
        reason: 'Forbidden',
        message:
          'configmaps is forbidden: User "system:serviceaccount:default:viewer" cannot create resource "configmaps" in API group "" in the namespace "default"',
      });
      // Discovery stays open to every authenticated user.
      await recorder.api(CoreApi).getAPIVersions();
      expect(await recordedViolations()).toEqual([]);

      const stranger = as('stolen-token');
      const unauthorized = await failure(
        stranger.listNamespacedConfigMap({ namespace: 'default' }),
      );
      expect(unauthorized.code).toBe(401);
      expect(await recordedViolations()).toEqual([]);
    });

    it('serves seeded objects as given, status and uids included', async () => {
      const { Namespace, Deployment } = conformanceManifests('seeded');
      const uid = '0b9b1c1e-7f3a-4c55-9a8e-2d6f1f3c9a10';
      await emulator.seed([
        Namespace,
        {
          ...Deployment,
          metadata: { ...Deployment.metadata, uid },
          status: {
            observedGeneration: 1,
            replicas: 3,
            readyReplicas: 1,
            availableReplicas: 1,
            unavailableReplicas: 2,
          },
        },
      ]);
      const read: any = await api.read({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'shop-web', namespace: 'seeded' },
      });
      expect(read.status.unavailableReplicas).toBe(2);
      // Kept, so that seeded ownerReferences still point at their owners.
      expect(read.metadata.uid).toBe(uid);
      // Seeded objects get the server's defaults, as if they had been created.
      expect(read.spec.strategy.type).toBe('RollingUpdate');
      expect(await recordedViolations()).toEqual([]);
    });

    it.each([
      [
        'Deployment',
        'unavailable',
        (o: any) => o.status?.unavailableReplicas === 3,
      ],
      [
        'Pod',
        'crash-loop',
        (o: any) =>
          o.status?.containerStatuses?.[0].state.waiting?.reason ===
          'CrashLoopBackOff',
      ],
      [
        'Pod',
        'image-pull-backoff',
        (o: any) =>
          o.status?.containerStatuses?.[0].state.waiting?.reason ===
          'ImagePullBackOff',
      ],
    ] as const)(
      'reports the failure a %s with behavior %s asks for, in a status that validates',
      async (kind, behavior, failed) => {
        const manifest: Manifest = conformanceManifests('default')[kind];
        const object = {
          ...manifest,
          metadata: {
            ...manifest.metadata,
            annotations: { [BEHAVIOR_ANNOTATION]: behavior },
          },
        };
        await api.create(object);
        const ref = {
          apiVersion: manifest.apiVersion!,
          kind,
          metadata: { name: manifest.metadata!.name!, namespace: 'default' },
        };
        await waitFor(() => api.read(ref) as Promise<any>, failed);
        expect(await recordedViolations()).toEqual([]);
      },
    );
  });

  describe('watches and informers', () => {
    const configMap = (name: string): V1ConfigMap => ({
      metadata: { name, namespace: 'default' },
      data: { a: '1' },
    });

    it('sends BOOKMARK events when asked, and ends the watch after timeoutSeconds', async () => {
      const coreV1 = recorder.api(CoreV1Api);
      const start = await coreV1.listNamespacedConfigMap({
        namespace: 'default',
      });
      const events: Array<{ type: string; object: any }> = [];
      const ended = new Promise<unknown>(resolve => {
        new Watch(kc).watch(
          '/api/v1/namespaces/default/configmaps',
          {
            resourceVersion: start.metadata!.resourceVersion,
            allowWatchBookmarks: true,
            timeoutSeconds: 2,
          },
          (type, object) => events.push({ type, object }),
          resolve,
        );
      });
      await coreV1.createNamespacedConfigMap({
        namespace: 'default',
        body: configMap('watched'),
      });
      // The server ends the watch: done is called without an error.
      expect(await ended).toBeFalsy();
      expect(events[0]).toMatchObject({
        type: 'ADDED',
        object: { metadata: { name: 'watched' } },
      });
      const bookmark = events.find(e => e.type === 'BOOKMARK');
      expect(bookmark?.object).toEqual({
        kind: 'ConfigMap',
        apiVersion: 'v1',
        metadata: { resourceVersion: expect.any(String) },
      });
      expect(
        Number(bookmark!.object.metadata.resourceVersion),
      ).toBeGreaterThanOrEqual(
        Number(events[0].object.metadata.resourceVersion),
      );
      expect(await violations(events)).toEqual([]);
      expect(await recordedViolations()).toEqual([]);
    }, 10_000);

    it('feeds an informer add, update and delete, and it relists after 410 Expired', async () => {
      const coreV1 = recorder.api(CoreV1Api);
      let lists = 0;
      const informer = makeInformer(
        kc,
        '/api/v1/namespaces/default/configmaps',
        () => {
          lists += 1;
          return coreV1.listNamespacedConfigMap({ namespace: 'default' });
        },
      );
      const seen: string[] = [];
      // What the informer resumes its watch from: the resourceVersion it saw last.
      let lastSeen = '';
      const remember = (verb: string) => (object: V1ConfigMap) => {
        seen.push(`${verb} ${object.metadata!.name}`);
        lastSeen = object.metadata!.resourceVersion!;
      };
      informer.on('add', remember('add'));
      informer.on('update', remember('update'));
      informer.on('delete', remember('delete'));
      let errors = 0;
      informer.on('error', () => {
        errors += 1;
      });
      await informer.start();
      const has =
        (...entries: string[]) =>
        () =>
          Promise.resolve(entries.every(e => seen.includes(e)));

      await coreV1.createNamespacedConfigMap({
        namespace: 'default',
        body: configMap('a'),
      });
      await coreV1.patchNamespacedConfigMap(
        { name: 'a', namespace: 'default', body: { data: { a: '2' } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
      await coreV1.deleteNamespacedConfigMap({
        name: 'a',
        namespace: 'default',
      });
      for (const name of ['b', 'gone'])
        await coreV1.createNamespacedConfigMap({
          namespace: 'default',
          body: configMap(name),
        });
      await waitFor(
        has('add a', 'update a', 'delete a', 'add b', 'add gone'),
        Boolean,
      );
      expect(lists).toBe(1);

      // The watch drops (client-node's informer reports it and stops); meanwhile more changes
      // than the server keeps, so resuming gets 410 Expired and the informer lists again.
      const resumeFrom = lastSeen;
      emulator.dropWatches();
      await waitFor(
        async () => errors,
        n => n > 0,
      );
      await coreV1.createNamespacedConfigMap({
        namespace: 'default',
        body: configMap('c'),
      });
      await coreV1.deleteNamespacedConfigMap({
        name: 'gone',
        namespace: 'default',
      });
      for (let i = 0; i < 60; i++) {
        await coreV1.createNamespacedSecret({
          namespace: 'default',
          body: { metadata: { name: `filler-${i}` } },
        });
      }
      const expired = await new Promise<{ type: string; object: any }>(
        resolve => {
          new Watch(kc).watch(
            '/api/v1/namespaces/default/configmaps',
            { resourceVersion: resumeFrom },
            (type, object) => resolve({ type, object }),
            () => {},
          );
        },
      );
      expect(expired).toMatchObject({
        type: 'ERROR',
        object: { kind: 'Status', code: 410, reason: 'Expired' },
      });
      expect(await violations([expired])).toEqual([]);

      await informer.start();
      await waitFor(has('add c', 'delete gone'), Boolean);
      expect(lists).toBe(2);
      expect(
        informer
          .list('default')
          .map(o => o.metadata!.name)
          .sort(),
      ).toEqual(['b', 'c']);
      await informer.stop();
      expect(await recordedViolations()).toEqual([]);
    });
  });
});
