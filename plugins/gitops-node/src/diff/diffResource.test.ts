import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { KubernetesObject } from '../health';
import { diffResource, DiffOptions } from './diffResource';

const load = (name: string): KubernetesObject =>
  parse(fs.readFileSync(path.join(__dirname, 'testdata', name), 'utf8'));

type Pair = { desired: any; live: any };
type Case = {
  name: string;
  fixture: 'deployment' | 'service' | 'secret';
  change?: (pair: Pair) => void;
  options?: DiffOptions;
  sync: string;
  paths: string[];
};

const container = (object: any, name: string) =>
  object.spec.template.spec.containers.find((c: any) => c.name === name);
const setLastApplied = (live: any, applied: any) => {
  live.metadata.annotations[
    'kubectl.kubernetes.io/last-applied-configuration'
  ] = JSON.stringify(applied);
};

const cases: Case[] = [
  {
    // Defaults, managedFields, status, revision annotation, reordered containers and env,
    // `0.25` vs `250m`, `1024Mi` vs `1Gi`, cpu 1 vs "1", creationTimestamp: null: all no drift.
    name: 'a live object with every server default is in sync',
    fixture: 'deployment',
    sync: 'Synced',
    paths: [],
  },
  {
    name: 'a declared field that differs is drift',
    fixture: 'deployment',
    change: ({ live }) => {
      live.spec.replicas = 5;
    },
    sync: 'OutOfSync',
    paths: ['/spec/replicas'],
  },
  {
    name: 'a changed image in a container matched by name is drift at its desired index',
    fixture: 'deployment',
    change: ({ live }) => {
      container(live, 'proxy').image = 'envoyproxy/envoy:v1.32.0';
    },
    sync: 'OutOfSync',
    paths: ['/spec/template/spec/containers/1/image'],
  },
  {
    name: 'a quantity with a different value is drift',
    fixture: 'deployment',
    change: ({ live }) => {
      container(live, 'checkout').resources.requests.cpu = '100m';
    },
    sync: 'OutOfSync',
    paths: ['/spec/template/spec/containers/0/resources/requests/cpu'],
  },
  {
    name: 'a declared env var missing live is drift',
    fixture: 'deployment',
    change: ({ live }) => {
      container(live, 'checkout').env = container(live, 'checkout').env.filter(
        (e: any) => e.name !== 'LOG_LEVEL',
      );
    },
    sync: 'OutOfSync',
    paths: ['/spec/template/spec/containers/0/env/0'],
  },
  {
    name: 'an atomic list (args) that differs is drift as a whole',
    fixture: 'deployment',
    change: ({ live }) => {
      container(live, 'proxy').args.push('--log-level', 'debug');
    },
    sync: 'OutOfSync',
    paths: ['/spec/template/spec/containers/1/args'],
  },
  {
    name: 'a live-only field never applied (e.g. added by a webhook) is not drift',
    fixture: 'deployment',
    change: ({ live }) => {
      live.spec.template.metadata.annotations = {
        'sidecar.istio.io/status': '{}',
      };
      container(live, 'checkout').env.push({ name: 'INJECTED', value: 'x' });
    },
    sync: 'Synced',
    paths: [],
  },
  {
    name: 'a field removed from Git but applied before is drift (three-way)',
    fixture: 'deployment',
    change: ({ desired, live }) => {
      const applied = structuredClone(desired);
      applied.metadata.annotations = { team: 'payments' };
      setLastApplied(live, applied);
      live.metadata.annotations.team = 'payments';
    },
    sync: 'OutOfSync',
    paths: ['/metadata/annotations/team'],
  },
  {
    name: 'an env var removed from Git but applied before is drift (three-way, by merge key)',
    fixture: 'deployment',
    change: ({ desired, live }) => {
      const applied = structuredClone(desired);
      container(applied, 'checkout').env.push({
        name: 'OLD_FLAG',
        value: 'on',
      });
      setLastApplied(live, applied);
      container(live, 'checkout').env.push({ name: 'OLD_FLAG', value: 'on' });
    },
    sync: 'OutOfSync',
    paths: ['/spec/template/spec/containers/0/env/2'],
  },
  {
    name: 'without last-applied, a live-only annotation is not drift',
    fixture: 'deployment',
    change: ({ live }) => {
      delete live.metadata.annotations[
        'kubectl.kubernetes.io/last-applied-configuration'
      ];
      live.metadata.annotations.team = 'payments';
    },
    sync: 'Synced',
    paths: [],
  },
  {
    name: 'an ignored JSON pointer is not drift',
    fixture: 'deployment',
    change: ({ live }) => {
      live.spec.replicas = 7;
    },
    options: { ignore: { pointers: ['/spec/replicas'] } },
    sync: 'Synced',
    paths: [],
  },
  {
    name: 'fields owned by an ignored manager (the HPA owns replicas) are not drift',
    fixture: 'deployment',
    change: ({ live }) => {
      live.spec.replicas = 7;
    },
    options: { ignore: { managers: ['kube-controller-manager'] } },
    sync: 'Synced',
    paths: [],
  },
  {
    name: 'ignoring a manager leaves the other fields compared',
    fixture: 'deployment',
    change: ({ live }) => {
      live.spec.replicas = 7;
      container(live, 'checkout').image =
        'registry.example.com/shop/checkout:9.9.9';
    },
    options: { ignore: { managers: ['kube-controller-manager'] } },
    sync: 'OutOfSync',
    paths: ['/spec/template/spec/containers/0/image'],
  },
  {
    name: 'a Service with defaulted protocol, clusterIP and policies is in sync',
    fixture: 'service',
    sync: 'Synced',
    paths: [],
  },
  {
    name: 'a targetPort of another type is drift (IntOrString keeps its type)',
    fixture: 'service',
    change: ({ live }) => {
      live.spec.ports[0].targetPort = 8080;
    },
    sync: 'OutOfSync',
    paths: ['/spec/ports/0/targetPort'],
  },
  {
    name: 'a Secret declared with stringData matches its base64 data',
    fixture: 'secret',
    sync: 'Synced',
    paths: [],
  },
  {
    name: 'empty and absent maps are the same',
    fixture: 'service',
    change: ({ desired, live }) => {
      desired.metadata.labels = {};
      desired.spec.externalIPs = [];
      delete live.metadata.labels;
    },
    sync: 'Synced',
    paths: [],
  },
  {
    name: 'the namespace is defaulted for namespaced kinds',
    fixture: 'service',
    change: ({ desired, live }) => {
      delete desired.metadata.namespace;
      live.metadata.namespace = 'team-a';
    },
    options: { defaultNamespace: 'team-a' },
    sync: 'Synced',
    paths: [],
  },
];

describe('diffResource', () => {
  it.each(cases.map(c => [c.name, c] as const))('%s', (_name, c) => {
    const pair: Pair = {
      desired: load(`${c.fixture}.desired.yaml`),
      live: load(`${c.fixture}.live.yaml`),
    };
    c.change?.(pair);
    const result = diffResource(pair.desired, pair.live, c.options);
    expect(result.changes.map(change => change.path)).toEqual(c.paths);
    expect(result.sync).toBe(c.sync);
    expect(result.diff === '').toBe(c.sync === 'Synced');
  });

  it('shows a change of type the diff engine reports (IntOrString) in the unified diff', () => {
    const desired: any = load('service.desired.yaml');
    desired.spec.ports[0].targetPort = '8080';
    const live: any = load('service.live.yaml');
    live.spec.ports[0].targetPort = 8080;
    const { changes, diff } = diffResource(desired, live);
    expect(changes.map(c => c.path)).toEqual(['/spec/ports/0/targetPort']);
    expect(diff).toMatch(/^-\s+targetPort: "8080"$/m);
    expect(diff).toMatch(/^\+\s+targetPort: 8080$/m);
  });

  it('reports a missing and an extraneous resource', () => {
    const desired = load('service.desired.yaml');
    expect(diffResource(desired, undefined).sync).toBe('Missing');
    expect(diffResource(undefined, load('service.live.yaml')).sync).toBe(
      'Extraneous',
    );
  });

  it('ignores the namespace of cluster-scoped kinds', () => {
    const desired: KubernetesObject = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'reader', namespace: 'kube-system' },
      rules: [],
    };
    const live = {
      ...desired,
      metadata: { name: 'reader', uid: 'u', resourceVersion: '1' },
      rules: null,
    } as unknown as KubernetesObject;
    const result = diffResource(desired, live);
    expect(result.identity).toEqual({
      group: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      namespace: undefined,
      name: 'reader',
    });
    expect(result.sync).toBe('Synced');
  });

  it('shows a readable unified diff of only the drifted fields', () => {
    const live: any = load('deployment.live.yaml');
    live.spec.replicas = 5;
    const { diff } = diffResource(load('deployment.desired.yaml'), live);
    // It starts with the file names, like `git diff` of one file.
    expect(diff).toMatch(
      /^--- desired\/apps\/Deployment\/default\/checkout\s*\n/,
    );
    expect(diff).toContain('+++ live/apps/Deployment/default/checkout');
    expect(diff).toMatch(/^- {2}replicas: 2$/m);
    expect(diff).toMatch(/^\+ {2}replicas: 5$/m);
    // Server defaults are not shown as differences.
    expect(diff).not.toMatch(
      /^[-+].*(imagePullPolicy|terminationMessagePath|250m)/m,
    );
  });

  describe('Secrets', () => {
    const changedSecret = () => {
      const live: any = load('secret.live.yaml');
      live.data.DATABASE_PASSWORD =
        Buffer.from('s3cr3t-live-value').toString('base64');
      return live;
    };

    it('says which key changed, never its value', () => {
      const result = diffResource(load('secret.desired.yaml'), changedSecret());
      expect(result.sync).toBe('OutOfSync');
      expect(result.changes).toEqual([
        {
          path: '/data/DATABASE_PASSWORD',
          desired: '(hidden)',
          live: '(hidden)',
        },
      ]);
      const everything = JSON.stringify(result);
      for (const secret of [
        'change-me-placeholder',
        Buffer.from('change-me-placeholder').toString('base64'),
        's3cr3t-live-value',
        Buffer.from('s3cr3t-live-value').toString('base64'),
        'LS0tLS1CRUdJTg==',
      ]) {
        expect(everything).not.toContain(secret);
      }
      expect(result.diff).toMatch(
        /^-\s+DATABASE_PASSWORD: \(hidden, differs from live\)$/m,
      );
      expect(result.diff).toMatch(
        /^\+\s+DATABASE_PASSWORD: \(hidden, differs from desired\)$/m,
      );
    });

    it('hides the values of a missing or extraneous Secret too', () => {
      for (const result of [
        diffResource(load('secret.desired.yaml'), undefined),
        diffResource(undefined, changedSecret()),
      ]) {
        expect(result.diff).toContain('DATABASE_PASSWORD: (hidden)');
        expect(result.diff).not.toMatch(
          /Y2hhbmdl|czNjcjN0|change-me|s3cr3t|LS0t/,
        );
      }
    });
  });
});
