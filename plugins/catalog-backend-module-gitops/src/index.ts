/**
 * Catalog module of Shipshape: the Environment kind and its relations.
 *
 * @packageDocumentation
 */

export { catalogModuleGitops as default } from './module';
export * from './processor';
export * from './provider';
