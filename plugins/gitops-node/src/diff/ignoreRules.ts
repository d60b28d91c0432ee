import { isPlainObject } from './compareDesired';
import { removeAtPointer } from './jsonPointer';

/**
 * Fields to leave out of the comparison of one resource.
 *
 * @public
 */
export interface IgnoreRules {
  /** JSON pointers, e.g. "/spec/replicas". */
  pointers?: string[];
  /**
   * Field managers whose fields in the live object are not drift, e.g. the HPA controller owning
   * /spec/replicas: every field they own (per the live managedFields) is ignored on both sides.
   */
  managers?: string[];
}

/** Removes ignored fields from each of `objects` (normalized copies: they are modified). */
export function applyIgnoreRules(
  rules: IgnoreRules,
  managedFields: unknown,
  objects: unknown[],
): void {
  for (const pointer of rules.pointers ?? []) {
    for (const object of objects) {
      removeAtPointer(object, pointer);
    }
  }
  const managers = new Set(rules.managers ?? []);
  if (managers.size === 0 || !Array.isArray(managedFields)) {
    return;
  }
  for (const entry of managedFields) {
    if (managers.has(entry?.manager) && isPlainObject(entry.fieldsV1)) {
      for (const object of objects) {
        removeOwnedFields(object, entry.fieldsV1);
      }
    }
  }
}

const isLeaf = (fields: unknown) =>
  !isPlainObject(fields) || Object.keys(fields).every(key => key === '.');

// A protocol that the server defaulted is not written in Git: treat it as TCP when matching.
function keyFieldMatches(
  item: Record<string, unknown>,
  field: string,
  value: unknown,
) {
  const actual = item[field] ?? (field === 'protocol' ? 'TCP' : undefined);
  return String(actual) === String(value);
}

/**
 * Removes from `node` the fields a managedFields `fieldsV1` set names: `f:<field>` for map
 * fields, `k:<json>` for list items by key, `v:<json>` for set items; `.` is the node itself.
 */
function removeOwnedFields(
  node: unknown,
  fields: Record<string, unknown>,
): void {
  for (const [key, sub] of Object.entries(fields)) {
    if (key.startsWith('f:') && isPlainObject(node)) {
      const name = key.slice(2);
      if (!(name in node)) continue;
      if (isLeaf(sub)) delete node[name];
      else removeOwnedFields(node[name], sub as Record<string, unknown>);
    } else if (key.startsWith('k:') && Array.isArray(node)) {
      const match = JSON.parse(key.slice(2)) as Record<string, unknown>;
      for (let index = node.length - 1; index >= 0; index--) {
        const item = node[index];
        if (
          isPlainObject(item) &&
          Object.entries(match).every(([field, value]) =>
            keyFieldMatches(item, field, value),
          )
        ) {
          if (isLeaf(sub)) node.splice(index, 1);
          else removeOwnedFields(item, sub as Record<string, unknown>);
        }
      }
    } else if (key.startsWith('v:') && Array.isArray(node)) {
      const value = JSON.stringify(JSON.parse(key.slice(2)));
      for (let index = node.length - 1; index >= 0; index--) {
        if (JSON.stringify(node[index]) === value) node.splice(index, 1);
      }
    }
  }
}
