import { childPointer } from './jsonPointer';
import { FieldChange, isEmptyValue, isPlainObject } from './compareDesired';
import { mergeKeyOf } from './mergeKeys';

/**
 * The three-way half of the diff: fields that the last apply wrote (kubectl's
 * last-applied-configuration), that Git no longer declares, and that are still live. They are
 * drift: applying Git again would remove them. Live fields that were never applied (defaults,
 * other managers) are not.
 */
export function findAppliedRemovals(
  applied: unknown,
  desired: unknown,
  live: unknown,
  path: string,
  field: string,
  changes: FieldChange[],
): void {
  if (isPlainObject(applied)) {
    if (!isPlainObject(live)) {
      return;
    }
    const declared = isPlainObject(desired) ? desired : {};
    for (const [key, appliedValue] of Object.entries(applied)) {
      const liveValue = live[key];
      if (isEmptyValue(liveValue)) {
        continue;
      }
      const keyPath = childPointer(path, key);
      if (declared[key] === undefined && !isPlainObject(appliedValue)) {
        changes.push({ path: keyPath, desired: undefined, live: liveValue });
      } else {
        findAppliedRemovals(
          appliedValue,
          declared[key],
          liveValue,
          keyPath,
          key,
          changes,
        );
      }
    }
    return;
  }
  const keyOf = mergeKeyOf(field);
  if (!Array.isArray(applied) || !Array.isArray(live) || !keyOf) {
    return; // atomic lists are compared whole by compareDesired
  }
  const declared = Array.isArray(desired) ? desired : [];
  const declaredByKey = new Map(
    declared.map((item, index) => [keyOf(item), index]),
  );
  const liveByKey = new Map(live.map((item, index) => [keyOf(item), index]));
  for (const item of applied) {
    const key = keyOf(item);
    const liveIndex = key === undefined ? undefined : liveByKey.get(key);
    if (liveIndex === undefined) {
      continue;
    }
    const declaredIndex = declaredByKey.get(key);
    if (declaredIndex === undefined) {
      // No place in the desired layout: point at the live item.
      changes.push({
        path: childPointer(path, liveIndex),
        desired: undefined,
        live: live[liveIndex],
      });
    } else {
      findAppliedRemovals(
        item,
        declared[declaredIndex],
        live[liveIndex],
        childPointer(path, declaredIndex),
        '',
        changes,
      );
    }
  }
}
