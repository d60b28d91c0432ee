/**
 * The shipshape command: what Shipshape's engines say of manifests, without a cluster.
 *
 * @packageDocumentation
 */

export * from './runCli';
