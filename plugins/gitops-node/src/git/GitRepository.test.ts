import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveGitOverHttp } from '../__testUtils__/serveGitOverHttp';
import { GitRepository } from './GitRepository';

function git(cwd: string, ...args: string[]) {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
    },
  }).trim();
}

describe('GitRepository', () => {
  let work: string;
  let origin: string;

  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-git-'));
    origin = path.join(work, 'origin');
    fs.mkdirSync(path.join(origin, 'environments/dev/checkout'), {
      recursive: true,
    });
    fs.writeFileSync(
      path.join(origin, 'environments/dev/environment.yaml'),
      'a: 1\n',
    );
    fs.writeFileSync(
      path.join(origin, 'environments/dev/checkout/deployment.yaml'),
      'kind: Deployment\n',
    );
    fs.symlinkSync('/etc/passwd', path.join(origin, 'environments/dev/escape'));
    fs.writeFileSync(path.join(origin, 'README.md'), 'outside the root\n');
    git(origin, 'init', '--quiet', '-b', 'main');
    git(origin, 'add', '-A');
    git(origin, 'commit', '--quiet', '-m', 'first');
  });

  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  function repository() {
    return GitRepository.create({
      url: origin,
      branch: 'main',
      cacheDirectory: path.join(work, 'cache'),
    });
  }

  it('fetches the branch and pins its commit', async () => {
    const sha = await repository().fetch();
    expect(sha).toBe(git(origin, 'rev-parse', 'HEAD'));
  });

  it('lists the tree below a root with modes and sizes, symlinks unresolved', async () => {
    const repo = repository();
    const sha = await repo.fetch();
    const entries = await repo.listTree(sha, 'environments');
    // Every entry names its Git object: equal ids mean equal content across commits.
    expect(entries.every(e => /^[0-9a-f]{40}$/.test(e.object))).toBe(true);
    expect(entries.map(({ object: _object, ...entry }) => entry)).toEqual([
      { path: 'environments', type: 'tree', mode: '040000', size: undefined },
      {
        path: 'environments/dev',
        type: 'tree',
        mode: '040000',
        size: undefined,
      },
      {
        path: 'environments/dev/checkout',
        type: 'tree',
        mode: '040000',
        size: undefined,
      },
      {
        path: 'environments/dev/checkout/deployment.yaml',
        type: 'blob',
        mode: '100644',
        size: 17,
      },
      {
        path: 'environments/dev/environment.yaml',
        type: 'blob',
        mode: '100644',
        size: 5,
      },
      {
        path: 'environments/dev/escape',
        type: 'blob',
        mode: '120000',
        size: 11,
      },
    ]);
    // A symlink's blob is its target, never the file it points at.
    expect(
      (await repo.readFile(sha, 'environments/dev/escape')).toString(),
    ).toBe('/etc/passwd');
  });

  it('sees a new commit on the next fetch, and reads files at a pinned commit', async () => {
    const repo = repository();
    const first = await repo.fetch();
    fs.writeFileSync(
      path.join(origin, 'environments/dev/environment.yaml'),
      'a: 2\n',
    );
    git(origin, 'commit', '--quiet', '-am', 'second');
    const second = await repo.fetch();
    expect(second).not.toBe(first);
    expect(
      (
        await repo.readFile(second, 'environments/dev/environment.yaml')
      ).toString(),
    ).toBe('a: 2\n');
  });

  it('says which repository and branch could not be fetched', async () => {
    const repo = GitRepository.create({
      url: path.join(work, 'does-not-exist'),
      branch: 'main',
      cacheDirectory: path.join(work, 'cache'),
    });
    await expect(repo.fetch()).rejects.toThrow(
      /Could not fetch branch 'main' of .*does-not-exist/,
    );
  });

  it('never shows the token in errors', async () => {
    const repo = GitRepository.create({
      url: `http://127.0.0.1:9/secret-token-in-url-is-not-used/repo.git`,
      branch: 'main',
      cacheDirectory: path.join(work, 'cache'),
      token: 'ghp_supersecret',
    });
    const error = await repo.fetch().catch(e => e);
    expect(String(error)).toMatch(/Could not fetch/);
    expect(String(error)).not.toContain('ghp_supersecret');
  });

  it('fetches over HTTP with a token asked for on every fetch, and says when it is refused', async () => {
    git(work, 'clone', '--quiet', '--bare', origin, 'served.git');
    const server = await serveGitOverHttp({ root: work, token: 'ghs_good' });
    const tokens = ['ghs_good', 'ghs_expired'];
    const repo = GitRepository.create({
      url: `${server.url}/served.git`,
      branch: 'main',
      cacheDirectory: path.join(work, 'cache'),
      token: async () => tokens.shift(),
    });
    try {
      const sha = await repo.fetch();
      expect(sha).toBe(git(origin, 'rev-parse', 'HEAD'));
      expect(String(await repo.readFile(sha, 'README.md'))).toBe(
        'outside the root\n',
      );
      expect(server.authorizations[0]).toBe(
        `Basic ${Buffer.from('x-access-token:ghs_good').toString('base64')}`,
      );

      const error = String(await repo.fetch().catch(e => e));
      expect(tokens).toEqual([]); // asked again for the second fetch
      expect(error).toMatch(/Could not fetch branch 'main' of http/);
      expect(error).toContain(
        "the server refused the fetch's credentials: the token was rejected or has expired",
      );
      expect(error).not.toContain('ghs_expired');
      expect(error).not.toContain(
        Buffer.from('x-access-token:ghs_expired').toString('base64'),
      );
    } finally {
      repo.close();
      await server.close();
    }
  });

  it('says why a token could not be had', async () => {
    const repo = GitRepository.create({
      url: 'https://github.com/acme/gitops.git',
      branch: 'main',
      cacheDirectory: path.join(work, 'cache'),
      token: async () => {
        throw new Error('the GitHub App is not installed on acme');
      },
    });
    await expect(repo.fetch()).rejects.toThrow(
      "Could not fetch branch 'main' of https://github.com/acme/gitops.git: Error: the GitHub App is not installed on acme",
    );
  });

  it('reads many files, binary and missing ones through one reader', async () => {
    const binary = Buffer.from([0, 1, 2, 10, 255, 10, 10]);
    fs.writeFileSync(path.join(origin, 'environments/dev/blob.bin'), binary);
    git(origin, 'add', '-A');
    git(origin, 'commit', '--quiet', '-m', 'binary');
    const repo = repository();
    const sha = await repo.fetch();
    try {
      const reads = await Promise.allSettled([
        repo.readFile(sha, 'environments/dev/blob.bin'),
        repo.readFile(sha, 'environments/dev/nope.yaml'),
        repo.readFile(sha, 'environments/dev/environment.yaml'),
        repo.readFile(sha, 'bad\nname'),
      ]);
      expect(reads[0]).toEqual({ status: 'fulfilled', value: binary });
      expect(reads[1]).toMatchObject({
        status: 'rejected',
        reason: new Error(`${sha}:environments/dev/nope.yaml does not exist`),
      });
      expect(reads[2]).toEqual({
        status: 'fulfilled',
        value: Buffer.from('a: 1\n'),
      });
      expect(reads[3]).toMatchObject({ status: 'rejected' });
      // Still usable after a miss.
      expect(String(await repo.readFile(sha, 'README.md'))).toBe(
        'outside the root\n',
      );
    } finally {
      repo.close();
    }
  });
});
