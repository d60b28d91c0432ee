import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { parseChangeRequestMarker } from '@shipshape/plugin-gitops-common';
import { GithubEmulator } from '@shipshape/github-emulator';
import { Octokit } from '@octokit/rest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createOpenPullRequestAction,
  createPlanEnvironmentAction,
  createRenderEnvironmentAction,
} from './actions';
import {
  demoCatalogEntities,
  demoRepositoryFiles,
} from './__testUtils__/demoData';

// The three actions in a row against the GitHub emulator (real git underneath, no msw), as a
// template runs them. The GitOps backend is not running: the plan says live state is unavailable.

jest.setTimeout(60_000);

const TOKEN = 'scaffolder-token';

function git(cwd: string, ...args: string[]) {
  execFileSync('git', args, {
    cwd,
    stdio: 'pipe',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
    },
  });
}

describe('gitops actions against the GitHub emulator', () => {
  let dir: string;
  let emulator: GithubEmulator;
  let apiBaseUrl: string;
  let host: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-scaffolder-'));
    for (const [file, content] of Object.entries(demoRepositoryFiles())) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content);
    }
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'demo');
    emulator = GithubEmulator.create({
      organization: 'shipshape-demo',
      repositories: [{ name: 'gitops', path: dir }],
      users: [{ login: 'shipshape-bot' }, { login: 'ada-lovelace' }],
      teams: [
        { slug: 'team-payments', members: ['ada-lovelace'] },
        { slug: 'team-platform', members: [] },
        { slug: 'team-storefront', members: [] },
      ],
      tokens: { [TOKEN]: 'shipshape-bot' },
      logger: () => {},
    });
    ({ apiBaseUrl } = await emulator.start());
    host = new URL(apiBaseUrl).host;
  });

  afterAll(async () => {
    await emulator?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('renders, plans and opens one pull request, also when retried after a rate limit', async () => {
    const config = new ConfigReader({
      integrations: { github: [{ host, apiBaseUrl, token: TOKEN }] },
      app: { baseUrl: 'https://portal.test' },
    });
    const catalog = catalogServiceMock({ entities: demoCatalogEntities() });
    const services = {
      config,
      catalog,
      auth: mockServices.auth(),
      discovery: mockServices.discovery(),
    };
    const repoUrl = `${host}?owner=shipshape-demo&repo=gitops`;
    const workspacePath = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-ws-'));
    const run = async (action: any, input: object) => {
      const ctx = {
        ...createMockActionContext({ input: input as any, workspacePath }),
        user: { ref: 'user:default/ada.lovelace' },
      };
      await action.handler(ctx);
      return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    };

    const rendered = await run(createRenderEnvironmentAction(services), {
      repoUrl,
      name: 'pr-43',
      type: 'preview',
      owner: 'group:default/team-payments',
      components: ['component:default/checkout', 'component:default/payments'],
      cluster: 'resource:default/cluster-dev',
      ttl: '48h',
      approval: {
        requiredApprovals: 1,
        approvers: ['group:default/team-payments'],
      },
    });
    expect(rendered.namespace).toBe('shop-pr-43');

    const planned = await run(createPlanEnvironmentAction(services), {
      repoUrl,
      name: 'pr-43',
    });
    expect(planned.plan.files.added).toContain(
      'environments/pr-43/checkout/deployment.yaml',
    );
    expect(planned.plan.live.available).toBe(false);
    expect(planned.markdown).toContain('**Live state:** unavailable');

    const open = createOpenPullRequestAction(services);
    emulator.addFaults([
      {
        type: 'secondary-rate-limit',
        method: 'POST',
        path: '/repos/shipshape-demo/gitops/pulls',
        retryAfterSeconds: 30,
      },
    ]);
    await expect(
      run(open, { repoUrl, name: 'pr-43', plan: planned.markdown }),
    ).rejects.toThrow(/secondary rate limit.*retry after 30 seconds/);

    const octokit = new Octokit({ baseUrl: apiBaseUrl, auth: TOKEN });
    const branches = async () =>
      (
        await octokit.repos.listBranches({
          owner: 'shipshape-demo',
          repo: 'gitops',
        })
      ).data.map(b => b.name);
    expect(await branches()).toEqual(['main']);

    const first = await run(open, {
      repoUrl,
      name: 'pr-43',
      plan: planned.markdown,
    });
    expect(first).toMatchObject({
      branchName: 'shipshape/pr-43',
      created: true,
    });
    const second = await run(open, {
      repoUrl,
      name: 'pr-43',
      plan: planned.markdown,
    });
    expect(second).toMatchObject({
      pullRequestNumber: first.pullRequestNumber,
      created: false,
    });

    const { data: pulls } = await octokit.pulls.list({
      owner: 'shipshape-demo',
      repo: 'gitops',
      state: 'all',
    });
    expect(pulls).toHaveLength(1);
    expect(pulls[0].html_url).toBe(first.remoteUrl);
    expect(pulls[0].requested_teams?.map(t => t.slug)).toEqual([
      'team-payments',
    ]);
    expect(parseChangeRequestMarker(pulls[0].body)).toMatchObject({
      action: 'create',
      environmentRef: 'environment:default/pr-43',
      requester: 'user:default/ada.lovelace',
    });
    const { data: files } = await octokit.pulls.listFiles({
      owner: 'shipshape-demo',
      repo: 'gitops',
      pull_number: first.pullRequestNumber,
    });
    expect(files.map(f => f.filename)).toContain(
      'environments/pr-43/environment.yaml',
    );
    expect(files.every(f => f.filename.startsWith('environments/pr-43/'))).toBe(
      true,
    );
    fs.rmSync(workspacePath, { recursive: true, force: true });
  });
});
