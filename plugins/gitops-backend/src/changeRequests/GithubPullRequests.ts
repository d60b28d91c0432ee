import { ChangeRequestChecks } from '@shipshape/plugin-gitops-common';
import { ReviewState } from './types';

/**
 * The fields of a GitHub pull request that tracking reads: the REST API's and the webhooks'
 * `pull_request` objects both have them.
 */
export interface PullRequestData {
  number: number;
  title: string;
  html_url: string;
  state: string;
  draft?: boolean;
  merged?: boolean | null;
  merged_at?: string | null;
  merge_commit_sha?: string | null;
  body?: string | null;
  created_at: string;
  head: { ref: string; sha: string };
  base: { ref: string; repo?: { full_name: string } | null };
}

/** One review, as the REST API lists it (oldest first). */
export interface ReviewData {
  user?: { login: string } | null;
  state: ReviewState | Lowercase<ReviewState> | string;
  submitted_at?: string;
}

/** What tracking needs of GitHub; `repository` is `<owner>/<repo>`. */
export interface GithubPullRequests {
  /** Undefined when the pull request (or the repository) does not exist. */
  getPullRequest(
    repository: string,
    number: number,
  ): Promise<PullRequestData | undefined>;
  listReviews(repository: string, number: number): Promise<ReviewData[]>;
  /** Check runs and commit statuses of a commit, per name. */
  listCheckResults(
    repository: string,
    sha: string,
  ): Promise<Record<string, ChangeRequestChecks>>;
  listOpenPullRequests(repository: string): Promise<PullRequestData[]>;
}
