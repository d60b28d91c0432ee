import { Entity } from '@backstage/catalog-model';
import { ENVIRONMENT_KIND, GITOPS_API_VERSION } from './annotations';

/**
 * The kinds of environment an Environment entity's `spec.type` may name.
 *
 * @public
 */
export const ENVIRONMENT_TYPES = [
  'development',
  'staging',
  'production',
  'preview',
] as const;

/** @public */
export type EnvironmentType = (typeof ENVIRONMENT_TYPES)[number];

/**
 * Where an environment runs: a cluster Resource and the namespace on it.
 *
 * @public
 */
export type EnvironmentCluster = {
  /** Entity ref of a Resource with `spec.type: kubernetes-cluster`. */
  cluster: string;
  /** A DNS-1123 label. */
  namespace: string;
};

/**
 * Who must approve a change to an environment before it merges.
 *
 * @public
 */
export type EnvironmentApprovalPolicy = {
  requiredApprovals: number;
  /** Entity refs of the Groups whose members may approve. */
  approvers: string[];
};

/**
 * A component found under `environments/<env>/<component>/` of the GitOps repository.
 * Written by the entity provider, not by people.
 *
 * @public
 */
export type EnvironmentDeployment = {
  /** Entity ref of the Component. */
  component: string;
  /** Directory of its manifests, relative to the repository root. */
  path: string;
};

/**
 * An environment: where services run, who owns it, how changes to it are approved.
 *
 * @public
 */
export interface EnvironmentEntityV1alpha1 extends Entity {
  apiVersion: typeof GITOPS_API_VERSION;
  kind: typeof ENVIRONMENT_KIND;
  spec: {
    type: EnvironmentType;
    owner: string;
    lifecycle?: string;
    clusters: EnvironmentCluster[];
    /** Entity ref of the Environment changes are promoted from. */
    promotesFrom?: string;
    /** ISO 8601 timestamp after which a preview environment may be removed. */
    expiresAt?: string;
    approval?: EnvironmentApprovalPolicy;
    deployments?: EnvironmentDeployment[];
  };
}

/**
 * Whether an entity is an Environment (by apiVersion and kind; not a validation of its spec).
 *
 * @public
 */
export function isEnvironmentEntity(
  entity: Entity,
): entity is EnvironmentEntityV1alpha1 {
  return (
    entity.apiVersion === GITOPS_API_VERSION && entity.kind === ENVIRONMENT_KIND
  );
}
