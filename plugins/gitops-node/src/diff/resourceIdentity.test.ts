import {
  identityKey,
  identityKeyNamespace,
  resourceIdentity,
} from './resourceIdentity';

const object = (apiVersion: string, kind: string, namespace?: string) => ({
  apiVersion,
  kind,
  metadata: { name: 'x', ...(namespace ? { namespace } : {}) },
});

describe('resourceIdentity', () => {
  it('keys by API group, not version', () => {
    expect(resourceIdentity(object('apps/v1', 'Deployment', 'shop'))).toEqual(
      resourceIdentity(object('apps/v1beta2', 'Deployment', 'shop')),
    );
  });

  it('defaults the namespace of namespaced kinds', () => {
    expect(resourceIdentity(object('v1', 'ConfigMap')).namespace).toBe(
      'default',
    );
    expect(
      resourceIdentity(object('v1', 'ConfigMap'), {
        defaultNamespace: 'team-a',
      }).namespace,
    ).toBe('team-a');
  });

  it.each([
    ['v1', 'Namespace'],
    ['rbac.authorization.k8s.io/v1', 'ClusterRole'],
    ['apiextensions.k8s.io/v1', 'CustomResourceDefinition'],
    ['storage.k8s.io/v1', 'StorageClass'],
  ])(
    'ignores the namespace of the built-in cluster-scoped %s %s',
    (apiVersion, kind) => {
      expect(
        resourceIdentity(object(apiVersion, kind, 'kube-system')).namespace,
      ).toBeUndefined();
    },
  );

  it('asks discovery data about kinds it does not know', () => {
    const scopeOf = (group: string, kind: string) =>
      group === 'cert-manager.io' && kind === 'ClusterIssuer'
        ? ('Cluster' as const)
        : undefined;
    expect(
      resourceIdentity(object('cert-manager.io/v1', 'ClusterIssuer', 'x'), {
        scopeOf,
      }).namespace,
    ).toBeUndefined();
    // Unknown to both: taken as namespaced.
    expect(
      resourceIdentity(object('example.com/v1', 'Widget'), { scopeOf })
        .namespace,
    ).toBe('default');
  });
});

describe('identityKeyNamespace', () => {
  it('reads the namespace back from a key, empty for cluster-scoped objects', () => {
    const key = (apiVersion: string, kind: string, namespace?: string) =>
      identityKey(resourceIdentity(object(apiVersion, kind, namespace)));
    expect(identityKeyNamespace(key('apps/v1', 'Deployment', 'shop'))).toBe(
      'shop',
    );
    expect(identityKeyNamespace(key('v1', 'ConfigMap'))).toBe('default');
    expect(
      identityKeyNamespace(key('rbac.authorization.k8s.io/v1', 'ClusterRole')),
    ).toBe('');
  });
});
