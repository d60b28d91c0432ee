import { runGit } from '@shipshape/plugin-gitops-node';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Whether a commit is part of a revision's history. */
export interface CommitAncestry {
  contains(revision: string, commit: string): Promise<boolean>;
}

/**
 * {@link CommitAncestry} from a full-history bare mirror of the GitOps branch (the reconciler's
 * own mirror is shallow, so it cannot answer): `git merge-base --is-ancestor`, fetching once
 * when either commit is unknown. Positive answers are remembered (history does not change).
 */
export class GitCommitAncestry implements CommitAncestry {
  static create(options: {
    url: string;
    branch: string;
    cacheDirectory: string;
    /** Asked before each fetch; see `createGitTokenProvider`. */
    token?: () => Promise<string | undefined>;
  }): GitCommitAncestry {
    const key = createHash('sha256')
      .update(`${options.url}#${options.branch}`)
      .digest('hex')
      .slice(0, 16);
    return new GitCommitAncestry(
      options.url,
      options.branch,
      path.join(options.cacheDirectory, `history-${key}.git`),
      options.token ?? (async () => undefined),
    );
  }

  private readonly known = new Set<string>();
  private fetching?: Promise<void>;

  private constructor(
    private readonly url: string,
    private readonly branch: string,
    private readonly gitDir: string,
    private readonly token: () => Promise<string | undefined>,
  ) {}

  async contains(revision: string, commit: string): Promise<boolean> {
    if (revision === commit || this.known.has(`${commit}..${revision}`)) {
      return true;
    }
    let answer = await this.isAncestor(commit, revision);
    if (answer === undefined) {
      await this.fetch();
      answer = await this.isAncestor(commit, revision);
    }
    if (answer) this.known.add(`${commit}..${revision}`);
    return answer ?? false;
  }

  /** Undefined when a commit is not in the mirror. */
  private async isAncestor(
    commit: string,
    revision: string,
  ): Promise<boolean | undefined> {
    try {
      await this.git(['merge-base', '--is-ancestor', commit, revision]);
      return true;
    } catch (error) {
      // Exit code 1: both exist and commit is not an ancestor; 128: an unknown object.
      return (error as { code?: number }).code === 1 ? false : undefined;
    }
  }

  private fetch(): Promise<void> {
    // Concurrent questions share one fetch.
    this.fetching ??= (async () => {
      await fs.mkdir(this.gitDir, { recursive: true });
      await this.git(['init', '--quiet', '--bare']);
      await this.git(
        [
          'fetch',
          '--quiet',
          '--no-tags',
          '--force',
          '--',
          this.url,
          `+refs/heads/${this.branch}:refs/heads/${this.branch}`,
        ],
        await this.token(),
      );
    })().finally(() => {
      this.fetching = undefined;
    });
    return this.fetching;
  }

  private async git(args: string[], token?: string): Promise<void> {
    await runGit(this.gitDir, args, { token });
  }
}
