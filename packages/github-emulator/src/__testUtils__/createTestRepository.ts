import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

/** Runs git in `dir` and returns its trimmed output. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], {
    cwd: dir,
    env: ENV,
    encoding: 'utf8',
  }).trim();
}

/** A non-bare repository on `main` with one commit of `files`, in a new temp folder. */
export function createTestRepository(
  files: Record<string, string> = {
    'README.md': '# GitOps\n',
    'environments/dev/environment.yaml': 'name: dev\nreplicas: 1\n',
  },
  options: { bare?: boolean } = {},
): { dir: string; cleanup: () => void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'github-emulator-test-'));
  const work = path.join(root, 'work');
  fs.mkdirSync(work);
  git(work, 'init', '-q', '-b', 'main');
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
    fs.writeFileSync(path.join(work, file), content);
  }
  git(work, 'add', '-A');
  git(work, 'commit', '-q', '-m', 'Initial commit');
  let dir = work;
  if (options.bare) {
    dir = path.join(root, 'bare.git');
    git(root, 'clone', '-q', '--bare', work, dir);
  }
  return {
    dir,
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
