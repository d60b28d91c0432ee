import fs from 'node:fs';
import path from 'node:path';
import {
  createTestRepository,
  git,
} from '../__testUtils__/createTestRepository';
import {
  assertSafeTreePath,
  GitRepository,
  isValidRefName,
} from './GitRepository';

describe('GitRepository', () => {
  it('writes trees, commits and merges in a bare repository', async () => {
    const { dir, cleanup } = createTestRepository(
      { 'a.txt': 'a\n', 'd/e.txt': 'e\n' },
      { bare: true },
    );
    try {
      const repo = await GitRepository.open(dir);
      expect(repo.bare).toBe(true);
      const main = (await repo.readRef('refs/heads/main'))!;
      const base = await repo.readCommit(main);
      const tree = await repo.writeTree(base.tree, [
        { path: 'd', mode: '040000', type: 'tree', sha: null },
        { path: 'x/y/z.txt', mode: '100755', type: 'blob', content: 'z\n' },
      ]);
      expect(
        (await repo.readTree(tree, true)).map(e => `${e.mode} ${e.path}`),
      ).toEqual(['100644 a.txt', '040000 x', '040000 x/y', '100755 x/y/z.txt']);
      const identity = {
        name: 'T',
        email: 't@example.com',
        date: '2024-01-01T00:00:00Z',
      };
      const side = await repo.writeCommit({
        tree,
        parents: [main],
        message: 'side\n',
        author: identity,
        committer: identity,
      });
      await repo.updateRef('refs/heads/side', undefined, side);
      const other = await repo.writeCommit({
        tree: await repo.writeTree(base.tree, [
          { path: 'b.txt', mode: '100644', type: 'blob', content: 'b\n' },
        ]),
        parents: [main],
        message: 'other\n',
        author: identity,
        committer: identity,
      });
      await repo.updateRef('refs/heads/main', main, other);
      const merged = (await repo.mergeTrees(other, side))!;
      expect((await repo.readTree(merged)).map(e => e.path)).toEqual([
        'a.txt',
        'b.txt',
        'x',
      ]);
      // A stale expected value is refused (compare-and-swap).
      await expect(
        repo.updateRef('refs/heads/main', main, side),
      ).rejects.toThrow();
      expect(git(dir, 'rev-parse', 'main')).toBe(other);
      const conflicting = await repo.writeCommit({
        tree: await repo.writeTree(base.tree, [
          {
            path: 'b.txt',
            mode: '100644',
            type: 'blob',
            content: 'conflict\n',
          },
        ]),
        parents: [main],
        message: 'c\n',
        author: identity,
        committer: identity,
      });
      expect(await repo.mergeTrees(other, conflicting)).toBeUndefined();
      expect(fs.existsSync(path.join(dir, 'b.txt'))).toBe(false);
    } finally {
      cleanup();
    }
  });

  it('serializes exclusive work', async () => {
    const { dir, cleanup } = createTestRepository();
    try {
      const repo = await GitRepository.open(dir);
      const order: string[] = [];
      const slow = repo.exclusive(async () => {
        await new Promise(r => setTimeout(r, 50));
        order.push('slow');
      });
      const failing = repo.exclusive(async () => {
        order.push('failing');
        throw new Error('boom');
      });
      const fast = repo.exclusive(async () => {
        order.push('fast');
      });
      await Promise.all([slow, failing.catch(() => undefined), fast]);
      expect(order).toEqual(['slow', 'failing', 'fast']);
    } finally {
      cleanup();
    }
  });

  it('validates tree paths and ref names', () => {
    for (const bad of [
      '',
      '/a',
      'a/../b',
      '..',
      './a',
      'a/',
      'a\\b',
      '.git/x',
      'a/.GIT',
      'C:x',
    ])
      expect(() => assertSafeTreePath(bad)).toThrow(/Invalid tree path/);
    expect(() => assertSafeTreePath('environments/dev/app.yaml')).not.toThrow();
    expect(isValidRefName('refs/heads/feature/x')).toBe(true);
    for (const bad of [
      'heads/x',
      'refs/heads/a..b',
      'refs/heads/x.lock',
      'refs/heads/a b',
      'refs/heads/.x',
      'refs/heads/x/',
    ])
      expect(isValidRefName(bad)).toBe(false);
  });
});
