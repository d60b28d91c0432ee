import { FieldChange, isPlainObject } from './compareDesired';

/** What stands in for a Secret value in every output. */
export const HIDDEN_VALUE = '(hidden)';

const SECRET_VALUE_PATH = /^\/(data|stringData)(\/|$)/;

function maskValues(values: unknown): unknown {
  if (values === undefined) {
    return undefined;
  }
  return isPlainObject(values)
    ? Object.fromEntries(Object.keys(values).map(key => [key, HIDDEN_VALUE]))
    : HIDDEN_VALUE;
}

/** The changes of a Secret, saying which keys changed but never their values. */
export function maskSecretChanges(changes: FieldChange[]): FieldChange[] {
  return changes.map(change =>
    SECRET_VALUE_PATH.test(change.path)
      ? {
          path: change.path,
          desired: maskValues(change.desired),
          live: maskValues(change.live),
        }
      : change,
  );
}

/**
 * Copies of a desired and a live Secret for display: each value is hidden; where the two differ,
 * each side says so in its own words, so that a diff still shows which keys changed.
 */
export function maskSecretPair(
  desired: Record<string, any> | undefined,
  live: Record<string, any> | undefined,
): [Record<string, any> | undefined, Record<string, any> | undefined] {
  const desiredData = isPlainObject(desired?.data) ? desired!.data : {};
  const liveData = isPlainObject(live?.data) ? live!.data : {};
  const mask = (
    own: Record<string, unknown>,
    other: Record<string, unknown>,
    otherSide: string,
  ) =>
    Object.fromEntries(
      Object.keys(own).map(key => [
        key,
        key in other && own[key] !== other[key]
          ? `(hidden, differs from ${otherSide})`
          : HIDDEN_VALUE,
      ]),
    );
  const withData = (
    object: Record<string, any> | undefined,
    data: Record<string, unknown>,
  ) => (object && object.data !== undefined ? { ...object, data } : object);
  return [
    withData(desired, mask(desiredData, liveData, 'live')),
    withData(live, mask(liveData, desiredData, 'desired')),
  ];
}
