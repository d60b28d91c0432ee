export type { ChangeRequestStore } from './ChangeRequestStore';
export {
  ChangeRequestTracker,
  CHANGE_REQUESTS_CHANNEL,
  changeRequestId,
} from './ChangeRequestTracker';
export { DatabaseChangeRequestStore } from './DatabaseChangeRequestStore';
export { GitCommitAncestry } from './GitCommitAncestry';
export type { CommitAncestry } from './GitCommitAncestry';
export type { GithubPullRequests, PullRequestData } from './GithubPullRequests';
export { OctokitPullRequests } from './OctokitPullRequests';
export { githubOctokit } from './githubOctokit';
export { readChangeRequestsConfig } from './readChangeRequestsConfig';
export type { ChangeRequestsConfig } from './readChangeRequestsConfig';
export type { TrackedChangeRequest } from './types';
