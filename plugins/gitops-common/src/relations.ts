/**
 * A component is deployed to an environment. Reverse of {@link RELATION_HAS_DEPLOYMENT}.
 *
 * @public
 */
export const RELATION_DEPLOYED_TO = 'deployedTo';

/**
 * An environment has a deployment of a component. Reverse of {@link RELATION_DEPLOYED_TO}.
 *
 * @public
 */
export const RELATION_HAS_DEPLOYMENT = 'hasDeployment';

/**
 * An environment runs on a cluster Resource. Reverse of {@link RELATION_HOSTS_ENVIRONMENT}.
 *
 * @public
 */
export const RELATION_RUNS_ON = 'runsOn';

/**
 * A cluster Resource hosts an environment. Reverse of {@link RELATION_RUNS_ON}.
 *
 * @public
 */
export const RELATION_HOSTS_ENVIRONMENT = 'hostsEnvironment';

/**
 * The Shipshape relation pairs, forward first, e.g. for the catalog graph's `knownRelationPairs`.
 *
 * @public
 */
export const GITOPS_RELATION_PAIRS: ReadonlyArray<[string, string]> = [
  [RELATION_DEPLOYED_TO, RELATION_HAS_DEPLOYMENT],
  [RELATION_RUNS_ON, RELATION_HOSTS_ENVIRONMENT],
];
