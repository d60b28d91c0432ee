/**
 * The API version of the Shipshape catalog kinds.
 *
 * @public
 */
export const GITOPS_API_VERSION = 'gitops.shipshape.dev/v1alpha1';

/**
 * The catalog kind that models an environment.
 *
 * @public
 */
export const ENVIRONMENT_KIND = 'Environment';

/**
 * The Git commit an entity was read from, set by the GitOps entity provider.
 *
 * @public
 */
export const ANNOTATION_GITOPS_REVISION = 'gitops.shipshape.dev/revision';

/**
 * The path of an entity's manifests inside the GitOps repository.
 *
 * @public
 */
export const ANNOTATION_GITOPS_PATH = 'gitops.shipshape.dev/path';

/**
 * Why the GitOps entity provider could not read an environment from the repository (a hostile
 * or broken directory, an unreadable environment.yaml). The catalog module turns it into a
 * processing error on that entity only.
 *
 * @public
 */
export const ANNOTATION_GITOPS_INGESTION_ERROR =
  'gitops.shipshape.dev/ingestion-error';

/**
 * Fields of a component's resources that are never drift, set on the Component entity: JSON
 * pointers separated by commas or new lines, e.g. `/spec/replicas, /metadata/annotations/x`.
 * Added to the global `gitops.ignoreDifferences`.
 *
 * @public
 */
export const ANNOTATION_GITOPS_IGNORE_DIFFERENCES =
  'gitops.shipshape.dev/ignore-differences';

/**
 * How an environment's GitOps operator applies it, on the Environment entity: `automated` asks for
 * every new revision to be applied (Argo CD's `syncPolicy.automated`, Flux's default), `manual`
 * for syncs by hand. The demo clusters' operator honours it; real operators are configured to.
 *
 * @public
 */
export const ANNOTATION_GITOPS_SYNC_POLICY = 'gitops.shipshape.dev/sync-policy';
