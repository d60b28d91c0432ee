import { StatusError } from './status';

/** The kinds the emulator serves a `scale` subresource for (autoscaling/v1 Scale), as Kubernetes. */
export const SCALABLE_KINDS = new Set([
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
]);

/** The Scale the server shows for a scalable object. */
export function scaleOf(object: Record<string, any>): Record<string, any> {
  const { name, namespace, uid, resourceVersion, creationTimestamp } =
    object.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: object.spec?.replicas ?? 1 },
    status: {
      replicas: object.status?.replicas ?? 0,
      selector: selectorText(object.spec?.selector),
    },
  };
}

/** The replica count a written Scale asks for; 422 as the server's validation says. */
export function replicasOf(scale: unknown, name: string): number {
  const replicas = (scale as any)?.spec?.replicas ?? 0;
  if (!Number.isInteger(replicas) || replicas < 0) {
    throw new StatusError(
      422,
      'Invalid',
      `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(
        replicas,
      )}: must be greater than or equal to 0`,
      {
        name,
        group: 'autoscaling',
        kind: 'Scale',
        causes: [{ reason: 'FieldValueInvalid', field: 'spec.replicas' }],
      },
    );
  }
  return replicas;
}

/** A LabelSelector in the text form `status.selector` uses ("a=b,c in (d,e)"). */
export function selectorText(selector: unknown): string {
  const { matchLabels = {}, matchExpressions = [] } = (selector ?? {}) as {
    matchLabels?: Record<string, string>;
    matchExpressions?: Array<{
      key: string;
      operator: string;
      values?: string[];
    }>;
  };
  const requirements = [
    ...Object.entries(matchLabels).map(([key, value]) => `${key}=${value}`),
    ...matchExpressions.map(({ key, operator, values = [] }) => {
      const list = `(${[...values].sort().join(',')})`;
      switch (operator) {
        case 'In':
          return `${key} in ${list}`;
        case 'NotIn':
          return `${key} notin ${list}`;
        case 'Exists':
          return key;
        default:
          return `!${key}`;
      }
    }),
  ];
  return requirements.sort().join(',');
}
