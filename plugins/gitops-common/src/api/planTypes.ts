import { ResourceFieldChange } from './apiTypes';

/**
 * What applying a rendered environment would do to one object.
 *
 * @public
 */
export type PlanAction = 'create' | 'update' | 'delete' | 'unchanged';

/**
 * One object of a plan, compared with the live cluster.
 *
 * @public
 */
export interface PlannedResource {
  /** `group/kind/namespace/name`, as in ResourceStatus. */
  key: string;
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  action: PlanAction;
  /** For `update`: the fields that would change (Secret values masked). */
  changes: ResourceFieldChange[];
}

/**
 * `POST /plan` with `{ clusterRef, namespace?, manifests, entityRef? }`: the what-if of applying
 * manifests (YAML text) to a cluster, answered from the reconciler's live state. `delete` lists
 * live objects labelled for `entityRef` in that namespace that the manifests no longer contain.
 *
 * @public
 */
export interface PlanResponse {
  clusterRef: string;
  /** False when the cluster could not be read; `reason` says why and `resources` compare with nothing. */
  liveAvailable: boolean;
  reason?: string;
  resources: PlannedResource[];
}

/**
 * The body of `POST /plan`.
 *
 * @public
 */
export interface PlanRequestBody {
  clusterRef: string;
  /** Objects without a namespace are planned in this one. */
  namespace?: string;
  /** The component whose labelled live objects count as its own (to find deletions). */
  entityRef?: string;
  /** Multi-document YAML, one entry per file. */
  manifests: Array<{ path: string; content: string }>;
}
