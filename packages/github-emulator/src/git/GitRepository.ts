/* eslint-disable no-nested-ternary */
// GitHub's shapes pick between several values in many places; chained ternaries read best here.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { HttpError } from '../server/HttpError';

/** A person in a commit. */
export interface GitIdentity {
  name: string;
  email: string;
  /** ISO 8601. */
  date: string;
}

export interface GitCommitObject {
  sha: string;
  tree: string;
  parents: string[];
  author: GitIdentity;
  committer: GitIdentity;
  message: string;
}

export interface GitTreeEntry {
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  path: string;
  size?: number;
}

/** One entry of a tree to write: content, an existing object, or undefined sha to delete. */
export interface GitTreeChange {
  path: string;
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha?: string | null;
  content?: string;
}

export interface GitFileChange {
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed';
  previousFilename?: string;
  sha: string;
  additions: number;
  deletions: number;
  patch?: string;
  binary: boolean;
}

export interface RefUpdate {
  ref: string;
  before: string | undefined;
  after: string | undefined;
  forced: boolean;
}

interface RunOptions {
  input?: string | Buffer;
  env?: Record<string, string>;
  /** Exit codes that are not failures. */
  ok?: number[];
  cwd?: string;
}

interface RunResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

const ZERO_SHA = '0000000000000000000000000000000000000000';
const SHA = /^[0-9a-f]{40}$/;
const VALID_MODES = new Set(['100644', '100755', '040000', '160000', '120000']);

/** Git's rules for a path inside a tree, plus no `..`, `.` or `.git` segments. */
export function assertSafeTreePath(file: string): void {
  const fail = (why: string) => {
    throw new HttpError(
      422,
      `Invalid tree path ${JSON.stringify(file)}: ${why}`,
    );
  };
  if (typeof file !== 'string' || file.length === 0) fail('empty path');
  if (file.startsWith('/') || /^[A-Za-z]:/.test(file))
    fail('absolute paths are not allowed');
  if (file.includes('\0') || file.includes('\\'))
    fail('contains NUL or backslash');
  if (file.endsWith('/')) fail('trailing slash');
  for (const segment of file.split('/')) {
    if (segment === '') fail('empty path segment');
    if (segment === '.' || segment === '..')
      fail(`"${segment}" segments are not allowed`);
    if (segment.toLowerCase() === '.git')
      fail('".git" segments are not allowed');
  }
  if (file.length > 4096) fail('path too long');
}

/** Git's rules for a ref name (git check-ref-format, without the one-level check). */
export function isValidRefName(ref: string): boolean {
  if (!ref.startsWith('refs/') || ref.endsWith('/') || ref.endsWith('.lock'))
    return false;
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(ref)) return false;
  if (ref.includes('..') || ref.includes('@{') || ref.includes('//'))
    return false;
  return ref.split('/').every(p => p.length > 0 && !p.startsWith('.'));
}

/**
 * One local git repository (bare or with a work tree), driven through the git CLI. Writes are
 * serialized with `exclusive`; a branch checked out in the work tree is moved together with its
 * files (`git read-tree -m -u`), which keeps uncommitted changes and refuses to overwrite them.
 */
export class GitRepository {
  private queue: Promise<unknown> = Promise.resolve();

  static async open(dir: string): Promise<GitRepository> {
    const absolute = path.resolve(dir);
    if (!fs.existsSync(absolute))
      throw new Error(`git repository ${absolute} does not exist`);
    const repo = new GitRepository(absolute);
    const bare = (await repo.git(['rev-parse', '--is-bare-repository'])).trim();
    repo.bare = bare === 'true';
    repo.gitDir = path.resolve(
      absolute,
      (await repo.git(['rev-parse', '--git-dir'])).trim(),
    );
    if (!repo.bare)
      repo.workTree = (await repo.git(['rev-parse', '--show-toplevel'])).trim();
    return repo;
  }

  bare = false;
  gitDir = '';
  workTree: string | undefined;

  private constructor(readonly dir: string) {}

  /** Runs `fn` after every write started before it has finished. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  async run(args: string[], options: RunOptions = {}): Promise<RunResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        'git',
        ['-c', 'commit.gpgsign=false', '-c', 'core.quotepath=false', ...args],
        {
          cwd: options.cwd ?? this.dir,
          env: {
            ...process.env,
            GIT_TERMINAL_PROMPT: '0',
            LC_ALL: 'C',
            ...options.env,
          },
          stdio: ['pipe', 'pipe', 'pipe'],
        },
      );
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', d => out.push(d));
      child.stderr.on('data', d => err.push(d));
      child.on('error', reject);
      child.stdin.on('error', () => undefined);
      child.on('close', code => {
        const result = {
          code: code ?? -1,
          stdout: Buffer.concat(out),
          stderr: Buffer.concat(err).toString('utf8'),
        };
        if (code === 0 || (options.ok ?? []).includes(code ?? -1))
          resolve(result);
        else
          reject(
            new Error(
              `git ${args.join(' ')} failed (${code}): ${result.stderr.trim()}`,
            ),
          );
      });
      child.stdin.end(options.input ?? '');
    });
  }

  async git(args: string[], options: RunOptions = {}): Promise<string> {
    return (await this.run(args, options)).stdout.toString('utf8');
  }

  // -- reading ------------------------------------------------------------------------------

  /** The object's type, or undefined when there is no such object. */
  async objectType(sha: string): Promise<string | undefined> {
    if (!SHA.test(sha)) return undefined;
    const r = await this.run(['cat-file', '-t', sha], { ok: [1, 128] });
    return r.code === 0 ? r.stdout.toString().trim() : undefined;
  }

  /** Resolves a branch, tag, full ref or sha to a commit sha. */
  async resolveCommit(rev: string): Promise<string | undefined> {
    if (!rev || rev.startsWith('-') || rev.includes('..')) return undefined;
    const candidates = SHA.test(rev)
      ? [rev]
      : rev.startsWith('refs/')
      ? [rev]
      : [`refs/heads/${rev}`, `refs/tags/${rev}`, rev];
    for (const candidate of candidates) {
      const r = await this.run(
        [
          'rev-parse',
          '--verify',
          '--quiet',
          '--end-of-options',
          `${candidate}^{commit}`,
        ],
        { ok: [1, 128] },
      );
      if (r.code === 0) return r.stdout.toString().trim();
    }
    return undefined;
  }

  /** The value of a full ref, or undefined. */
  async readRef(ref: string): Promise<string | undefined> {
    if (!isValidRefName(ref)) return undefined;
    const r = await this.run(['rev-parse', '--verify', '--quiet', ref], {
      ok: [1, 128],
    });
    return r.code === 0 ? r.stdout.toString().trim() : undefined;
  }

  /** Refs under `prefix` (e.g. "refs/heads/"), or every ref starting with `prefix`. */
  async listRefs(
    prefix = 'refs/',
  ): Promise<Array<{ ref: string; sha: string; type: string }>> {
    const out = await this.git([
      'for-each-ref',
      '--format=%(refname)%00%(objectname)%00%(objecttype)',
    ]);
    return out
      .split('\n')
      .filter(Boolean)
      .map(line => {
        const [ref, sha, type] = line.split('\0');
        return { ref, sha, type };
      })
      .filter(r => r.ref.startsWith(prefix));
  }

  async readCommit(sha: string): Promise<GitCommitObject> {
    const raw = await this.git(['cat-file', 'commit', sha]);
    const split = raw.indexOf('\n\n');
    const headers = split === -1 ? raw : raw.slice(0, split);
    const message = split === -1 ? '' : raw.slice(split + 2);
    const commit: GitCommitObject = {
      sha,
      tree: '',
      parents: [],
      author: { name: '', email: '', date: '' },
      committer: { name: '', email: '', date: '' },
      message,
    };
    for (const line of headers.split('\n')) {
      const space = line.indexOf(' ');
      const key = line.slice(0, space);
      const value = line.slice(space + 1);
      if (key === 'tree') commit.tree = value;
      else if (key === 'parent') commit.parents.push(value);
      else if (key === 'author') commit.author = parseIdentity(value);
      else if (key === 'committer') commit.committer = parseIdentity(value);
    }
    return commit;
  }

  async readBlob(sha: string): Promise<Buffer> {
    return (await this.run(['cat-file', 'blob', sha])).stdout;
  }

  /** The entries of a tree (with sizes), recursively with `recursive` (trees included). */
  async readTree(sha: string, recursive = false): Promise<GitTreeEntry[]> {
    const out = await this.git([
      'ls-tree',
      '-l',
      '-z',
      ...(recursive ? ['-r', '-t'] : []),
      sha,
    ]);
    return out
      .split('\0')
      .filter(Boolean)
      .map(line => {
        const tab = line.indexOf('\t');
        const [mode, type, objectSha, size] = line.slice(0, tab).split(/\s+/);
        return {
          mode,
          type: type as GitTreeEntry['type'],
          sha: objectSha,
          path: line.slice(tab + 1),
          size: size === '-' ? undefined : Number(size),
        };
      });
  }

  /** The entry at `file` in a commit's tree ("" for the root), or undefined. */
  async entryAt(
    commit: string,
    file: string,
  ): Promise<GitTreeEntry | undefined> {
    if (file === '') {
      const { tree } = await this.readCommit(commit);
      return { mode: '040000', type: 'tree', sha: tree, path: '' };
    }
    const out = await this.git(['ls-tree', '-l', '-z', commit, '--', file]);
    const line = out.split('\0').filter(Boolean)[0];
    if (!line) return undefined;
    const tab = line.indexOf('\t');
    const [mode, type, sha, size] = line.slice(0, tab).split(/\s+/);
    if (line.slice(tab + 1) !== file) return undefined;
    return {
      mode,
      type: type as GitTreeEntry['type'],
      sha,
      path: file,
      size: size === '-' ? undefined : Number(size),
    };
  }

  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    const r = await this.run(
      ['merge-base', '--is-ancestor', ancestor, descendant],
      {
        ok: [1],
      },
    );
    return r.code === 0;
  }

  async mergeBase(a: string, b: string): Promise<string | undefined> {
    const r = await this.run(['merge-base', a, b], { ok: [1] });
    return r.code === 0 ? r.stdout.toString().trim() : undefined;
  }

  /** Commits reachable from `head` and not from `base`, oldest first. */
  async commitsBetween(base: string, head: string): Promise<string[]> {
    const out = await this.git(['rev-list', '--reverse', `${base}..${head}`]);
    return out.split('\n').filter(Boolean);
  }

  /** The files changed from `from` to `to`, with their patches. */
  async diff(from: string, to: string): Promise<GitFileChange[]> {
    const raw = await this.git([
      'diff-tree',
      '-r',
      '-z',
      '--no-renames',
      from,
      to,
    ]);
    const numstat = await this.git([
      'diff-tree',
      '-r',
      '-z',
      '--no-renames',
      '--numstat',
      from,
      to,
    ]);
    const counts = new Map<
      string,
      { add: number; del: number; binary: boolean }
    >();
    const numParts = numstat.split('\0').filter(Boolean);
    for (const part of numParts) {
      const [add, del, file] = part.split('\t');
      counts.set(file, {
        add: add === '-' ? 0 : Number(add),
        del: del === '-' ? 0 : Number(del),
        binary: add === '-',
      });
    }
    const parts = raw.split('\0').filter(p => p !== '');
    const changes: GitFileChange[] = [];
    for (let i = 0; i + 1 < parts.length; i += 2) {
      const [, , , dstSha, letter] = parts[i].slice(1).split(' ');
      const filename = parts[i + 1];
      const count = counts.get(filename) ?? { add: 0, del: 0, binary: false };
      const status =
        letter === 'A' ? 'added' : letter === 'D' ? 'removed' : 'modified';
      let patch: string | undefined;
      if (!count.binary) {
        const full = await this.git([
          'diff',
          '--no-color',
          '--no-ext-diff',
          from,
          to,
          '--',
          filename,
        ]);
        const at = full.indexOf('\n@@');
        patch = at === -1 ? undefined : full.slice(at + 1).replace(/\n$/, '');
      }
      changes.push({
        filename,
        status,
        sha: letter === 'D' ? ZERO_SHA : dstSha,
        additions: count.add,
        deletions: count.del,
        patch,
        binary: count.binary,
      });
    }
    return changes;
  }

  /** Paths a commit added, removed and modified against its first parent. */
  async changedPaths(
    sha: string,
  ): Promise<{ added: string[]; removed: string[]; modified: string[] }> {
    const commit = await this.readCommit(sha);
    const args = commit.parents[0]
      ? [
          'diff-tree',
          '-r',
          '-z',
          '--no-renames',
          '--name-status',
          commit.parents[0],
          sha,
        ]
      : [
          'diff-tree',
          '-r',
          '-z',
          '--no-renames',
          '--name-status',
          '--root',
          sha,
        ];
    const parts = (await this.git(args)).split('\0').filter(Boolean);
    const result = {
      added: [] as string[],
      removed: [] as string[],
      modified: [] as string[],
    };
    // With --root, the first field is the commit itself.
    let i = SHA.test(parts[0] ?? '') ? 1 : 0;
    for (; i + 1 < parts.length; i += 2) {
      const status = parts[i];
      const file = parts[i + 1];
      if (status === 'A') result.added.push(file);
      else if (status === 'D') result.removed.push(file);
      else result.modified.push(file);
    }
    return result;
  }

  // -- writing ------------------------------------------------------------------------------

  async writeBlob(content: Buffer): Promise<string> {
    return (
      await this.git(['hash-object', '-w', '-t', 'blob', '--stdin'], {
        input: content,
      })
    ).trim();
  }

  /**
   * Writes a tree: `base` (a tree sha, or undefined for empty) with `changes` applied. Works on a
   * flat list of files (so nested paths and deletions of whole folders work, in bare repositories
   * too) and writes the folders bottom-up with `git mktree`.
   */
  async writeTree(
    base: string | undefined,
    changes: GitTreeChange[],
  ): Promise<string> {
    const files = new Map<
      string,
      { mode: string; type: string; sha: string }
    >();
    const addTree = async (tree: string, prefix: string) => {
      for (const e of await this.readTree(tree, true)) {
        if (e.type !== 'tree')
          files.set(prefix + e.path, {
            mode: e.mode,
            type: e.type,
            sha: e.sha,
          });
      }
    };
    if (base) await addTree(base, '');
    for (const change of changes) {
      assertSafeTreePath(change.path);
      if (!VALID_MODES.has(change.mode))
        throw new HttpError(
          422,
          `Invalid tree mode ${JSON.stringify(change.mode)} for ${change.path}`,
        );
      // Whatever is at the path (a file or a whole folder) goes first.
      files.delete(change.path);
      for (const key of [...files.keys()])
        if (key.startsWith(`${change.path}/`)) files.delete(key);
      if (
        change.sha === null ||
        (change.sha === undefined && change.content === undefined)
      )
        continue;
      let sha = change.sha;
      if (change.content !== undefined) {
        if (change.type !== 'blob')
          throw new HttpError(
            422,
            `content is only allowed for blobs (${change.path})`,
          );
        sha = await this.writeBlob(Buffer.from(change.content, 'utf8'));
      }
      if (!sha || !SHA.test(sha))
        throw new HttpError(422, `Invalid sha for ${change.path}`);
      if (
        change.type !== 'commit' &&
        (await this.objectType(sha)) !== change.type
      )
        throw new HttpError(
          422,
          `tree.sha ${sha} is not a valid ${change.type}`,
        );
      if (change.type === 'tree') await addTree(sha, `${change.path}/`);
      else
        files.set(change.path, { mode: change.mode, type: change.type, sha });
    }
    // A file where a folder is needed (or the reverse) is an error, as in git.
    for (const key of files.keys()) {
      const segments = key.split('/');
      for (let i = 1; i < segments.length; i++)
        if (files.has(segments.slice(0, i).join('/')))
          throw new HttpError(
            422,
            `tree path ${key} conflicts with the file ${segments
              .slice(0, i)
              .join('/')}`,
          );
    }
    const folders = new Map<string, string[]>([['', []]]);
    for (const [file, entry] of files) {
      const slash = file.lastIndexOf('/');
      const dir = slash === -1 ? '' : file.slice(0, slash);
      const segments = dir === '' ? [] : dir.split('/');
      for (let i = 0; i <= segments.length; i++) {
        const folder = segments.slice(0, i).join('/');
        if (!folders.has(folder)) folders.set(folder, []);
      }
      folders
        .get(dir)!
        .push(
          `${entry.mode} ${entry.type} ${entry.sha}\t${file.slice(slash + 1)}`,
        );
    }
    // Deepest first, so each folder's subfolders are written before it.
    const order = [...folders.keys()].sort(
      (a, b) =>
        (b === '' ? -1 : b.split('/').length) -
        (a === '' ? -1 : a.split('/').length),
    );
    const written = new Map<string, string>();
    for (const folder of order) {
      const lines = folders.get(folder)!;
      for (const [sub, sha] of written) {
        const slash = sub.lastIndexOf('/');
        const parent = slash === -1 ? '' : sub.slice(0, slash);
        if (parent === folder && sub !== '')
          lines.push(`040000 tree ${sha}\t${sub.slice(slash + 1)}`);
      }
      const sha = (
        await this.git(['mktree', '-z'], {
          input: lines.map(l => `${l}\0`).join(''),
        })
      ).trim();
      written.set(folder, sha);
    }
    return written.get('')!;
  }

  async writeCommit(options: {
    tree: string;
    parents: string[];
    message: string;
    author: GitIdentity;
    committer: GitIdentity;
  }): Promise<string> {
    const args = ['commit-tree', options.tree];
    for (const parent of options.parents) args.push('-p', parent);
    const out = await this.git([...args, '-F', '-'], {
      input: options.message,
      env: {
        GIT_AUTHOR_NAME: options.author.name,
        GIT_AUTHOR_EMAIL: options.author.email,
        GIT_AUTHOR_DATE: options.author.date,
        GIT_COMMITTER_NAME: options.committer.name,
        GIT_COMMITTER_EMAIL: options.committer.email,
        GIT_COMMITTER_DATE: options.committer.date,
      },
    });
    return out.trim();
  }

  /**
   * Merges `theirs` into `ours` without touching any work tree; the merged tree, or undefined on
   * conflicts.
   */
  async mergeTrees(ours: string, theirs: string): Promise<string | undefined> {
    const r = await this.run(
      ['merge-tree', '--write-tree', '--no-messages', ours, theirs],
      { ok: [1] },
    );
    if (r.code !== 0) return undefined;
    return r.stdout.toString().split('\n')[0].trim();
  }

  /** The branch checked out in the work tree (full ref), if any. */
  async checkedOutRef(): Promise<string | undefined> {
    if (this.bare || !this.workTree) return undefined;
    const r = await this.run(['symbolic-ref', '-q', 'HEAD'], { ok: [1] });
    return r.code === 0 ? r.stdout.toString().trim() : undefined;
  }

  /**
   * Moves (or creates, or deletes with `after` undefined) a ref, only if it still has the value
   * `before`; brings the work tree along when the ref is the checked-out branch.
   */
  async updateRef(
    ref: string,
    before: string | undefined,
    after: string | undefined,
  ): Promise<void> {
    const checkedOut = await this.checkedOutRef();
    if (checkedOut === ref && this.workTree) {
      if (!after)
        throw new HttpError(
          422,
          `Cannot delete ${ref}: it is checked out in ${this.workTree}`,
        );
      if (before) {
        const r = await this.run(['read-tree', '-m', '-u', before, after], {
          ok: [128],
          cwd: this.workTree,
        });
        if (r.code !== 0)
          throw new HttpError(
            409,
            `Cannot update ${ref}: the work tree of ${
              this.workTree
            } has uncommitted changes that the update would overwrite (${r.stderr
              .split('\n')
              .filter(l => l.startsWith('\t') || l.startsWith('error'))
              .map(l => l.trim())
              .join(' ')}); commit or discard them first`,
          );
      } else {
        await this.git(['read-tree', '-m', '-u', after], {
          cwd: this.workTree,
        });
      }
    }
    const args = after
      ? ['update-ref', '-m', 'github-emulator', ref, after, before ?? ZERO_SHA]
      : ['update-ref', '-m', 'github-emulator', '-d', ref, before ?? ''];
    try {
      await this.git(args);
    } catch (error) {
      if (checkedOut === ref && this.workTree && before && after)
        await this.run(['read-tree', '-m', '-u', after, before], {
          ok: [128],
          cwd: this.workTree,
        });
      throw error;
    }
  }
}

function parseIdentity(value: string): GitIdentity {
  const match = /^(.*) <(.*)> (\d+) ([+-]\d{4})$/.exec(value);
  if (!match)
    return { name: value, email: '', date: new Date(0).toISOString() };
  return {
    name: match[1],
    email: match[2],
    date: new Date(Number(match[3]) * 1000).toISOString().replace('.000Z', 'Z'),
  };
}
