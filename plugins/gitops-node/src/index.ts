/**
 * Engines and extension points of the Shipshape GitOps backend.
 *
 * @packageDocumentation
 */

export * from './extensions';
export * from './git';
export * from './health';
export * from './manifests';
export * from './diff';
export * from './renderers';
