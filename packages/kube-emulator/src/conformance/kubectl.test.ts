import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { KubeEmulator } from '../server/KubeEmulator';

// The real kubectl against the emulator, over TLS with a bearer token, through the kubeconfig the
// emulator writes: what a developer does with the demo clusters. Works with current kubectl
// (OpenAPI v3) and with Debian's kubernetes-client 1.20 (OpenAPI v2, protobuf).
// scripts/test.sh installs kubectl first (scripts/lib/ensure-kubectl.sh); without one these
// tests fail rather than skip. KUBECTL names another binary.

jest.setTimeout(60_000);

function findKubectl(): string | undefined {
  const wanted = process.env.KUBECTL ?? 'kubectl';
  if (wanted.includes('/')) return fs.existsSync(wanted) ? wanted : undefined;
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .map(dir => path.join(dir, wanted))
    .find(file => {
      try {
        fs.accessSync(file, fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const deployment = (name: string, replicas: number) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'shop' },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: {
        containers: [
          { name: 'app', image: `registry.example.com/${name}:1.0` },
        ],
      },
    },
  },
});

const configMap = (name: string, data: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'shop' },
  data,
});

describe('kubectl against the emulator', () => {
  const kubectlPath = findKubectl();
  let emulator: KubeEmulator;
  let dir: string;
  let kubeconfig: string;

  /** Runs kubectl with the emulator's kubeconfig and a home (discovery cache) of its own. */
  function kubectl(
    args: string[],
    options: { kubeconfigFile?: string } = {},
  ): Promise<Run> {
    return new Promise((resolve, reject) => {
      const child = spawn(kubectlPath!, args, {
        env: {
          PATH: process.env.PATH,
          HOME: dir,
          KUBECONFIG: options.kubeconfigFile ?? kubeconfig,
        },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', chunk => (stdout += chunk));
      child.stderr.on('data', chunk => (stderr += chunk));
      child.on('error', reject);
      child.on('close', code => resolve({ code: code ?? -1, stdout, stderr }));
    });
  }

  /** Writes a manifest file and returns its path. */
  function manifest(name: string, object: unknown): string {
    const file = path.join(dir, `${name}.yaml`);
    fs.writeFileSync(file, stringifyYaml(object));
    return file;
  }

  const stored = (kind: 'configmaps' | 'deployments', name: string) =>
    emulator.store.get(
      kind === 'configmaps' ? '/configmaps' : 'apps/deployments',
      'shop',
      name,
    );

  async function availableReplicas(name: string, replicas: number) {
    for (let i = 0; i < 100; i++) {
      if (stored('deployments', name)?.status?.availableReplicas === replicas)
        return;
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    throw new Error(`deployment ${name} never had ${replicas} available`);
  }

  beforeAll(async () => {
    if (!kubectlPath) {
      throw new Error(
        'kubectl was not found on PATH (or KUBECTL): these tests drive the real kubectl. ' +
          'Run scripts/lib/ensure-kubectl.sh (installs Debian’s kubernetes-client) or put kubectl on PATH.',
      );
    }
    emulator = await KubeEmulator.start({
      tls: true,
      tokens: ['conformance-token'],
      controllerDelayMs: 10,
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubectl-conformance-'));
    kubeconfig = path.join(dir, 'kubeconfig');
    fs.writeFileSync(kubeconfig, emulator.kubeconfig());
    await emulator.seed([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
      deployment('web', 2),
      deployment('api', 1),
    ]);
    await availableReplicas('web', 2);
  });
  afterAll(async () => {
    await emulator?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is refused with a wrong token, and when it does not trust the CA', async () => {
    const config = parseYaml(emulator.kubeconfig());
    config.users[0].user.token = 'wrong-token';
    const wrongToken = manifest('wrong-token-kubeconfig', config);
    const refused = await kubectl(['get', 'namespaces'], {
      kubeconfigFile: wrongToken,
    });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/Unauthorized|must be logged in/);

    const untrusting = parseYaml(emulator.kubeconfig());
    delete untrusting.clusters[0].cluster['certificate-authority-data'];
    const unknownCa = await kubectl(['get', 'namespaces'], {
      kubeconfigFile: manifest('untrusting-kubeconfig', untrusting),
    });
    expect(unknownCa.code).not.toBe(0);
    expect(unknownCa.stderr).toMatch(/certificate signed by unknown authority/);
  });

  it('gets a table with the server’s columns, and JSON', async () => {
    const table = await kubectl(['get', 'deployments', '-n', 'shop']);
    expect(table).toMatchObject({ code: 0, stderr: '' });
    const lines = table.stdout.trim().split('\n');
    expect(lines[0].split(/\s+/)).toEqual([
      'NAME',
      'READY',
      'UP-TO-DATE',
      'AVAILABLE',
      'AGE',
    ]);
    expect(lines.slice(1).map(l => l.split(/\s+/).slice(0, 4))).toEqual([
      ['api', '1/1', '1', '1'],
      ['web', '2/2', '2', '2'],
    ]);

    const wide = await kubectl([
      'get',
      'deployment',
      'web',
      '-n',
      'shop',
      '-o',
      'wide',
    ]);
    expect(wide.stdout).toMatch(
      /^web\s+2\/2\s+2\s+2\s+\S+\s+app\s+registry\.example\.com\/web:1\.0\s+app=web$/m,
    );

    const all = await kubectl(['get', 'deployments', '-A']);
    expect(all.stdout).toMatch(/^NAMESPACE\s+NAME\s+READY/);
    expect(all.stdout).toMatch(/^shop\s+web\s+2\/2/m);

    const json = await kubectl([
      'get',
      'deployments',
      '-n',
      'shop',
      '-o',
      'json',
    ]);
    expect(json.code).toBe(0);
    const list = JSON.parse(json.stdout);
    expect(list.kind).toBe('List');
    expect(
      list.items.map((i: any) => [i.kind, i.metadata.name, i.spec.replicas]),
    ).toEqual([
      ['Deployment', 'api', 1],
      ['Deployment', 'web', 2],
    ]);

    const missing = await kubectl(['get', 'deployment', 'nope', '-n', 'shop']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /Error from server \(NotFound\): deployments.apps "nope" not found/,
    );
  });

  it('applies server-side: creates, updates, and conflicts with another manager unless forced', async () => {
    const created = await kubectl([
      'apply',
      '--server-side',
      '-f',
      manifest('settings-1', configMap('settings', { mode: 'fast' })),
    ]);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout.trim()).toBe('configmap/settings serverside-applied');
    expect(stored('configmaps', 'settings')).toMatchObject({
      data: { mode: 'fast' },
      metadata: {
        managedFields: [{ manager: 'kubectl', operation: 'Apply' }],
      },
    });

    const updated = await kubectl([
      'apply',
      '--server-side',
      '-f',
      manifest('settings-2', configMap('settings', { mode: 'safe', x: '1' })),
    ]);
    expect(updated.code).toBe(0);
    expect(stored('configmaps', 'settings')!.data).toEqual({
      mode: 'safe',
      x: '1',
    });

    const otherManager = manifest(
      'settings-other',
      configMap('settings', { mode: 'turbo' }),
    );
    const conflict = await kubectl([
      'apply',
      '--server-side',
      '--field-manager=ops-console',
      '-f',
      otherManager,
    ]);
    expect(conflict.code).not.toBe(0);
    expect(conflict.stderr).toMatch(
      /Apply failed with 1 conflict: conflict with "kubectl": \.data\.mode/,
    );
    expect(stored('configmaps', 'settings')!.data.mode).toBe('safe');

    const forced = await kubectl([
      'apply',
      '--server-side',
      '--field-manager=ops-console',
      '--force-conflicts',
      '-f',
      otherManager,
    ]);
    expect(forced.code).toBe(0);
    const object = stored('configmaps', 'settings')!;
    expect(object.data).toEqual({ mode: 'turbo', x: '1' });
    const owners = Object.fromEntries(
      object.metadata.managedFields.map((e: any) => [e.manager, e.fieldsV1]),
    );
    expect(owners['ops-console']).toEqual({ 'f:data': { 'f:mode': {} } });
    expect(owners.kubectl).toEqual({ 'f:data': { 'f:x': {} } });
  });

  it('diffs server-side: exit 1 with the change when different, 0 when the same', async () => {
    const applied = configMap('limits', { cpu: '1', memory: '1Gi' });
    expect(
      (
        await kubectl([
          'apply',
          '--server-side',
          '-f',
          manifest('limits', applied),
        ])
      ).code,
    ).toBe(0);
    const resourceVersion = stored('configmaps', 'limits')!.metadata
      .resourceVersion;

    const same = await kubectl([
      'diff',
      '--server-side',
      '-f',
      manifest('limits-same', applied),
    ]);
    expect(same).toMatchObject({ code: 0, stdout: '' });

    const different = await kubectl([
      'diff',
      '--server-side',
      '-f',
      manifest(
        'limits-changed',
        configMap('limits', { cpu: '2', memory: '1Gi' }),
      ),
    ]);
    expect(different.code).toBe(1);
    expect(different.stdout).toMatch(/^-\s+cpu: "1"$/m);
    expect(different.stdout).toMatch(/^\+\s+cpu: "2"$/m);
    // A diff is a dry run: nothing was written.
    expect(stored('configmaps', 'limits')!.metadata.resourceVersion).toBe(
      resourceVersion,
    );
    expect(stored('configmaps', 'limits')!.data.cpu).toBe('1');
  });

  it('scales a deployment through its scale subresource', async () => {
    const scaled = await kubectl([
      'scale',
      'deployment/web',
      '-n',
      'shop',
      '--replicas=3',
    ]);
    expect(scaled).toMatchObject({ code: 0, stderr: '' });
    expect(scaled.stdout.trim()).toBe('deployment.apps/web scaled');
    const web = stored('deployments', 'web')!;
    expect(web.spec.replicas).toBe(3);
    expect(web.metadata.managedFields).toContainEqual(
      expect.objectContaining({
        operation: 'Update',
        subresource: 'scale',
        fieldsV1: { 'f:spec': { 'f:replicas': {} } },
      }),
    );
    await availableReplicas('web', 3);
    const table = await kubectl(['get', 'deployment', 'web', '-n', 'shop']);
    expect(table.stdout).toMatch(/^web\s+3\/3\s+3\s+3\s/m);
  });

  it('deletes', async () => {
    await emulator.seed([configMap('doomed', { a: '1' })]);
    const deleted = await kubectl([
      'delete',
      'configmap',
      'doomed',
      '-n',
      'shop',
    ]);
    expect(deleted).toMatchObject({ code: 0, stderr: '' });
    expect(deleted.stdout.trim()).toBe('configmap "doomed" deleted');
    expect(stored('configmaps', 'doomed')).toBeUndefined();
    const again = await kubectl([
      'delete',
      'configmap',
      'doomed',
      '-n',
      'shop',
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/configmaps "doomed" not found/);
  });

  it('watches: prints each change as a row', async () => {
    const child = spawn(
      kubectlPath!,
      ['get', 'deployment', 'api', '-n', 'shop', '--watch'],
      { env: { PATH: process.env.PATH, HOME: dir, KUBECONFIG: kubeconfig } },
    );
    let output = '';
    child.stdout.on('data', chunk => (output += chunk));
    /** Waits until the output so far matches. */
    const seen = async (pattern: RegExp) => {
      for (let i = 0; i < 400 && !pattern.test(output); i++)
        await new Promise(resolve => setTimeout(resolve, 50));
      if (!pattern.test(output))
        throw new Error(`no ${pattern} in the output:\n${output}`);
    };
    try {
      await seen(/^api\s+1\/1\s/m);
      expect(
        (
          await kubectl([
            'scale',
            'deployment/api',
            '-n',
            'shop',
            '--replicas=2',
          ])
        ).code,
      ).toBe(0);
      await seen(/^api\s+2\/2\s+2\s+2\s/m);
      // Rows only: the header once, then the same columns for every change.
      expect(output.match(/^NAME\s+READY/gm)).toHaveLength(1);
    } finally {
      child.kill();
    }
  });
});
