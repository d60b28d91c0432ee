import { IncomingMessage } from 'node:http';
import { selectorText } from './scale';

/**
 * Server-side printing (meta.k8s.io/v1 Table), what `kubectl get` asks for: the columns of the
 * API server's printers for the kinds the demo shows, Name and Age for the others. Rows carry the
 * object's metadata (PartialObjectMetadata), or the object, or nothing, as `includeObject` asks.
 */

interface Column {
  name: string;
  type: 'string' | 'integer' | 'date';
  format?: string;
  description: string;
  /** 0 shown by default, 1 only with `-o wide`. */
  priority: 0 | 1;
  cell: (object: Record<string, any>) => unknown;
}

/** Whether the request's Accept header asks for a meta.k8s.io/v1 Table. */
export function wantsTable(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').split(',').some(type => {
    const [media, ...params] = type.split(';').map(p => p.trim());
    const values = new Map(params.map(p => p.split('=') as [string, string]));
    return (
      media === 'application/json' &&
      values.get('as') === 'Table' &&
      values.get('g') === 'meta.k8s.io' &&
      values.get('v') === 'v1'
    );
  });
}

/** The Table of `objects` of `kind`; `listMetadata` from the list it stands for. */
export function tableOf(
  kind: string,
  objects: Record<string, any>[],
  listMetadata: Record<string, unknown>,
  includeObject: string | null,
  apiVersion: string,
) {
  const columns = columnsOf(kind);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMetadata,
    columnDefinitions: columns.map(
      ({ name, type, format, description, priority }) => ({
        name,
        type,
        format: format ?? '',
        description,
        priority,
      }),
    ),
    rows: objects.map(object => {
      const row: { cells: unknown[]; object?: Record<string, unknown> } = {
        cells: columns.map(column => column.cell(object)),
      };
      if (includeObject === 'Object')
        row.object = { apiVersion, kind, ...object };
      else if (includeObject !== 'None')
        row.object = {
          kind: 'PartialObjectMetadata',
          apiVersion: 'meta.k8s.io/v1',
          metadata: object.metadata,
        };
      return row;
    }),
  };
}

const NAME: Column = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description:
    'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically.',
  priority: 0,
  cell: o => o.metadata.name,
};

const AGE: Column = {
  name: 'Age',
  type: 'string',
  description:
    'CreationTimestamp is a timestamp representing the server time when this object was created.',
  priority: 0,
  cell: o => age(o.metadata.creationTimestamp),
};

const column = (
  name: string,
  description: string,
  cell: Column['cell'],
  options: { type?: Column['type']; priority?: 0 | 1 } = {},
): Column => ({
  name,
  type: options.type ?? 'string',
  description,
  priority: options.priority ?? 0,
  cell,
});

const containers = (o: Record<string, any>): any[] =>
  o.spec?.template?.spec?.containers ?? [];

const WORKLOAD_WIDE = [
  column(
    'Containers',
    'Names of each container in the template.',
    o =>
      containers(o)
        .map(c => c.name)
        .join(','),
    { priority: 1 },
  ),
  column(
    'Images',
    'Images referenced by each container in the template.',
    o =>
      containers(o)
        .map(c => c.image)
        .join(','),
    { priority: 1 },
  ),
  column(
    'Selector',
    'Label selector for pods.',
    o => selectorText(o.spec?.selector),
    { priority: 1 },
  ),
];

function columnsOf(kind: string): Column[] {
  switch (kind) {
    case 'Deployment':
      return [
        NAME,
        column(
          'Ready',
          'Number of the pod with ready state',
          o => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`,
        ),
        column(
          'Up-to-date',
          'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
          o => o.status?.updatedReplicas ?? 0,
          { type: 'integer' },
        ),
        column(
          'Available',
          'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
          o => o.status?.availableReplicas ?? 0,
          { type: 'integer' },
        ),
        AGE,
        ...WORKLOAD_WIDE,
      ];
    case 'ReplicaSet':
      return [
        NAME,
        column(
          'Desired',
          'Number of desired pods.',
          o => o.spec?.replicas ?? 1,
          { type: 'integer' },
        ),
        column(
          'Current',
          'Number of actual replicas.',
          o => o.status?.replicas ?? 0,
          { type: 'integer' },
        ),
        column(
          'Ready',
          'Number of ready replicas.',
          o => o.status?.readyReplicas ?? 0,
          { type: 'integer' },
        ),
        AGE,
        ...WORKLOAD_WIDE,
      ];
    case 'StatefulSet':
      return [
        NAME,
        column(
          'Ready',
          'Number of the pod with ready state',
          o => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`,
        ),
        AGE,
        ...WORKLOAD_WIDE.slice(0, 2),
      ];
    case 'Pod':
      return [
        NAME,
        column(
          'Ready',
          'The aggregate readiness state of this pod for accepting traffic.',
          o => {
            const statuses: any[] = o.status?.containerStatuses ?? [];
            return `${statuses.filter(s => s.ready).length}/${
              (o.spec?.containers ?? []).length
            }`;
          },
        ),
        column(
          'Status',
          'The aggregate status of the containers in this pod.',
          o =>
            (o.status?.containerStatuses ?? []).find(
              (s: any) => s.state?.waiting,
            )?.state.waiting.reason ??
            o.status?.phase ??
            'Pending',
        ),
        column(
          'Restarts',
          'The number of times the containers in this pod have been restarted.',
          o =>
            String(
              (o.status?.containerStatuses ?? []).reduce(
                (n: number, s: any) => n + (s.restartCount ?? 0),
                0,
              ),
            ),
        ),
        AGE,
        column(
          'IP',
          'IP address allocated to the pod.',
          o => o.status?.podIP ?? '<none>',
          { priority: 1 },
        ),
        column(
          'Node',
          'Name of the node on which the pod is scheduled.',
          o => o.spec?.nodeName ?? '<none>',
          { priority: 1 },
        ),
      ];
    case 'Service':
      return [
        NAME,
        column(
          'Type',
          'The type of the service.',
          o => o.spec?.type ?? 'ClusterIP',
        ),
        column(
          'Cluster-IP',
          'The cluster IP of the service.',
          o => o.spec?.clusterIP ?? '<none>',
        ),
        column(
          'External-IP',
          'The external IP of the service.',
          o =>
            (o.status?.loadBalancer?.ingress ?? [])
              .map((i: any) => i.ip ?? i.hostname)
              .join(',') ||
            (o.spec?.type === 'LoadBalancer' ? '<pending>' : '<none>'),
        ),
        column(
          'Port(s)',
          'The ports of the service.',
          o =>
            (o.spec?.ports ?? [])
              .map(
                (p: any) =>
                  `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${
                    p.protocol ?? 'TCP'
                  }`,
              )
              .join(',') || '<none>',
        ),
        AGE,
        column(
          'Selector',
          'The selector of the service.',
          o =>
            Object.entries(o.spec?.selector ?? {})
              .map(([k, v]) => `${k}=${v}`)
              .join(',') || '<none>',
          { priority: 1 },
        ),
      ];
    case 'ConfigMap':
      return [
        NAME,
        column(
          'Data',
          'Number of data entries.',
          o =>
            Object.keys(o.data ?? {}).length +
            Object.keys(o.binaryData ?? {}).length,
          { type: 'integer' },
        ),
        AGE,
      ];
    case 'Secret':
      return [
        NAME,
        column('Type', 'The type of the secret.', o => o.type ?? 'Opaque'),
        column(
          'Data',
          'Number of data entries.',
          o => Object.keys(o.data ?? {}).length,
          { type: 'integer' },
        ),
        AGE,
      ];
    case 'Namespace':
      return [
        NAME,
        column(
          'Status',
          'The status of the namespace.',
          o => o.status?.phase ?? 'Active',
        ),
        AGE,
      ];
    case 'HorizontalPodAutoscaler':
      return [
        NAME,
        column(
          'Reference',
          'The target of the autoscaler.',
          o =>
            `${o.spec?.scaleTargetRef?.kind}/${o.spec?.scaleTargetRef?.name}`,
        ),
        column(
          'MinPods',
          'Lower limit for the number of pods.',
          o => o.spec?.minReplicas ?? 1,
          { type: 'integer' },
        ),
        column(
          'MaxPods',
          'Upper limit for the number of pods.',
          o => o.spec?.maxReplicas,
          { type: 'integer' },
        ),
        column(
          'Replicas',
          'Current number of replicas.',
          o => o.status?.currentReplicas ?? 0,
          { type: 'integer' },
        ),
        AGE,
      ];
    default:
      return [NAME, AGE];
  }
}

/** How the server prints an age: "45s", "3m12s", "5h", "12d", as Kubernetes' HumanDuration. */
export function age(timestamp: string | undefined, now = Date.now()): string {
  if (!timestamp) return '<unknown>';
  const seconds = Math.max(0, Math.floor((now - Date.parse(timestamp)) / 1000));
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  const years = Math.floor(days / 365);
  if (seconds < 120) return `${seconds}s`;
  if (minutes < 10)
    return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  if (hours < 8)
    return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8)
    return hours % 24 === 0 ? `${days}d` : `${days}d${hours % 24}h`;
  if (days < 365 * 2) return `${days}d`;
  if (years < 8)
    return days % 365 === 0 ? `${years}y` : `${years}y${days % 365}d`;
  return `${years}y`;
}
