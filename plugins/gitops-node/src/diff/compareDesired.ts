import { childPointer } from './jsonPointer';
import { mergeKeyOf } from './mergeKeys';
import { canonicalQuantity } from './quantity';

/**
 * One field that differs: its JSON pointer (in the desired object's layout), and the desired and
 * live values (undefined where absent).
 *
 * @public
 */
export interface FieldChange {
  path: string;
  desired?: unknown;
  live?: unknown;
}

// Fields whose values are resource quantities: compared by value ("0.25" = "250m").
const QUANTITY_FIELD =
  /\/(requests|limits|hard|capacity|allocatable|overhead)\/[^/]+$|\/sizeLimit$/;

export function isPlainObject(
  value: unknown,
): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Absent, null, and empty maps and lists are all "nothing". */
export function isEmptyValue(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (Array.isArray(value) && value.length === 0) ||
    (isPlainObject(value) && Object.keys(value).length === 0)
  );
}

/** Whether two scalars are the same value (quantity fields compared by value). */
export function scalarsEqual(
  desired: unknown,
  live: unknown,
  path: string,
): boolean {
  if (desired === live) {
    return true;
  }
  if (QUANTITY_FIELD.test(path)) {
    const a = canonicalQuantity(desired);
    return a !== undefined && a === canonicalQuantity(live);
  }
  return false;
}

/**
 * Compares what Git declares with what is live, field by field, in the desired object's terms:
 * every declared field must match; fields only the live object has (server defaults, fields of
 * other managers) are not looked at here. List items with a merge key are matched by it.
 */
export function compareDesired(
  desired: unknown,
  live: unknown,
  path: string,
  field: string,
  changes: FieldChange[],
): void {
  if (isEmptyValue(desired) && isEmptyValue(live)) {
    return;
  }
  if (isPlainObject(desired)) {
    if (!isPlainObject(live)) {
      changes.push({ path, desired, live });
      return;
    }
    for (const [key, value] of Object.entries(desired)) {
      compareDesired(value, live[key], childPointer(path, key), key, changes);
    }
    return;
  }
  if (Array.isArray(desired)) {
    if (!Array.isArray(live)) {
      changes.push({ path, desired, live });
      return;
    }
    const keyOf = mergeKeyOf(field);
    if (keyOf) {
      const liveByKey = new Map(live.map(item => [keyOf(item), item]));
      desired.forEach((item, index) => {
        const key = keyOf(item);
        const match = key === undefined ? undefined : liveByKey.get(key);
        if (match === undefined) {
          changes.push({
            path: childPointer(path, index),
            desired: item,
            live: undefined,
          });
        } else {
          compareDesired(item, match, childPointer(path, index), '', changes);
        }
      });
      return;
    }
    if (desired.length !== live.length) {
      changes.push({ path, desired, live });
      return;
    }
    desired.forEach((item, index) =>
      compareDesired(item, live[index], childPointer(path, index), '', changes),
    );
    return;
  }
  if (!scalarsEqual(desired, live, path)) {
    changes.push({ path, desired, live });
  }
}
