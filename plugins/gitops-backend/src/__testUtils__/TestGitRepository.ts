import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A throwaway git repository to commit GitOps files into, for tests. */
export class TestGitRepository {
  static create(): TestGitRepository {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-test-'));
    const repository = new TestGitRepository(work);
    fs.mkdirSync(repository.path);
    repository.git('init', '--quiet', '-b', 'main');
    return repository;
  }

  readonly path: string;
  /** A folder next to the repository for caches. */
  readonly cacheDirectory: string;

  private constructor(private readonly work: string) {
    this.path = path.join(work, 'origin');
    this.cacheDirectory = path.join(work, 'cache');
  }

  write(file: string, content: string): this {
    const target = path.join(this.path, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
    return this;
  }

  remove(file: string): this {
    fs.rmSync(path.join(this.path, file), { recursive: true, force: true });
    return this;
  }

  /** Commits everything; returns the commit SHA. */
  commit(message = 'change'): string {
    this.git('add', '-A');
    this.git('commit', '--quiet', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  /** Writes `environments/<name>/environment.yaml` placing the environment on clusters. */
  writeEnvironment(
    name: string,
    clusters: Array<{ cluster: string; namespace: string }>,
  ): this {
    return this.write(
      `environments/${name}/environment.yaml`,
      [
        'apiVersion: gitops.shipshape.dev/v1alpha1',
        'kind: Environment',
        'metadata:',
        `  name: ${name}`,
        'spec:',
        '  type: staging',
        '  owner: group:default/team-platform',
        '  clusters:',
        ...clusters.flatMap(c => [
          `    - cluster: ${c.cluster}`,
          `      namespace: ${c.namespace}`,
        ]),
        '',
      ].join('\n'),
    );
  }

  cleanup() {
    fs.rmSync(this.work, { recursive: true, force: true });
  }

  private git(...args: string[]): string {
    return execFileSync('git', args, {
      cwd: this.path,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@example.com',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@example.com',
      },
    }).trim();
  }
}
