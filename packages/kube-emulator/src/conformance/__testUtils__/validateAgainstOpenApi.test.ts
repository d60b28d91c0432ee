import {
  closeOpenApiValidator,
  validateAgainstOpenApi,
} from './validateAgainstOpenApi';

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', creationTimestamp: '2026-01-01T00:00:00Z' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'app', image: 'web:1' }] },
    },
    strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
  },
};

describe('validateAgainstOpenApi', () => {
  afterAll(() => closeOpenApiValidator());

  it('accepts a valid object', async () => {
    expect(await validateAgainstOpenApi(deployment)).toEqual([]);
  });

  it('names each field of the wrong type or missing', async () => {
    const errors = await validateAgainstOpenApi({
      ...deployment,
      metadata: { name: 'web', creationTimestamp: 'yesterday' },
      spec: { ...deployment.spec, replicas: '2', selector: undefined },
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^response apps\/v1 Deployment web: \/metadata\/creationTimestamp .*date-time/,
        ),
        expect.stringMatching(/\/spec\/replicas .*integer/),
        expect.stringMatching(/\/spec .*selector/),
      ]),
    );
  });

  it('checks formats: quantities and base64 data', async () => {
    expect(
      await validateAgainstOpenApi({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 's' },
        data: { password: 'not base64!' },
      }),
    ).toEqual([expect.stringMatching(/\/data\/password .*byte/)]);
    expect(
      await validateAgainstOpenApi({
        apiVersion: 'v1',
        kind: 'ResourceQuota',
        metadata: { name: 'q' },
        spec: { hard: { cpu: 'lots' } },
      }),
    ).toContainEqual(
      expect.stringMatching(/\/spec\/hard\/cpu must match format "quantity"/),
    );
  });

  it('validates list items without kind, as the server sends them', async () => {
    const { apiVersion: _a, kind: _k, ...item } = deployment;
    expect(
      await validateAgainstOpenApi({
        apiVersion: 'apps/v1',
        kind: 'DeploymentList',
        metadata: { resourceVersion: '5' },
        items: [item],
      }),
    ).toEqual([]);
    expect(
      await validateAgainstOpenApi({
        apiVersion: 'apps/v1',
        kind: 'DeploymentList',
        metadata: { resourceVersion: 5 },
        items: [{ ...item, spec: { ...item.spec, replicas: 'two' } }],
      }),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/\/metadata\/resourceVersion .*string/),
        expect.stringMatching(/\/items\/0\/spec\/replicas .*integer/),
      ]),
    );
  });

  it('validates Status, discovery, version and watch events', async () => {
    expect(
      await validateAgainstOpenApi({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        reason: 'NotFound',
        code: 404,
        details: { name: 'x', kind: 'deployments' },
      }),
    ).toEqual([]);
    expect(
      await validateAgainstOpenApi({
        kind: 'Status',
        apiVersion: 'v1',
        code: '404',
      }),
    ).toEqual([expect.stringMatching(/\/code .*integer/)]);
    const discovery = await validateAgainstOpenApi({
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: 'apps/v1',
      resources: [{ name: 'deployments', kind: 'Deployment' }],
    });
    expect(discovery.sort()).toEqual(
      ['namespaced', 'singularName', 'verbs'].map(field =>
        expect.stringMatching(
          new RegExp(`/resources/0 must have required property ${field}`),
        ),
      ),
    );
    expect(
      await validateAgainstOpenApi({ major: '1', gitVersion: 'v1.31.0' }),
    ).toContainEqual(
      expect.stringMatching(/version: \/ must have required property minor/),
    );
    expect(
      await validateAgainstOpenApi({ type: 'ADDED', object: deployment }),
    ).toEqual([]);
    expect(
      await validateAgainstOpenApi({
        type: 'MODIFIED',
        object: { ...deployment, spec: { replicas: true } },
      }),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /MODIFIED apps\/v1 Deployment web: \/spec\/replicas/,
        ),
      ]),
    );
  });

  it('reports fields the schema does not define', async () => {
    const errors = await validateAgainstOpenApi({
      ...deployment,
      spec: {
        ...deployment.spec,
        replica: 2,
        template: {
          ...deployment.spec.template,
          spec: {
            containers: [
              { name: 'app', image: 'web:1', imagePolicy: 'Always' },
            ],
          },
        },
      },
      status: {
        conditions: [{ type: 'Available', status: 'True', since: 'now' }],
      },
    });
    expect(errors.sort()).toEqual([
      'response: .spec.replica (V1DeploymentSpec) is not a field of the schema',
      'response: .spec.template.spec.containers[0].imagePolicy (V1Container) is not a field of the schema',
      'response: .status.conditions[0].since (V1DeploymentCondition) is not a field of the schema',
    ]);
    expect(
      await validateAgainstOpenApi({
        type: 'ADDED',
        object: { ...deployment, metadata: { name: 'web', labelz: {} } },
      }),
    ).toEqual([
      'response: .metadata.labelz (V1ObjectMeta) is not a field of the schema',
    ]);
  });

  it('reports kinds it has no schema for', async () => {
    expect(
      await validateAgainstOpenApi({
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: { name: 'w' },
      }),
    ).toEqual([
      'response example.com/v1 Widget w: no OpenAPI schema for this kind',
    ]);
    expect(await validateAgainstOpenApi([])).toEqual([
      'response: not an object',
    ]);
  });
});
