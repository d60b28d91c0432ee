import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { CatFileBatch } from './CatFileBatch';
import { runGit } from './runGit';

/** One entry of a Git tree, as `git ls-tree --long` reports it. */
export interface GitTreeEntry {
  /** Path relative to the repository root, with `/` separators. */
  path: string;
  type: 'blob' | 'tree' | 'commit';
  /** Git file mode: 100644 file, 100755 executable, 120000 symlink, 160000 submodule. */
  mode: string;
  /** Size in bytes for blobs. */
  size?: number;
  /** The Git object id: equal ids mean equal content, across commits. */
  object: string;
}

/** @public */
export interface GitRepositoryOptions {
  /** A local path or a clone URL. */
  url: string;
  branch: string;
  /** Folder for the local bare mirror; created when missing. */
  cacheDirectory: string;
  /**
   * Sent as HTTP basic credentials on fetch (see `gitAuthEnvironment`); never written to disk,
   * to logs or to errors. A function is asked again before every fetch, for tokens that expire.
   */
  token?: string | (() => Promise<string | undefined>);
}

/**
 * A read-only view of one branch of a Git repository, kept in a local bare mirror. Files are read
 * straight from Git objects at a pinned commit: nothing is checked out, so neither symlinks nor
 * hostile paths in the repository can reach the file system.
 *
 * @public
 */
export class GitRepository {
  static create(options: GitRepositoryOptions): GitRepository {
    const key = createHash('sha256')
      .update(`${options.url}#${options.branch}`)
      .digest('hex')
      .slice(0, 16);
    return new GitRepository(
      options,
      path.join(options.cacheDirectory, `gitops-${key}.git`),
    );
  }

  private readonly objects: CatFileBatch;

  private constructor(
    private readonly options: GitRepositoryOptions,
    private readonly gitDir: string,
  ) {
    this.objects = new CatFileBatch(gitDir);
  }

  /** Fetches the branch and returns the commit SHA it points at. */
  async fetch(): Promise<string> {
    await fs.mkdir(this.gitDir, { recursive: true });
    await this.git(['init', '--quiet', '--bare']);
    const { token } = this.options;
    let secret: string | undefined;
    try {
      secret = typeof token === 'function' ? await token() : token;
      await this.git(
        [
          'fetch',
          '--quiet',
          '--no-tags',
          '--depth=1',
          '--force',
          '--',
          this.options.url,
          `+refs/heads/${this.options.branch}:refs/shipshape/head`,
        ],
        secret,
      );
    } catch (error) {
      throw new Error(
        `Could not fetch branch '${this.options.branch}' of ${
          this.options.url
        }: ${gitErrorMessage(error, secret)}`,
      );
    }
    return (await this.git(['rev-parse', 'refs/shipshape/head'])).trim();
  }

  /** Every entry below `root` (recursively) at `commit`. */
  async listTree(commit: string, root: string): Promise<GitTreeEntry[]> {
    const output = await this.git([
      'ls-tree',
      '-r',
      '-t',
      '-z',
      '--long',
      '--full-tree',
      commit,
      '--',
      root,
    ]);
    return output
      .split('\0')
      .filter(Boolean)
      .map(line => {
        // "<mode> SP <type> SP <object> SP+ <size> TAB <path>"
        const tab = line.indexOf('\t');
        const [mode, type, object, size] = line.slice(0, tab).split(/ +/);
        return {
          path: line.slice(tab + 1),
          type: type as GitTreeEntry['type'],
          mode,
          size: size === '-' ? undefined : Number(size),
          object,
        };
      });
  }

  /** The content of the file at `filePath` in `commit`. */
  async readFile(commit: string, filePath: string): Promise<Buffer> {
    return this.objects.read(`${commit}:${filePath}`);
  }

  /** Ends the helper process that serves `readFile`; reading again restarts it. */
  close(): void {
    this.objects.close();
  }

  private git(args: string[], token?: string): Promise<string> {
    return runGit(this.gitDir, args, { token });
  }
}

/** What git says when the server wants credentials it did not get or did not accept. */
const CREDENTIALS_REFUSED =
  /could not read Username|Authentication failed|returned error: 40[13]/i;

function gitErrorMessage(error: unknown, token?: string): string {
  const stderr = (error as { stderr?: string }).stderr;
  let message = (stderr || String(error)).trim();
  if (token) message = message.split(token).join('***');
  return CREDENTIALS_REFUSED.test(message)
    ? `${message} (the server refused the fetch's credentials: ${
        token ? 'the token was rejected or has expired' : 'no token was sent'
      }; tokens come from integrations.github)`
    : message;
}
