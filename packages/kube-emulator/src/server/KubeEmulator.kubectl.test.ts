import {
  ApiException,
  AppsV1Api,
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import { KubeEmulator } from './KubeEmulator';

// What kubectl needs of the server beyond CRUD: OpenAPI documents, the scale subresource,
// server-side printing (Tables), discovery categories, and writes that change nothing staying
// unwritten. kubectl itself drives these in ../conformance/kubectl.test.ts.

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

const deployment = (name: string, replicas: number) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default' },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'app', image: `example.com/${name}:1` }] },
    },
  },
});

describe('KubeEmulator for kubectl', () => {
  let emulator: KubeEmulator;
  let kc: KubeConfig;

  const raw = (path: string, init: RequestInit = {}) =>
    fetch(`${emulator.url}${path}`, {
      redirect: 'manual',
      ...init,
      headers: { authorization: 'Bearer t', ...init.headers },
    });

  beforeEach(async () => {
    // No emulated controllers: their status writes would race the resourceVersions below.
    emulator = await KubeEmulator.start({
      tokens: ['t'],
      controllerDelayMs: false,
    });
    kc = new KubeConfig();
    kc.loadFromString(emulator.kubeconfig());
  });
  afterEach(() => emulator.stop());

  describe('OpenAPI v3', () => {
    it('indexes one document per group version, with content hashes', async () => {
      const index = await (await raw('/openapi/v3')).json();
      expect(Object.keys(index.paths)).toEqual(
        expect.arrayContaining([
          'api/v1',
          'apis/apps/v1',
          'apis/batch/v1',
          'apis/networking.k8s.io/v1',
        ]),
      );
      expect(index.paths['apis/apps/v1'].serverRelativeURL).toMatch(
        /^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{128}$/,
      );
    });

    it('describes PATCH with fieldValidation, as kubectl checks before it applies', async () => {
      const index = await (await raw('/openapi/v3')).json();
      const url = index.paths['apis/apps/v1'].serverRelativeURL;
      const response = await raw(url);
      expect(response.headers.get('cache-control')).toBe('public, immutable');
      const document = await response.json();
      expect(document.openapi).toBe('3.0.0');
      const item =
        document.paths[
          '/apis/apps/v1/namespaces/{namespace}/deployments/{name}'
        ];
      expect(item.patch['x-kubernetes-group-version-kind']).toEqual({
        group: 'apps',
        kind: 'Deployment',
        version: 'v1',
      });
      expect(item.patch.parameters.map((p: any) => p.name)).toContain(
        'fieldValidation',
      );
      expect(Object.keys(item.patch.requestBody.content)).toContain(
        'application/apply-patch+yaml',
      );
      const scale =
        document.paths[
          '/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale'
        ];
      expect(scale.patch['x-kubernetes-group-version-kind']).toEqual({
        group: 'autoscaling',
        kind: 'Scale',
        version: 'v1',
      });
      // Every reference resolves within the document.
      const refs = JSON.stringify(document).match(
        /#\/components\/schemas\/[^"]+/g,
      )!;
      for (const ref of new Set(refs)) {
        expect(document.components.schemas).toHaveProperty([
          ref.slice('#/components/schemas/'.length),
        ]);
      }
    });

    it('redirects a stale hash to the current document, and 404s unknown ones', async () => {
      const stale = await raw('/openapi/v3/apis/apps/v1?hash=0123');
      expect(stale.status).toBe(301);
      expect(stale.headers.get('location')).toMatch(
        /^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{128}$/,
      );
      expect(
        (await raw('/openapi/v3/apis/nothing.example.com/v1')).status,
      ).toBe(404);
    });

    it('adds the group version of a new CustomResourceDefinition, without strategic merge patch', async () => {
      await KubernetesObjectApi.makeApiClient(kc).create({
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
      const index = await (await raw('/openapi/v3')).json();
      const document = await (
        await raw(index.paths['apis/example.com/v1'].serverRelativeURL)
      ).json();
      const patch =
        document.paths[
          '/apis/example.com/v1/namespaces/{namespace}/widgets/{name}'
        ].patch;
      expect(Object.keys(patch.requestBody.content).sort()).toEqual([
        'application/apply-patch+yaml',
        'application/json-patch+json',
        'application/merge-patch+json',
      ]);
    });
  });

  it('serves OpenAPI v2 as JSON and as the protobuf kubectl asks for', async () => {
    const json = await (await raw('/openapi/v2')).json();
    expect(json.swagger).toBe('2.0');
    const protobuf = await raw('/openapi/v2', {
      headers: {
        accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf',
      },
    });
    expect(protobuf.headers.get('content-type')).toBe(
      'application/com.github.proto-openapi.spec.v2.v1.0+protobuf',
    );
    // Document.swagger (field 1, length-delimited) comes first: 0x0a, 3, "2.0".
    expect([
      ...new Uint8Array(await protobuf.arrayBuffer()).slice(0, 5),
    ]).toEqual([0x0a, 3, 0x32, 0x2e, 0x30]);
  });

  describe('the scale subresource', () => {
    it('is listed in discovery as autoscaling/v1 Scale, next to the "all" category', async () => {
      const apps = await (await raw('/apis/apps/v1')).json();
      expect(
        apps.resources.find((r: any) => r.name === 'deployments/scale'),
      ).toMatchObject({ group: 'autoscaling', version: 'v1', kind: 'Scale' });
      expect(
        apps.resources.find((r: any) => r.name === 'deployments').categories,
      ).toEqual(['all']);
      expect(
        apps.resources.find((r: any) => r.name === 'daemonsets/scale'),
      ).toBeUndefined();
    });

    it('reads and writes replicas, recording the manager for the subresource', async () => {
      await emulator.seed([deployment('web', 2)]);
      const apps = kc.makeApiClient(AppsV1Api);
      const scale = await apps.readNamespacedDeploymentScale({
        name: 'web',
        namespace: 'default',
      });
      expect(scale.spec!.replicas).toBe(2);
      expect(scale.status!.selector).toBe('app=web');

      const replaced = await apps.replaceNamespacedDeploymentScale({
        name: 'web',
        namespace: 'default',
        body: { ...scale, spec: { replicas: 5 } },
      });
      expect(replaced.spec!.replicas).toBe(5);
      const stored = emulator.store.get('apps/deployments', 'default', 'web')!;
      expect(stored.spec.replicas).toBe(5);
      expect(stored.metadata.generation).toBe(2);
      expect(stored.metadata.managedFields).toContainEqual(
        expect.objectContaining({
          operation: 'Update',
          subresource: 'scale',
          fieldsV1: { 'f:spec': { 'f:replicas': {} } },
        }),
      );

      const patched = await raw(
        '/apis/apps/v1/namespaces/default/deployments/web/scale',
        {
          method: 'PATCH',
          headers: { 'content-type': 'application/merge-patch+json' },
          body: JSON.stringify({ spec: { replicas: 1 } }),
        },
      );
      expect(patched.status).toBe(200);
      expect((await patched.json()).spec.replicas).toBe(1);

      const stale = await statusOf(
        apps.replaceNamespacedDeploymentScale({
          name: 'web',
          namespace: 'default',
          body: { ...scale, spec: { replicas: 3 } },
        }),
      );
      expect(stale).toMatchObject({ code: 409, reason: 'Conflict' });

      const invalid = await raw(
        '/apis/apps/v1/namespaces/default/deployments/web/scale',
        {
          method: 'PATCH',
          headers: { 'content-type': 'application/merge-patch+json' },
          body: JSON.stringify({ spec: { replicas: -1 } }),
        },
      );
      expect(invalid.status).toBe(422);
    });

    it('is not served for kinds without one', async () => {
      await emulator.seed([
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'c', namespace: 'default' },
        },
      ]);
      expect(
        (await raw('/api/v1/namespaces/default/configmaps/c/scale')).status,
      ).toBe(404);
    });
  });

  it('prints lists, single objects and watch events as Tables when asked', async () => {
    await emulator.seed([deployment('web', 2)]);
    const list = await (
      await raw('/apis/apps/v1/namespaces/default/deployments?limit=500', {
        headers: { accept: TABLE },
      })
    ).json();
    expect(list.kind).toBe('Table');
    expect(list.metadata.resourceVersion).toEqual(expect.any(String));
    expect(list.rows.map((r: any) => r.cells[0])).toEqual(['web']);
    expect(list.rows[0].object).toMatchObject({
      kind: 'PartialObjectMetadata',
      metadata: { name: 'web', namespace: 'default' },
    });

    const one = await (
      await raw('/apis/apps/v1/namespaces/default/deployments/web', {
        headers: { accept: TABLE },
      })
    ).json();
    expect(one.rows).toHaveLength(1);

    const plain = await (
      await raw('/apis/apps/v1/namespaces/default/deployments/web')
    ).json();
    expect(plain.kind).toBe('Deployment');

    const controller = new AbortController();
    const watch = await raw(
      `/apis/apps/v1/namespaces/default/deployments?watch=true&resourceVersion=${list.metadata.resourceVersion}`,
      { headers: { accept: TABLE }, signal: controller.signal },
    );
    const reader = watch.body!.getReader();
    await emulator.seed([deployment('api', 1)]);
    const { value } = await reader.read();
    controller.abort();
    const event = JSON.parse(new TextDecoder().decode(value).split('\n')[0]);
    expect(event.type).toBe('ADDED');
    expect(event.object.kind).toBe('Table');
    expect(event.object.rows[0].cells[0]).toBe('api');
  });

  it('does not write what changes nothing: resourceVersion and managedFields times stay', async () => {
    const api = KubernetesObjectApi.makeApiClient(kc);
    const apply = (data: Record<string, string>) =>
      api.patch(
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'same', namespace: 'default' },
          data,
        },
        undefined,
        undefined,
        'gitops',
        false,
        PatchStrategy.ServerSideApply,
      ) as Promise<any>;
    const first = await apply({ a: '1' });
    // managedFields times have a resolution of one second.
    await new Promise(resolve => setTimeout(resolve, 1100));
    const again = await apply({ a: '1' });
    expect(again.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
    expect(again.metadata.managedFields).toEqual(first.metadata.managedFields);

    const changed = await apply({ a: '2' });
    expect(Number(changed.metadata.resourceVersion)).toBeGreaterThan(
      Number(first.metadata.resourceVersion),
    );
    expect(changed.metadata.managedFields[0].time).not.toBe(
      first.metadata.managedFields[0].time,
    );
  });
});

async function statusOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiException) {
      const body =
        typeof error.body === 'string' ? JSON.parse(error.body) : error.body;
      return { code: error.code, reason: body.reason };
    }
    throw error;
  }
  throw new Error('expected the request to fail');
}
