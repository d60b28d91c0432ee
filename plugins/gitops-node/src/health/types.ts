import { HealthStatus } from '@shipshape/plugin-gitops-common';

/** A Kubernetes object as the API server returns it (or as a manifest declares it). */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name?: string;
    namespace?: string;
    generation?: number;
    deletionTimestamp?: string;
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
    [key: string]: unknown;
  };
  spec?: any;
  status?: any;
  [key: string]: unknown;
}

/**
 * The health of one live object, with a message a person can act on.
 *
 * @public
 */
export interface ResourceHealth {
  status: HealthStatus;
  message: string;
}

/**
 * Computes the health of objects of one kind. Returns undefined when the object has no notion of
 * health (e.g. a ConfigMap), so that it does not count in aggregates.
 *
 * @public
 */
export type HealthCheck = (
  object: KubernetesObject,
) => ResourceHealth | undefined;

/**
 * A health check and the kind it is for.
 *
 * @public
 */
export interface HealthCheckRegistration {
  /** API group; '' for the core group ("v1"). */
  group: string;
  kind: string;
  check: HealthCheck;
}
