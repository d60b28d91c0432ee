/**
 * The merge keys of the built-in kinds' list fields, shared by strategic merge patch and
 * server-side apply: items are matched by these fields, not by position.
 */
const LIST_KEYS: Record<string, string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  env: ['name'],
  volumes: ['name'],
  volumeMounts: ['mountPath'],
  imagePullSecrets: ['name'],
  ports: ['containerPort', 'protocol'],
  conditions: ['type'],
};

const isObject = (value: unknown): value is Record<string, any> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// The server defaults a port's protocol, so an item without one is keyed as TCP.
const keyValue = (item: Record<string, any>, name: string) =>
  item[name] ?? (name === 'protocol' ? 'TCP' : undefined);

/** The key of a list item of `field`, or undefined when the field has none (atomic lists). */
export function itemKey(
  field: string,
  item: unknown,
): Record<string, unknown> | undefined {
  const keys = LIST_KEYS[field];
  if (!keys || !isObject(item)) return undefined;
  // Service ports are keyed by port; container ports by containerPort.
  const effective =
    field === 'ports' && item.containerPort === undefined
      ? ['port', 'protocol']
      : keys;
  const key: Record<string, unknown> = {};
  for (const name of effective) {
    key[name] = keyValue(item, name);
    if (key[name] === undefined) return undefined;
  }
  return key;
}

/** Whether a list item has the given key. */
export function matchesKey(
  item: unknown,
  key: Record<string, unknown>,
): boolean {
  return (
    isObject(item) &&
    Object.entries(key).every(([name, value]) => keyValue(item, name) === value)
  );
}
