/**
 * Field ownership for server-side apply, in the managedFields `fieldsV1` format: `f:<field>` for
 * map fields, `k:<json key>` for items of lists with merge keys, `.` for the item itself. Only
 * leaves are owned; lists without merge keys are owned whole (atomic), as in Kubernetes.
 */

import { itemKey, matchesKey } from './listKeys';

type Segment = { field: string } | { key: Record<string, unknown> };
/** One owned leaf, as segments from the object's root. */
export type FieldPath = Segment[];

const isObject = (value: unknown): value is Record<string, any> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The leaves an applied configuration sets (metadata name/namespace excluded, like the server). */
export function leavesOf(
  value: unknown,
  path: FieldPath = [],
  field = '',
): FieldPath[] {
  if (isObject(value)) {
    const leaves: FieldPath[] = [];
    let skipped = 0;
    for (const [name, child] of Object.entries(value)) {
      if (
        path.length === 0 &&
        ['apiVersion', 'kind', 'status'].includes(name)
      ) {
        skipped++;
        continue;
      }
      if (
        path.length === 1 &&
        'field' in path[0] &&
        path[0].field === 'metadata' &&
        [
          'name',
          'namespace',
          'managedFields',
          'resourceVersion',
          'uid',
          'creationTimestamp',
          'generation',
        ].includes(name)
      ) {
        skipped++;
        continue;
      }
      leaves.push(...leavesOf(child, [...path, { field: name }], name));
    }
    // An empty map is a leaf of its own; one whose fields are all identity fields owns nothing.
    if (leaves.length > 0 || skipped > 0) return leaves;
    return [path];
  }
  if (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(item => itemKey(field, item))
  ) {
    return value.flatMap(item => {
      const key = itemKey(field, item)!;
      const inner = leavesOf(item, [...path, { key }]);
      return inner;
    });
  }
  return [path];
}

export const pathId = (path: FieldPath) => JSON.stringify(path);

/** ".spec.template.spec.containers[name="app"].image", as the server names fields in conflicts. */
export function pathText(path: FieldPath): string {
  return path
    .map(segment =>
      'field' in segment
        ? `.${segment.field}`
        : `[${Object.entries(segment.key)
            .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
            .join(',')}]`,
    )
    .join('');
}

/** Builds `fieldsV1` from owned leaves. */
export function toFieldsV1(paths: FieldPath[]): Record<string, any> {
  const root: Record<string, any> = {};
  for (const path of paths) {
    let node = root;
    path.forEach(segment => {
      const name =
        'field' in segment
          ? `f:${segment.field}`
          : `k:${JSON.stringify(segment.key)}`;
      node[name] ??= {};
      if ('key' in segment) node[name]['.'] = {};
      node = node[name];
    });
  }
  return root;
}

/** The owned leaves a `fieldsV1` set names. */
export function fromFieldsV1(
  fields: Record<string, any>,
  path: FieldPath = [],
): FieldPath[] {
  const entries = Object.entries(fields ?? {}).filter(([name]) => name !== '.');
  if (entries.length === 0) return path.length ? [path] : [];
  return entries.flatMap(([name, sub]) => {
    if (name.startsWith('f:'))
      return fromFieldsV1(sub, [...path, { field: name.slice(2) }]);
    if (name.startsWith('k:'))
      return fromFieldsV1(sub, [...path, { key: JSON.parse(name.slice(2)) }]);
    return [];
  });
}

/** The value at a path, undefined when absent. */
export function valueAt(object: unknown, path: FieldPath): unknown {
  let node: any = object;
  for (const segment of path) {
    if ('field' in segment) {
      node = isObject(node) ? node[segment.field] : undefined;
    } else {
      node = Array.isArray(node)
        ? node.find(item => matchesKey(item, segment.key))
        : undefined;
    }
    if (node === undefined) return undefined;
  }
  return node;
}

/** Deletes the value at a path (a keyed item when the path ends on its key). */
export function removeAt(object: unknown, path: FieldPath): void {
  if (path.length === 0) return;
  const parent = valueAt(object, path.slice(0, -1));
  const last = path[path.length - 1];
  if ('field' in last) {
    if (isObject(parent)) delete parent[last.field];
  } else if (Array.isArray(parent)) {
    const index = parent.findIndex(item => matchesKey(item, last.key));
    if (index >= 0) parent.splice(index, 1);
  }
}
