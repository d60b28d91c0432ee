import {
  CompoundEntityRef,
  DEFAULT_NAMESPACE,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ENVIRONMENT_TYPES } from '@shipshape/plugin-gitops-common';
import { DateTime } from 'luxon';

/** A cluster an environment runs on, as read from `spec.clusters`. */
export interface EnvironmentClusterView {
  /** The cluster Resource, or undefined when `cluster` is not a valid entity ref. */
  cluster?: CompoundEntityRef;
  /** The value as written in the spec. */
  raw: string;
  namespace?: string;
}

/** A component deployed to an environment, as read from `spec.deployments`. */
export interface EnvironmentDeploymentView {
  component: CompoundEntityRef;
  path: string;
}

/** The parts of an Environment's spec the cards show, read defensively. */
export interface EnvironmentView {
  type?: string;
  owner?: CompoundEntityRef;
  lifecycle?: string;
  clusters: EnvironmentClusterView[];
  promotesFrom?: CompoundEntityRef;
  /** The raw `expiresAt`; see {@link parseExpiry}. */
  expiresAt?: string;
  approval?: { requiredApprovals: number; approvers: CompoundEntityRef[] };
  deployments: EnvironmentDeploymentView[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The objects in a value that should be an array of objects. */
function objects(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * Parses an entity ref as written in a spec, where the kind and namespace may be left out.
 * Returns undefined for values that are not entity refs.
 */
export function parseSpecRef(
  value: unknown,
  defaultKind: string,
  defaultNamespace: string = DEFAULT_NAMESPACE,
): CompoundEntityRef | undefined {
  const text = nonEmptyString(value);
  if (!text) {
    return undefined;
  }
  try {
    return parseEntityRef(text, { defaultKind, defaultNamespace });
  } catch {
    return undefined;
  }
}

/**
 * Reads an Environment entity's spec for display. The catalog validates Environments, but
 * the frontend must not crash on an entity that slipped through or was written by hand.
 */
export function readEnvironment(entity: Entity): EnvironmentView {
  const spec = isObject(entity.spec) ? entity.spec : {};
  const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;

  const clusters = objects(spec.clusters).map(item => ({
    cluster: parseSpecRef(item.cluster, 'resource', namespace),
    raw: typeof item.cluster === 'string' ? item.cluster : '',
    namespace: nonEmptyString(item.namespace),
  }));

  let approval: EnvironmentView['approval'];
  if (isObject(spec.approval)) {
    const required = spec.approval.requiredApprovals;
    approval = {
      requiredApprovals:
        typeof required === 'number' && Number.isFinite(required)
          ? required
          : 0,
      approvers: (Array.isArray(spec.approval.approvers)
        ? spec.approval.approvers
        : []
      )
        .map(approver => parseSpecRef(approver, 'group', namespace))
        .filter((ref): ref is CompoundEntityRef => ref !== undefined),
    };
  }

  const deployments = objects(spec.deployments).flatMap(item => {
    const component = parseSpecRef(item.component, 'component', namespace);
    const path = nonEmptyString(item.path);
    return component && path ? [{ component, path }] : [];
  });

  return {
    type: nonEmptyString(spec.type),
    owner: parseSpecRef(spec.owner, 'group', namespace),
    lifecycle: nonEmptyString(spec.lifecycle),
    clusters,
    promotesFrom: parseSpecRef(spec.promotesFrom, 'environment', namespace),
    expiresAt: nonEmptyString(spec.expiresAt),
    approval,
    deployments,
  };
}

/** The unique target refs of an entity's relations of one type, in catalog order. */
export function relationTargetRefs(entity: Entity, type: string): string[] {
  const refs = (entity.relations ?? [])
    .filter(relation => relation.type === type)
    .map(relation => relation.targetRef.toLocaleLowerCase('en-US'));
  return Array.from(new Set(refs));
}

/** A normalized string form of an entity ref, for comparing refs. */
export function refKey(ref: CompoundEntityRef | Entity): string {
  return stringifyEntityRef(ref);
}

/**
 * Where an environment type sorts: development, staging, production, preview, then
 * anything else.
 */
export function environmentTypeRank(type: string | undefined): number {
  const index = (ENVIRONMENT_TYPES as readonly string[]).indexOf(type ?? '');
  return index === -1 ? ENVIRONMENT_TYPES.length : index;
}

/** An expiry date with its relation to now. */
export interface Expiry {
  date: DateTime;
  expired: boolean;
  /** E.g. "in 10 days" or "expired 2 days ago". */
  relative: string;
}

/** Parses an ISO 8601 `expiresAt`; undefined when it is not a valid timestamp. */
export function parseExpiry(
  expiresAt: string,
  now: DateTime = DateTime.now(),
): Expiry | undefined {
  const date = DateTime.fromISO(expiresAt);
  if (!date.isValid) {
    return undefined;
  }
  const expired = date <= now;
  const relative = date.toRelative({ base: now }) ?? '';
  return {
    date,
    expired,
    relative: expired ? `expired ${relative}` : relative,
  };
}
