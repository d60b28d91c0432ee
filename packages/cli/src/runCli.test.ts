import { SHIPSHAPE_REPORT_SCHEMA } from '@shipshape/plugin-gitops-common';
import Ajv2020 from 'ajv/dist/2020';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './runCli';

const validate = new Ajv2020({ strict: true }).compile(SHIPSHAPE_REPORT_SCHEMA);

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: text => {
      stdout += text;
    },
    stderr: text => {
      stderr += text;
    },
    color: false,
  });
  return { code, stdout, stderr };
}

async function runJson(...args: string[]) {
  const result = await run(...args, '--format', 'json');
  const report = JSON.parse(result.stdout);
  expect(validate(report) ? [] : validate.errors).toEqual([]);
  return { ...result, report };
}

const deployment = (image: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: ${image}
${extra}`;

const liveStatus = `status:
  observedGeneration: 1
  replicas: 2
  updatedReplicas: 2
  readyReplicas: 2
  availableReplicas: 2
  conditions:
    - {type: Available, status: "True", reason: MinimumReplicasAvailable}
    - {type: Progressing, status: "True", reason: NewReplicaSetAvailable}
`;

describe('shipshape', () => {
  let dir: string;
  const write = (name: string, content: string) => {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-cli-'));
    write('git/web.yaml', deployment('web:1.0'));
    write(
      'git/secret.yaml',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: creds, namespace: shop}\nstringData: {token: git-secret-value}\n',
    );
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const liveList = (webImage: string, token: string, extra: object[] = []) =>
    write(
      'live.json',
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: {
              name: 'web',
              namespace: 'shop',
              generation: 1,
              uid: 'u',
            },
            spec: {
              replicas: 2,
              selector: { matchLabels: { app: 'web' } },
              template: {
                metadata: { labels: { app: 'web' } },
                spec: {
                  containers: [
                    {
                      name: 'web',
                      image: webImage,
                      imagePullPolicy: 'IfNotPresent',
                    },
                  ],
                },
              },
            },
            status: {
              observedGeneration: 1,
              replicas: 2,
              updatedReplicas: 2,
              readyReplicas: 2,
              availableReplicas: 2,
            },
          },
          {
            apiVersion: 'v1',
            kind: 'Secret',
            metadata: { name: 'creds', namespace: 'shop' },
            data: { token: Buffer.from(token).toString('base64') },
          },
          ...extra,
        ],
      }),
    );

  it('exits 0 and says Synced when everything matches', async () => {
    const { code, report } = await runJson(
      'diff',
      '--desired',
      path.join(dir, 'git'),
      '--live',
      liveList('web:1.0', 'git-secret-value'),
    );
    expect(code).toBe(0);
    expect(report.summary).toEqual({ sync: 'Synced', health: 'Healthy' });
    expect(report.resources.map((r: any) => [r.kind, r.sync])).toEqual([
      ['Secret', 'Synced'],
      ['Deployment', 'Synced'],
    ]);
  });

  it('exits 1 on drift, lists the changes, reports extraneous objects, and never shows Secret values', async () => {
    const stray = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'stray', namespace: 'shop' },
    };
    const { code, report, stdout } = await runJson(
      'diff',
      '--desired',
      path.join(dir, 'git'),
      '--live',
      liveList('web:2.0', 'live-secret-value', [stray]),
    );
    expect(code).toBe(1);
    const byName = Object.fromEntries(
      report.resources.map((r: any) => [`${r.kind}/${r.name}`, r]),
    );
    expect(byName['Deployment/web'].changes).toEqual([
      {
        path: '/spec/template/spec/containers/0/image',
        desired: 'web:1.0',
        live: 'web:2.0',
      },
    ]);
    expect(byName['Secret/creds'].changes).toEqual([
      { path: '/data/token', desired: '(hidden)', live: '(hidden)' },
    ]);
    expect(byName['ConfigMap/stray'].sync).toBe('Extraneous');
    expect(report.summary.sync).toBe('OutOfSync');
    for (const secret of ['git-secret-value', 'live-secret-value']) {
      expect(stdout).not.toContain(secret);
      expect(stdout).not.toContain(Buffer.from(secret).toString('base64'));
    }
  });

  it('ignores JSON pointers given with --ignore', async () => {
    const { code } = await runJson(
      'diff',
      '--desired',
      path.join(dir, 'git'),
      '--live',
      liveList('web:2.0', 'git-secret-value'),
      '--ignore',
      '/spec/template/spec/containers/0/image',
    );
    expect(code).toBe(0);
  });

  it('exits 2 on input errors and still reports the valid inputs', async () => {
    write('git/broken.yaml', 'kind: [unclosed\n');
    const { code, report } = await runJson(
      'diff',
      '--desired',
      path.join(dir, 'git'),
      '--live',
      liveList('web:1.0', 'git-secret-value'),
    );
    expect(code).toBe(2);
    expect(report.errors).toEqual([
      {
        file: path.join(dir, 'git/broken.yaml'),
        message: expect.stringMatching(/^line \d+: /),
      },
    ]);
    expect(report.resources).toHaveLength(2);
  });

  it('prints a table and a unified diff as text', async () => {
    const { code, stdout } = await run(
      'diff',
      '--desired',
      path.join(dir, 'git'),
      '--live',
      liveList('web:2.0', 'git-secret-value'),
    );
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /^KIND\s+NAMESPACE\s+NAME\s+SYNC\s+HEALTH\s+MESSAGE$/m,
    );
    expect(stdout).toMatch(/^Deployment\s+shop\s+web\s+OutOfSync\s+Healthy/m);
    expect(stdout).toMatch(/^-\s+image: web:1\.0$/m);
    expect(stdout).toMatch(/^\+\s+image: web:2\.0$/m);
    expect(stdout).toMatch(
      /^sync OutOfSync, health Healthy \(2 resource\(s\)\)$/m,
    );
  });

  it('reports health with `health`, without sync or changes', async () => {
    const live = write(
      'live.yaml',
      `${deployment('web:1.0')}${liveStatus}---\n${deployment(
        'web:1.0',
      ).replace(
        'name: web\n',
        'name: stuck\n',
      )}status:\n  observedGeneration: 1\n  replicas: 2\n  updatedReplicas: 1\n  availableReplicas: 1\n`,
    );
    const { code, report } = await runJson('health', '--live', live);
    expect(code).toBe(1);
    expect(
      report.resources.map((r: any) => [
        r.name,
        r.health.status,
        'sync' in r,
        'changes' in r,
      ]),
    ).toEqual([
      ['web', 'Healthy', false, false],
      ['stuck', 'Progressing', false, false],
    ]);
    expect(report.summary).toEqual({ health: 'Progressing' });
  });

  it('renders kustomize overlays with --kustomize', async () => {
    fs.mkdirSync(path.join(dir, 'overlay'));
    write('overlay/kustomization.yaml', 'resources: [../git]\n');
    // A stand-in for kustomize: prints the web Deployment, as `kustomize build` would.
    const binary = write(
      'kustomize',
      `#!/bin/sh\ncat <<'YAML'\n${deployment('web:1.0')}YAML\n`,
    );
    fs.chmodSync(binary, 0o755);
    const live = liveList('web:1.0', 'unused');
    const without = await runJson(
      'diff',
      '--desired',
      path.join(dir, 'overlay'),
      '--live',
      live,
    );
    expect(without.code).toBe(2);
    expect(without.report.errors[0].message).toMatch(
      /no kustomize renderer is configured/,
    );
    const withIt = await runJson(
      'diff',
      '--desired',
      path.join(dir, 'overlay'),
      '--live',
      live,
      '--kustomize',
      binary,
    );
    expect(withIt.report.errors).toEqual([]);
    expect(
      withIt.report.resources.find((r: any) => r.kind === 'Deployment').sync,
    ).toBe('Synced');
  });

  it.each([
    [['bogus'], /unknown command 'bogus'/],
    [['diff', '--live', 'x'], /--desired is required/],
    [['health'], /--live is required/],
    [
      ['health', '--live', 'x', '--format', 'xml'],
      /--format must be json or text/,
    ],
    [
      ['diff', '--desired', 'a', '--live', 'b', '--ignore', 'spec.replicas'],
      /JSON pointers/,
    ],
    [['health', '--nope'], /Unknown option '--nope'/],
  ])('rejects %j with usage and exit 2', async (args, message) => {
    const { code, stderr } = await run(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Usage:');
  });
});
