import { KubernetesObject } from '@shipshape/plugin-gitops-node';
import { DesiredFile } from './DesiredFile';
import { DesiredObjects } from './DesiredObjects';

const configMap = (name: string, namespace?: string): KubernetesObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(namespace ? { namespace } : {}), labels: { a: 'b' } },
  data: { LOG_LEVEL: 'info' },
});

const clusterRole: KubernetesObject = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name: 'reader' },
  rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
};

describe('DesiredObjects', () => {
  it('places objects in the namespace, keeps their own, and leaves cluster-scoped ones alone', () => {
    const { objects, duplicates } = DesiredObjects.place(
      [
        DesiredFile.of([configMap('app'), configMap('elsewhere', 'other')]),
        DesiredFile.of([clusterRole]),
      ],
      'shop',
    );
    expect(duplicates).toEqual([]);
    expect([...objects.keys()]).toEqual([
      '/ConfigMap/shop/app',
      '/ConfigMap/other/elsewhere',
      'rbac.authorization.k8s.io/ClusterRole//reader',
    ]);
    expect(objects.get('/ConfigMap/shop/app')).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'app', labels: { a: 'b' }, namespace: 'shop' },
      data: { LOG_LEVEL: 'info' },
    });
    expect(objects.get('/ConfigMap/other/elsewhere')).toEqual(
      configMap('elsewhere', 'other'),
    );
    expect(
      objects.get('rbac.authorization.k8s.io/ClusterRole//reader'),
    ).toEqual(clusterRole);
    expect(objects.has('/ConfigMap/shop/app')).toBe(true);
    expect(objects.has('/ConfigMap/shop/nope')).toBe(false);
    expect(objects.get('/ConfigMap/shop/nope')).toBeUndefined();
    expect(objects.size).toBe(3);
    expect([...objects.entries()]).toEqual(
      [...objects.keys()].map(key => [key, objects.get(key)]),
    );
    expect(objects.kinds()).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap' },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole' },
    ]);
  });

  it('places the same manifests in two namespaces', () => {
    const manifests = [DesiredFile.of([configMap('app')])];
    const staging = DesiredObjects.place(manifests, 'staging').objects;
    const production = DesiredObjects.place(manifests, 'production').objects;
    expect(staging.get('/ConfigMap/staging/app')?.metadata.namespace).toBe(
      'staging',
    );
    expect(
      production.get('/ConfigMap/production/app')?.metadata.namespace,
    ).toBe('production');
  });

  it('keeps the first of a key declared twice (in one file or two) and reports it', () => {
    const first = configMap('app');
    const second = { ...configMap('app', 'shop'), data: { LOG_LEVEL: 'x' } };
    const third = { ...configMap('app'), data: { LOG_LEVEL: 'y' } };
    const { objects, duplicates } = DesiredObjects.place(
      [
        DesiredFile.of([first, second]),
        DesiredFile.of([configMap('other'), third]),
      ],
      'shop',
    );
    expect(duplicates).toEqual(['/ConfigMap/shop/app', '/ConfigMap/shop/app']);
    expect(objects.size).toBe(2);
    expect(objects.get('/ConfigMap/shop/app')?.data).toEqual({
      LOG_LEVEL: 'info',
    });
    expect([...objects.entries()].map(([key, o]) => [key, o.data])).toEqual([
      ['/ConfigMap/shop/app', { LOG_LEVEL: 'info' }],
      ['/ConfigMap/shop/other', { LOG_LEVEL: 'info' }],
    ]);
    expect(objects.get('/ConfigMap/shop/other')?.metadata.name).toBe('other');
  });

  it('returns a fresh copy on every read', () => {
    const objects = DesiredObjects.of([configMap('app')], 'shop');
    const read = objects.get('/ConfigMap/shop/app') as any;
    read.data.LOG_LEVEL = 'changed';
    expect(objects.get('/ConfigMap/shop/app')).toEqual(
      configMap('app', 'shop'),
    );
  });

  it('keeps values JSON cannot hold exactly as they were parsed', () => {
    const odd: KubernetesObject = {
      apiVersion: 'example.com/v1',
      kind: 'Odd',
      metadata: { name: 'odd' },
      spec: { limit: Infinity, offset: -0, nested: [{ ratio: NaN }] },
    };
    const read = DesiredObjects.of([odd], 'shop').get(
      'example.com/Odd/shop/odd',
    );
    expect(read?.spec.limit).toBe(Infinity);
    expect(Object.is(read?.spec.offset, -0)).toBe(true);
    expect(read?.spec.nested[0].ratio).toBeNaN();
    expect(read?.metadata.namespace).toBe('shop');
    expect(odd.metadata.namespace).toBeUndefined(); // not modified in place
  });
});
