import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KubeEmulator } from '../server/KubeEmulator';
import { DemoSyncAgent, SYNC_POLICY_ANNOTATION } from './DemoSyncAgent';

function environmentYaml(
  name: string,
  automated: boolean,
  cluster = 'resource:default/cluster-dev',
) {
  return `apiVersion: gitops.shipshape.dev/v1alpha1
kind: Environment
metadata:
  name: ${name}
${
  automated ? `  annotations:\n    ${SYNC_POLICY_ANNOTATION}: automated\n` : ''
}spec:
  type: preview
  owner: group:default/team-payments
  clusters:
    - cluster: ${cluster}
      namespace: shop-${name}
`;
}

const configMap = (name: string, value: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  labels:
    backstage.io/kubernetes-id: checkout
data:
  VALUE: '${value}'
`;

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
  labels:
    backstage.io/kubernetes-id: checkout
spec:
  replicas: 1
  selector:
    matchLabels: { app: checkout }
  template:
    metadata:
      labels: { app: checkout }
    spec:
      containers:
        - name: checkout
          image: registry.example.com/checkout:1.0.0
`;

describe('DemoSyncAgent', () => {
  let emulator: KubeEmulator;
  let repo: string;

  function commit(files: Record<string, string | undefined>) {
    for (const [file, content] of Object.entries(files)) {
      const target = path.join(repo, file);
      if (content === undefined) fs.rmSync(target, { force: true });
      else {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, content);
      }
    }
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', repo, ...args], {
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 't',
          GIT_AUTHOR_EMAIL: 't@example.com',
          GIT_COMMITTER_NAME: 't',
          GIT_COMMITTER_EMAIL: 't@example.com',
        },
      });
    git('add', '-A');
    git('commit', '-q', '-m', 'change');
  }

  async function get(p: string) {
    const response = await fetch(`${emulator.url}${p}`, {
      headers: { authorization: 'Bearer t0ken' },
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  beforeEach(async () => {
    emulator = await KubeEmulator.start({ tokens: ['t0ken'] });
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-sync-'));
    execFileSync('git', ['-C', repo, 'init', '-q', '-b', 'main']);
  });

  afterEach(async () => {
    await emulator.stop();
    fs.rmSync(repo, { recursive: true, force: true });
  });

  const agentFor = (cluster = 'cluster-dev') =>
    DemoSyncAgent.create({
      repository: repo,
      branch: 'main',
      cluster,
      server: { url: emulator.url, token: 't0ken' },
      log: () => {},
    });

  it('applies an automated environment with server-side apply, namespace first', async () => {
    commit({
      'environments/preview-a/environment.yaml': environmentYaml(
        'preview-a',
        true,
      ),
      'environments/preview-a/checkout/deployment.yaml': deployment,
      'environments/preview-a/checkout/configmap.yaml': configMap(
        'checkout-config',
        '1',
      ),
    });
    const results = await agentFor().syncOnce();

    expect(results).toEqual([
      {
        environment: 'preview-a',
        namespace: 'shop-preview-a',
        applied: ['ConfigMap/checkout-config', 'Deployment/checkout'],
        errors: [],
      },
    ]);
    expect((await get('/api/v1/namespaces/shop-preview-a')).status).toBe(200);
    const live = await get(
      '/apis/apps/v1/namespaces/shop-preview-a/deployments/checkout',
    );
    expect(live.status).toBe(200);
    expect(live.body.metadata.managedFields[0].manager).toBe(
      'shipshape-demo-sync',
    );
  });

  it('leaves environments without automated sync, and other clusters, alone', async () => {
    commit({
      'environments/staging/environment.yaml': environmentYaml(
        'staging',
        false,
      ),
      'environments/staging/checkout/configmap.yaml': configMap(
        'checkout-config',
        '1',
      ),
      'environments/elsewhere/environment.yaml': environmentYaml(
        'elsewhere',
        true,
        'resource:default/cluster-eu-west',
      ),
      'environments/elsewhere/checkout/configmap.yaml': configMap(
        'checkout-config',
        '1',
      ),
    });
    expect(await agentFor().syncOnce()).toEqual([]);
    expect((await get('/api/v1/namespaces/shop-staging')).status).toBe(404);
    expect((await get('/api/v1/namespaces/shop-elsewhere')).status).toBe(404);
  });

  it('applies again only when the environment changes, without self-heal in between', async () => {
    commit({
      'environments/preview-b/environment.yaml': environmentYaml(
        'preview-b',
        true,
      ),
      'environments/preview-b/checkout/configmap.yaml': configMap(
        'checkout-config',
        '1',
      ),
    });
    const agent = agentFor();
    await agent.syncOnce();
    // Someone changes the live object: not reverted by the next poll of an unchanged branch.
    await fetch(
      `${emulator.url}/api/v1/namespaces/shop-preview-b/configmaps/checkout-config`,
      {
        method: 'PATCH',
        headers: {
          authorization: 'Bearer t0ken',
          'content-type': 'application/merge-patch+json',
        },
        body: JSON.stringify({ data: { VALUE: 'by hand' } }),
      },
    );
    expect(await agent.syncOnce()).toEqual([]);
    commit({ 'README.md': 'unrelated' });
    expect(await agent.syncOnce()).toEqual([]);
    expect(
      (
        await get(
          '/api/v1/namespaces/shop-preview-b/configmaps/checkout-config',
        )
      ).body.data.VALUE,
    ).toBe('by hand');

    commit({
      'environments/preview-b/checkout/configmap.yaml': configMap(
        'checkout-config',
        '2',
      ),
    });
    const results = await agent.syncOnce();
    expect(results.map(r => r.applied)).toEqual([
      ['ConfigMap/checkout-config'],
    ]);
    expect(
      (
        await get(
          '/api/v1/namespaces/shop-preview-b/configmaps/checkout-config',
        )
      ).body.data.VALUE,
    ).toBe('2');
  });

  it('reports objects the cluster refuses and applies the rest', async () => {
    commit({
      'environments/preview-c/environment.yaml': environmentYaml(
        'preview-c',
        true,
      ),
      'environments/preview-c/checkout/configmap.yaml': configMap(
        'checkout-config',
        '1',
      ),
      'environments/preview-c/checkout/widget.yaml':
        'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n',
    });
    const [result] = await agentFor().syncOnce();
    expect(result.applied).toEqual(['ConfigMap/checkout-config']);
    expect(result.errors).toEqual([
      expect.stringMatching(/^Widget\/w: example\.com\/v1 is not served/),
    ]);
  });

  it('applies a new revision only after the configured delay', async () => {
    commit({
      'environments/preview-d/environment.yaml': environmentYaml(
        'preview-d',
        true,
      ),
      'environments/preview-d/checkout/configmap.yaml': configMap(
        'checkout-config',
        '1',
      ),
    });
    const agent = DemoSyncAgent.create({
      repository: repo,
      branch: 'main',
      cluster: 'cluster-dev',
      server: { url: emulator.url, token: 't0ken' },
      delayMs: 300,
      log: () => {},
    });
    expect(await agent.syncOnce()).toEqual([]);
    expect((await get('/api/v1/namespaces/shop-preview-d')).status).toBe(404);
    await new Promise(resolve => setTimeout(resolve, 350));
    expect((await agent.syncOnce()).map(r => r.environment)).toEqual([
      'preview-d',
    ]);
    expect((await get('/api/v1/namespaces/shop-preview-d')).status).toBe(200);
  });

  it('prunes what Git drops: a removed object, then the whole environment', async () => {
    commit({
      'environments/preview-e/environment.yaml': environmentYaml(
        'preview-e',
        true,
      ),
      'environments/preview-e/checkout/configmap.yaml': configMap(
        'checkout-config',
        '1',
      ),
      'environments/preview-e/checkout/deployment.yaml': deployment,
    });
    const agent = agentFor();
    await agent.syncOnce();

    commit({ 'environments/preview-e/checkout/configmap.yaml': undefined });
    const [changed] = await agent.syncOnce();
    expect(changed.applied).toEqual(['Deployment/checkout']);
    expect(changed.pruned).toEqual(['ConfigMap/checkout-config']);
    expect(
      (
        await get(
          '/api/v1/namespaces/shop-preview-e/configmaps/checkout-config',
        )
      ).status,
    ).toBe(404);

    commit({
      'environments/preview-e/environment.yaml': undefined,
      'environments/preview-e/checkout/deployment.yaml': undefined,
    });
    expect(await agent.syncOnce()).toEqual([
      {
        environment: 'preview-e',
        namespace: 'shop-preview-e',
        applied: [],
        errors: [],
        pruned: ['Deployment/checkout'],
      },
    ]);
    expect(
      (
        await get(
          '/apis/apps/v1/namespaces/shop-preview-e/deployments/checkout',
        )
      ).status,
    ).toBe(404);
  });

  it('does nothing while the branch does not exist', async () => {
    expect(await agentFor().syncOnce()).toEqual([]);
  });
});
