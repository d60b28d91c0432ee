import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { setupServer } from 'msw/node';
import { parse, parseAllDocuments } from 'yaml';
import {
  demoCatalogEntities,
  demoRepositoryFiles,
} from '../__testUtils__/demoData';
import {
  FAKE_REPO_URL,
  FakeGithub,
  githubTestConfig,
} from '../__testUtils__/FakeGithub';
import { createRenderEnvironmentAction } from './createRenderEnvironmentAction';

const server = setupServer();
registerMswTestHooks(server);

const preview = {
  repoUrl: FAKE_REPO_URL,
  name: 'pr-43',
  type: 'preview',
  owner: 'group:default/team-payments',
  components: ['component:default/checkout', 'payments'],
  cluster: 'resource:default/cluster-dev',
  ttl: '72h',
  approval: {
    requiredApprovals: 1,
    approvers: ['group:default/team-payments'],
  },
};

function setup(
  options: { files?: Record<string, string>; config?: object } = {},
) {
  const github = new FakeGithub();
  github.seed(options.files ?? demoRepositoryFiles());
  server.use(...github.handlers());
  const action = createRenderEnvironmentAction({
    config: new ConfigReader({ ...githubTestConfig, ...options.config }),
    catalog: catalogServiceMock({ entities: demoCatalogEntities() }),
  });
  return { github, action };
}

function context(input: object, extra: object = {}) {
  return { ...createMockActionContext({ input: input as any }), ...extra };
}

function read(ctx: { workspacePath: string }, file: string) {
  return fs.readFileSync(path.join(ctx.workspacePath, file), 'utf8');
}

function objects(text: string): any[] {
  return parseAllDocuments(text).map(doc => doc.toJS());
}

function workspaceFiles(ctx: { workspacePath: string }): string[] {
  if (!fs.existsSync(ctx.workspacePath)) return [];
  return (fs.readdirSync(ctx.workspacePath, { recursive: true }) as string[])
    .filter(f => fs.statSync(path.join(ctx.workspacePath, f)).isFile())
    .sort();
}

describe('gitops:environment:render', () => {
  it('renders a preview environment from dev with namespaces, labels and addresses rewritten', async () => {
    const { github, action } = setup();
    const ctx = context(preview);
    const before = Date.now();
    await action.handler(ctx);

    const environment = parse(read(ctx, 'environments/pr-43/environment.yaml'));
    expect(environment).toMatchObject({
      apiVersion: 'gitops.shipshape.dev/v1alpha1',
      kind: 'Environment',
      metadata: { name: 'pr-43' },
      spec: {
        type: 'preview',
        owner: 'group:default/team-payments',
        clusters: [
          { cluster: 'resource:default/cluster-dev', namespace: 'shop-pr-43' },
        ],
        approval: {
          requiredApprovals: 1,
          approvers: ['group:default/team-payments'],
        },
      },
    });
    const expires = Date.parse(environment.spec.expiresAt);
    expect(expires - before).toBeGreaterThanOrEqual(72 * 3600_000 - 1000);
    expect(expires - before).toBeLessThan(72 * 3600_000 + 60_000);

    const files = workspaceFiles(ctx);
    expect(files).toEqual(
      expect.arrayContaining([
        'environments/pr-43/checkout/deployment.yaml',
        'environments/pr-43/checkout/configmap.yaml',
        'environments/pr-43/payments/deployment.yaml',
      ]),
    );
    expect(
      files.every(f =>
        /^environments\/pr-43\/(environment\.yaml|(checkout|payments)\/)/.test(
          f,
        ),
      ),
    ).toBe(true);

    const [deployment] = objects(
      read(ctx, 'environments/pr-43/checkout/deployment.yaml'),
    );
    expect(deployment.metadata.namespace).toBe('shop-pr-43');
    expect(deployment.metadata.labels['backstage.io/kubernetes-id']).toBe(
      'checkout',
    );
    expect(deployment.metadata.labels['gitops.shipshape.dev/environment']).toBe(
      'pr-43',
    );
    expect(
      deployment.spec.template.metadata.labels[
        'gitops.shipshape.dev/environment'
      ],
    ).toBe('pr-43');
    const [config] = objects(
      read(ctx, 'environments/pr-43/checkout/configmap.yaml'),
    );
    expect(config.data.PAYMENTS_URL).toBe(
      'http://payments.shop-pr-43.svc.cluster.local',
    );

    expect(ctx.output).toHaveBeenCalledWith(
      'environmentRef',
      'environment:default/pr-43',
    );
    expect(ctx.output).toHaveBeenCalledWith('path', 'environments/pr-43');
    expect(ctx.output).toHaveBeenCalledWith('namespace', 'shop-pr-43');
    expect(ctx.output).toHaveBeenCalledWith('components', [
      'component:default/checkout',
      'component:default/payments',
    ]);
    expect(ctx.output).toHaveBeenCalledWith(
      'files',
      expect.arrayContaining(files),
    );
    expect(github.writes()).toEqual([]);
  });

  it('expands a system to its components and applies overrides', async () => {
    const { action } = setup();
    const ctx = context({
      ...preview,
      components: ['system:default/shop'],
      namespace: 'team-preview',
      replicas: 2,
      overrides: {
        checkout: { image: 'registry.example.com/shop/checkout:pr-43' },
      },
    });
    await action.handler(ctx);
    const dirs = new Set(workspaceFiles(ctx).map(f => f.split('/')[2]));
    expect(dirs).toEqual(
      new Set([
        'environment.yaml',
        'storefront-web',
        'product-catalog',
        'checkout',
        'payments',
        'orders',
        'inventory',
        'notifier',
      ]),
    );
    const [deployment] = objects(
      read(ctx, 'environments/pr-43/checkout/deployment.yaml'),
    );
    expect(deployment.metadata.namespace).toBe('team-preview');
    expect(deployment.spec.replicas).toBe(2);
    expect(deployment.spec.template.spec.containers[0].image).toBe(
      'registry.example.com/shop/checkout:pr-43',
    );
  });

  it('updates an existing environment in place and keeps its other components and comments', async () => {
    const { action } = setup();
    const ctx = context({
      repoUrl: FAKE_REPO_URL,
      mode: 'update',
      name: 'pr-42',
      components: ['component:default/checkout'],
      replicas: 3,
      ttl: '7d',
    });
    await action.handler(ctx);
    const text = read(ctx, 'environments/pr-42/environment.yaml');
    expect(text).toContain('# Preview of pull request 42');
    const environment = parse(text);
    expect(environment.spec.owner).toBe('group:default/team-payments');
    expect(environment.spec.clusters).toEqual([
      { cluster: 'resource:default/cluster-dev', namespace: 'shop-pr-42' },
    ]);
    const [deployment] = objects(
      read(ctx, 'environments/pr-42/checkout/deployment.yaml'),
    );
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.metadata.namespace).toBe('shop-pr-42');
    // Patched in place: the override and nothing else (no new labels, which would roll it out).
    const files = demoRepositoryFiles();
    expect(read(ctx, 'environments/pr-42/checkout/deployment.yaml')).toBe(
      files['environments/pr-42/checkout/deployment.yaml'].replace(
        /^ {2}replicas: \d+$/m,
        '  replicas: 3',
      ),
    );
    expect(read(ctx, 'environments/pr-42/checkout/configmap.yaml')).toBe(
      files['environments/pr-42/checkout/configmap.yaml'],
    );
    expect(text).toContain('approvers: [group:default/team-payments]');
    // payments was not asked for: copied byte for byte.
    expect(read(ctx, 'environments/pr-42/payments/deployment.yaml')).toBe(
      demoRepositoryFiles()['environments/pr-42/payments/deployment.yaml'],
    );
  });

  it.each(
    [
      [{ name: '../x' }, /name: '\.\.\/x' must consist of lower case/],
      [{ name: 'Prod' }, /name: 'Prod' must consist/],
      [{ name: 'a'.repeat(64) }, /must be at most 63 characters/],
      [{ namespace: '../../etc' }, /namespace: '\.\.\/\.\.\/etc' must consist/],
      [
        { baseEnvironment: '../prod' },
        /baseEnvironment: '\.\.\/prod' must consist/,
      ],
      [{ title: 'x'.repeat(5000) }, /title: String must contain at most 200/],
      [
        { components: Array(300).fill('checkout') },
        /components: Array must contain at most 200/,
      ],
      [{ overrides: { '../etc': { replicas: 1 } } }, /overrides/],
      [
        { overrides: { checkout: { image: 'evil; rm -rf /' } } },
        /must be an image reference/,
      ],
      [
        { cluster: 'resource:default/cluster-mars' },
        /cluster: 'resource:default\/cluster-mars' is not a resource in the catalog/,
      ],
      [
        { cluster: 'resource:default/orders-db' },
        /is a Resource of type 'database', not a kubernetes-cluster/,
      ],
      [
        { owner: 'group:default/nobody' },
        /owner: 'group:default\/nobody' is not a group/,
      ],
      [
        { components: ['component:default/ghost'] },
        /components: 'component:default\/ghost' is not a component/,
      ],
      [
        { components: ['api:default/checkout-api'] },
        /name components or systems/,
      ],
      [{ name: 'dev' }, /Environment 'dev' already exists in the catalog/],
      [{ ttl: undefined }, /preview environment 'pr-43' needs an expiry/],
      [{ ttl: '90d' }, /previews live at most 30 days/],
      [{ ttl: undefined, expiresAt: '2001-01-01T00:00:00Z' }, /is in the past/],
      [{ ttl: undefined, expiresAt: 'tomorrow' }, /not an ISO 8601 timestamp/],
      [
        {
          type: 'production',
          ttl: undefined,
          approval: { requiredApprovals: 0, approvers: [] },
        },
        /production environment 'pr-43' needs at least 1 approval/,
      ],
      [{ type: 'staging' }, /only preview environments expire/],
      [
        { approval: { requiredApprovals: 2, approvers: [] } },
        /name at least one group/,
      ],
      [
        { baseEnvironment: 'qa' },
        /baseEnvironment: 'qa' is not an environment/,
      ],
      [{ repoUrl: 'github.test?owner=shipshape-demo' }, /Invalid repoUrl/],
      [
        { repoUrl: 'gitlab.test?owner=a&repo=b' },
        /No matching integration configuration for host gitlab.test/,
      ],
      [
        { targetBranch: 'main/../../x' },
        /targetBranch: must be a Git branch name/,
      ],
      [{ unexpected: true }, /Unrecognized key/],
    ].map(
      ([change, message]) =>
        [
          JSON.stringify(change).slice(0, 70),
          change as object,
          message as RegExp,
        ] as const,
    ),
  )(
    'refuses %s with a clear error and writes nothing',
    async (_label, change, message) => {
      const { action } = setup();
      const ctx = context({ ...preview, ...change });
      await expect(action.handler(ctx)).rejects.toThrow(message);
      expect(workspaceFiles(ctx)).toEqual([]);
      expect(ctx.output).not.toHaveBeenCalled();
    },
  );

  it('makes the owner the approver when none are named', async () => {
    const { action } = setup();
    const ctx = context({ ...preview, approval: { requiredApprovals: 2 } });
    await action.handler(ctx);
    expect(
      parse(read(ctx, 'environments/pr-43/environment.yaml')).spec.approval,
    ).toEqual({
      requiredApprovals: 2,
      approvers: ['group:default/team-payments'],
    });
  });

  it('writes the sync policy as an annotation the GitOps operator reads', async () => {
    const { action } = setup();
    const ctx = context({ ...preview, syncPolicy: 'automated' });
    await action.handler(ctx);
    expect(
      parse(read(ctx, 'environments/pr-43/environment.yaml')).metadata
        .annotations,
    ).toEqual({ 'gitops.shipshape.dev/sync-policy': 'automated' });

    const manual = context(preview);
    await action.handler(manual);
    expect(
      parse(read(manual, 'environments/pr-43/environment.yaml')).metadata
        .annotations,
    ).toBeUndefined();
  });

  it('refuses a name that exists in the repository but not in the catalog', async () => {
    const files = demoRepositoryFiles();
    files['environments/qa/checkout/deployment.yaml'] =
      files['environments/dev/checkout/deployment.yaml'];
    const { action } = setup({ files });
    const ctx = context({ ...preview, name: 'qa' });
    await expect(action.handler(ctx)).rejects.toThrow(
      /environments\/qa already exists on branch 'main'/,
    );
  });

  it('refuses to update an environment that does not exist', async () => {
    const { action } = setup();
    const ctx = context({ ...preview, mode: 'update' });
    await expect(action.handler(ctx)).rejects.toThrow(
      /environments\/pr-43\/environment.yaml is not on branch 'main'.*use mode 'create'/,
    );
  });

  it('enforces the configured limits', async () => {
    const { action } = setup({
      config: {
        gitops: {
          scaffolder: { limits: { maxComponents: 3, maxFileBytes: 300 } },
        },
      },
    });
    await expect(
      action.handler(
        context({ ...preview, components: ['system:default/shop'] }),
      ),
    ).rejects.toThrow(/7 components requested, the limit is 3/);
    await expect(action.handler(context(preview))).rejects.toThrow(
      /environments\/dev\/checkout\/\S+ is \d+ bytes, more than the limit of 300/,
    );
  });

  it('checks every manifest against the Kubernetes schemas', async () => {
    const files = demoRepositoryFiles();
    files['environments/dev/checkout/deployment.yaml'] = files[
      'environments/dev/checkout/deployment.yaml'
    ].replace('replicas: 1', 'replicas: three');
    files['environments/dev/payments/extra.yaml'] = [
      'apiVersion: apps/v1',
      'kind: Deploymnet',
      'metadata: { name: typo }',
      '---',
      'apiVersion: monitoring.coreos.com/v1',
      'kind: ServiceMonitor',
      'metadata: { name: custom }',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: { name: broken }',
      'data: { a: 1 }',
      '',
    ].join('\n');
    const { action } = setup({ files });
    const ctx = context(preview);
    const error = await action.handler(ctx).catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message).toContain(
      'checkout/deployment.yaml Deployment checkout: /spec/replicas must be integer',
    );
    expect(error.message).toContain(
      'payments/extra.yaml Deployment typo'.replace('Deployment', 'Deploymnet'),
    );
    expect(error.message).toContain('unknown kind Deploymnet in apps/v1');
    expect(error.message).toContain(
      'payments/extra.yaml ConfigMap broken: /data/a must be string',
    );
    // A custom resource has no published schema: not an error.
    expect(error.message).not.toContain('ServiceMonitor');
    expect(workspaceFiles(ctx)).toEqual([]);
  });

  it('reports broken YAML with its file and line', async () => {
    const files = demoRepositoryFiles();
    files['environments/dev/payments/service.yaml'] =
      'kind: Service\nmetadata:\n  name: [unclosed\n';
    const { action } = setup({ files });
    await expect(action.handler(context(preview))).rejects.toThrow(
      /payments\/service.yaml:\d+: /,
    );
  });

  it('says what failed on GitHub and when to retry', async () => {
    const { github, action } = setup();
    github.fail('GET', /^\/git\/trees\//, 502);
    await expect(action.handler(context(preview))).rejects.toThrow(
      /GitHub failed while listing environments \(HTTP 502.*retry in a few minutes/,
    );
    github.fail('GET', /^\/git\/blobs\//, 403, {
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': '1900000000',
      },
      message: 'API rate limit exceeded',
    });
    await expect(action.handler(context(preview))).rejects.toThrow(
      /rate limit is exhausted.*retry after 2030-03-17T17:46:40.000Z/,
    );
  });

  it('renders the same in a dry run, reading GitHub only', async () => {
    const { github, action } = setup();
    const ctx = context(preview, { isDryRun: true });
    await action.handler(ctx);
    expect(workspaceFiles(ctx)).toContain(
      'environments/pr-43/environment.yaml',
    );
    expect(github.writes()).toEqual([]);
  });
});
