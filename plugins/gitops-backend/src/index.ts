/**
 * The Shipshape GitOps backend plugin: reconciler, store and REST API.
 *
 * @packageDocumentation
 */

export { gitopsPlugin as default } from './plugin';
