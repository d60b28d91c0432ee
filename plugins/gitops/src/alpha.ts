/**
 * The Shipshape GitOps frontend plugin for the new frontend system.
 *
 * @packageDocumentation
 */

export { gitopsPlugin as default } from './alpha/plugin';
