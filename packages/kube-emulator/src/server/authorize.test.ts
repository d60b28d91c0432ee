import { authorize, KubeEmulatorUser, requestVerb } from './authorize';
import { StatusError } from './status';

const viewer: KubeEmulatorUser = {
  token: 't',
  name: 'system:serviceaccount:shop:viewer',
  rules: [
    {
      verbs: ['get', 'list', 'watch'],
      apiGroups: [''],
      resources: ['configmaps'],
    },
    { verbs: ['*'], apiGroups: ['apps'], resources: ['deployments/status'] },
    { verbs: ['get'], apiGroups: ['*'], resources: ['*/scale'] },
  ],
};

const request = (overrides: Partial<Parameters<typeof authorize>[1]>) => ({
  method: 'GET',
  group: '',
  plural: 'configmaps',
  namespace: 'shop',
  watch: false,
  ...overrides,
});

function forbidden(overrides: Partial<Parameters<typeof authorize>[1]>) {
  try {
    authorize(viewer, request(overrides));
  } catch (error) {
    if (error instanceof StatusError) return error;
    throw error;
  }
  return undefined;
}

describe('authorize', () => {
  it.each([
    ['GET', 'x', false, 'get'],
    ['GET', undefined, false, 'list'],
    ['GET', undefined, true, 'watch'],
    ['POST', undefined, false, 'create'],
    ['PUT', 'x', false, 'update'],
    ['PATCH', 'x', false, 'patch'],
    ['DELETE', 'x', false, 'delete'],
    ['DELETE', undefined, false, 'deletecollection'],
  ])('calls %s (name %s, watch %s) %s', (method, name, watch, verb) => {
    expect(requestVerb(request({ method, name, watch }))).toBe(verb);
  });

  it('allows what a rule allows, wildcards and subresources included', () => {
    expect(forbidden({})).toBeUndefined();
    expect(forbidden({ watch: true })).toBeUndefined();
    expect(
      forbidden({
        method: 'PUT',
        group: 'apps',
        plural: 'deployments',
        name: 'web',
        subresource: 'status',
      }),
    ).toBeUndefined();
    expect(
      forbidden({
        group: 'apps',
        plural: 'statefulsets',
        name: 'db',
        subresource: 'scale',
      }),
    ).toBeUndefined();
  });

  it('answers anything else as the API server does', () => {
    expect(forbidden({ method: 'POST' })).toMatchObject({
      code: 403,
      reason: 'Forbidden',
      message:
        'configmaps is forbidden: User "system:serviceaccount:shop:viewer" cannot create resource "configmaps" in API group "" in the namespace "shop"',
      details: { kind: 'configmaps' },
    });
    expect(
      forbidden({ group: 'apps', plural: 'deployments', name: 'web' }),
    ).toMatchObject({
      message:
        'deployments.apps "web" is forbidden: User "system:serviceaccount:shop:viewer" cannot get resource "deployments" in API group "apps" in the namespace "shop"',
      details: { name: 'web', group: 'apps', kind: 'deployments' },
    });
    expect(
      forbidden({
        group: 'rbac.authorization.k8s.io',
        plural: 'clusterroles',
        namespace: undefined,
      })?.message,
    ).toBe(
      'clusterroles.rbac.authorization.k8s.io is forbidden: User "system:serviceaccount:shop:viewer" cannot list resource "clusterroles" in API group "rbac.authorization.k8s.io" at the cluster scope',
    );
    // A rule for the status subresource does not cover the object itself.
    expect(
      forbidden({
        method: 'PUT',
        group: 'apps',
        plural: 'deployments',
        name: 'web',
      })?.code,
    ).toBe(403);
  });
});
