import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { BEHAVIOR_ANNOTATION } from '../controller/StatusController';
import { BUILT_IN_TYPES } from '../server/resourceTypes';
import { readSeedObjects } from '../seedFiles';

/** The live state of one demo cluster, ready for `KubeEmulator.seed`. */
export interface DemoCluster {
  /** The cluster Resource's name in the catalog, e.g. "cluster-dev". */
  name: string;
  /** Namespaces first, then the other objects in the repository's order, deviations applied. */
  objects: Record<string, any>[];
}

/** One deliberate difference between Git and the demo's live state. */
export interface DemoDeviation {
  environment: string;
  component: string;
  kind: string;
  name: string;
  effect: 'drift' | 'extraneous' | 'degraded';
  description: string;
  /** Changes the object Git declares (drift, degraded). */
  modify?: (object: Record<string, any>) => void;
  /** The live object Git does not declare, in the environment's namespace (extraneous). */
  create?: (namespace: string) => Record<string, any>;
}

/**
 * Where the demo's live state deliberately differs from Git. Everything else is exactly as in
 * examples/gitops-repo, so it shows as Synced (and, once the emulated controllers have written
 * status, Healthy):
 *
 * 1. staging/storefront-web: the Deployment was scaled to 3 replicas by hand (Git: 2) — drift.
 * 2. prod/checkout: `PAYMENTS_TIMEOUT` in ConfigMap checkout-config was hot-fixed to 30s (Git:
 *    10s) — drift.
 * 3. staging/checkout: a Service checkout-debug that someone exposed by hand, labelled for the
 *    component but not in Git — Extraneous.
 * 4. staging/inventory: the Deployment never becomes available (the emulator's behavior
 *    annotation `unavailable`) — Degraded. An annotation Git does not declare is not drift.
 */
export const DEMO_DEVIATIONS: DemoDeviation[] = [
  {
    environment: 'staging',
    component: 'storefront-web',
    kind: 'Deployment',
    name: 'storefront-web',
    effect: 'drift',
    description: 'scaled to 3 replicas by hand (Git: 2)',
    modify: deployment => {
      deployment.spec.replicas = 3;
    },
  },
  {
    environment: 'prod',
    component: 'checkout',
    kind: 'ConfigMap',
    name: 'checkout-config',
    effect: 'drift',
    description: 'PAYMENTS_TIMEOUT hot-fixed to 30s (Git: 10s)',
    modify: configMap => {
      configMap.data.PAYMENTS_TIMEOUT = '30s';
    },
  },
  {
    environment: 'staging',
    component: 'checkout',
    kind: 'Service',
    name: 'checkout-debug',
    effect: 'extraneous',
    description: 'a Service exposed by hand (kubectl expose), not in Git',
    create: namespace => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'checkout-debug',
        namespace,
        labels: {
          'app.kubernetes.io/name': 'checkout',
          'backstage.io/kubernetes-id': 'checkout',
          'gitops.shipshape.dev/environment': 'staging',
        },
      },
      spec: {
        selector: { 'app.kubernetes.io/name': 'checkout' },
        ports: [{ name: 'http', port: 80, targetPort: 'http' }],
      },
    }),
  },
  {
    environment: 'staging',
    component: 'inventory',
    kind: 'Deployment',
    name: 'inventory',
    effect: 'degraded',
    description: 'never becomes available (MinimumReplicasUnavailable)',
    modify: deployment => {
      deployment.metadata.annotations = {
        ...deployment.metadata.annotations,
        [BEHAVIOR_ANNOTATION]: 'unavailable',
      };
    },
  },
];

const CLUSTER_SCOPED_KINDS = new Set(
  BUILT_IN_TYPES.filter(t => !t.namespaced).map(t => t.kind),
);

interface Placement {
  cluster: string;
  namespace: string;
}

/**
 * The demo's live state, per cluster, from a GitOps repository laid out as examples/gitops-repo:
 * every `environments/<env>/<component>/` manifest in the namespace its environment.yaml names on
 * each of its clusters, the Namespaces, and the deliberate deviations of `DEMO_DEVIATIONS`.
 */
export function buildDemoLiveState(repositoryDir: string): DemoCluster[] {
  const root = path.join(repositoryDir, 'environments');
  const clusters = new Map<
    string,
    { namespaces: Map<string, string>; objects: Record<string, any>[] }
  >();
  for (const environment of subdirectories(root)) {
    const environmentDir = path.join(root, environment);
    for (const placement of placementsOf(environmentDir)) {
      if (!clusters.has(placement.cluster)) {
        clusters.set(placement.cluster, { namespaces: new Map(), objects: [] });
      }
      const cluster = clusters.get(placement.cluster)!;
      cluster.namespaces.set(placement.namespace, environment);
      for (const component of subdirectories(environmentDir)) {
        for (const object of readSeedObjects(
          path.join(environmentDir, component),
        )) {
          const placed = structuredClone(object);
          if (!CLUSTER_SCOPED_KINDS.has(placed.kind)) {
            placed.metadata = {
              ...placed.metadata,
              namespace: placement.namespace,
            };
          }
          for (const deviation of deviationsOf(environment, component)) {
            if (
              deviation.kind === placed.kind &&
              deviation.name === placed.metadata?.name
            )
              deviation.modify?.(placed);
          }
          cluster.objects.push(placed);
        }
        for (const deviation of deviationsOf(environment, component)) {
          if (deviation.create)
            cluster.objects.push(deviation.create(placement.namespace));
        }
      }
    }
  }
  return [...clusters]
    .sort(([a], [b]) => (a < b ? -1 : Number(a > b)))
    .map(([name, { namespaces, objects }]) => ({
      name,
      objects: [
        ...[...namespaces].map(([namespace, environment]) => ({
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: {
            name: namespace,
            labels: { 'gitops.shipshape.dev/environment': environment },
          },
        })),
        ...objects,
      ],
    }));
}

function deviationsOf(environment: string, component: string) {
  return DEMO_DEVIATIONS.filter(
    d => d.environment === environment && d.component === component,
  );
}

function subdirectories(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter(entry => entry.isDirectory() && !entry.name.startsWith('.'))
    .map(entry => entry.name)
    .sort();
}

/** Where environment.yaml puts the environment: `spec.clusters[]` (cluster ref and namespace). */
function placementsOf(environmentDir: string): Placement[] {
  const file = path.join(environmentDir, 'environment.yaml');
  if (!fs.existsSync(file)) return [];
  const environment = parseYaml(fs.readFileSync(file, 'utf8'), {
    maxAliasCount: 100,
  });
  const clusters: unknown[] = environment?.spec?.clusters ?? [];
  return clusters.flatMap(entry => {
    const { cluster, namespace } = (entry ?? {}) as Record<string, unknown>;
    if (typeof cluster !== 'string' || typeof namespace !== 'string') {
      throw new Error(
        `${file}: every spec.clusters entry needs a cluster and a namespace`,
      );
    }
    // "resource:default/cluster-dev" names the catalog Resource "cluster-dev".
    return [{ cluster: cluster.replace(/^.*[:/]/, ''), namespace }];
  });
}
