import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments, stringify as stringifyYaml } from 'yaml';
import { BEHAVIOR_ANNOTATION } from '../controller/StatusController';
import { KubeEmulator } from '../server/KubeEmulator';
import { buildDemoLiveState, DEMO_DEVIATIONS } from './buildDemoLiveState';

const REPOSITORY = path.resolve(__dirname, '../../../../examples/gitops-repo');

/** What Git declares: environment → component → objects, read here independently. */
function gitObjects() {
  const root = path.join(REPOSITORY, 'environments');
  const result: Array<{
    environment: string;
    component: string;
    object: Record<string, any>;
  }> = [];
  for (const environment of fs.readdirSync(root)) {
    for (const component of fs.readdirSync(path.join(root, environment))) {
      const dir = path.join(root, environment, component);
      if (!fs.statSync(dir).isDirectory()) continue;
      for (const file of fs.readdirSync(dir)) {
        const text = fs.readFileSync(path.join(dir, file), 'utf8');
        for (const doc of parseAllDocuments(text)) {
          const object = doc.toJS();
          if (object) result.push({ environment, component, object });
        }
      }
    }
  }
  return result;
}

const NAMESPACES: Record<string, { cluster: string; namespace: string }> = {
  dev: { cluster: 'cluster-dev', namespace: 'shop-dev' },
  'pr-42': { cluster: 'cluster-dev', namespace: 'shop-pr-42' },
  staging: { cluster: 'cluster-eu-west', namespace: 'shop-staging' },
  prod: { cluster: 'cluster-eu-west', namespace: 'shop-prod' },
};

const keyOf = (o: Record<string, any>) =>
  `${o.apiVersion} ${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`;

describe('buildDemoLiveState', () => {
  const clusters = buildDemoLiveState(REPOSITORY);
  const byCluster = Object.fromEntries(
    clusters.map(c => [c.name, new Map(c.objects.map(o => [keyOf(o), o]))]),
  );
  const live = (environment: string, kind: string, name: string) => {
    const { cluster, namespace } = NAMESPACES[environment];
    return [...byCluster[cluster].values()].find(
      o =>
        o.kind === kind &&
        o.metadata.name === name &&
        o.metadata.namespace === namespace,
    );
  };

  it('groups the environments by the cluster their environment.yaml names, with their Namespaces', () => {
    expect(clusters.map(c => c.name)).toEqual([
      'cluster-dev',
      'cluster-eu-west',
    ]);
    const namespaces = (name: string) =>
      clusters
        .find(c => c.name === name)!
        .objects.filter(o => o.kind === 'Namespace')
        .map(o => [o.metadata.name, o.metadata.labels]);
    expect(namespaces('cluster-dev')).toEqual([
      ['shop-dev', { 'gitops.shipshape.dev/environment': 'dev' }],
      ['shop-pr-42', { 'gitops.shipshape.dev/environment': 'pr-42' }],
    ]);
    expect(namespaces('cluster-eu-west')).toEqual([
      ['shop-prod', { 'gitops.shipshape.dev/environment': 'prod' }],
      ['shop-staging', { 'gitops.shipshape.dev/environment': 'staging' }],
    ]);
    // Namespaces come first, so seeding creates them before their objects.
    for (const cluster of clusters) {
      const kinds = cluster.objects.map(o => o.kind);
      expect(kinds.lastIndexOf('Namespace')).toBeLessThan(
        kinds.findIndex(k => k !== 'Namespace'),
      );
    }
  });

  it('holds every manifest of Git, exactly as Git has it but for the listed deviations', () => {
    const modified = new Set(
      DEMO_DEVIATIONS.filter(d => d.modify).map(
        d => `${d.environment} ${d.kind} ${d.name}`,
      ),
    );
    const git = gitObjects();
    expect(git.length).toBeGreaterThan(50);
    const differing: string[] = [];
    for (const { environment, object } of git) {
      const found = live(environment, object.kind, object.metadata.name);
      expect(found?.metadata.namespace).toBe(NAMESPACES[environment].namespace);
      if (JSON.stringify(found) !== JSON.stringify(object))
        differing.push(`${environment} ${object.kind} ${object.metadata.name}`);
    }
    expect(differing.sort()).toEqual([...modified].sort());
    // Git's objects, the Namespaces and the extraneous objects: nothing else.
    const total = clusters.reduce((n, c) => n + c.objects.length, 0);
    const extraneous = DEMO_DEVIATIONS.filter(d => d.create).length;
    expect(total).toBe(git.length + 4 + extraneous);
    expect(
      clusters.flatMap(c => c.objects).filter(o => o.kind === 'Environment'),
    ).toEqual([]);
  });

  it('applies the documented drifts', () => {
    const git = gitObjects();
    const inGit = (environment: string, kind: string, name: string) =>
      git.find(
        g =>
          g.environment === environment &&
          g.object.kind === kind &&
          g.object.metadata.name === name,
      )!.object;

    expect(
      inGit('staging', 'Deployment', 'storefront-web').spec.replicas,
    ).not.toBe(3);
    expect(live('staging', 'Deployment', 'storefront-web')!.spec.replicas).toBe(
      3,
    );

    expect(
      inGit('prod', 'ConfigMap', 'checkout-config').data.PAYMENTS_TIMEOUT,
    ).not.toBe('30s');
    expect(live('prod', 'ConfigMap', 'checkout-config')!.data).toEqual({
      ...inGit('prod', 'ConfigMap', 'checkout-config').data,
      PAYMENTS_TIMEOUT: '30s',
    });

    const degraded = live('staging', 'Deployment', 'inventory')!;
    expect(degraded.metadata.annotations[BEHAVIOR_ANNOTATION]).toBe(
      'unavailable',
    );
    const { annotations: _a, ...metadata } = degraded.metadata;
    expect({ ...degraded, metadata }).toEqual(
      inGit('staging', 'Deployment', 'inventory'),
    );
  });

  it('adds one object labelled for a component that Git does not declare', () => {
    const extra = live('staging', 'Service', 'checkout-debug')!;
    expect(extra.metadata.labels['backstage.io/kubernetes-id']).toBe(
      'checkout',
    );
    expect(
      gitObjects().some(g => g.object.metadata.name === 'checkout-debug'),
    ).toBe(false);
    expect(live('prod', 'Service', 'checkout-debug')).toBeUndefined();
  });

  it('seeds an emulator whose controllers leave only the degraded deployment unavailable', async () => {
    const emulator = await KubeEmulator.start({ controllerDelayMs: 1 });
    try {
      const euWest = clusters.find(c => c.name === 'cluster-eu-west')!;
      await emulator.seed(euWest.objects);
      const deployments = () =>
        ['shop-staging', 'shop-prod'].flatMap(ns =>
          emulator.store.list('apps/deployments', ns),
        );
      for (let i = 0; i < 200; i++) {
        if (deployments().every(d => d.status?.conditions)) break;
        await new Promise(resolve => setTimeout(resolve, 10));
      }
      const available = Object.fromEntries(
        deployments().map(d => [
          `${d.metadata.namespace}/${d.metadata.name}`,
          d.status.conditions.find((c: any) => c.type === 'Available').status,
        ]),
      );
      expect(Object.keys(available)).toHaveLength(14);
      expect(
        Object.entries(available).filter(([, status]) => status !== 'True'),
      ).toEqual([['shop-staging/inventory', 'False']]);
    } finally {
      await emulator.stop();
    }
  });

  describe('with another repository', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-live-state-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const write = (file: string, ...documents: unknown[]) => {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(
        path.join(dir, file),
        documents.map(d => stringifyYaml(d)).join('---\n'),
      );
    };

    it('moves objects into the environment’s namespace on each of its clusters, and skips folders without environment.yaml', () => {
      write('environments/qa/environment.yaml', {
        apiVersion: 'gitops.shipshape.dev/v1alpha1',
        kind: 'Environment',
        metadata: { name: 'qa' },
        spec: {
          clusters: [
            { cluster: 'resource:default/cluster-a', namespace: 'qa-a' },
            { cluster: 'cluster-b', namespace: 'qa-b' },
          ],
        },
      });
      write(
        'environments/qa/web/all.yaml',
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'web', namespace: 'elsewhere' },
          data: { a: '1' },
        },
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRole',
          metadata: { name: 'web-reader' },
        },
      );
      write('environments/notes/web/config.yaml', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'stray' },
      });

      const result = buildDemoLiveState(dir);
      expect(result.map(c => c.name)).toEqual(['cluster-a', 'cluster-b']);
      expect(
        result.map(c =>
          c.objects.map(o => [o.kind, o.metadata.name, o.metadata.namespace]),
        ),
      ).toEqual([
        [
          ['Namespace', 'qa-a', undefined],
          ['ConfigMap', 'web', 'qa-a'],
          ['ClusterRole', 'web-reader', undefined],
        ],
        [
          ['Namespace', 'qa-b', undefined],
          ['ConfigMap', 'web', 'qa-b'],
          ['ClusterRole', 'web-reader', undefined],
        ],
      ]);
    });

    it('names the file of an environment whose clusters are malformed', () => {
      write('environments/qa/environment.yaml', {
        spec: { clusters: [{ cluster: 'cluster-a' }] },
      });
      expect(() => buildDemoLiveState(dir)).toThrow(
        /environment\.yaml: every spec\.clusters entry needs a cluster and a namespace/,
      );
    });
  });
});
