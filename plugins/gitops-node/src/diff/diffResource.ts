import { SyncStatus } from '@shipshape/plugin-gitops-common';
import { createTwoFilesPatch } from 'diff';
import { stringify } from 'yaml';
import { KubernetesObject } from '../health';
import { findAppliedRemovals } from './appliedRemovals';
import {
  compareDesired,
  FieldChange,
  isPlainObject,
  scalarsEqual,
} from './compareDesired';
import { applyIgnoreRules, IgnoreRules } from './ignoreRules';
import { childPointer, setAtPointer } from './jsonPointer';
import { mergeKeyOf } from './mergeKeys';
import { LAST_APPLIED_ANNOTATION, normalizeObject } from './normalizeObject';
import {
  ResourceIdentity,
  resourceIdentity,
  ResourceIdentityOptions,
} from './resourceIdentity';
import { maskSecretChanges, maskSecretPair } from './secretMasking';

/** @public */
export interface DiffOptions extends ResourceIdentityOptions {
  ignore?: IgnoreRules;
  /**
   * The desired and live objects are throwaway copies of the caller's (e.g. parsed for this
   * comparison): they are normalized in place, and changed, rather than deep-copied first.
   */
  consumeInputs?: boolean;
}

/**
 * The comparison of one resource: whether it is in sync, the fields that differ, and a unified
 * YAML diff of them (desired against live). Secret values appear in neither.
 *
 * @public
 */
export interface ResourceDiff {
  identity: ResourceIdentity;
  sync: SyncStatus;
  changes: FieldChange[];
  /** Unified diff ("--- desired", "+++ live"); empty when in sync. */
  diff: string;
  /**
   * What the diff was made of, when not in sync, as YAML: the normalized desired object and the
   * live one in the desired object's shape (Secret values masked), for side-by-side views.
   * Rendered once, for the unified diff and for these.
   */
  shown?: {
    desired?: string;
    live?: string;
  };
}

/**
 * Diffs what Git declares against what is live. Fields the server populates or defaults are not
 * drift; declared fields that differ are; fields removed from Git but still live are drift when
 * the live last-applied-configuration shows they were applied.
 *
 * @public
 */
export function diffResource(
  desired: KubernetesObject | undefined,
  live: KubernetesObject | undefined,
  options: DiffOptions = {},
): ResourceDiff {
  const reference = desired ?? live;
  if (!reference) {
    throw new Error('diffResource needs a desired or a live object');
  }
  const identity = resourceIdentity(reference, options);
  const isSecret = identity.group === '' && identity.kind === 'Secret';
  const inPlace = options.consumeInputs === true;
  const display = (object: KubernetesObject | undefined) =>
    object ? normalizeObject(object, identity, { inPlace }) : undefined;

  if (!desired || !live) {
    let [shownDesired, shownLive] = [display(desired), display(live)];
    if (isSecret)
      [shownDesired, shownLive] = maskSecretPair(shownDesired, shownLive);
    return {
      identity,
      sync: desired ? 'Missing' : 'Extraneous',
      changes: [],
      ...shownAndDiff(identity, shownDesired, shownLive),
    };
  }

  // Read before live is normalized (in place, it loses its annotation).
  const applied = lastApplied(live, identity);
  const managedFields = live.metadata.managedFields;
  const normalizedDesired = normalizeObject(desired, identity, { inPlace });
  const normalizedLive = normalizeObject(live, identity, { inPlace });
  applyIgnoreRules(options.ignore ?? {}, managedFields, [
    normalizedDesired,
    normalizedLive,
    ...(applied ? [applied] : []),
  ]);

  const changes: FieldChange[] = [];
  compareDesired(normalizedDesired, normalizedLive, '', '', changes);
  if (applied) {
    findAppliedRemovals(
      applied,
      normalizedDesired,
      normalizedLive,
      '',
      '',
      changes,
    );
  }
  if (changes.length === 0) {
    return { identity, sync: 'Synced', changes, diff: '' };
  }

  // Show live in the desired object's shape (plus what was removed from Git), so the diff shows
  // drift, not every server default.
  const projected = project(
    normalizedDesired,
    normalizedLive,
    '',
    '',
  ) as Record<string, any>;
  for (const change of changes) {
    if (change.desired === undefined && change.live !== undefined) {
      setAtPointer(projected, change.path, change.live);
    }
  }
  let [shownDesired, shownLive]: Array<Record<string, any> | undefined> = [
    normalizedDesired,
    projected,
  ];
  if (isSecret)
    [shownDesired, shownLive] = maskSecretPair(shownDesired, shownLive);
  return {
    identity,
    sync: 'OutOfSync',
    changes: isSecret ? maskSecretChanges(changes) : changes,
    ...shownAndDiff(identity, shownDesired, shownLive),
  };
}

function lastApplied(
  live: KubernetesObject,
  identity: ResourceIdentity,
): Record<string, any> | undefined {
  const text = live.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
  if (!text) {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text);
    return isPlainObject(parsed) && isPlainObject(parsed.metadata)
      ? normalizeObject(parsed as KubernetesObject, identity, { inPlace: true })
      : undefined;
  } catch {
    return undefined; // a corrupt annotation: fall back to a two-way diff
  }
}

/** The live value restricted to the fields the desired value declares, in its order. */
function project(
  desired: unknown,
  live: unknown,
  path: string,
  field: string,
): unknown {
  if (isPlainObject(desired) && isPlainObject(live)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(desired)) {
      if (live[key] !== undefined) {
        out[key] = project(
          desired[key],
          live[key],
          childPointer(path, key),
          key,
        );
      }
    }
    return out;
  }
  if (Array.isArray(desired) && Array.isArray(live)) {
    const keyOf = mergeKeyOf(field);
    const liveByKey = keyOf && new Map(live.map(item => [keyOf(item), item]));
    const out: unknown[] = [];
    desired.forEach((item, index) => {
      const match = liveByKey ? liveByKey.get(keyOf(item)) : live[index];
      if (match !== undefined) {
        out.push(project(item, match, childPointer(path, index), ''));
      }
    });
    // Unkeyed lists are compared whole: show the live items beyond the declared ones too.
    return liveByKey ? out : [...out, ...live.slice(desired.length)];
  }
  // Values compareDesired finds equal (e.g. quantities) are shown as written in Git.
  return scalarsEqual(desired, live, path) ? desired : live;
}

/** The two sides as YAML, and the unified diff of them. */
function shownAndDiff(
  identity: ResourceIdentity,
  desired: unknown,
  live: unknown,
): Pick<ResourceDiff, 'diff' | 'shown'> {
  const name = [
    identity.group,
    identity.kind,
    identity.namespace,
    identity.name,
  ]
    .filter(Boolean)
    .join('/');
  const desiredText = desired === undefined ? undefined : stringify(desired);
  const liveText = live === undefined ? undefined : stringify(live);
  // createTwoFilesPatch starts with a line of "=" (a separator for several files): not needed.
  const diff = createTwoFilesPatch(
    `desired/${name}`,
    `live/${name}`,
    desiredText ?? '',
    liveText ?? '',
    '',
    '',
    { context: 3 },
  ).replace(/^=+\n/, '');
  return { diff, shown: { desired: desiredText, live: liveText } };
}
