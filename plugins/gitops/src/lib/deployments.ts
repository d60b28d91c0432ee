import { parseEntityRef } from '@backstage/catalog-model';
import {
  DeploymentStatus,
  ResourceStatus,
} from '@shipshape/plugin-gitops-common';
import { GitopsDeploymentRef } from '@shipshape/plugin-gitops-common';

/** `namespace/name`, or `name` for cluster-scoped objects. */
export function resourceName(
  resource: Pick<ResourceStatus, 'namespace' | 'name'>,
): string {
  return resource.namespace
    ? `${resource.namespace}/${resource.name}`
    : resource.name;
}

/** The name part of an entity ref, or the ref itself when it does not parse. */
export function refName(ref: string): string {
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
}

/** A stable string identity for a deployment. */
export function deploymentKey(deployment: GitopsDeploymentRef): string {
  return JSON.stringify([
    deployment.entityRef,
    deployment.environmentRef,
    deployment.clusterRef,
  ]);
}

/**
 * Deployments by environment name (or, `byComponent`, by component name, for the deployments
 * in an environment), then cluster name.
 */
export function sortDeployments(
  deployments: DeploymentStatus[],
  byComponent = false,
): DeploymentStatus[] {
  const first = (d: DeploymentStatus) =>
    refName(byComponent ? d.entityRef : d.environmentRef);
  return [...deployments].sort(
    (a, b) =>
      first(a).localeCompare(first(b)) ||
      refName(a.clusterRef).localeCompare(refName(b.clusterRef)),
  );
}
