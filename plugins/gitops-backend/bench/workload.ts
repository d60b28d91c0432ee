/*
 * The generated workload shared by the benchmark and its emulator process: environments placed
 * on clusters, components of 20 objects each (desired manifests for Git, and the same objects as
 * live state with a status that makes them Healthy), and the ConfigMap edits of the event phases.
 */
import { stringify } from 'yaml';

export type ScenarioName = 'A' | 'B' | 'C';

export interface Scenario {
  name: ScenarioName;
  clusters: number;
  environments: number;
  componentsPerEnvironment: number;
}

/** Components are unique per environment: one deployment (and one catalog entity) each. */
export function scenario(name: ScenarioName, quick: boolean): Scenario {
  const scale = quick ? 10 : 1;
  switch (name) {
    case 'A':
      return {
        name,
        clusters: 1,
        environments: 10,
        componentsPerEnvironment: 100 / scale,
      };
    case 'B':
      return {
        name,
        clusters: 10,
        environments: 10,
        componentsPerEnvironment: 100 / scale,
      };
    default:
      return {
        name,
        clusters: 10,
        environments: 100,
        componentsPerEnvironment: 100 / scale,
      };
  }
}

/**
 * The warm-up before the memory baseline: one component on a cluster and in a repository of its
 * own, reconciled once so that what a backend pays once (code compiled, clients and pools
 * opened) is not counted as a cost per tracked object.
 */
export const WARM_UP: Scenario = {
  name: 'A',
  clusters: 1,
  environments: 1,
  componentsPerEnvironment: 1,
};

export const OBJECTS_PER_COMPONENT = 20;
export const CONFIGMAPS_PER_COMPONENT = 10;
/** The ConfigMap key the event phases edit. */
export const EDITED_KEY = 'TIMEOUT_SECONDS';
export const ORIGINAL_VALUE = '30';
export const TOKEN = 'bench-token';

export const deploymentCount = (s: Scenario) =>
  s.environments * s.componentsPerEnvironment;
export const clusterRef = (cluster: number) =>
  `resource:default/cluster-${cluster}`;
export const environmentName = (environment: number) =>
  `env-${String(environment).padStart(3, '0')}`;
export const clusterOf = (s: Scenario, environment: number) =>
  environment % s.clusters;
export const componentName = (s: Scenario, environment: number, c: number) =>
  `svc-${String(environment * s.componentsPerEnvironment + c).padStart(
    5,
    '0',
  )}`;

type Manifest = Record<string, any>;

/** The files of one component directory: name → manifests. */
export function componentFiles(
  name: string,
  index: number,
): Record<string, Manifest[]> {
  const labels = {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/part-of': 'shop',
    'backstage.io/kubernetes-id': name,
  };
  const metadata = (suffix = '') => ({ name: `${name}${suffix}`, labels });
  const selector = { matchLabels: { 'app.kubernetes.io/name': name } };
  return {
    'deployment.yaml': [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: metadata(),
        spec: {
          replicas: 2,
          selector,
          template: {
            metadata: { labels },
            spec: {
              serviceAccountName: name,
              containers: [
                {
                  name: 'app',
                  image: `registry.example.com/shop/${name}:1.${index % 50}.0`,
                  ports: [{ name: 'http', containerPort: 8080 }],
                  envFrom: [{ configMapRef: { name: `${name}-config-0` } }],
                  env: [
                    {
                      name: 'DB_PASSWORD',
                      valueFrom: {
                        secretKeyRef: { name: `${name}-db`, key: 'password' },
                      },
                    },
                  ],
                  resources: {
                    requests: { cpu: '250m', memory: '256Mi' },
                    limits: { cpu: '1', memory: '512Mi' },
                  },
                  readinessProbe: {
                    httpGet: { path: '/healthz', port: 'http' },
                    periodSeconds: 10,
                  },
                },
              ],
            },
          },
        },
      },
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: metadata(),
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
          minReplicas: 2,
          maxReplicas: 10,
          metrics: [
            {
              type: 'Resource',
              resource: {
                name: 'cpu',
                target: { type: 'Utilization', averageUtilization: 70 },
              },
            },
          ],
        },
      },
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: metadata(),
        spec: { minAvailable: 1, selector },
      },
    ],
    'service.yaml': [
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: metadata(),
        spec: {
          selector: { 'app.kubernetes.io/name': name },
          ports: [{ name: 'http', port: 80, targetPort: 'http' }],
        },
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: metadata(),
        spec: {
          ingressClassName: 'nginx',
          rules: [
            {
              host: `${name}.shop.example.com`,
              http: {
                paths: [
                  {
                    path: '/',
                    pathType: 'Prefix',
                    backend: { service: { name, port: { name: 'http' } } },
                  },
                ],
              },
            },
          ],
        },
      },
    ],
    'rbac.yaml': [
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: metadata() },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: metadata(),
        rules: [
          {
            apiGroups: [''],
            resources: ['configmaps'],
            verbs: ['get', 'list', 'watch'],
          },
        ],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: metadata(),
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'Role',
          name,
        },
        subjects: [{ kind: 'ServiceAccount', name }],
      },
    ],
    'secrets.yaml': [
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: metadata('-db'),
        type: 'Opaque',
        data: {
          username: Buffer.from(name).toString('base64'),
          password: Buffer.from(`pw-${index}`).toString('base64'),
        },
      },
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: metadata('-api-keys'),
        type: 'Opaque',
        data: { key: Buffer.from(`key-${index}`).toString('base64') },
      },
    ],
    'configmaps.yaml': Array.from(
      { length: CONFIGMAPS_PER_COMPONENT },
      (_, k) => ({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: metadata(`-config-${k}`),
        data: {
          LOG_LEVEL: 'info',
          FEATURE_FLAGS: 'checkout-v2,fast-search',
          [EDITED_KEY]: ORIGINAL_VALUE,
          UPSTREAM_URL: `http://${name}-upstream-${k}.internal:8080`,
        },
      }),
    ),
  };
}

/**
 * The files as YAML, multi-document, as a person or a renderer (Helm, kustomize) writes them:
 * without the anchors and aliases `yaml` would make of the label objects shared above.
 */
export function componentYaml(name: string, index: number) {
  return Object.entries(componentFiles(name, index)).map(
    ([file, manifests]) => ({
      file,
      text: manifests
        .map(m => stringify(m, { aliasDuplicateObjects: false }))
        .join('---\n'),
    }),
  );
}

/** A live object as a cluster would hold it once applied and rolled out. */
export function liveObject(manifest: Manifest, namespace: string): Manifest {
  const live: Manifest = {
    ...manifest,
    metadata: { ...manifest.metadata, namespace },
  };
  const healthy = (type: string, reason: string) => ({
    conditions: [
      {
        type,
        status: 'True',
        reason,
        lastTransitionTime: '2026-01-01T00:00:00Z',
      },
    ],
  });
  switch (manifest.kind) {
    case 'Deployment':
      live.status = {
        observedGeneration: 1,
        replicas: 2,
        updatedReplicas: 2,
        readyReplicas: 2,
        availableReplicas: 2,
        conditions: [
          {
            type: 'Available',
            status: 'True',
            reason: 'MinimumReplicasAvailable',
          },
          {
            type: 'Progressing',
            status: 'True',
            reason: 'NewReplicaSetAvailable',
          },
        ],
      };
      break;
    case 'HorizontalPodAutoscaler':
      live.status = {
        currentReplicas: 2,
        desiredReplicas: 2,
        ...healthy('AbleToScale', 'ReadyForNewScale'),
      };
      break;
    case 'PodDisruptionBudget':
      live.status = {
        observedGeneration: 1,
        currentHealthy: 2,
        desiredHealthy: 1,
        disruptionsAllowed: 1,
        expectedPods: 2,
        ...healthy('DisruptionAllowed', 'SufficientPods'),
      };
      break;
    case 'Ingress':
      live.status = { loadBalancer: { ingress: [{ ip: '203.0.113.10' }] } };
      break;
    default:
  }
  return live;
}

/** Every live object of one cluster. */
export function liveObjectsOfCluster(s: Scenario, cluster: number) {
  const objects: Manifest[] = [];
  for (let e = 0; e < s.environments; e++) {
    if (clusterOf(s, e) !== cluster) continue;
    for (let c = 0; c < s.componentsPerEnvironment; c++) {
      const name = componentName(s, e, c);
      const index = e * s.componentsPerEnvironment + c;
      for (const manifests of Object.values(componentFiles(name, index))) {
        for (const manifest of manifests) {
          objects.push(liveObject(manifest, environmentName(e)));
        }
      }
    }
  }
  return objects;
}

/** One ConfigMap edit of an event phase. */
export interface EditTarget {
  cluster: number;
  namespace: string;
  name: string;
}

/**
 * The target of the i-th edit of a phase: round robin over environments (so over clusters), then
 * components, then each component's ConfigMaps; no ConfigMap twice before every one was edited.
 */
export function editTarget(s: Scenario, i: number): EditTarget {
  const environment = i % s.environments;
  const round = Math.floor(i / s.environments);
  const component = round % s.componentsPerEnvironment;
  const configMap =
    Math.floor(round / s.componentsPerEnvironment) % CONFIGMAPS_PER_COMPONENT;
  return {
    cluster: clusterOf(s, environment),
    namespace: environmentName(environment),
    name: `${componentName(s, environment, component)}-config-${configMap}`,
  };
}

/** Edits a phase can make without editing a ConfigMap twice. */
export const maxEdits = (s: Scenario) =>
  deploymentCount(s) * CONFIGMAPS_PER_COMPONENT;

/** The value of the i-th edit (unique per run, to recognise it in the stored results). */
export const editValue = (seq: number) => `drift-${seq}`;

// --- the protocol between the benchmark and its emulator process ------------------------------

export type ToEmulators =
  | {
      type: 'edit';
      /** Sequence number of the first edit (edit i writes editValue(first + i)). */
      first: number;
      /** Edit targets i in [from, from + count). */
      from: number;
      count: number;
      /** Edits per second; 0 = as fast as possible. */
      rate: number;
      /** Restore the original value instead. */
      revert?: boolean;
    }
  | { type: 'requests' }
  | {
      type: 'load';
      url: string;
      paths: string[];
      connections: number;
      durationSeconds: number;
    }
  | { type: 'exit' };

export type FromEmulators =
  | {
      type: 'ready';
      urls: string[];
      /** The warm-up's cluster (WARM_UP), its repository in the directory given as 4th argument. */
      warmUpUrl: string;
      objects: number;
      /** The repository's commit. */
      revision: string;
      repositorySeconds: number;
      seedSeconds: number;
    }
  | {
      type: 'edited';
      /** [sequence number, epoch ms the emulator stored it] per edit. */
      writes: Array<[number, number]>;
      failed: number;
      firstWriteAt: number;
      lastWriteAt: number;
    }
  | { type: 'requests'; counts: number[] }
  | {
      type: 'loaded';
      requests: number;
      errors: number;
      non2xx: number;
      latency: { p50: number; p90: number; p99: number; max: number };
      requestsPerSecond: number;
    };

/** Epoch milliseconds with sub-millisecond resolution, comparable across processes. */
export const now = () => performance.timeOrigin + performance.now();
