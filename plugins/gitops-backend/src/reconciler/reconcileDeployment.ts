import { HealthStatus } from '@shipshape/plugin-gitops-common';
import {
  aggregateHealth,
  diffResource,
  IgnoreRules,
  KubernetesObject,
  ResourceHealth,
  ResourceHealthChecker,
} from '@shipshape/plugin-gitops-node';
import { DesiredDeployment } from '../desired/DesiredStateReader';
import { KUBERNETES_ID_LABEL } from '../live';
import { DeploymentResult, ResourceResult } from './types';

/** What reconciling needs of a cluster's live state. */
export interface LiveView {
  /** A fresh copy on every call: reconciling changes what it is given. */
  get(key: string): KubernetesObject | undefined;
  /** Identity keys of the live objects of a namespace carrying a label. */
  listLabelledKeys(
    namespace: string,
    labelKey: string,
    labelValue: string,
  ): string[];
}

export interface ReconcileOptions {
  checker: ResourceHealthChecker;
  ignore: IgnoreRules;
}

/**
 * Compares one deployment's desired objects with the live ones: per resource sync, health and
 * field changes (Secret values masked by the diff engine), then worst-of aggregates.
 * Live objects labelled for the component that Git does not declare are Extraneous.
 */
export function reconcileDeployment(
  desired: DesiredDeployment,
  live: LiveView,
  options: ReconcileOptions,
): DeploymentResult {
  const identityOptions = { defaultNamespace: desired.namespace };
  const resources: ResourceResult[] = [];
  const healths: Array<ResourceHealth | undefined> = [];
  for (const [key, object] of desired.objects.entries()) {
    const liveObject = live.get(key);
    const health = options.checker.check(liveObject);
    healths.push(health);
    resources.push(
      resourceResult(key, object, liveObject, health, {
        ...identityOptions,
        ignore: options.ignore,
      }),
    );
  }
  const labelled = live.listLabelledKeys(
    desired.namespace,
    KUBERNETES_ID_LABEL,
    desired.componentName,
  );
  const declared =
    labelled.length > 0 ? new Set(desired.objects.keys()) : undefined;
  for (const key of labelled) {
    if (declared?.has(key)) continue;
    const object = live.get(key);
    if (!object || isOwnedByAnother(object)) continue;
    const health = options.checker.check(object);
    healths.push(health);
    resources.push(
      resourceResult(key, undefined, object, health, identityOptions),
    );
  }
  resources.sort((a, b) => Number(a.key > b.key) - Number(a.key < b.key));

  const drifted = resources.filter(r => r.sync !== 'Synced');
  const health: HealthStatus =
    resources.length === 0 ? 'Missing' : aggregateHealth(healths);
  return {
    ...placementOf(desired),
    sync: drifted.length === 0 ? 'Synced' : 'OutOfSync',
    health,
    reason: reasonFor(health, resources, desired.errors),
    resources,
  };
}

/** A deployment whose cluster cannot be read: nothing is known beyond the reason. */
export function unknownDeployment(
  desired: DesiredDeployment,
  reason: string,
): DeploymentResult {
  return {
    ...placementOf(desired),
    sync: 'Unknown',
    health: 'Unknown',
    reason,
    resources: [],
    keepResources: true,
  };
}

/** What a result says of where the deployment is and which commit it was compared with. */
function placementOf(desired: DesiredDeployment) {
  const { entityRef, environmentRef, clusterRef, namespace, revision } =
    desired;
  return { entityRef, environmentRef, clusterRef, namespace, revision };
}

function resourceResult(
  key: string,
  desired: KubernetesObject | undefined,
  live: KubernetesObject | undefined,
  health: ResourceHealth | undefined,
  options: Parameters<typeof diffResource>[2],
): ResourceResult {
  const { apiVersion } = (desired ?? live)!;
  // Both objects were parsed for this reconcile (desired from its file, live from the cache's
  // text) and the health check has read live already: the diff may normalize them in place.
  const diff = diffResource(desired, live, { ...options, consumeInputs: true });
  return {
    key,
    apiVersion,
    kind: diff.identity.kind,
    ...(diff.identity.namespace ? { namespace: diff.identity.namespace } : {}),
    name: diff.identity.name,
    sync: diff.sync,
    ...(health
      ? { health: { status: health.status, message: health.message } }
      : {}),
    changes: diff.changes,
    ...(diff.shown?.desired !== undefined
      ? { desired: diff.shown.desired }
      : {}),
    ...(diff.shown?.live !== undefined ? { live: diff.shown.live } : {}),
    diff: diff.diff,
  };
}

/** Pods and ReplicaSets made by a controller carry the label too; they are not extraneous. */
function isOwnedByAnother(object: KubernetesObject): boolean {
  const owners = object.metadata.ownerReferences;
  return Array.isArray(owners) && owners.some(o => o?.controller === true);
}

function reasonFor(
  health: HealthStatus,
  resources: ResourceResult[],
  errors: string[],
): string | undefined {
  if (errors.length > 0) {
    return `Some manifests could not be read: ${errors.slice(0, 3).join('; ')}${
      errors.length > 3 ? ` (and ${errors.length - 3} more)` : ''
    }`;
  }
  if (health === 'Healthy' || health === 'Missing') return undefined;
  const culprit = resources.find(r => r.health?.status === health);
  return culprit?.health?.message
    ? `${culprit.kind}/${culprit.name}: ${culprit.health.message}`
    : undefined;
}
