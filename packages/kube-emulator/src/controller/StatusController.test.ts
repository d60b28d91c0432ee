import {
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
} from '@kubernetes/client-node';
import { KubeEmulator } from '../server/KubeEmulator';
import { BEHAVIOR_ANNOTATION } from './StatusController';

describe('the emulated controllers', () => {
  let emulator: KubeEmulator;
  let api: KubernetesObjectApi;

  beforeEach(async () => {
    emulator = await KubeEmulator.start({ controllerDelayMs: 20 });
    const kc = new KubeConfig();
    kc.loadFromString(emulator.kubeconfig());
    api = KubernetesObjectApi.makeApiClient(kc);
  });
  afterEach(() => emulator.stop());

  // Manifests with a spec: KubernetesObject only declares apiVersion, kind and metadata.
  const create = (object: Record<string, unknown>) =>
    api.create(object as KubernetesObject);
  const read = (apiVersion: string, kind: string, name: string) =>
    api.read({
      apiVersion,
      kind,
      metadata: { name, namespace: 'default' },
    }) as Promise<any>;

  async function eventually<T>(
    fn: () => Promise<T>,
    check: (value: T) => boolean,
  ): Promise<T> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const value = await fn();
      if (check(value)) return value;
      if (Date.now() > deadline)
        throw new Error(`never happened: ${JSON.stringify(value)}`);
      await new Promise(resolve => setTimeout(resolve, 20));
    }
  }

  const deployment = (
    name: string,
    annotations: Record<string, string> = {},
  ) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', annotations },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'app', image: 'app:1' }] },
      },
    },
  });

  it('rolls a Deployment out, and again after a spec change', async () => {
    await create(deployment('web'));
    const ready = await eventually(
      () => read('apps/v1', 'Deployment', 'web'),
      d => d.status?.observedGeneration === 1,
    );
    expect(ready.status).toMatchObject({
      replicas: 3,
      updatedReplicas: 3,
      availableReplicas: 3,
    });
    expect(
      ready.status.conditions.map((c: any) => [c.type, c.status, c.reason]),
    ).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable'],
      ['Progressing', 'True', 'NewReplicaSetAvailable'],
    ]);
    await api.replace({ ...ready, spec: { ...ready.spec, replicas: 5 } });
    const scaled = await eventually(
      () => read('apps/v1', 'Deployment', 'web'),
      d => d.status?.observedGeneration === 2,
    );
    expect(scaled.status.availableReplicas).toBe(5);
  });

  it('keeps a Deployment marked unavailable from ever becoming available', async () => {
    await create(deployment('stuck', { [BEHAVIOR_ANNOTATION]: 'unavailable' }));
    const stuck = await eventually(
      () => read('apps/v1', 'Deployment', 'stuck'),
      d => d.status?.observedGeneration === 1,
    );
    expect(stuck.status.availableReplicas).toBeUndefined();
    expect(stuck.status.conditions).toContainEqual(
      expect.objectContaining({
        type: 'Progressing',
        status: 'False',
        reason: 'ProgressDeadlineExceeded',
      }),
    );
  });

  // imageID is required by the schema: the pulled image's digest, empty when never pulled.
  const pulled = expect.stringMatching(
    /^registry\.example\.com\/app@sha256:[0-9a-f]{64}$/,
  );
  it.each([
    [undefined, 'Running', undefined, pulled],
    ['crash-loop', 'Running', 'CrashLoopBackOff', pulled],
    ['image-pull-backoff', 'Pending', 'ImagePullBackOff', ''],
  ])(
    'gives a Pod with behavior %s the phase %s',
    async (behavior, phase, waitingReason, imageID) => {
      await create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: 'p',
          namespace: 'default',
          annotations: behavior ? { [BEHAVIOR_ANNOTATION]: behavior } : {},
        },
        spec: {
          containers: [{ name: 'main', image: 'registry.example.com/app:1' }],
        },
      });
      const pod = await eventually(
        () => read('v1', 'Pod', 'p'),
        p => Boolean(p.status?.containerStatuses),
      );
      expect(pod.status.phase).toBe(phase);
      expect(pod.status.containerStatuses[0].state.waiting?.reason).toBe(
        waitingReason,
      );
      expect(pod.status.containerStatuses[0].imageID).toEqual(imageID);
      // The kubelet's status keeps what the API server set on create.
      expect(pod.status.qosClass).toBe('BestEffort');
    },
  );

  it('gives a LoadBalancer Service an ingress address', async () => {
    await create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'lb', namespace: 'default' },
      spec: {
        type: 'LoadBalancer',
        selector: { app: 'x' },
        ports: [{ port: 80 }],
      },
    });
    const service = await eventually(
      () => read('v1', 'Service', 'lb'),
      s => Boolean(s.status?.loadBalancer?.ingress),
    );
    expect(service.status.loadBalancer.ingress[0].ip).toMatch(/^203\.0\.113\./);
  });
  it('reports a HorizontalPodAutoscaler able to scale within its bounds', async () => {
    await create({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        scaleTargetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'web',
        },
        minReplicas: 2,
        maxReplicas: 5,
        metrics: [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: { type: 'Utilization', averageUtilization: 70 },
            },
          },
        ],
      },
    });
    const hpa = await eventually(
      () => read('autoscaling/v2', 'HorizontalPodAutoscaler', 'web'),
      h => Boolean(h.status?.conditions),
    );
    expect(hpa.status.desiredReplicas).toBe(2);
    expect(
      hpa.status.conditions.map((c: any) => [c.type, c.status, c.reason]),
    ).toEqual([
      ['AbleToScale', 'True', 'ReadyForNewScale'],
      ['ScalingActive', 'True', 'ValidMetricFound'],
      ['ScalingLimited', 'False', 'DesiredWithinRange'],
    ]);
  });
});
