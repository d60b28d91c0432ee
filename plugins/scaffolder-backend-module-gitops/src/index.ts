/**
 * Scaffolder actions of Shipshape: render environments and open GitOps pull requests.
 *
 * @packageDocumentation
 */

export { scaffolderModuleGitops as default } from './module';
export * from './actions';
export * from './codeowners';
export type {
  EnvironmentPlan,
  EnvironmentPlanResource,
} from './lib/formatPlanMarkdown';
