/**
 * Realistic manifests of every built-in kind the emulator serves, as a team would write them
 * (abbreviated: no defaults spelled out, quantities in the forms people type).
 */
export function conformanceManifests(namespace: string) {
  const labels = { 'app.kubernetes.io/name': 'shop', tier: 'web' };
  const podSpec = {
    serviceAccountName: 'shop',
    containers: [
      {
        name: 'app',
        image: 'registry.example.com/shop/web:1.4.2',
        ports: [{ name: 'http', containerPort: 8080 }],
        env: [
          { name: 'LOG_LEVEL', value: 'info' },
          {
            name: 'DB_PASSWORD',
            valueFrom: { secretKeyRef: { name: 'shop-db', key: 'password' } },
          },
        ],
        resources: {
          requests: { cpu: '0.25', memory: '256Mi' },
          limits: { cpu: '1000m', memory: '0.5Gi' },
        },
        readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
        livenessProbe: { tcpSocket: { port: 8080 } },
        volumeMounts: [{ name: 'config', mountPath: '/etc/shop' }],
      },
    ],
    volumes: [{ name: 'config', configMap: { name: 'shop-config' } }],
  };
  const template = { metadata: { labels }, spec: podSpec };
  const metadata = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    namespace,
    labels,
    ...extra,
  });
  return {
    Namespace: {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace, labels: { team: 'shop' } },
    },
    ServiceAccount: {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: metadata('shop'),
    },
    ConfigMap: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: metadata('shop-config'),
      data: { 'settings.yaml': 'currency: EUR\n' },
    },
    Secret: {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: metadata('shop-db'),
      stringData: { username: 'shop' },
      data: { password: Buffer.from('s3cret').toString('base64') },
    },
    PersistentVolumeClaim: {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: metadata('shop-data'),
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '1024Mi' } },
      },
    },
    ResourceQuota: {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: metadata('shop-quota'),
      spec: {
        hard: {
          'requests.cpu': '4000m',
          'requests.memory': '8192Mi',
          pods: '20',
        },
      },
    },
    Pod: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: metadata('shop-debug'),
      spec: podSpec,
    },
    Service: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: metadata('shop'),
      spec: {
        type: 'LoadBalancer',
        selector: labels,
        ports: [{ name: 'http', port: 80, targetPort: 'http' }],
      },
    },
    Deployment: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: metadata('shop-web'),
      spec: { replicas: 3, selector: { matchLabels: labels }, template },
    },
    ReplicaSet: {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: metadata('shop-legacy'),
      spec: { replicas: 1, selector: { matchLabels: labels }, template },
    },
    StatefulSet: {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: metadata('shop-cache'),
      spec: {
        serviceName: 'shop-cache',
        replicas: 2,
        selector: { matchLabels: labels },
        template,
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: {
              accessModes: ['ReadWriteOnce'],
              resources: { requests: { storage: '2Gi' } },
            },
          },
        ],
      },
    },
    DaemonSet: {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: metadata('shop-agent'),
      spec: { selector: { matchLabels: labels }, template },
    },
    Job: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: metadata('shop-migrate'),
      spec: {
        template: {
          spec: { ...podSpec, restartPolicy: 'Never' },
        },
      },
    },
    CronJob: {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: metadata('shop-report'),
      spec: {
        schedule: '0 3 * * *',
        jobTemplate: {
          spec: {
            template: { spec: { ...podSpec, restartPolicy: 'OnFailure' } },
          },
        },
      },
    },
    Ingress: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: metadata('shop'),
      spec: {
        ingressClassName: 'nginx',
        tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
        rules: [
          {
            host: 'shop.example.com',
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: {
                    service: { name: 'shop', port: { name: 'http' } },
                  },
                },
              ],
            },
          },
        ],
      },
    },
    HorizontalPodAutoscaler: {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: metadata('shop-web'),
      spec: {
        scaleTargetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'shop-web',
        },
        minReplicas: 2,
        maxReplicas: 10,
        metrics: [
          {
            type: 'Resource',
            resource: {
              name: 'memory',
              target: { type: 'AverageValue', averageValue: '0.5Gi' },
            },
          },
        ],
        behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
      },
    },
    PodDisruptionBudget: {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: metadata('shop-web'),
      spec: { minAvailable: '50%', selector: { matchLabels: labels } },
    },
    Role: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: metadata('shop-reader'),
      rules: [
        {
          apiGroups: [''],
          resources: ['configmaps'],
          verbs: ['get', 'list', 'watch'],
        },
      ],
    },
    RoleBinding: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: metadata('shop-reader'),
      roleRef: { kind: 'Role', name: 'shop-reader' },
      subjects: [
        { kind: 'ServiceAccount', name: 'shop', namespace },
        { kind: 'Group', name: 'shop-developers' },
      ],
    },
    ClusterRole: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: `${namespace}-node-reader`, labels },
      rules: [
        { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list'] },
      ],
    },
    ClusterRoleBinding: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: `${namespace}-node-reader`, labels },
      roleRef: { kind: 'ClusterRole', name: `${namespace}-node-reader` },
      subjects: [{ kind: 'User', name: 'alice@example.com' }],
    },
    CustomResourceDefinition: {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `widgets.${namespace}.example.com` },
      spec: {
        group: `${namespace}.example.com`,
        scope: 'Namespaced',
        names: { plural: 'widgets', kind: 'Widget', shortNames: ['wd'] },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: {
                  spec: {
                    type: 'object',
                    properties: { size: { type: 'integer' } },
                  },
                },
              },
            },
          },
        ],
      },
    },
  };
}
