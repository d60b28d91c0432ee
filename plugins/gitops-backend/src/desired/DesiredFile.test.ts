import { KubernetesObject } from '@shipshape/plugin-gitops-node';
import { DesiredFile } from './DesiredFile';

const configMap = (i: number): KubernetesObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: `checkout-config-${i}`,
    labels: { 'app.kubernetes.io/name': 'checkout', tier: 'backend' },
  },
  data: { LOG_LEVEL: 'info', TIMEOUT_SECONDS: String(30 + i) },
});

describe('DesiredFile', () => {
  it('keeps a file of similar manifests deflated, and reads back fresh copies equal to them', () => {
    const objects = Array.from({ length: 10 }, (_, i) => configMap(i));
    const file = DesiredFile.of(objects);
    const jsonBytes = JSON.stringify(objects).length;

    expect(file.packedBytes).toBeLessThan(jsonBytes / 4);
    expect(file.manifests).toEqual(
      objects.map(o => ({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        name: o.metadata.name,
        namespace: undefined,
      })),
    );
    const read = file.read();
    expect(read).toEqual(objects);
    (read[0].data as Record<string, string>).LOG_LEVEL = 'debug';
    expect((file.read()[0].data as Record<string, string>).LOG_LEVEL).toBe(
      'info',
    );
  });

  it('keeps a small file as its JSON text, and non-ASCII text exactly', () => {
    const object: KubernetesObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'greeting', namespace: 'shop' },
      data: { text: 'Grüße, 世界 🚀' },
    };
    const small = DesiredFile.of([object]);
    expect(small.packedBytes).toBe(JSON.stringify([object]).length);
    expect(small.read()).toEqual([object]);
    expect(small.manifests[0].namespace).toBe('shop');

    const large = DesiredFile.of(
      Array.from({ length: 20 }, (_, i) => ({
        ...object,
        metadata: { name: `greeting-${i}` },
      })),
    );
    expect((large.read()[19].data as Record<string, string>).text).toBe(
      'Grüße, 世界 🚀',
    );
  });

  it('keeps manifests JSON cannot hold exactly as parsed, and reads copies of them', () => {
    const odd: KubernetesObject = {
      apiVersion: 'example.com/v1',
      kind: 'Odd',
      metadata: { name: 'odd' },
      spec: { limit: Infinity },
    };
    const file = DesiredFile.of([configMap(1), odd]);
    const [plain, read] = file.read();
    expect(plain).toEqual(configMap(1));
    expect(read.spec.limit).toBe(Infinity);
    read.metadata.namespace = 'shop';
    expect(odd.metadata.namespace).toBeUndefined();
  });
});
