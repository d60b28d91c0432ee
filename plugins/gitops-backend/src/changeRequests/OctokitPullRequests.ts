import { Config } from '@backstage/config';
import { Octokit } from '@octokit/rest';
import { ChangeRequestChecks } from '@shipshape/plugin-gitops-common';
import {
  GithubPullRequests,
  PullRequestData,
  ReviewData,
} from './GithubPullRequests';
import { checkRunResult, commitStatusResult } from './githubPayloads';
import { githubOctokit } from './githubOctokit';

/**
 * {@link GithubPullRequests} through the GitHub REST API, with the host's `integrations.github`
 * entry (apiBaseUrl, token or GitHub App).
 */
export class OctokitPullRequests implements GithubPullRequests {
  /** `repositoryUrl` is `https://<host>/<owner>/<repo>`; its host picks the integration. */
  static fromConfig(
    config: Config,
    repositoryUrl: string,
  ): OctokitPullRequests {
    return new OctokitPullRequests(githubOctokit(config, repositoryUrl));
  }

  private constructor(private readonly octokit: () => Promise<Octokit>) {}

  async getPullRequest(
    repository: string,
    number: number,
  ): Promise<PullRequestData | undefined> {
    const octokit = await this.octokit();
    try {
      const { data } = await octokit.pulls.get({
        ...split(repository),
        pull_number: number,
      });
      return data as PullRequestData;
    } catch (error) {
      if ((error as { status?: number }).status === 404) return undefined;
      throw error;
    }
  }

  async listReviews(repository: string, number: number): Promise<ReviewData[]> {
    const octokit = await this.octokit();
    return (await octokit.paginate(octokit.pulls.listReviews, {
      ...split(repository),
      pull_number: number,
      per_page: 100,
    })) as ReviewData[];
  }

  async listCheckResults(
    repository: string,
    sha: string,
  ): Promise<Record<string, ChangeRequestChecks>> {
    const octokit = await this.octokit();
    const results: Record<string, ChangeRequestChecks> = {};
    const { data: combined } = await octokit.repos.getCombinedStatusForRef({
      ...split(repository),
      ref: sha,
    });
    for (const status of combined.statuses) {
      results[status.context] = commitStatusResult(status.state);
    }
    const runs = await octokit.paginate(octokit.checks.listForRef, {
      ...split(repository),
      ref: sha,
      per_page: 100,
    });
    for (const run of runs) {
      results[run.name] = checkRunResult(run.status, run.conclusion);
    }
    return results;
  }

  async listOpenPullRequests(repository: string): Promise<PullRequestData[]> {
    const octokit = await this.octokit();
    return (await octokit.paginate(octokit.pulls.list, {
      ...split(repository),
      state: 'open',
      per_page: 100,
    })) as PullRequestData[];
  }
}

function split(repository: string) {
  const [owner, repo] = repository.split('/');
  return { owner, repo };
}
