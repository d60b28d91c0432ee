import { Config } from '@backstage/config';

/** The settings of the `gitops:*` actions, from `gitops.scaffolder` (see config.d.ts). */
export interface ScaffolderGitopsOptions {
  platformTeam?: string;
  productionMinApprovals: number;
  previewMaxTtlDays: number;
  maxComponents: number;
  maxFileBytes: number;
  maxFiles: number;
  branchPrefix: string;
  labels: string[];
  draft: boolean;
  codeowners: boolean;
  /** The portal's address, for links back to entity pages. */
  appBaseUrl?: string;
}

/** The defaults, also what tests start from. */
export const DEFAULT_SCAFFOLDER_GITOPS_OPTIONS: ScaffolderGitopsOptions = {
  productionMinApprovals: 1,
  previewMaxTtlDays: 30,
  maxComponents: 25,
  maxFileBytes: 1024 * 1024,
  maxFiles: 500,
  branchPrefix: 'shipshape/',
  labels: [],
  draft: false,
  codeowners: false,
};

/** Reads `gitops.scaffolder` and `app.baseUrl`. */
export function readScaffolderGitopsOptions(
  config: Config,
): ScaffolderGitopsOptions {
  const c = config.getOptionalConfig('gitops.scaffolder');
  const d = DEFAULT_SCAFFOLDER_GITOPS_OPTIONS;
  return {
    platformTeam: c?.getOptionalString('platformTeam'),
    productionMinApprovals:
      c?.getOptionalNumber('policy.productionMinApprovals') ??
      d.productionMinApprovals,
    previewMaxTtlDays:
      c?.getOptionalNumber('policy.previewMaxTtlDays') ?? d.previewMaxTtlDays,
    maxComponents:
      c?.getOptionalNumber('limits.maxComponents') ?? d.maxComponents,
    maxFileBytes: c?.getOptionalNumber('limits.maxFileBytes') ?? d.maxFileBytes,
    maxFiles: c?.getOptionalNumber('limits.maxFiles') ?? d.maxFiles,
    branchPrefix:
      c?.getOptionalString('pullRequest.branchPrefix') ?? d.branchPrefix,
    labels: c?.getOptionalStringArray('pullRequest.labels') ?? d.labels,
    draft: c?.getOptionalBoolean('pullRequest.draft') ?? d.draft,
    codeowners: c?.getOptionalBoolean('pullRequest.codeowners') ?? d.codeowners,
    appBaseUrl: config.getOptionalString('app.baseUrl'),
  };
}
