import { InputError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { parseRepoUrl } from '@backstage/plugin-scaffolder-node';
import { Octokit } from '@octokit/rest';
import {
  callGithub,
  describeGithubError,
  isGithubUnprocessable,
} from './describeGithubError';

/** A file of a Git tree, as GitHub lists it. */
export interface TreeFile {
  /** Relative to the directory that was listed. */
  path: string;
  sha: string;
  size?: number;
}

/** An open pull request. */
export interface PullRequestSummary {
  number: number;
  url: string;
  title: string;
}

/**
 * The GitOps repository on GitHub, through the REST API (git data API for trees, blobs, commits
 * and refs). Every failure is rethrown with what failed and when to retry.
 */
export class GitopsRepository {
  private constructor(
    readonly octokit: Octokit,
    readonly owner: string,
    readonly repo: string,
    readonly host: string,
  ) {}

  /**
   * Opens the repository named by a RepoUrlPicker value (`host?owner=..&repo=..`) with the
   * credentials of the GitHub integration configured for its host.
   */
  static async fromRepoUrl(
    repoUrl: string,
    integrations: ScmIntegrationRegistry,
  ): Promise<GitopsRepository> {
    let parsed: ReturnType<typeof parseRepoUrl>;
    try {
      parsed = parseRepoUrl(repoUrl, integrations);
    } catch (error) {
      throw new InputError(
        `Invalid repoUrl '${repoUrl}': ${(error as Error).message}`,
      );
    }
    const { host, owner, repo } = parsed;
    if (!owner) {
      throw new InputError(`Invalid repoUrl '${repoUrl}': missing owner`);
    }
    const integration = integrations.github.byHost(host);
    if (!integration) {
      throw new InputError(
        `No GitHub integration is configured for '${host}' (integrations.github in app-config)`,
      );
    }
    const { token } = await DefaultGithubCredentialsProvider.fromIntegrations(
      integrations,
    ).getCredentials({ url: `https://${host}/${owner}/${repo}` });
    const octokit = new Octokit({
      auth: token,
      baseUrl: integration.config.apiBaseUrl,
      // Failures are reported by the action with what to do; no request log noise.
      log: { debug() {}, info() {}, warn() {}, error() {} },
    });
    return new GitopsRepository(octokit, owner, repo, host);
  }

  get fullName(): string {
    return `${this.owner}/${this.repo}`;
  }

  async defaultBranch(): Promise<string> {
    const { data } = await callGithub(`reading ${this.fullName}`, () =>
      this.octokit.repos.get({ owner: this.owner, repo: this.repo }),
    );
    return data.default_branch;
  }

  /** The commit a branch points at. */
  async branchSha(branch: string): Promise<string> {
    const { data } = await callGithub(
      `reading branch '${branch}' of ${this.fullName}`,
      () =>
        this.octokit.git.getRef({
          owner: this.owner,
          repo: this.repo,
          ref: `heads/${branch}`,
        }),
    );
    return data.object.sha;
  }

  /** The commit a branch points at, or undefined when there is no such branch. */
  async findBranchSha(branch: string): Promise<string | undefined> {
    try {
      const { data } = await this.octokit.git.getRef({
        owner: this.owner,
        repo: this.repo,
        ref: `heads/${branch}`,
      });
      return data.object.sha;
    } catch (error) {
      if ((error as { status?: number }).status === 404) return undefined;
      throw describeGithubError(
        error,
        `reading branch '${branch}' of ${this.fullName}`,
      );
    }
  }

  async commitTreeSha(commitSha: string): Promise<string> {
    const { data } = await callGithub(`reading commit ${commitSha}`, () =>
      this.octokit.git.getCommit({
        owner: this.owner,
        repo: this.repo,
        commit_sha: commitSha,
      }),
    );
    return data.tree.sha;
  }

  /**
   * Every file under `directory` at a commit, recursively (paths relative to `directory`); empty
   * when the directory does not exist. Walks down one level per path segment so that only the
   * directory's own tree is listed in full.
   */
  async listFiles(commitSha: string, directory: string): Promise<TreeFile[]> {
    let treeSha = await this.commitTreeSha(commitSha);
    for (const segment of directory.split('/').filter(Boolean)) {
      const next = await this.subtree(treeSha, segment, directory);
      if (!next) return [];
      treeSha = next;
    }
    const { data } = await callGithub(`listing ${directory}`, () =>
      this.octokit.git.getTree({
        owner: this.owner,
        repo: this.repo,
        tree_sha: treeSha,
        recursive: 'true',
      }),
    );
    if (data.truncated) {
      throw new InputError(
        `${directory} of ${this.fullName} holds too many files for GitHub to list at once`,
      );
    }
    return data.tree
      .filter(entry => entry.type === 'blob' && entry.path && entry.sha)
      .map(entry => ({ path: entry.path!, sha: entry.sha!, size: entry.size }));
  }

  /** The id of the directory `name` in a tree, if it has one. */
  private async subtree(
    treeSha: string,
    name: string,
    directory: string,
  ): Promise<string | undefined> {
    const { data } = await callGithub(`listing ${directory}`, () =>
      this.octokit.git.getTree({
        owner: this.owner,
        repo: this.repo,
        tree_sha: treeSha,
      }),
    );
    return data.tree.find(entry => entry.path === name && entry.type === 'tree')
      ?.sha;
  }

  async readBlob(sha: string, what: string): Promise<string> {
    const { data } = await callGithub(`reading ${what}`, () =>
      this.octokit.git.getBlob({
        owner: this.owner,
        repo: this.repo,
        file_sha: sha,
      }),
    );
    return Buffer.from(
      data.content,
      data.encoding === 'base64' ? 'base64' : 'utf8',
    ).toString('utf8');
  }

  async createBlob(content: string, what: string): Promise<string> {
    const { data } = await callGithub(`uploading ${what}`, () =>
      this.octokit.git.createBlob({
        owner: this.owner,
        repo: this.repo,
        content: Buffer.from(content, 'utf8').toString('base64'),
        encoding: 'base64',
      }),
    );
    return data.sha;
  }

  /** A tree on top of `baseTree`: `sha` undefined deletes the path. */
  async createTree(
    baseTree: string,
    entries: Array<{ path: string; sha: string | undefined }>,
  ): Promise<string> {
    const { data } = await callGithub('creating the commit tree', () =>
      this.octokit.git.createTree({
        owner: this.owner,
        repo: this.repo,
        base_tree: baseTree,
        tree: entries.map(entry => ({
          path: entry.path,
          mode: '100644' as const,
          type: 'blob' as const,
          // GitHub's API deletes a path given a null sha.
          sha: entry.sha ?? null,
        })),
      }),
    );
    return data.sha;
  }

  async createCommit(
    message: string,
    tree: string,
    parent: string,
  ): Promise<string> {
    const { data } = await callGithub('creating the commit', () =>
      this.octokit.git.createCommit({
        owner: this.owner,
        repo: this.repo,
        message,
        tree,
        parents: [parent],
      }),
    );
    return data.sha;
  }

  /**
   * Points `branch` at `sha`: creates it, or moves it when it exists already (a retry of the same
   * request). Says whether this call created it.
   */
  async pushBranch(branch: string, sha: string): Promise<{ created: boolean }> {
    try {
      await this.octokit.git.createRef({
        owner: this.owner,
        repo: this.repo,
        ref: `refs/heads/${branch}`,
        sha,
      });
      return { created: true };
    } catch (error) {
      if (!isGithubUnprocessable(error, 'Reference already exists')) {
        throw describeGithubError(error, `creating branch '${branch}'`);
      }
    }
    await callGithub(`updating branch '${branch}'`, () =>
      this.octokit.git.updateRef({
        owner: this.owner,
        repo: this.repo,
        ref: `heads/${branch}`,
        sha,
        force: true,
      }),
    );
    return { created: false };
  }

  async deleteBranch(branch: string): Promise<void> {
    await callGithub(`deleting branch '${branch}'`, () =>
      this.octokit.git.deleteRef({
        owner: this.owner,
        repo: this.repo,
        ref: `heads/${branch}`,
      }),
    );
  }

  async findOpenPullRequest(
    branch: string,
  ): Promise<PullRequestSummary | undefined> {
    const { data } = await callGithub(
      `looking for an open pull request of '${branch}'`,
      () =>
        this.octokit.pulls.list({
          owner: this.owner,
          repo: this.repo,
          head: `${this.owner}:${branch}`,
          state: 'open',
          per_page: 10,
        }),
    );
    const found = data.find(pull => pull.head.ref === branch) ?? data[0];
    return found
      ? { number: found.number, url: found.html_url, title: found.title }
      : undefined;
  }

  /**
   * Opens a pull request, or updates the open one of the same branch (a retry, or a request
   * changed before it merged): never two pull requests for one branch.
   */
  async openPullRequest(request: {
    branch: string;
    base: string;
    title: string;
    body: string;
    draft: boolean;
  }): Promise<PullRequestSummary & { created: boolean }> {
    const existing = await this.findOpenPullRequest(request.branch);
    if (existing) {
      return {
        ...(await this.updatePullRequest(existing, request)),
        created: false,
      };
    }
    try {
      const { data } = await this.octokit.pulls.create({
        owner: this.owner,
        repo: this.repo,
        head: request.branch,
        base: request.base,
        title: request.title,
        body: request.body,
        draft: request.draft,
      });
      return {
        number: data.number,
        url: data.html_url,
        title: data.title,
        created: true,
      };
    } catch (error) {
      if (!isGithubUnprocessable(error, 'A pull request already exists')) {
        throw describeGithubError(error, 'opening the pull request');
      }
    }
    // Opened concurrently (or not yet listed): find it and update it instead.
    const raced = await this.findOpenPullRequest(request.branch);
    if (!raced) {
      throw describeGithubError(
        { status: 422, message: 'A pull request already exists' },
        'opening the pull request',
      );
    }
    return {
      ...(await this.updatePullRequest(raced, request)),
      created: false,
    };
  }

  private async updatePullRequest(
    pull: PullRequestSummary,
    request: { title: string; body: string; base: string },
  ): Promise<PullRequestSummary> {
    const { data } = await callGithub(
      `updating pull request #${pull.number}`,
      () =>
        this.octokit.pulls.update({
          owner: this.owner,
          repo: this.repo,
          pull_number: pull.number,
          title: request.title,
          body: request.body,
        }),
    );
    return { number: data.number, url: data.html_url, title: data.title };
  }

  async addLabels(pullNumber: number, labels: string[]): Promise<void> {
    if (labels.length === 0) return;
    await callGithub(`labelling pull request #${pullNumber}`, () =>
      this.octokit.issues.addLabels({
        owner: this.owner,
        repo: this.repo,
        issue_number: pullNumber,
        labels,
      }),
    );
  }

  async requestReviewers(
    pullNumber: number,
    reviewers: { users: string[]; teams: string[] },
  ): Promise<void> {
    if (reviewers.users.length === 0 && reviewers.teams.length === 0) return;
    await callGithub(`requesting reviews on pull request #${pullNumber}`, () =>
      this.octokit.pulls.requestReviewers({
        owner: this.owner,
        repo: this.repo,
        pull_number: pullNumber,
        reviewers: reviewers.users,
        team_reviewers: reviewers.teams,
      }),
    );
  }
}
