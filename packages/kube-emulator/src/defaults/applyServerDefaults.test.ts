import {
  applyServerDefaults,
  ServerDefaultsContext,
} from './applyServerDefaults';
import { canonicalizeQuantity } from './quantity';

type Obj = Record<string, any>;

/** A context whose cluster IPs and node ports are handed out in order. */
function makeContext(
  group: string,
  kind: string,
  extra: Partial<ServerDefaultsContext> = {},
) {
  let ip = 10;
  let port = 30000;
  const allocateClusterIP = jest.fn(() => `10.96.0.${ip++}`);
  const allocateNodePort = jest.fn(() => port++);
  const context: ServerDefaultsContext = {
    group,
    kind,
    allocateClusterIP,
    ...extra,
  };
  return { context, allocateClusterIP, allocateNodePort };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/** The container defaults every pod spec gets. */
const containerDefaults = {
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
};
/** The pod spec defaults every pod spec (Pod or template) gets. */
const podSpecDefaults = {
  dnsPolicy: 'ClusterFirst',
  restartPolicy: 'Always',
  schedulerName: 'default-scheduler',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
};
const probeDefaults = {
  timeoutSeconds: 1,
  periodSeconds: 10,
  successThreshold: 1,
  failureThreshold: 3,
};
const defaultTolerations = [
  {
    key: 'node.kubernetes.io/not-ready',
    operator: 'Exists',
    effect: 'NoExecute',
    tolerationSeconds: 300,
  },
  {
    key: 'node.kubernetes.io/unreachable',
    operator: 'Exists',
    effect: 'NoExecute',
    tolerationSeconds: 300,
  },
];
const SHA = 'a'.repeat(64);

interface Case {
  name: string;
  group: string;
  kind: string;
  input: Obj;
  expected: Obj;
  context?: Partial<ServerDefaultsContext>;
  withNodePorts?: boolean;
}

// A Deployment as it typically sits in a GitOps repository.
const gitOpsDeployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'shop',
    labels: { 'app.kubernetes.io/name': 'web' },
  },
  spec: {
    selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } },
    template: {
      metadata: {
        labels: { 'app.kubernetes.io/name': 'web' },
        annotations: { 'prometheus.io/scrape': 'true' },
      },
      spec: {
        serviceAccountName: 'web',
        containers: [
          {
            name: 'web',
            image: 'ghcr.io/acme/web:1.4.2',
            args: ['--port=8080'],
            ports: [
              { name: 'http', containerPort: 8080 },
              { name: 'metrics', containerPort: 9090 },
            ],
            env: [
              { name: 'LOG_LEVEL', value: 'info' },
              {
                name: 'POD_NAME',
                valueFrom: { fieldRef: { fieldPath: 'metadata.name' } },
              },
              {
                name: 'CPU_LIMIT',
                valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } },
              },
              {
                name: 'DB_PASSWORD',
                valueFrom: { secretKeyRef: { name: 'db', key: 'password' } },
              },
            ],
            resources: {
              requests: { cpu: '0.25', memory: '256Mi' },
              limits: { cpu: 1, memory: '1024Mi' },
            },
            readinessProbe: { httpGet: { path: '/healthz', port: 'http' } },
            livenessProbe: {
              tcpSocket: { port: 8080 },
              initialDelaySeconds: 10,
            },
            lifecycle: { preStop: { httpGet: { port: 8080 } } },
            volumeMounts: [
              { name: 'config', mountPath: '/etc/web' },
              { name: 'tls', mountPath: '/etc/tls', readOnly: true },
              { name: 'cache', mountPath: '/cache' },
            ],
          },
          { name: 'proxy', image: 'envoyproxy/envoy:latest' },
        ],
        volumes: [
          { name: 'config', configMap: { name: 'web-config' } },
          { name: 'tls', secret: { secretName: 'web-tls' } },
          { name: 'cache' },
          { name: 'scratch', emptyDir: { sizeLimit: '0.5Gi' } },
        ],
      },
    },
  },
};

const gitOpsDeploymentDefaulted = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'shop',
    labels: { 'app.kubernetes.io/name': 'web' },
  },
  spec: {
    replicas: 1,
    revisionHistoryLimit: 10,
    progressDeadlineSeconds: 600,
    selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } },
    strategy: {
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
    },
    template: {
      metadata: {
        creationTimestamp: null,
        labels: { 'app.kubernetes.io/name': 'web' },
        annotations: { 'prometheus.io/scrape': 'true' },
      },
      spec: {
        ...podSpecDefaults,
        serviceAccountName: 'web',
        serviceAccount: 'web',
        containers: [
          {
            name: 'web',
            image: 'ghcr.io/acme/web:1.4.2',
            imagePullPolicy: 'IfNotPresent',
            args: ['--port=8080'],
            ports: [
              { name: 'http', containerPort: 8080, protocol: 'TCP' },
              { name: 'metrics', containerPort: 9090, protocol: 'TCP' },
            ],
            env: [
              { name: 'LOG_LEVEL', value: 'info' },
              {
                name: 'POD_NAME',
                valueFrom: {
                  fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' },
                },
              },
              {
                name: 'CPU_LIMIT',
                valueFrom: {
                  resourceFieldRef: { resource: 'limits.cpu', divisor: '0' },
                },
              },
              {
                name: 'DB_PASSWORD',
                valueFrom: { secretKeyRef: { name: 'db', key: 'password' } },
              },
            ],
            resources: {
              requests: { cpu: '250m', memory: '256Mi' },
              limits: { cpu: '1', memory: '1Gi' },
            },
            readinessProbe: {
              httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP' },
              ...probeDefaults,
            },
            livenessProbe: {
              tcpSocket: { port: 8080 },
              initialDelaySeconds: 10,
              ...probeDefaults,
            },
            lifecycle: {
              preStop: { httpGet: { path: '/', port: 8080, scheme: 'HTTP' } },
            },
            volumeMounts: [
              { name: 'config', mountPath: '/etc/web' },
              { name: 'tls', mountPath: '/etc/tls', readOnly: true },
              { name: 'cache', mountPath: '/cache' },
            ],
            ...containerDefaults,
          },
          {
            name: 'proxy',
            image: 'envoyproxy/envoy:latest',
            imagePullPolicy: 'Always',
            resources: {},
            ...containerDefaults,
          },
        ],
        volumes: [
          {
            name: 'config',
            configMap: { name: 'web-config', defaultMode: 420 },
          },
          { name: 'tls', secret: { secretName: 'web-tls', defaultMode: 420 } },
          { name: 'cache', emptyDir: {} },
          { name: 'scratch', emptyDir: { sizeLimit: '512Mi' } },
        ],
      },
    },
  },
};

const cases: Case[] = [
  {
    name: 'a typical GitOps Deployment',
    group: 'apps',
    kind: 'Deployment',
    input: gitOpsDeployment,
    expected: gitOpsDeploymentDefaulted,
  },
  {
    name: 'a Deployment with the Recreate strategy (no rollingUpdate is added)',
    group: 'apps',
    kind: 'Deployment',
    input: {
      spec: {
        strategy: { type: 'Recreate' },
        template: { spec: { containers: [{ name: 'a', image: 'a:1' }] } },
      },
    },
    expected: {
      spec: {
        replicas: 1,
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
        strategy: { type: 'Recreate' },
        template: {
          metadata: { creationTimestamp: null },
          spec: {
            ...podSpecDefaults,
            containers: [
              {
                name: 'a',
                image: 'a:1',
                imagePullPolicy: 'IfNotPresent',
                resources: {},
                ...containerDefaults,
              },
            ],
          },
        },
      },
    },
  },
  {
    name: 'a Deployment whose rollingUpdate sets only maxSurge',
    group: 'apps',
    kind: 'Deployment',
    input: {
      spec: { replicas: 3, strategy: { rollingUpdate: { maxSurge: 1 } } },
    },
    expected: {
      spec: {
        replicas: 3,
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxSurge: 1, maxUnavailable: '25%' },
        },
      },
    },
  },
  {
    name: 'a ReplicaSet',
    group: 'apps',
    kind: 'ReplicaSet',
    input: {
      spec: {
        selector: { matchLabels: { app: 'a' } },
        template: {
          metadata: { labels: { app: 'a' } },
          spec: { containers: [{ name: 'a', image: `a@sha256:${SHA}` }] },
        },
      },
    },
    expected: {
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'a' } },
        template: {
          metadata: { creationTimestamp: null, labels: { app: 'a' } },
          spec: {
            ...podSpecDefaults,
            containers: [
              {
                name: 'a',
                image: `a@sha256:${SHA}`,
                imagePullPolicy: 'IfNotPresent',
                resources: {},
                ...containerDefaults,
              },
            ],
          },
        },
      },
    },
  },
  {
    name: 'a StatefulSet with a volume claim template',
    group: 'apps',
    kind: 'StatefulSet',
    input: {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'shop' },
      spec: {
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: {
          metadata: { labels: { app: 'db' } },
          spec: {
            containers: [
              {
                name: 'postgres',
                image: 'postgres:16',
                ports: [{ containerPort: 5432, name: 'pg' }],
                resources: { requests: { memory: '1.5Gi', cpu: '500m' } },
                startupProbe: {
                  exec: { command: ['pg_isready'] },
                  failureThreshold: 30,
                },
                volumeMounts: [
                  { name: 'data', mountPath: '/var/lib/postgresql/data' },
                ],
              },
            ],
          },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: {
              accessModes: ['ReadWriteOnce'],
              resources: { requests: { storage: '20Gi' } },
            },
          },
        ],
      },
    },
    expected: {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'shop' },
      spec: {
        replicas: 1,
        revisionHistoryLimit: 10,
        podManagementPolicy: 'OrderedReady',
        updateStrategy: {
          type: 'RollingUpdate',
          rollingUpdate: { partition: 0 },
        },
        persistentVolumeClaimRetentionPolicy: {
          whenDeleted: 'Retain',
          whenScaled: 'Retain',
        },
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: {
          metadata: { creationTimestamp: null, labels: { app: 'db' } },
          spec: {
            ...podSpecDefaults,
            containers: [
              {
                name: 'postgres',
                image: 'postgres:16',
                imagePullPolicy: 'IfNotPresent',
                ports: [{ containerPort: 5432, name: 'pg', protocol: 'TCP' }],
                resources: { requests: { memory: '1536Mi', cpu: '500m' } },
                startupProbe: {
                  exec: { command: ['pg_isready'] },
                  failureThreshold: 30,
                  timeoutSeconds: 1,
                  periodSeconds: 10,
                  successThreshold: 1,
                },
                volumeMounts: [
                  { name: 'data', mountPath: '/var/lib/postgresql/data' },
                ],
                ...containerDefaults,
              },
            ],
          },
        },
        volumeClaimTemplates: [
          {
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            metadata: { name: 'data', creationTimestamp: null },
            spec: {
              accessModes: ['ReadWriteOnce'],
              resources: { requests: { storage: '20Gi' } },
              volumeMode: 'Filesystem',
            },
            status: { phase: 'Pending' },
          },
        ],
      },
    },
  },
  {
    name: 'a StatefulSet that names the RollingUpdate type without rollingUpdate (no partition is added)',
    group: 'apps',
    kind: 'StatefulSet',
    input: { spec: { updateStrategy: { type: 'RollingUpdate' } } },
    expected: {
      spec: {
        replicas: 1,
        revisionHistoryLimit: 10,
        podManagementPolicy: 'OrderedReady',
        updateStrategy: { type: 'RollingUpdate' },
        persistentVolumeClaimRetentionPolicy: {
          whenDeleted: 'Retain',
          whenScaled: 'Retain',
        },
      },
    },
  },
  {
    name: 'a DaemonSet',
    group: 'apps',
    kind: 'DaemonSet',
    input: {
      metadata: { name: 'node-exporter', namespace: 'monitoring' },
      spec: {
        selector: { matchLabels: { app: 'node-exporter' } },
        template: {
          metadata: { labels: { app: 'node-exporter' } },
          spec: {
            hostNetwork: true,
            tolerations: [{ operator: 'Exists' }],
            containers: [
              {
                name: 'exporter',
                image: 'quay.io/prometheus/node-exporter:v1.8.1',
                ports: [{ containerPort: 9100 }],
                resources: { limits: { memory: '50Mi' } },
              },
            ],
            volumes: [{ name: 'proc', hostPath: { path: '/proc' } }],
          },
        },
      },
    },
    expected: {
      metadata: {
        name: 'node-exporter',
        namespace: 'monitoring',
        annotations: { 'deprecated.daemonset.template.generation': '1' },
      },
      spec: {
        revisionHistoryLimit: 10,
        updateStrategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
        },
        selector: { matchLabels: { app: 'node-exporter' } },
        template: {
          metadata: {
            creationTimestamp: null,
            labels: { app: 'node-exporter' },
          },
          spec: {
            ...podSpecDefaults,
            hostNetwork: true,
            tolerations: [{ operator: 'Exists' }],
            containers: [
              {
                name: 'exporter',
                image: 'quay.io/prometheus/node-exporter:v1.8.1',
                imagePullPolicy: 'IfNotPresent',
                // hostPort defaulting from hostNetwork is for Pods only, not templates.
                ports: [{ containerPort: 9100, protocol: 'TCP' }],
                // Requests default to limits for Pods only, not templates.
                resources: { limits: { memory: '50Mi' } },
                ...containerDefaults,
              },
            ],
            volumes: [{ name: 'proc', hostPath: { path: '/proc', type: '' } }],
          },
        },
      },
    },
  },
  {
    name: 'a Job (restartPolicy kept, no selector without a uid)',
    group: 'batch',
    kind: 'Job',
    input: {
      metadata: { name: 'migrate', namespace: 'shop' },
      spec: {
        template: {
          spec: {
            restartPolicy: 'Never',
            containers: [{ name: 'migrate', image: 'acme/migrate:2' }],
          },
        },
      },
    },
    expected: {
      metadata: { name: 'migrate', namespace: 'shop' },
      spec: {
        completions: 1,
        parallelism: 1,
        backoffLimit: 6,
        completionMode: 'NonIndexed',
        suspend: false,
        podReplacementPolicy: 'TerminatingOrFailed',
        manualSelector: false,
        template: {
          metadata: { creationTimestamp: null },
          spec: {
            ...podSpecDefaults,
            restartPolicy: 'Never',
            containers: [
              {
                name: 'migrate',
                image: 'acme/migrate:2',
                imagePullPolicy: 'IfNotPresent',
                resources: {},
                ...containerDefaults,
              },
            ],
          },
        },
      },
    },
  },
  {
    name: 'a Job with a uid (generated selector and labels; the Job takes the template labels)',
    group: 'batch',
    kind: 'Job',
    input: {
      metadata: {
        name: 'pi',
        namespace: 'default',
        uid: 'c9948307-e56d-4b5d-8302-ae2d7b7da67c',
      },
      spec: {
        parallelism: 2,
        template: {
          metadata: { labels: { app: 'pi' } },
          spec: {
            restartPolicy: 'OnFailure',
            containers: [{ name: 'pi', image: 'perl:5.34.0' }],
          },
        },
      },
    },
    expected: {
      metadata: {
        name: 'pi',
        namespace: 'default',
        uid: 'c9948307-e56d-4b5d-8302-ae2d7b7da67c',
        labels: {
          app: 'pi',
          'job-name': 'pi',
          'batch.kubernetes.io/job-name': 'pi',
          'controller-uid': 'c9948307-e56d-4b5d-8302-ae2d7b7da67c',
          'batch.kubernetes.io/controller-uid':
            'c9948307-e56d-4b5d-8302-ae2d7b7da67c',
        },
      },
      spec: {
        parallelism: 2,
        backoffLimit: 6,
        completionMode: 'NonIndexed',
        suspend: false,
        podReplacementPolicy: 'TerminatingOrFailed',
        manualSelector: false,
        selector: {
          matchLabels: {
            'batch.kubernetes.io/controller-uid':
              'c9948307-e56d-4b5d-8302-ae2d7b7da67c',
          },
        },
        template: {
          metadata: {
            creationTimestamp: null,
            labels: {
              app: 'pi',
              'job-name': 'pi',
              'batch.kubernetes.io/job-name': 'pi',
              'controller-uid': 'c9948307-e56d-4b5d-8302-ae2d7b7da67c',
              'batch.kubernetes.io/controller-uid':
                'c9948307-e56d-4b5d-8302-ae2d7b7da67c',
            },
          },
          spec: {
            ...podSpecDefaults,
            restartPolicy: 'OnFailure',
            containers: [
              {
                name: 'pi',
                image: 'perl:5.34.0',
                imagePullPolicy: 'IfNotPresent',
                resources: {},
                ...containerDefaults,
              },
            ],
          },
        },
      },
    },
  },
  {
    name: 'a Job with a pod failure policy and a per-index backoff limit',
    group: 'batch',
    kind: 'Job',
    input: {
      metadata: { name: 'batch', labels: { team: 'data' } },
      spec: {
        completions: 10,
        completionMode: 'Indexed',
        backoffLimitPerIndex: 1,
        podFailurePolicy: {
          rules: [
            {
              action: 'Ignore',
              onPodConditions: [{ type: 'DisruptionTarget' }],
            },
          ],
        },
        template: { metadata: { labels: { app: 'batch' } } },
      },
    },
    expected: {
      metadata: { name: 'batch', labels: { team: 'data' } },
      spec: {
        completions: 10,
        parallelism: 1,
        completionMode: 'Indexed',
        backoffLimitPerIndex: 1,
        backoffLimit: 2147483647,
        suspend: false,
        podReplacementPolicy: 'Failed',
        manualSelector: false,
        podFailurePolicy: {
          rules: [
            {
              action: 'Ignore',
              onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }],
            },
          ],
        },
        template: {
          metadata: { creationTimestamp: null, labels: { app: 'batch' } },
        },
      },
    },
  },
  {
    name: 'a CronJob (its job template spec is not defaulted like a Job)',
    group: 'batch',
    kind: 'CronJob',
    input: {
      metadata: { name: 'report', namespace: 'shop' },
      spec: {
        schedule: '0 3 * * *',
        jobTemplate: {
          spec: {
            template: {
              spec: {
                restartPolicy: 'OnFailure',
                containers: [
                  {
                    name: 'report',
                    image: 'acme/report',
                    resources: { requests: { cpu: '100m', memory: '64M' } },
                  },
                ],
              },
            },
          },
        },
      },
    },
    expected: {
      metadata: { name: 'report', namespace: 'shop' },
      spec: {
        schedule: '0 3 * * *',
        concurrencyPolicy: 'Allow',
        suspend: false,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 1,
        jobTemplate: {
          metadata: { creationTimestamp: null },
          spec: {
            template: {
              metadata: { creationTimestamp: null },
              spec: {
                ...podSpecDefaults,
                restartPolicy: 'OnFailure',
                containers: [
                  {
                    name: 'report',
                    image: 'acme/report',
                    imagePullPolicy: 'Always',
                    resources: { requests: { cpu: '100m', memory: '64M' } },
                    ...containerDefaults,
                  },
                ],
              },
            },
          },
        },
      },
    },
  },
  {
    name: 'a Pod (SetDefaults_Pod, admission and status)',
    group: '',
    kind: 'Pod',
    input: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'debug', namespace: 'default' },
      spec: {
        hostNetwork: true,
        initContainers: [
          {
            name: 'init',
            image: `busybox:1.36@sha256:${SHA}`,
            ports: [{ containerPort: 53, protocol: 'UDP' }],
          },
        ],
        containers: [
          {
            name: 'shell',
            image: 'busybox',
            command: ['sleep', '3600'],
            resources: {
              limits: { cpu: '500m', memory: '128Mi' },
              requests: { cpu: '0.1' },
            },
            readinessProbe: { grpc: { port: 9000 }, timeoutSeconds: 0 },
          },
        ],
        volumes: [
          {
            name: 'podinfo',
            downwardAPI: {
              items: [
                { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
              ],
            },
          },
          {
            name: 'token',
            projected: {
              sources: [
                { serviceAccountToken: { path: 'token' } },
                {
                  downwardAPI: {
                    items: [
                      {
                        path: 'mem',
                        resourceFieldRef: {
                          containerName: 'shell',
                          resource: 'limits.memory',
                          divisor: '1Mi',
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
          {
            name: 'scratch',
            ephemeral: {
              volumeClaimTemplate: {
                spec: {
                  accessModes: ['ReadWriteOnce'],
                  resources: { requests: { storage: '1G' } },
                },
              },
            },
          },
        ],
      },
    },
    expected: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'debug', namespace: 'default' },
      spec: {
        ...podSpecDefaults,
        hostNetwork: true,
        enableServiceLinks: true,
        serviceAccountName: 'default',
        serviceAccount: 'default',
        priority: 0,
        preemptionPolicy: 'PreemptLowerPriority',
        tolerations: defaultTolerations,
        initContainers: [
          {
            name: 'init',
            image: `busybox:1.36@sha256:${SHA}`,
            imagePullPolicy: 'IfNotPresent',
            ports: [{ containerPort: 53, protocol: 'UDP', hostPort: 53 }],
            resources: {},
            ...containerDefaults,
          },
        ],
        containers: [
          {
            name: 'shell',
            image: 'busybox',
            imagePullPolicy: 'Always',
            command: ['sleep', '3600'],
            resources: {
              limits: { cpu: '500m', memory: '128Mi' },
              requests: { cpu: '100m', memory: '128Mi' },
            },
            // timeoutSeconds is a plain int32: an explicit 0 is the zero value and is defaulted.
            readinessProbe: {
              grpc: { port: 9000, service: '' },
              ...probeDefaults,
            },
            ...containerDefaults,
          },
        ],
        volumes: [
          {
            name: 'podinfo',
            downwardAPI: {
              defaultMode: 420,
              items: [
                {
                  path: 'labels',
                  fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' },
                },
              ],
            },
          },
          {
            name: 'token',
            projected: {
              defaultMode: 420,
              sources: [
                {
                  serviceAccountToken: {
                    path: 'token',
                    expirationSeconds: 3600,
                  },
                },
                {
                  downwardAPI: {
                    items: [
                      {
                        path: 'mem',
                        resourceFieldRef: {
                          containerName: 'shell',
                          resource: 'limits.memory',
                          divisor: '1Mi',
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
          {
            name: 'scratch',
            ephemeral: {
              volumeClaimTemplate: {
                metadata: { creationTimestamp: null },
                spec: {
                  accessModes: ['ReadWriteOnce'],
                  resources: { requests: { storage: '1G' } },
                  volumeMode: 'Filesystem',
                },
              },
            },
          },
        ],
      },
      status: { phase: 'Pending', qosClass: 'Burstable' },
    },
  },
  {
    name: 'a Guaranteed Pod with its own service account and a toleration for everything',
    group: '',
    kind: 'Pod',
    input: {
      spec: {
        serviceAccountName: 'builder',
        tolerations: [{ operator: 'Exists' }],
        containers: [
          {
            name: 'a',
            image: 'a:1',
            resources: {
              limits: { cpu: '1', memory: '1Gi' },
              requests: { cpu: '1000m', memory: '1024Mi' },
            },
          },
        ],
      },
    },
    expected: {
      spec: {
        ...podSpecDefaults,
        enableServiceLinks: true,
        serviceAccountName: 'builder',
        serviceAccount: 'builder',
        priority: 0,
        preemptionPolicy: 'PreemptLowerPriority',
        tolerations: [{ operator: 'Exists' }],
        containers: [
          {
            name: 'a',
            image: 'a:1',
            imagePullPolicy: 'IfNotPresent',
            resources: {
              limits: { cpu: '1', memory: '1Gi' },
              requests: { cpu: '1', memory: '1Gi' },
            },
            ...containerDefaults,
          },
        ],
      },
      status: { phase: 'Pending', qosClass: 'Guaranteed' },
    },
  },
  {
    name: 'a BestEffort Pod with a priority class (Priority admission leaves it alone)',
    group: '',
    kind: 'Pod',
    input: {
      spec: {
        priorityClassName: 'high',
        containers: [{ name: 'a', image: 'a:1' }],
      },
    },
    expected: {
      spec: {
        ...podSpecDefaults,
        enableServiceLinks: true,
        serviceAccountName: 'default',
        serviceAccount: 'default',
        priorityClassName: 'high',
        tolerations: defaultTolerations,
        containers: [
          {
            name: 'a',
            image: 'a:1',
            imagePullPolicy: 'IfNotPresent',
            resources: {},
            ...containerDefaults,
          },
        ],
      },
      status: { phase: 'Pending', qosClass: 'BestEffort' },
    },
  },
  {
    name: 'a Pod whose only limits are for cpu (Burstable, not Guaranteed)',
    group: '',
    kind: 'Pod',
    input: {
      spec: {
        containers: [
          { name: 'a', image: 'a:1', resources: { limits: { cpu: '2' } } },
        ],
      },
    },
    expected: {
      spec: {
        ...podSpecDefaults,
        enableServiceLinks: true,
        serviceAccountName: 'default',
        serviceAccount: 'default',
        priority: 0,
        preemptionPolicy: 'PreemptLowerPriority',
        tolerations: defaultTolerations,
        containers: [
          {
            name: 'a',
            image: 'a:1',
            imagePullPolicy: 'IfNotPresent',
            resources: { limits: { cpu: '2' }, requests: { cpu: '2' } },
            ...containerDefaults,
          },
        ],
      },
      status: { phase: 'Pending', qosClass: 'Burstable' },
    },
  },
  {
    name: 'a ClusterIP Service',
    group: '',
    kind: 'Service',
    input: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        selector: { 'app.kubernetes.io/name': 'web' },
        ports: [
          { name: 'http', port: 80, targetPort: 'http' },
          { name: 'metrics', port: 9090 },
        ],
      },
    },
    expected: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        type: 'ClusterIP',
        sessionAffinity: 'None',
        clusterIP: '10.96.0.10',
        clusterIPs: ['10.96.0.10'],
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        internalTrafficPolicy: 'Cluster',
        selector: { 'app.kubernetes.io/name': 'web' },
        ports: [
          { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
          { name: 'metrics', port: 9090, targetPort: 9090, protocol: 'TCP' },
        ],
      },
      status: { loadBalancer: {} },
    },
  },
  {
    name: 'a Service with a chosen cluster IP, ClientIP affinity and external IPs',
    group: '',
    kind: 'Service',
    input: {
      spec: {
        clusterIP: '10.96.200.1',
        sessionAffinity: 'ClientIP',
        externalIPs: ['203.0.113.7'],
        ports: [{ port: 53, protocol: 'UDP', targetPort: 0 }],
      },
    },
    expected: {
      spec: {
        type: 'ClusterIP',
        sessionAffinity: 'ClientIP',
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
        clusterIP: '10.96.200.1',
        clusterIPs: ['10.96.200.1'],
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        internalTrafficPolicy: 'Cluster',
        externalTrafficPolicy: 'Cluster',
        externalIPs: ['203.0.113.7'],
        ports: [{ port: 53, protocol: 'UDP', targetPort: 53 }],
      },
      status: { loadBalancer: {} },
    },
  },
  {
    name: 'a headless Service with a selector',
    group: '',
    kind: 'Service',
    input: {
      spec: {
        clusterIP: 'None',
        selector: { app: 'db' },
        ports: [{ port: 5432 }],
      },
    },
    expected: {
      spec: {
        type: 'ClusterIP',
        sessionAffinity: 'None',
        clusterIP: 'None',
        clusterIPs: ['None'],
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        internalTrafficPolicy: 'Cluster',
        selector: { app: 'db' },
        ports: [{ port: 5432, targetPort: 5432, protocol: 'TCP' }],
      },
      status: { loadBalancer: {} },
    },
  },
  {
    name: 'a headless Service without a selector (RequireDualStack, both families)',
    group: '',
    kind: 'Service',
    input: { spec: { clusterIP: 'None', ports: [{ port: 80 }] } },
    expected: {
      spec: {
        type: 'ClusterIP',
        sessionAffinity: 'None',
        clusterIP: 'None',
        clusterIPs: ['None'],
        ipFamilies: ['IPv4', 'IPv6'],
        ipFamilyPolicy: 'RequireDualStack',
        internalTrafficPolicy: 'Cluster',
        ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }],
      },
      status: { loadBalancer: {} },
    },
  },
  {
    name: 'a NodePort Service (node ports allocated, shared by entries with the same port number)',
    group: '',
    kind: 'Service',
    withNodePorts: true,
    input: {
      spec: {
        type: 'NodePort',
        selector: { app: 'dns' },
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP' },
          { name: 'dns-tcp', port: 53, nodePort: 30053 },
          { name: 'http', port: 80 },
          { name: 'http-udp', port: 80, protocol: 'UDP' },
          { name: 'admin', port: 8080, nodePort: 31080 },
        ],
      },
    },
    expected: {
      spec: {
        type: 'NodePort',
        sessionAffinity: 'None',
        clusterIP: '10.96.0.10',
        clusterIPs: ['10.96.0.10'],
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        internalTrafficPolicy: 'Cluster',
        externalTrafficPolicy: 'Cluster',
        selector: { app: 'dns' },
        ports: [
          {
            name: 'dns',
            port: 53,
            protocol: 'UDP',
            targetPort: 53,
            nodePort: 30053,
          },
          {
            name: 'dns-tcp',
            port: 53,
            protocol: 'TCP',
            targetPort: 53,
            nodePort: 30053,
          },
          {
            name: 'http',
            port: 80,
            protocol: 'TCP',
            targetPort: 80,
            nodePort: 30000,
          },
          {
            name: 'http-udp',
            port: 80,
            protocol: 'UDP',
            targetPort: 80,
            nodePort: 30000,
          },
          {
            name: 'admin',
            port: 8080,
            protocol: 'TCP',
            targetPort: 8080,
            nodePort: 31080,
          },
        ],
      },
      status: { loadBalancer: {} },
    },
  },
  {
    name: 'a LoadBalancer Service with externalTrafficPolicy Local',
    group: '',
    kind: 'Service',
    withNodePorts: true,
    input: {
      spec: {
        type: 'LoadBalancer',
        externalTrafficPolicy: 'Local',
        selector: { app: 'ingress' },
        ports: [{ name: 'https', port: 443, targetPort: 8443 }],
      },
      status: { loadBalancer: { ingress: [{ ip: '198.51.100.10' }] } },
    },
    expected: {
      spec: {
        type: 'LoadBalancer',
        sessionAffinity: 'None',
        clusterIP: '10.96.0.10',
        clusterIPs: ['10.96.0.10'],
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        internalTrafficPolicy: 'Cluster',
        externalTrafficPolicy: 'Local',
        allocateLoadBalancerNodePorts: true,
        healthCheckNodePort: 30001,
        selector: { app: 'ingress' },
        ports: [
          {
            name: 'https',
            port: 443,
            targetPort: 8443,
            protocol: 'TCP',
            nodePort: 30000,
          },
        ],
      },
      status: {
        loadBalancer: { ingress: [{ ip: '198.51.100.10', ipMode: 'VIP' }] },
      },
    },
  },
  {
    name: 'a LoadBalancer Service without an allocateNodePort function (no node ports)',
    group: '',
    kind: 'Service',
    input: { spec: { type: 'LoadBalancer', ports: [{ port: 80 }] } },
    expected: {
      spec: {
        type: 'LoadBalancer',
        sessionAffinity: 'None',
        clusterIP: '10.96.0.10',
        clusterIPs: ['10.96.0.10'],
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        internalTrafficPolicy: 'Cluster',
        externalTrafficPolicy: 'Cluster',
        allocateLoadBalancerNodePorts: true,
        ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }],
      },
      status: { loadBalancer: {} },
    },
  },
  {
    name: 'an ExternalName Service (no cluster IP, no IP families)',
    group: '',
    kind: 'Service',
    input: {
      spec: {
        type: 'ExternalName',
        externalName: 'db.example.com',
        ports: [{ port: 5432 }],
      },
    },
    expected: {
      spec: {
        type: 'ExternalName',
        externalName: 'db.example.com',
        sessionAffinity: 'None',
        ports: [{ port: 5432, targetPort: 5432, protocol: 'TCP' }],
      },
      status: { loadBalancer: {} },
    },
  },
  {
    name: 'a Secret with stringData',
    group: '',
    kind: 'Secret',
    input: {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db' },
      data: { username: 'YWRtaW4=', password: 'b2xk' },
      stringData: { password: 's3cr3t', 'config.yaml': 'a: 1\n' },
    },
    expected: {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db' },
      type: 'Opaque',
      data: {
        username: 'YWRtaW4=',
        password: 'czNjcjN0',
        'config.yaml': 'YTogMQo=',
      },
    },
  },
  {
    name: 'a TLS Secret keeps its type',
    group: '',
    kind: 'Secret',
    input: {
      type: 'kubernetes.io/tls',
      data: { 'tls.crt': 'Y3J0', 'tls.key': 'a2V5' },
    },
    expected: {
      type: 'kubernetes.io/tls',
      data: { 'tls.crt': 'Y3J0', 'tls.key': 'a2V5' },
    },
  },
  {
    name: 'a PersistentVolumeClaim',
    group: '',
    kind: 'PersistentVolumeClaim',
    input: {
      metadata: { name: 'data' },
      spec: {
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'fast',
        resources: { requests: { storage: '1.5Gi' } },
      },
    },
    expected: {
      metadata: { name: 'data' },
      spec: {
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'fast',
        resources: { requests: { storage: '1536Mi' } },
        volumeMode: 'Filesystem',
      },
      status: { phase: 'Pending' },
    },
  },
  {
    name: 'a PersistentVolumeClaim restored from a snapshot (dataSourceRef mirrors dataSource)',
    group: '',
    kind: 'PersistentVolumeClaim',
    input: {
      spec: {
        accessModes: ['ReadWriteOnce'],
        volumeMode: 'Block',
        dataSource: {
          apiGroup: 'snapshot.storage.k8s.io',
          kind: 'VolumeSnapshot',
          name: 'snap-1',
        },
      },
    },
    expected: {
      spec: {
        accessModes: ['ReadWriteOnce'],
        volumeMode: 'Block',
        resources: {},
        dataSource: {
          apiGroup: 'snapshot.storage.k8s.io',
          kind: 'VolumeSnapshot',
          name: 'snap-1',
        },
        dataSourceRef: {
          apiGroup: 'snapshot.storage.k8s.io',
          kind: 'VolumeSnapshot',
          name: 'snap-1',
        },
      },
      status: { phase: 'Pending' },
    },
  },
  {
    name: 'a PersistentVolume',
    group: '',
    kind: 'PersistentVolume',
    input: {
      spec: {
        capacity: { storage: '10240Mi' },
        accessModes: ['ReadWriteOnce'],
        hostPath: { path: '/data' },
      },
    },
    expected: {
      spec: {
        capacity: { storage: '10Gi' },
        accessModes: ['ReadWriteOnce'],
        hostPath: { path: '/data', type: '' },
        persistentVolumeReclaimPolicy: 'Retain',
        volumeMode: 'Filesystem',
      },
      status: { phase: 'Pending' },
    },
  },
  {
    name: 'a ResourceQuota',
    group: '',
    kind: 'ResourceQuota',
    input: {
      spec: {
        hard: {
          'requests.cpu': '10',
          'limits.cpu': '0.5',
          'requests.memory': '20480Mi',
          'requests.storage': '1000Gi',
          pods: 10,
          'limits.memory': 2000000000,
        },
      },
    },
    expected: {
      spec: {
        hard: {
          'requests.cpu': '10',
          'limits.cpu': '500m',
          'requests.memory': '20Gi',
          'requests.storage': '1000Gi',
          pods: '10',
          'limits.memory': '2G',
        },
      },
    },
  },
  {
    name: 'a LimitRange',
    group: '',
    kind: 'LimitRange',
    input: {
      spec: {
        limits: [
          {
            type: 'Container',
            max: { cpu: '2' },
            min: { cpu: '0.1' },
            default: { memory: '512Mi' },
          },
          { type: 'PersistentVolumeClaim', max: { storage: '2048Mi' } },
        ],
      },
    },
    expected: {
      spec: {
        limits: [
          {
            type: 'Container',
            max: { cpu: '2' },
            min: { cpu: '100m' },
            default: { memory: '512Mi', cpu: '2' },
            defaultRequest: { memory: '512Mi', cpu: '2' },
          },
          { type: 'PersistentVolumeClaim', max: { storage: '2Gi' } },
        ],
      },
    },
  },
  {
    name: 'a Namespace',
    group: '',
    kind: 'Namespace',
    input: {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'shop', labels: { team: 'checkout' } },
    },
    expected: {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'shop',
        labels: { team: 'checkout', 'kubernetes.io/metadata.name': 'shop' },
      },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    },
  },
  {
    name: 'a ReplicationController',
    group: '',
    kind: 'ReplicationController',
    input: {
      spec: {
        template: {
          metadata: { labels: { app: 'old' } },
          spec: { containers: [{ name: 'a', image: 'a:1' }] },
        },
      },
    },
    expected: {
      metadata: { labels: { app: 'old' } },
      spec: {
        replicas: 1,
        selector: { app: 'old' },
        template: {
          metadata: { creationTimestamp: null, labels: { app: 'old' } },
          spec: {
            ...podSpecDefaults,
            containers: [
              {
                name: 'a',
                image: 'a:1',
                imagePullPolicy: 'IfNotPresent',
                resources: {},
                ...containerDefaults,
              },
            ],
          },
        },
      },
    },
  },
  {
    name: 'an autoscaling/v2 HorizontalPodAutoscaler without metrics',
    group: 'autoscaling',
    kind: 'HorizontalPodAutoscaler',
    input: {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      spec: {
        scaleTargetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'web',
        },
        maxReplicas: 5,
      },
    },
    expected: {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      spec: {
        scaleTargetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'web',
        },
        maxReplicas: 5,
        minReplicas: 1,
        metrics: [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: { type: 'Utilization', averageUtilization: 80 },
            },
          },
        ],
      },
    },
  },
  {
    name: 'an autoscaling/v2 HorizontalPodAutoscaler with a behavior and a value metric',
    group: 'autoscaling',
    kind: 'HorizontalPodAutoscaler',
    input: {
      apiVersion: 'autoscaling/v2',
      spec: {
        minReplicas: 2,
        maxReplicas: 10,
        metrics: [
          {
            type: 'Pods',
            pods: {
              metric: { name: 'rps' },
              target: { type: 'AverageValue', averageValue: '0.5' },
            },
          },
        ],
        behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
      },
    },
    expected: {
      apiVersion: 'autoscaling/v2',
      spec: {
        minReplicas: 2,
        maxReplicas: 10,
        metrics: [
          {
            type: 'Pods',
            pods: {
              metric: { name: 'rps' },
              target: { type: 'AverageValue', averageValue: '500m' },
            },
          },
        ],
        behavior: {
          scaleUp: {
            stabilizationWindowSeconds: 0,
            selectPolicy: 'Max',
            policies: [
              { type: 'Pods', value: 4, periodSeconds: 15 },
              { type: 'Percent', value: 100, periodSeconds: 15 },
            ],
          },
          scaleDown: {
            stabilizationWindowSeconds: 300,
            selectPolicy: 'Max',
            policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
          },
        },
      },
    },
  },
  {
    name: 'an autoscaling/v1 HorizontalPodAutoscaler (only minReplicas)',
    group: 'autoscaling',
    kind: 'HorizontalPodAutoscaler',
    input: { apiVersion: 'autoscaling/v1', spec: { maxReplicas: 3 } },
    expected: {
      apiVersion: 'autoscaling/v1',
      spec: { maxReplicas: 3, minReplicas: 1 },
    },
  },
  {
    name: 'a RoleBinding',
    group: 'rbac.authorization.k8s.io',
    kind: 'RoleBinding',
    input: {
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'Role',
        name: 'reader',
      },
      subjects: [
        { kind: 'User', name: 'jane@example.com' },
        { kind: 'Group', name: 'devs' },
        { kind: 'ServiceAccount', name: 'ci', namespace: 'ci' },
      ],
    },
    expected: {
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'Role',
        name: 'reader',
      },
      subjects: [
        {
          kind: 'User',
          name: 'jane@example.com',
          apiGroup: 'rbac.authorization.k8s.io',
        },
        { kind: 'Group', name: 'devs', apiGroup: 'rbac.authorization.k8s.io' },
        { kind: 'ServiceAccount', name: 'ci', namespace: 'ci' },
      ],
    },
  },
  {
    name: 'a NetworkPolicy with ingress and egress rules',
    group: 'networking.k8s.io',
    kind: 'NetworkPolicy',
    input: {
      spec: {
        ingress: [
          {
            from: [{ podSelector: { matchLabels: { app: 'web' } } }],
            ports: [{ port: 5432 }],
          },
        ],
        egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }],
      },
    },
    expected: {
      spec: {
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          {
            from: [{ podSelector: { matchLabels: { app: 'web' } } }],
            ports: [{ port: 5432, protocol: 'TCP' }],
          },
        ],
        egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }],
      },
    },
  },
  {
    name: 'an Ingress',
    group: 'networking.k8s.io',
    kind: 'Ingress',
    input: {
      spec: {
        ingressClassName: 'nginx',
        rules: [{ host: 'shop.example.com' }],
      },
    },
    expected: {
      spec: {
        ingressClassName: 'nginx',
        rules: [{ host: 'shop.example.com' }],
      },
      status: { loadBalancer: {} },
    },
  },
  {
    name: 'a MutatingWebhookConfiguration',
    group: 'admissionregistration.k8s.io',
    kind: 'MutatingWebhookConfiguration',
    input: {
      webhooks: [
        {
          name: 'inject.example.com',
          admissionReviewVersions: ['v1'],
          sideEffects: 'None',
          clientConfig: {
            service: { name: 'injector', namespace: 'system', path: '/mutate' },
          },
          rules: [
            {
              apiGroups: [''],
              apiVersions: ['v1'],
              operations: ['CREATE'],
              resources: ['pods'],
            },
          ],
        },
      ],
    },
    expected: {
      webhooks: [
        {
          name: 'inject.example.com',
          admissionReviewVersions: ['v1'],
          sideEffects: 'None',
          clientConfig: {
            service: {
              name: 'injector',
              namespace: 'system',
              path: '/mutate',
              port: 443,
            },
          },
          rules: [
            {
              apiGroups: [''],
              apiVersions: ['v1'],
              operations: ['CREATE'],
              resources: ['pods'],
              scope: '*',
            },
          ],
          failurePolicy: 'Fail',
          matchPolicy: 'Equivalent',
          namespaceSelector: {},
          objectSelector: {},
          timeoutSeconds: 10,
          reinvocationPolicy: 'Never',
        },
      ],
    },
  },
  {
    name: 'a StorageClass',
    group: 'storage.k8s.io',
    kind: 'StorageClass',
    input: { provisioner: 'ebs.csi.aws.com' },
    expected: {
      provisioner: 'ebs.csi.aws.com',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'Immediate',
    },
  },
  {
    name: 'a PriorityClass',
    group: 'scheduling.k8s.io',
    kind: 'PriorityClass',
    input: { value: 1000 },
    expected: { value: 1000, preemptionPolicy: 'PreemptLowerPriority' },
  },
  {
    name: 'a CustomResourceDefinition',
    group: 'apiextensions.k8s.io',
    kind: 'CustomResourceDefinition',
    input: {
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { kind: 'Widget', plural: 'widgets' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object' } },
          },
        ],
      },
    },
    expected: {
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: {
          kind: 'Widget',
          plural: 'widgets',
          singular: 'widget',
          listKind: 'WidgetList',
        },
        conversion: { strategy: 'None' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object' } },
          },
        ],
      },
    },
  },
  {
    name: 'a CustomResourceDefinition with a conversion webhook',
    group: 'apiextensions.k8s.io',
    kind: 'CustomResourceDefinition',
    input: {
      spec: {
        names: {
          kind: 'Gadget',
          plural: 'gadgets',
          singular: 'gizmo',
          listKind: 'Gadgets',
        },
        conversion: {
          strategy: 'Webhook',
          webhook: {
            conversionReviewVersions: ['v1'],
            clientConfig: { service: { name: 'conv', namespace: 'system' } },
          },
        },
      },
    },
    expected: {
      spec: {
        names: {
          kind: 'Gadget',
          plural: 'gadgets',
          singular: 'gizmo',
          listKind: 'Gadgets',
        },
        conversion: {
          strategy: 'Webhook',
          webhook: {
            conversionReviewVersions: ['v1'],
            clientConfig: {
              service: { name: 'conv', namespace: 'system', port: 443 },
            },
          },
        },
      },
    },
  },
  {
    name: 'a ConfigMap (nothing to default)',
    group: '',
    kind: 'ConfigMap',
    input: {
      metadata: { name: 'web-config' },
      data: { 'app.yaml': 'port: 8080\n' },
    },
    expected: {
      metadata: { name: 'web-config' },
      data: { 'app.yaml': 'port: 8080\n' },
    },
  },
  {
    name: 'a custom resource (never defaulted, even when it looks like a built-in)',
    group: 'example.com',
    kind: 'Deployment',
    input: {
      spec: { template: { spec: { containers: [{ name: 'a', image: 'a' }] } } },
    },
    expected: {
      spec: { template: { spec: { containers: [{ name: 'a', image: 'a' }] } } },
    },
  },
];

function run(testCase: Case) {
  const { context, allocateNodePort } = makeContext(
    testCase.group,
    testCase.kind,
    testCase.context,
  );
  if (testCase.withNodePorts) context.allocateNodePort = allocateNodePort;
  return applyServerDefaults(testCase.input, context);
}

describe('applyServerDefaults', () => {
  it.each(cases.map(c => [c.name, c] as const))(
    'defaults %s',
    (_name, testCase) => {
      expect(run(testCase)).toEqual(testCase.expected);
    },
  );

  it.each(cases.map(c => [c.name, c] as const))(
    'does not mutate the input: %s',
    (_name, testCase) => {
      const input = clone(testCase.input);
      const before = JSON.stringify(input);
      deepFreeze(input);
      const output = run({ ...testCase, input });
      expect(JSON.stringify(input)).toBe(before);
      expect(output).not.toBe(input);
    },
  );

  it.each(cases.map(c => [c.name, c] as const))(
    'is idempotent: %s',
    (_name, testCase) => {
      const once = run(testCase);
      const { context, allocateClusterIP, allocateNodePort } = makeContext(
        testCase.group,
        testCase.kind,
        testCase.context,
      );
      if (testCase.withNodePorts) context.allocateNodePort = allocateNodePort;
      expect(applyServerDefaults(once, context)).toEqual(once);
      expect(allocateClusterIP).not.toHaveBeenCalled();
      expect(allocateNodePort).not.toHaveBeenCalled();
    },
  );

  it('returns objects that share nothing with the input', () => {
    const input = clone(gitOpsDeployment);
    const output = applyServerDefaults(
      input,
      makeContext('apps', 'Deployment').context,
    );
    output.spec.template.metadata.labels.extra = 'x';
    output.spec.template.spec.containers[0].args.push('--extra');
    expect(input).toEqual(gitOpsDeployment);
  });

  it('allocates a cluster IP only when the Service needs one', () => {
    const cluster = makeContext('', 'Service');
    applyServerDefaults({ spec: { ports: [{ port: 80 }] } }, cluster.context);
    expect(cluster.allocateClusterIP).toHaveBeenCalledTimes(1);

    for (const spec of [
      { type: 'ExternalName', externalName: 'example.com' },
      { clusterIP: 'None' },
      { clusterIP: '10.96.5.5' },
      { clusterIPs: ['10.96.5.6'] },
    ]) {
      const none = makeContext('', 'Service');
      const output = applyServerDefaults({ spec }, none.context);
      expect(none.allocateClusterIP).not.toHaveBeenCalled();
      expect(
        output.spec.type === 'ExternalName'
          ? output.spec.clusterIP
          : output.spec.clusterIPs,
      ).toEqual(
        spec.type === 'ExternalName'
          ? undefined
          : [spec.clusterIP ?? spec.clusterIPs?.[0]],
      );
    }
  });

  it('accepts "core" as the name of the core group', () => {
    const output = applyServerDefaults(
      { metadata: { name: 'ns1' } },
      makeContext('core', 'Namespace').context,
    );
    expect(output.metadata.labels).toEqual({
      'kubernetes.io/metadata.name': 'ns1',
    });
  });

  it('omits the null creationTimestamp of templates when serving as Kubernetes 1.34+', () => {
    const output = applyServerDefaults(
      gitOpsDeployment,
      makeContext('apps', 'Deployment', { omitNullCreationTimestamp: true })
        .context,
    );
    expect(output.spec.template.metadata).toEqual({
      labels: { 'app.kubernetes.io/name': 'web' },
      annotations: { 'prometheus.io/scrape': 'true' },
    });
  });

  describe('keeps explicit values', () => {
    it('of a Deployment and its pod template', () => {
      const input = {
        spec: {
          replicas: 0,
          revisionHistoryLimit: 0,
          progressDeadlineSeconds: 120,
          strategy: {
            type: 'RollingUpdate',
            rollingUpdate: { maxSurge: 0, maxUnavailable: 1 },
          },
          template: {
            metadata: { labels: { app: 'x' } },
            spec: {
              dnsPolicy: 'None',
              dnsConfig: { nameservers: ['1.1.1.1'] },
              restartPolicy: 'Always',
              schedulerName: 'my-scheduler',
              securityContext: { runAsNonRoot: true, fsGroup: 2000 },
              terminationGracePeriodSeconds: 0,
              enableServiceLinks: false,
              containers: [
                {
                  name: 'a',
                  image: 'registry.local:5000/a:latest',
                  imagePullPolicy: 'Never',
                  terminationMessagePath: '/tmp/msg',
                  terminationMessagePolicy: 'FallbackToLogsOnError',
                  ports: [{ containerPort: 5353, protocol: 'SCTP' }],
                  resources: { requests: { cpu: '100m', memory: '64Mi' } },
                  env: [
                    {
                      name: 'NS',
                      valueFrom: {
                        fieldRef: {
                          apiVersion: 'v1',
                          fieldPath: 'metadata.namespace',
                        },
                      },
                    },
                  ],
                  livenessProbe: {
                    httpGet: { path: '/live', port: 8443, scheme: 'HTTPS' },
                    timeoutSeconds: 5,
                    periodSeconds: 30,
                    successThreshold: 1,
                    failureThreshold: 10,
                  },
                  readinessProbe: {
                    grpc: { port: 9000, service: 'ready' },
                    timeoutSeconds: 2,
                    periodSeconds: 3,
                    successThreshold: 2,
                    failureThreshold: 4,
                  },
                },
              ],
              volumes: [
                { name: 'cfg', configMap: { name: 'cfg', defaultMode: 256 } },
                { name: 'sec', secret: { secretName: 'sec', defaultMode: 0 } },
                {
                  name: 'host',
                  hostPath: { path: '/var/run', type: 'Directory' },
                },
                {
                  name: 'tok',
                  projected: {
                    defaultMode: 288,
                    sources: [
                      {
                        serviceAccountToken: {
                          path: 't',
                          expirationSeconds: 600,
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        },
      };
      const expected = clone(input) as Obj;
      expected.spec.template.metadata.creationTimestamp = null;
      expect(
        applyServerDefaults(input, makeContext('apps', 'Deployment').context),
      ).toEqual(expected);
    });

    it('of a StatefulSet', () => {
      const input = {
        spec: {
          replicas: 3,
          revisionHistoryLimit: 2,
          podManagementPolicy: 'Parallel',
          updateStrategy: {
            type: 'RollingUpdate',
            rollingUpdate: { partition: 2 },
          },
          persistentVolumeClaimRetentionPolicy: {
            whenDeleted: 'Delete',
            whenScaled: 'Delete',
          },
        },
      };
      expect(
        applyServerDefaults(input, makeContext('apps', 'StatefulSet').context),
      ).toEqual(input);
      const onDelete = {
        spec: { ...input.spec, updateStrategy: { type: 'OnDelete' } },
      };
      expect(
        applyServerDefaults(
          onDelete,
          makeContext('apps', 'StatefulSet').context,
        ),
      ).toEqual(onDelete);
    });

    it('of a DaemonSet', () => {
      const input = {
        metadata: {
          annotations: { 'deprecated.daemonset.template.generation': '4' },
        },
        spec: {
          revisionHistoryLimit: 3,
          updateStrategy: {
            type: 'RollingUpdate',
            rollingUpdate: { maxUnavailable: '10%', maxSurge: 1 },
          },
        },
      };
      expect(
        applyServerDefaults(input, makeContext('apps', 'DaemonSet').context),
      ).toEqual(input);
      const onDelete = {
        ...input,
        spec: { revisionHistoryLimit: 3, updateStrategy: { type: 'OnDelete' } },
      };
      expect(
        applyServerDefaults(onDelete, makeContext('apps', 'DaemonSet').context),
      ).toEqual(onDelete);
    });

    it('of a Job with a manual selector', () => {
      const input = {
        metadata: { name: 'j', uid: 'u-1', labels: { team: 'a' } },
        spec: {
          completions: 5,
          parallelism: 2,
          backoffLimit: 0,
          completionMode: 'Indexed',
          suspend: true,
          podReplacementPolicy: 'Failed',
          manualSelector: true,
          selector: { matchLabels: { custom: 'yes' } },
          template: {
            metadata: { creationTimestamp: null, labels: { custom: 'yes' } },
          },
        },
      };
      expect(
        applyServerDefaults(input, makeContext('batch', 'Job').context),
      ).toEqual(input);
    });

    it('of a CronJob', () => {
      const input = {
        spec: {
          schedule: '*/5 * * * *',
          concurrencyPolicy: 'Forbid',
          suspend: true,
          successfulJobsHistoryLimit: 0,
          failedJobsHistoryLimit: 0,
          jobTemplate: {
            metadata: { creationTimestamp: null },
            spec: { backoffLimit: 2 },
          },
        },
      };
      expect(
        applyServerDefaults(input, makeContext('batch', 'CronJob').context),
      ).toEqual(input);
    });

    it('of a Service', () => {
      const input = {
        spec: {
          type: 'NodePort',
          sessionAffinity: 'ClientIP',
          sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } },
          clusterIP: '10.96.9.9',
          clusterIPs: ['10.96.9.9'],
          ipFamilies: ['IPv4'],
          ipFamilyPolicy: 'PreferDualStack',
          internalTrafficPolicy: 'Local',
          externalTrafficPolicy: 'Local',
          ports: [
            { port: 80, targetPort: 8080, protocol: 'TCP', nodePort: 30080 },
          ],
        },
        status: { loadBalancer: {} },
      };
      const { context, allocateClusterIP, allocateNodePort } = makeContext(
        '',
        'Service',
      );
      context.allocateNodePort = allocateNodePort;
      expect(applyServerDefaults(input, context)).toEqual(input);
      expect(allocateClusterIP).not.toHaveBeenCalled();
      expect(allocateNodePort).not.toHaveBeenCalled();
    });

    it('of a LoadBalancer Service that does not want node ports', () => {
      const input = {
        spec: {
          type: 'LoadBalancer',
          allocateLoadBalancerNodePorts: false,
          loadBalancerClass: 'x',
          ports: [{ port: 80 }],
        },
      };
      const { context, allocateNodePort } = makeContext('', 'Service');
      context.allocateNodePort = allocateNodePort;
      const output = applyServerDefaults(input, context);
      expect(output.spec.allocateLoadBalancerNodePorts).toBe(false);
      expect(output.spec.ports).toEqual([
        { port: 80, targetPort: 80, protocol: 'TCP' },
      ]);
      expect(allocateNodePort).not.toHaveBeenCalled();
    });

    it('of a Pod, including PodSpec fields that are pointers (explicit zero and empty values stay)', () => {
      const input = {
        spec: {
          enableServiceLinks: false,
          priority: 0,
          preemptionPolicy: 'Never',
          terminationGracePeriodSeconds: 0,
          containers: [
            {
              name: 'a',
              image: 'a:1',
              readinessProbe: { grpc: { port: 1, service: '' } },
            },
          ],
          volumes: [
            { name: 'h', hostPath: { path: '/x', type: '' } },
            { name: 's', secret: { secretName: 's', defaultMode: 0 } },
          ],
        },
        status: { phase: 'Running', qosClass: 'Burstable' },
      };
      const output = applyServerDefaults(input, makeContext('', 'Pod').context);
      expect(output.spec.enableServiceLinks).toBe(false);
      expect(output.spec.preemptionPolicy).toBe('Never');
      expect(output.spec.terminationGracePeriodSeconds).toBe(0);
      expect(output.spec.containers[0].readinessProbe.grpc).toEqual({
        port: 1,
        service: '',
      });
      expect(output.spec.volumes).toEqual(input.spec.volumes);
      expect(output.status).toEqual({
        phase: 'Running',
        qosClass: 'Burstable',
      });
    });

    it('of an HPA behavior, over the defaults', () => {
      const scaleUp = {
        selectPolicy: 'Disabled',
        policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }],
      };
      const output = applyServerDefaults(
        {
          apiVersion: 'autoscaling/v2',
          spec: {
            metrics: [
              {
                type: 'Resource',
                resource: {
                  name: 'memory',
                  target: { type: 'Utilization', averageUtilization: 70 },
                },
              },
            ],
            behavior: { scaleUp, scaleDown: { tolerance: '0.05' } },
          },
        },
        makeContext('autoscaling', 'HorizontalPodAutoscaler').context,
      );
      expect(output.spec.behavior.scaleUp).toEqual({
        ...scaleUp,
        stabilizationWindowSeconds: 0,
      });
      // tolerance (autoscaling/v2, 1.33+) is a Quantity.
      expect(output.spec.behavior.scaleDown).toEqual({
        selectPolicy: 'Max',
        policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
        tolerance: '50m',
      });
      expect(output.spec.metrics).toHaveLength(1);
      expect(output.spec.metrics[0].resource.name).toBe('memory');
    });
  });

  describe('rewrites some explicit values, as the server does', () => {
    it('drops sessionAffinityConfig when sessionAffinity is None', () => {
      const output = applyServerDefaults(
        {
          spec: {
            clusterIP: 'None',
            sessionAffinityConfig: { clientIP: { timeoutSeconds: 5 } },
          },
        },
        makeContext('', 'Service').context,
      );
      expect(output.spec.sessionAffinity).toBe('None');
      expect(output.spec).not.toHaveProperty('sessionAffinityConfig');
    });

    it('resets the namespace name label and keeps other finalizers', () => {
      const output = applyServerDefaults(
        {
          metadata: {
            name: 'shop',
            labels: { 'kubernetes.io/metadata.name': 'other' },
          },
          spec: { finalizers: ['example.com/cleanup'] },
        },
        makeContext('', 'Namespace').context,
      );
      expect(output.metadata.labels).toEqual({
        'kubernetes.io/metadata.name': 'shop',
      });
      expect(output.spec.finalizers).toEqual([
        'example.com/cleanup',
        'kubernetes',
      ]);
    });

    it('mirrors serviceAccountName into serviceAccount, and reads the old field when the new one is empty', () => {
      const both = applyServerDefaults(
        {
          spec: {
            template: {
              spec: { serviceAccountName: 'new', serviceAccount: 'old' },
            },
          },
        },
        makeContext('apps', 'Deployment').context,
      );
      expect(both.spec.template.spec.serviceAccountName).toBe('new');
      expect(both.spec.template.spec.serviceAccount).toBe('new');
      const onlyOld = applyServerDefaults(
        { spec: { template: { spec: { serviceAccount: 'old' } } } },
        makeContext('apps', 'Deployment').context,
      );
      expect(onlyOld.spec.template.spec.serviceAccountName).toBe('old');
      expect(onlyOld.spec.template.spec.serviceAccount).toBe('old');
    });

    it('defaults plain string and int fields given as their zero value', () => {
      const output = applyServerDefaults(
        {
          spec: {
            dnsPolicy: '',
            containers: [
              {
                name: 'a',
                image: 'a:1',
                imagePullPolicy: '',
                livenessProbe: {
                  exec: { command: ['true'] },
                  periodSeconds: 0,
                },
              },
            ],
          },
        },
        makeContext('', 'Pod').context,
      );
      expect(output.spec.dnsPolicy).toBe('ClusterFirst');
      expect(output.spec.containers[0].imagePullPolicy).toBe('IfNotPresent');
      expect(output.spec.containers[0].livenessProbe.periodSeconds).toBe(10);
    });

    it('treats null like a missing field', () => {
      const output = applyServerDefaults(
        {
          spec: {
            replicas: null,
            strategy: null,
            template: {
              metadata: null,
              spec: {
                securityContext: null,
                containers: [{ name: 'a', image: 'a:1', resources: null }],
              },
            },
          },
        },
        makeContext('apps', 'Deployment').context,
      );
      expect(output.spec.replicas).toBe(1);
      expect(output.spec.strategy).toEqual({
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
      });
      expect(output.spec.template.metadata).toEqual({
        creationTimestamp: null,
      });
      expect(output.spec.template.spec.securityContext).toEqual({});
      expect(output.spec.template.spec.containers[0].resources).toEqual({});
    });

    it('sets apiVersion and kind on StatefulSet volume claim templates', () => {
      const output = applyServerDefaults(
        {
          spec: {
            volumeClaimTemplates: [
              {
                apiVersion: 'v2',
                kind: 'Claim',
                metadata: { name: 'd' },
                spec: { volumeMode: 'Block' },
              },
            ],
          },
        },
        makeContext('apps', 'StatefulSet').context,
      );
      expect(output.spec.volumeClaimTemplates[0]).toEqual({
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'd', creationTimestamp: null },
        spec: { volumeMode: 'Block', resources: {} },
        status: { phase: 'Pending' },
      });
    });

    it('drops empty resource maps, which are never written', () => {
      const output = applyServerDefaults(
        {
          spec: {
            template: {
              spec: {
                containers: [
                  {
                    name: 'a',
                    image: 'a:1',
                    resources: { requests: {}, limits: { cpu: '1' } },
                  },
                ],
              },
            },
          },
        },
        makeContext('apps', 'Deployment').context,
      );
      expect(output.spec.template.spec.containers[0].resources).toEqual({
        limits: { cpu: '1' },
      });
    });
  });

  describe('image pull policy', () => {
    it.each([
      ['nginx', 'Always'],
      ['nginx:latest', 'Always'],
      ['docker.io/library/nginx:latest', 'Always'],
      ['localhost:5000/app', 'Always'],
      ['registry.example.com:443/team/app:latest', 'Always'],
      [`nginx:latest@sha256:${SHA}`, 'Always'],
      ['nginx:1.27', 'IfNotPresent'],
      ['nginx:Latest', 'IfNotPresent'],
      ['localhost:5000/app:v1', 'IfNotPresent'],
      [`nginx@sha256:${SHA}`, 'IfNotPresent'],
      ['Nginx', 'IfNotPresent'],
      // A 64-character hex string is an image ID, not a repository name.
      [SHA, 'IfNotPresent'],
      ['', 'IfNotPresent'],
    ])('%s -> %s', (image, policy) => {
      const output = applyServerDefaults(
        { spec: { containers: [{ name: 'a', image }] } },
        makeContext('', 'Pod').context,
      );
      expect(output.spec.containers[0].imagePullPolicy).toBe(policy);
    });
  });

  describe('quantities', () => {
    // [input, as a ResourceList value (rounded up to milli), as a plain Quantity field]
    it.each([
      ['0.5', '500m', '500m'],
      [0.5, '500m', '500m'],
      [1, '1', '1'],
      ['1', '1', '1'],
      ['1000m', '1', '1'],
      ['1500m', '1500m', '1500m'],
      ['0.1', '100m', '100m'],
      ['1.0', '1', '1'],
      ['100', '100', '100'],
      ['1000', '1k', '1k'],
      [1000, '1k', '1k'],
      ['2000000000', '2G', '2G'],
      ['1000M', '1G', '1G'],
      ['1500M', '1500M', '1500M'],
      ['2.5G', '2500M', '2500M'],
      ['128974848', '128974848', '128974848'],
      ['1024Mi', '1Gi', '1Gi'],
      ['1.5Gi', '1536Mi', '1536Mi'],
      ['0.25Gi', '256Mi', '256Mi'],
      ['2048Ki', '2Mi', '2Mi'],
      ['1000Ki', '1000Ki', '1000Ki'],
      ['1536Mi', '1536Mi', '1536Mi'],
      ['1Ei', '1Ei', '1Ei'],
      ['-1.5Gi', '-1536Mi', '-1536Mi'],
      // BinarySI below 1024 or with a fraction is written as DecimalSI.
      ['0.5Ki', '512', '512'],
      ['1.5Ki', '1536', '1536'],
      ['1.1Ki', '1126400m', '1126400m'],
      ['512Ki', '512Ki', '512Ki'],
      // DecimalExponent keeps its form.
      ['12e6', '12e6', '12e6'],
      ['1e3', '1e3', '1e3'],
      ['1.5e3', '1500', '1500'],
      ['100e-2', '1', '1'],
      [1e21, '1e+21', '1e+21'],
      // Zero.
      ['0', '0', '0'],
      ['0Mi', '0', '0'],
      ['0.0', '0', '0'],
      ['-0', '0', '0'],
      // Precision below milli: rounded up in a ResourceList, kept (to 1n) elsewhere.
      ['0.0001', '1m', '100u'],
      ['100u', '1m', '100u'],
      ['1n', '1m', '1n'],
      ['1.0000001', '1001m', '1000000100n'],
      ['1e-10', '1e-3', '1e-9'],
      // BinarySI values beyond 2^63-1 are capped.
      ['10Ei', '9223372036854775807', '9223372036854775807'],
      [
        '123456789012345678901',
        '123456789012345678901',
        '123456789012345678901',
      ],
      // The server echoes a string its parser finds already canonical-looking.
      ['1.500', '1.500', '1.500'],
      ['+1', '+1', '+1'],
      [' 250m ', '250m', '250m'],
      // An exponent beyond E has no suffix and is written without one.
      ['1000E', '1', '1'],
      // Not quantities: left for validation to reject.
      ['abc', 'abc', 'abc'],
      ['1.2.3', '1.2.3', '1.2.3'],
      ['1K', '1K', '1K'],
      ['1gi', '1gi', '1gi'],
      [true, true, true],
    ])(
      '%p -> %p (ResourceList) / %p (Quantity)',
      (input, inResourceList, asQuantity) => {
        const container = {
          name: 'a',
          image: 'a:1',
          resources: { requests: { cpu: input } },
        };
        const output = applyServerDefaults(
          {
            spec: {
              template: {
                spec: {
                  containers: [container],
                  volumes: [{ name: 'v', emptyDir: { sizeLimit: input } }],
                },
              },
            },
          },
          makeContext('apps', 'Deployment').context,
        );
        expect(
          output.spec.template.spec.containers[0].resources.requests.cpu,
        ).toEqual(inResourceList);
        expect(output.spec.template.spec.volumes[0].emptyDir.sizeLimit).toEqual(
          asQuantity,
        );
        expect(canonicalizeQuantity(input)).toEqual(asQuantity);
        expect(canonicalizeQuantity(input, { roundToMilli: true })).toEqual(
          inResourceList,
        );
      },
    );

    it('canonicalizes every ResourceList the server defaults', () => {
      const output = applyServerDefaults(
        {
          spec: {
            overhead: { cpu: '0.25' },
            initContainers: [
              {
                name: 'i',
                image: 'i:1',
                resources: { limits: { memory: '2048Mi' } },
              },
            ],
            ephemeralContainers: [
              {
                name: 'e',
                image: 'e:1',
                resources: { requests: { cpu: '0.001' } },
              },
            ],
            containers: [
              {
                name: 'a',
                image: 'a:1',
                env: [
                  {
                    name: 'M',
                    valueFrom: {
                      resourceFieldRef: {
                        resource: 'limits.memory',
                        divisor: '1024Ki',
                      },
                    },
                  },
                ],
              },
            ],
            volumes: [
              {
                name: 'd',
                downwardAPI: {
                  items: [
                    {
                      path: 'cpu',
                      resourceFieldRef: {
                        resource: 'limits.cpu',
                        divisor: '0.001',
                      },
                    },
                  ],
                },
              },
            ],
          },
        },
        makeContext('', 'Pod').context,
      );
      expect(output.spec.overhead).toEqual({ cpu: '250m' });
      expect(output.spec.initContainers[0].resources).toEqual({
        limits: { memory: '2Gi' },
        requests: { memory: '2Gi' },
      });
      expect(output.spec.ephemeralContainers[0].resources).toEqual({
        requests: { cpu: '1m' },
      });
      expect(
        output.spec.containers[0].env[0].valueFrom.resourceFieldRef.divisor,
      ).toBe('1Mi');
      expect(
        output.spec.volumes[0].downwardAPI.items[0].resourceFieldRef.divisor,
      ).toBe('1m');
    });
  });
});
