/**
 * How items of a list field are matched between desired and live, as Kubernetes' strategic merge
 * patch does: by their merge key, so that order and server defaults inside items make no noise.
 * Lists without a merge key are compared item by item.
 */
type ItemKey = (item: any) => string | undefined;

const byField =
  (...fields: string[]): ItemKey =>
  item =>
    item && typeof item === 'object' && fields.every(f => item[f] !== undefined)
      ? fields.map(f => String(item[f])).join('/')
      : undefined;

const byPort: ItemKey = item => {
  if (!item || typeof item !== 'object') return undefined;
  // Container ports are keyed by containerPort, Service ports by port; protocol defaults to TCP.
  const port = item.containerPort ?? item.port;
  return port === undefined ? undefined : `${port}/${item.protocol ?? 'TCP'}`;
};

const MERGE_KEYS: Record<string, ItemKey> = {
  containers: byField('name'),
  initContainers: byField('name'),
  ephemeralContainers: byField('name'),
  env: byField('name'),
  volumes: byField('name'),
  imagePullSecrets: byField('name'),
  volumeMounts: byField('mountPath'),
  volumeDevices: byField('devicePath'),
  ports: byPort,
  hostAliases: byField('ip'),
  conditions: byField('type'),
  ownerReferences: byField('uid'),
  topologySpreadConstraints: byField('topologyKey', 'whenUnsatisfiable'),
  resourceClaims: byField('name'),
  schedulingGates: byField('name'),
};

/** The merge key of the list field named `field`, when Kubernetes defines one. */
export function mergeKeyOf(field: string): ItemKey | undefined {
  return MERGE_KEYS[field];
}
