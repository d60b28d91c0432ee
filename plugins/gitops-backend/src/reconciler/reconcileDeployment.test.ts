import {
  DefaultResourceHealthChecker,
  identityKey,
  KubernetesObject,
  resourceIdentity,
} from '@shipshape/plugin-gitops-node';
import { DesiredObjects } from '../desired/DesiredObjects';
import { DesiredDeployment } from '../desired/DesiredStateReader';
import {
  LiveView,
  reconcileDeployment,
  unknownDeployment,
} from './reconcileDeployment';
import { KUBERNETES_ID_LABEL } from '../live';

const namespace = 'shop-staging';
const keyOf = (object: KubernetesObject) =>
  identityKey(resourceIdentity(object, { defaultNamespace: namespace }));

function deployment(objects: KubernetesObject[]): DesiredDeployment {
  return {
    entityRef: 'component:default/checkout',
    environmentRef: 'environment:default/staging',
    clusterRef: 'resource:default/cluster-eu-west',
    namespace,
    componentName: 'checkout',
    revision: 'a'.repeat(40),
    path: 'environments/staging/checkout',
    objects: DesiredObjects.of(objects, namespace),
    errors: [],
    fingerprint: 'f',
  };
}

function liveView(objects: KubernetesObject[]): LiveView {
  const byKey = new Map(objects.map(o => [keyOf(o), o]));
  return {
    get: key => {
      const object = byKey.get(key);
      return object && structuredClone(object);
    },
    listLabelledKeys: (ns, label, value) =>
      objects
        .filter(
          o =>
            o.metadata.namespace === ns && o.metadata.labels?.[label] === value,
        )
        .map(keyOf),
  };
}

const configMap = (data: Record<string, string>): KubernetesObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'checkout-config', namespace },
  data,
});

const deploymentObject = (
  replicas: number,
  status?: object,
): KubernetesObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'checkout',
    namespace,
    generation: 1,
    labels: { [KUBERNETES_ID_LABEL]: 'checkout' },
  },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'checkout' } },
    template: {
      metadata: { labels: { app: 'checkout' } },
      spec: { containers: [{ name: 'app', image: 'shop/checkout:1.4.2' }] },
    },
  },
  ...(status ? { status } : {}),
});

const available = (replicas: number) => ({
  observedGeneration: 1,
  replicas,
  updatedReplicas: replicas,
  readyReplicas: replicas,
  availableReplicas: replicas,
  conditions: [
    { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
    { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
  ],
});

const options = {
  checker: DefaultResourceHealthChecker.create(),
  ignore: {},
};

describe('reconcileDeployment', () => {
  it('is Synced and Healthy when live matches Git', () => {
    const result = reconcileDeployment(
      deployment([deploymentObject(2), configMap({ LOG_LEVEL: 'info' })]),
      liveView([
        deploymentObject(2, available(2)),
        configMap({ LOG_LEVEL: 'info' }),
      ]),
      options,
    );
    expect(result).toMatchObject({ sync: 'Synced', health: 'Healthy' });
    expect(result.reason).toBeUndefined();
    expect(result.resources.map(r => [r.kind, r.sync])).toEqual([
      ['ConfigMap', 'Synced'],
      ['Deployment', 'Synced'],
    ]);
    expect(result.resources.every(r => r.diff === '' && !r.live)).toBe(true);
  });

  it('reports a scaled Deployment as OutOfSync with the field that changed', () => {
    const result = reconcileDeployment(
      deployment([deploymentObject(2)]),
      liveView([deploymentObject(3, available(3))]),
      options,
    );
    expect(result.sync).toBe('OutOfSync');
    const [resource] = result.resources;
    expect(resource.changes).toEqual([
      { path: '/spec/replicas', desired: 2, live: 3 },
    ]);
    expect(resource.diff).toContain('-  replicas: 2');
    expect(resource.diff).toContain('+  replicas: 3');
    expect(resource.desired).toContain('replicas: 2');
    expect(resource.live).toContain('replicas: 3');
  });

  it('reports objects missing from the cluster as Missing', () => {
    const result = reconcileDeployment(
      deployment([deploymentObject(2), configMap({ A: '1' })]),
      liveView([deploymentObject(2, available(2))]),
      options,
    );
    expect(result.sync).toBe('OutOfSync');
    expect(result.resources.find(r => r.kind === 'ConfigMap')?.sync).toBe(
      'Missing',
    );
    // Argo CD's rule: a missing resource does not make the whole deployment Missing.
    expect(result.health).toBe('Healthy');
  });

  it('reports labelled live objects that Git does not declare as Extraneous, but not controller-owned ones', () => {
    const extra: KubernetesObject = {
      ...configMap({ DEBUG: 'true' }),
      metadata: {
        name: 'checkout-debug',
        namespace,
        labels: { [KUBERNETES_ID_LABEL]: 'checkout' },
      },
    };
    const replicaSet: KubernetesObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: 'checkout-5d9f',
        namespace,
        labels: { [KUBERNETES_ID_LABEL]: 'checkout' },
        ownerReferences: [
          { kind: 'Deployment', name: 'checkout', controller: true },
        ],
      },
    };
    const result = reconcileDeployment(
      deployment([deploymentObject(2)]),
      liveView([deploymentObject(2, available(2)), extra, replicaSet]),
      options,
    );
    expect(result.resources.map(r => [r.name, r.sync])).toEqual([
      ['checkout-debug', 'Extraneous'],
      ['checkout', 'Synced'],
    ]);
    expect(result.sync).toBe('OutOfSync');
  });

  it('is Degraded with the reason of the worst resource', () => {
    const result = reconcileDeployment(
      deployment([deploymentObject(2)]),
      liveView([
        deploymentObject(2, {
          observedGeneration: 1,
          replicas: 2,
          updatedReplicas: 2,
          availableReplicas: 0,
          conditions: [
            {
              type: 'Progressing',
              status: 'False',
              reason: 'ProgressDeadlineExceeded',
              message: 'ReplicaSet "checkout-5d9f" has timed out progressing.',
            },
          ],
        }),
      ]),
      options,
    );
    expect(result.health).toBe('Degraded');
    expect(result.reason).toMatch(
      /^Deployment\/checkout: Deployment "checkout" exceeded its progress deadline/,
    );
  });

  it('never shows Secret values', () => {
    const secret = (value: string): KubernetesObject => ({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'checkout-db', namespace },
      data: { password: Buffer.from(value).toString('base64') },
    });
    const result = reconcileDeployment(
      deployment([secret('from-git-s3cret')]),
      liveView([secret('live-hunter2')]),
      options,
    );
    const text = JSON.stringify(result);
    expect(result.resources[0].sync).toBe('OutOfSync');
    for (const value of ['from-git-s3cret', 'live-hunter2']) {
      expect(text).not.toContain(value);
      expect(text).not.toContain(Buffer.from(value).toString('base64'));
    }
  });

  it('applies ignore rules', () => {
    const result = reconcileDeployment(
      deployment([deploymentObject(2)]),
      liveView([deploymentObject(5, available(5))]),
      { ...options, ignore: { pointers: ['/spec/replicas'] } },
    );
    expect(result.sync).toBe('Synced');
  });

  it('names manifest problems in the reason', () => {
    const desired = deployment([deploymentObject(2)]);
    desired.errors.push(
      'environments/staging/checkout/broken.yaml line 3: bad indentation',
    );
    const result = reconcileDeployment(
      desired,
      liveView([deploymentObject(2, available(2))]),
      options,
    );
    expect(result.reason).toContain('broken.yaml line 3');
  });

  it('marks a deployment on an unreadable cluster Unknown with the reason', () => {
    expect(
      unknownDeployment(
        deployment([deploymentObject(2)]),
        'connect ECONNREFUSED',
      ),
    ).toMatchObject({
      sync: 'Unknown',
      health: 'Unknown',
      reason: 'connect ECONNREFUSED',
    });
  });
});
