/*
 * Small helpers shared by the defaulting code.
 *
 * The real defaulting functions work on Go structs, where "not set" has three
 * shapes depending on the Go type of the field:
 *
 * - pointer fields (`*int32`, `*string`, `*Struct`): only nil is "not set", so
 *   an explicit 0, "" or false is kept (see {@link isUnset});
 * - plain string fields: "" is the zero value and is defaulted like a missing
 *   field (see {@link isEmptyString});
 * - plain int fields: 0 is the zero value and is defaulted like a missing field
 *   (see {@link isZeroNumber}).
 *
 * A JSON `null` decodes to the zero value in every case, so it counts as "not set".
 */

export type Obj = Record<string, any>;

export function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPlainObject(value: unknown): value is Obj {
  if (!isObject(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** nil for a pointer, slice or map field. */
export function isUnset(value: unknown): boolean {
  return value === undefined || value === null;
}

/** The zero value of a plain string field. */
export function isEmptyString(value: unknown): boolean {
  return isUnset(value) || value === '';
}

/** The zero value of a plain integer field. */
export function isZeroNumber(value: unknown): boolean {
  return isUnset(value) || value === 0;
}

/** `len(x) == 0` for a slice or map field. */
export function isEmptyCollection(value: unknown): boolean {
  if (isUnset(value)) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isObject(value)) return Object.keys(value).length === 0;
  return false;
}

/** Sets `object[key]` to `value` when the field is a nil pointer. */
export function defaultPointer(object: Obj, key: string, value: unknown) {
  if (isUnset(object[key])) object[key] = value;
}

/** Sets `object[key]` to `value` when the plain string field is empty. */
export function defaultString(object: Obj, key: string, value: string) {
  if (isEmptyString(object[key])) object[key] = value;
}

/** Sets `object[key]` to `value` when the plain integer field is zero. */
export function defaultNumber(object: Obj, key: string, value: number) {
  if (isZeroNumber(object[key])) object[key] = value;
}

/**
 * Returns the object at `object[key]`, creating an empty one there first when
 * the field is unset. Returns undefined (and leaves the field alone) when the
 * field holds something that is not an object: validation rejects that, and
 * defaulting must not hide it.
 */
export function ensureObject(object: Obj, key: string): Obj | undefined {
  if (isUnset(object[key])) object[key] = {};
  return isObject(object[key]) ? object[key] : undefined;
}

/** The object at `object[key]`, or undefined when it is not an object. */
export function objectAt(
  object: Obj | undefined,
  key: string,
): Obj | undefined {
  const value = object?.[key];
  return isObject(value) ? value : undefined;
}

/** The objects in the array at `object[key]` (non-objects are skipped). */
export function objectsAt(object: Obj | undefined, key: string): Obj[] {
  const value = object?.[key];
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** A deep copy of plain JSON-like data (objects, arrays and primitives). */
export function deepClone<T>(value: T): T {
  if (Array.isArray(value)) return value.map(item => deepClone(item)) as T;
  if (isPlainObject(value)) {
    const copy: Obj = {};
    for (const [key, item] of Object.entries(value))
      copy[key] = deepClone(item);
    return copy as T;
  }
  return value;
}
