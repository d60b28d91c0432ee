/**
 * Scaffolder actions of Shipshape: render environments and open GitOps pull requests.
 *
 * @packageDocumentation
 */

export { scaffolderModuleGitops as default } from './module';
export * from './actions';
