import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { GithubEmulator } from '@shipshape/github-emulator';
import { Octokit } from '@octokit/rest';
import { DateTime } from 'luxon';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ExpiredPreviewJanitor } from './ExpiredPreviewJanitor';

jest.setTimeout(60_000);

const TOKEN = 'janitor-token';
const NOW = DateTime.fromISO('2026-12-01T00:00:00Z');

function git(cwd: string, ...args: string[]) {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
    },
  });
}

function environment(name: string, type: string, expiresAt?: string): Entity {
  return {
    apiVersion: 'gitops.shipshape.dev/v1alpha1',
    kind: 'Environment',
    metadata: { name, namespace: 'default' },
    spec: {
      type,
      owner: 'group:default/team-payments',
      ...(expiresAt && { expiresAt }),
    },
  };
}

const CATALOG: Entity[] = [
  environment('old-preview', 'preview', '2026-11-30T00:00:00Z'),
  environment('new-preview', 'preview', '2026-12-31T00:00:00Z'),
  environment('broken-preview', 'preview', 'not a date'),
  environment('staging', 'staging'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: 'team-payments',
      namespace: 'default',
      annotations: { 'github.com/team-slug': 'shipshape-demo/team-payments' },
    },
    spec: { type: 'team', children: [] },
  },
];

describe('ExpiredPreviewJanitor', () => {
  let dir: string;
  let emulator: GithubEmulator;
  let octokit: () => Promise<Octokit>;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-janitor-'));
    for (const file of [
      'environments/old-preview/environment.yaml',
      'environments/old-preview/checkout/deployment.yaml',
      'environments/new-preview/environment.yaml',
      'environments/staging/environment.yaml',
    ]) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), `# ${file}\n`);
    }
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'environments');
    emulator = GithubEmulator.create({
      organization: 'shipshape-demo',
      repositories: [{ name: 'gitops', path: dir }],
      users: [{ login: 'shipshape-bot' }, { login: 'grace-hopper' }],
      teams: [{ slug: 'team-payments', members: ['grace-hopper'] }],
      tokens: { [TOKEN]: 'shipshape-bot' },
      logger: () => {},
    });
    const { apiBaseUrl } = await emulator.start();
    octokit = async () => new Octokit({ baseUrl: apiBaseUrl, auth: TOKEN });
  });

  afterEach(async () => {
    await emulator.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const janitor = (logger = mockServices.logger.mock()) =>
    ExpiredPreviewJanitor.create({
      octokit: () => octokit(),
      repository: 'shipshape-demo/gitops',
      root: 'environments',
      catalog: catalogServiceMock({ entities: CATALOG }),
      auth: mockServices.auth(),
      logger,
      now: () => NOW,
    });

  it('opens one pull request removing each expired preview, its owners as reviewers', async () => {
    const results = await janitor().run();
    expect(results).toEqual([
      {
        environmentRef: 'environment:default/old-preview',
        outcome: 'opened',
        url: expect.stringMatching(/\/shipshape-demo\/gitops\/pull\/1$/),
      },
    ]);

    const client = await octokit();
    const repo = { owner: 'shipshape-demo', repo: 'gitops' };
    const { data: pull } = await client.pulls.get({ ...repo, pull_number: 1 });
    expect(pull.title).toBe('Remove expired preview environment old-preview');
    expect(pull.head.ref).toBe('shipshape/expire-old-preview');
    expect(pull.body).toContain('expired at 2026-11-30T00:00:00Z');
    expect(pull.labels.map(l => l.name)).toEqual(['shipshape', 'expired']);
    expect(pull.requested_teams?.map(t => t.slug)).toEqual(['team-payments']);
    const { data: files } = await client.pulls.listFiles({
      ...repo,
      pull_number: 1,
    });
    expect(files.map(f => [f.filename, f.status]).sort()).toEqual([
      ['environments/old-preview/checkout/deployment.yaml', 'removed'],
      ['environments/old-preview/environment.yaml', 'removed'],
    ]);

    // A second pass finds the open pull request and opens no other.
    expect((await janitor().run()).map(r => r.outcome)).toEqual(['pending']);
    const { data: open } = await client.pulls.list({ ...repo, state: 'all' });
    expect(open).toHaveLength(1);

    // Merged: the folder is gone from the branch while the catalog still lists it.
    await client.pulls.merge({ ...repo, pull_number: 1 });
    expect(
      git(dir, 'ls-tree', '-r', '--name-only', 'main').split('\n'),
    ).not.toContain('environments/old-preview/environment.yaml');
    expect((await janitor().run()).map(r => r.outcome)).toEqual(['gone']);
  });

  it('reports what GitHub refused and tries again on the next pass', async () => {
    emulator.addFaults([
      {
        type: 'server-error',
        status: 503,
        count: 10,
        path: '/repos/shipshape-demo/gitops/git/trees',
      },
    ]);
    const logger = mockServices.logger.mock();
    const [result] = await janitor(logger).run();
    expect(result).toMatchObject({
      environmentRef: 'environment:default/old-preview',
      outcome: 'failed',
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Could not propose the removal of expired environment:default/old-preview',
      ),
    );
    emulator.clearFaults();
    expect((await janitor().run()).map(r => r.outcome)).toEqual(['opened']);
  });
});
