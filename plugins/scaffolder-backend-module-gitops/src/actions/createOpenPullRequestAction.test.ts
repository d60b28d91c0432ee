import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  parseChangeRequestMarker,
  RegisterChangeRequestBody,
} from '@shipshape/plugin-gitops-common';
import fs from 'node:fs';
import path from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  demoCatalogEntities,
  demoRepositoryFiles,
} from '../__testUtils__/demoData';
import {
  FAKE_GITHUB_API,
  FAKE_REPO_URL,
  FakeGithub,
  githubTestConfig,
} from '../__testUtils__/FakeGithub';
import { renderForTest } from '../__testUtils__/renderForTest';
import { createOpenPullRequestAction } from './createOpenPullRequestAction';

const server = setupServer();
registerMswTestHooks(server);
const REGISTER_URL = 'http://localhost:0/api/gitops/change-requests';
const BRANCH = 'shipshape/pr-43';
const PULLS = `${FAKE_GITHUB_API}/repos/shipshape-demo/gitops/pulls`;

function setup(config: object = {}) {
  const github = new FakeGithub();
  github.seed(demoRepositoryFiles());
  const registered: RegisterChangeRequestBody[] = [];
  server.use(
    ...github.handlers(),
    http.post(REGISTER_URL, async ({ request }) => {
      registered.push((await request.json()) as RegisterChangeRequestBody);
      return HttpResponse.json({}, { status: 201 });
    }),
  );
  const logger = mockServices.logger.mock();
  const action = createOpenPullRequestAction({
    config: new ConfigReader({
      ...githubTestConfig,
      gitops: {
        scaffolder: {
          platformTeam: 'group:default/team-platform',
          pullRequest: { labels: ['shipshape'] },
        },
      },
      ...config,
    }),
    catalog: catalogServiceMock({ entities: demoCatalogEntities() }),
    auth: mockServices.auth(),
    discovery: mockServices.discovery(),
  });
  return { github, action, registered, logger };
}

/** A context whose checkpoints persist across runs, like a retried task's. */
function context(
  workspacePath: string,
  input: object = {},
  extra: { isDryRun?: boolean; checkpoints?: Map<string, unknown> } = {},
) {
  const checkpoints = extra.checkpoints ?? new Map<string, unknown>();
  const logger = mockServices.logger.mock();
  return {
    ...createMockActionContext({
      input: { repoUrl: FAKE_REPO_URL, name: 'pr-43', ...input } as any,
      workspacePath,
      user: { ref: 'user:default/ada.lovelace' },
    }),
    logger,
    isDryRun: extra.isDryRun,
    async checkpoint<T>(opts: { key: string; fn: () => Promise<T> | T }) {
      if (checkpoints.has(opts.key)) return checkpoints.get(opts.key) as T;
      const value = await opts.fn();
      checkpoints.set(opts.key, value);
      return value;
    },
  };
}

function outputs(ctx: { output: jest.Mock }) {
  return Object.fromEntries(ctx.output.mock.calls);
}

describe('gitops:pull-request:open', () => {
  it('commits the environment to a branch and opens a pull request for its owners', async () => {
    const { github, action, registered } = setup();
    const workspacePath = await renderForTest();
    const ctx = context(workspacePath, {
      plan: '### Plan: create environment `pr-43`',
      labels: ['preview'],
    });
    await action.handler(ctx as any);

    expect(outputs(ctx as any)).toEqual({
      remoteUrl: 'https://github.test/shipshape-demo/gitops/pull/1',
      pullRequestNumber: 1,
      branchName: BRANCH,
      created: true,
      reviewers: ['group:default/team-payments'],
    });

    // The branch holds the rendered directory on top of main; main is untouched.
    const onBranch = github.filesOf(BRANCH);
    const rendered = fs.readFileSync(
      path.join(workspacePath, 'environments/pr-43/checkout/deployment.yaml'),
      'utf8',
    );
    expect(onBranch['environments/pr-43/checkout/deployment.yaml']).toBe(
      rendered,
    );
    expect(onBranch['environments/dev/environment.yaml']).toBeDefined();
    expect(
      github.filesOf('main')['environments/pr-43/environment.yaml'],
    ).toBeUndefined();
    const commit = github.commits.get(github.refs.get(BRANCH)!)!;
    expect(commit.parents).toEqual([github.refs.get('main')]);
    expect(commit.message).toMatch(
      /^Create environment pr-43\n\nRequested by user:default\/ada.lovelace/,
    );

    const [pull] = github.pulls;
    expect(pull).toMatchObject({
      title: 'Create environment pr-43',
      head: BRANCH,
      base: 'main',
      draft: false,
      labels: ['shipshape', 'preview'],
      teamReviewers: ['team-payments'],
      reviewers: [],
    });
    expect(pull.body).toContain('### Plan: create environment `pr-43`');
    expect(pull.body).toContain(
      '[Open `pr-43` in the portal](https://portal.test/catalog/default/environment/pr-43)',
    );
    expect(parseChangeRequestMarker(pull.body)).toEqual({
      action: 'create',
      environmentRef: 'environment:default/pr-43',
      entityRefs: ['component:default/checkout', 'component:default/payments'],
      requester: 'user:default/ada.lovelace',
      reviewers: ['group:default/team-payments'],
    });
    expect(registered).toEqual([
      expect.objectContaining({
        repository: 'shipshape-demo/gitops',
        number: 1,
        action: 'create',
        environmentRef: 'environment:default/pr-43',
      }),
    ]);
  });

  it('updates the same branch and pull request when run again, never opening a second one', async () => {
    const { github, action } = setup();
    const workspacePath = await renderForTest();
    await action.handler(context(workspacePath) as any);
    const file = path.join(
      workspacePath,
      'environments/pr-43/checkout/configmap.yaml',
    );
    fs.writeFileSync(
      file,
      fs
        .readFileSync(file, 'utf8')
        .replace('LOG_LEVEL: debug', 'LOG_LEVEL: info'),
    );

    const again = context(workspacePath, { title: 'Preview for PR 43' });
    await action.handler(again as any);
    expect(outputs(again as any)).toMatchObject({
      pullRequestNumber: 1,
      created: false,
    });
    expect(github.pulls).toHaveLength(1);
    expect(github.pulls[0].title).toBe('Preview for PR 43');
    expect(
      github.filesOf(BRANCH)['environments/pr-43/checkout/configmap.yaml'],
    ).toContain('LOG_LEVEL: info');
  });

  it('updates the pull request another run opened at the same moment', async () => {
    const { github, action } = setup();
    const workspacePath = await renderForTest();
    // The first lookup sees no pull request; creating one then reports that it exists.
    server.use(http.get(PULLS, () => HttpResponse.json([]), { once: true }));
    github.refs.set(BRANCH, github.refs.get('main')!);
    github.pulls.push({
      number: 7,
      head: BRANCH,
      base: 'main',
      title: 'Raced',
      body: '',
      draft: false,
      state: 'open',
      labels: [],
      reviewers: [],
      teamReviewers: [],
    });
    const ctx = context(workspacePath);
    await action.handler(ctx as any);
    expect(outputs(ctx as any)).toMatchObject({
      pullRequestNumber: 7,
      created: false,
    });
    expect(github.pulls).toHaveLength(1);
    expect(github.pulls[0].title).toBe('Create environment pr-43');
  });

  it('does not let the description smuggle in a marker of its own', async () => {
    const { github, action } = setup();
    const workspacePath = await renderForTest();
    const forged =
      '<!-- shipshape:change-request {"action":"update","environmentRef":"environment:default/prod","entityRefs":[]} -->';
    await action.handler(
      context(workspacePath, { description: forged, plan: forged }) as any,
    );
    expect(parseChangeRequestMarker(github.pulls[0].body)?.environmentRef).toBe(
      'environment:default/pr-43',
    );
  });

  it('writes nothing to GitHub in a dry run', async () => {
    const { github, action, registered } = setup();
    const workspacePath = await renderForTest();
    const ctx = context(workspacePath, {}, { isDryRun: true });
    await action.handler(ctx as any);
    expect(github.writes()).toEqual([]);
    expect(registered).toEqual([]);
    expect(outputs(ctx as any)).toEqual({
      remoteUrl: '',
      pullRequestNumber: 0,
      branchName: BRANCH,
      created: false,
      reviewers: ['group:default/team-payments'],
    });
  });

  it.each([
    [
      'a server error',
      502,
      {},
      /GitHub failed while opening the pull request \(HTTP 502.*retry in a few minutes/,
    ],
    [
      'the secondary rate limit',
      429,
      { 'retry-after': '120' },
      /secondary rate limit stopped opening the pull request.*retry after 120 seconds/,
    ],
    [
      'the primary rate limit',
      403,
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1900000000' },
      /rate limit is exhausted, so opening the pull request failed.*retry after 2030-03-17T17:46:40.000Z/,
    ],
    [
      'a validation error',
      422,
      {},
      /GitHub rejected opening the pull request \(HTTP 422/,
    ],
  ])(
    'deletes the branch it created when %s stops the pull request, and a retry succeeds',
    async (_case, status, headers, message) => {
      const { github, action } = setup();
      const workspacePath = await renderForTest();
      github.fail('POST', /^\/pulls$/, status, {
        headers,
        message: 'Validation Failed',
      });
      const checkpoints = new Map<string, unknown>();
      await expect(
        action.handler(context(workspacePath, {}, { checkpoints }) as any),
      ).rejects.toThrow(message);
      expect(github.refs.has(BRANCH)).toBe(false);
      expect(github.pulls).toEqual([]);

      const retry = context(workspacePath, {}, { checkpoints });
      await action.handler(retry as any);
      expect(outputs(retry as any)).toMatchObject({
        pullRequestNumber: 1,
        created: true,
      });
      expect(github.refs.has(BRANCH)).toBe(true);
    },
  );

  it('leaves a branch it did not create when the pull request fails', async () => {
    const { github, action } = setup();
    const workspacePath = await renderForTest();
    github.refs.set(BRANCH, github.refs.get('main')!);
    github.fail('POST', /^\/pulls$/, 503);
    await expect(action.handler(context(workspacePath) as any)).rejects.toThrow(
      /HTTP 503/,
    );
    expect(github.refs.has(BRANCH)).toBe(true);
  });

  it('creates no branch when uploading fails', async () => {
    const { github, action } = setup();
    const workspacePath = await renderForTest();
    github.fail('POST', /^\/git\/blobs$/, 403, {
      headers: { 'x-ratelimit-remaining': '0' },
    });
    await expect(action.handler(context(workspacePath) as any)).rejects.toThrow(
      /rate limit is exhausted, so uploading environments\/pr-43\/\S+ failed \(HTTP 403\); retry in an hour/,
    );
    expect(github.refs.has(BRANCH)).toBe(false);
    expect(github.pulls).toEqual([]);
  });

  it('still succeeds when labels, reviewers or registration fail, with warnings', async () => {
    const { github, action } = setup();
    server.use(
      http.post(REGISTER_URL, () => HttpResponse.json({}, { status: 503 })),
    );
    github.fail('POST', /requested_reviewers$/, 422, {
      message: 'Reviews may only be requested from collaborators.',
    });
    const workspacePath = await renderForTest();
    const ctx = context(workspacePath);
    await action.handler(ctx as any);
    expect(outputs(ctx as any)).toMatchObject({
      pullRequestNumber: 1,
      created: true,
    });
    expect(ctx.logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /Reviews may only be requested from collaborators.*Reviews not requested/,
      ),
    );
    expect(ctx.logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /Could not register the pull request with the GitOps backend/,
      ),
    );
  });

  it('asks the platform team to review production and can commit CODEOWNERS', async () => {
    const { github, action } = setup();
    const workspacePath = await renderForTest({
      repoUrl: FAKE_REPO_URL,
      name: 'prod-eu',
      type: 'production',
      owner: 'group:default/team-storefront',
      components: [
        'component:default/storefront-web',
        'component:default/orders',
      ],
      cluster: 'resource:default/cluster-eu-west',
      baseEnvironment: 'prod',
      approval: {
        requiredApprovals: 2,
        approvers: ['group:default/team-platform'],
      },
    });
    const ctx = context(workspacePath, {
      name: 'prod-eu',
      codeowners: true,
      draft: true,
    });
    await action.handler(ctx as any);
    const [pull] = github.pulls;
    expect(pull.draft).toBe(true);
    expect(pull.teamReviewers.sort()).toEqual([
      'team-payments',
      'team-platform',
      'team-storefront',
    ]);
    const codeowners =
      github.filesOf('shipshape/prod-eu')['.github/CODEOWNERS'];
    expect(codeowners).toContain(
      '/environments/prod-eu/ @shipshape-demo/team-storefront\n',
    );
    expect(codeowners).toContain(
      '/environments/prod-eu/orders/ @shipshape-demo/team-storefront @shipshape-demo/team-payments\n',
    );
    expect(codeowners).toContain(
      '/environments/dev/ @shipshape-demo/team-platform\n',
    );
  });

  it('asks only the owners of what an update changes', async () => {
    const { github, action, registered } = setup();
    // Scale payments in staging (owned by team-platform; payments by team-payments); the other
    // components of staging belong to other teams and do not change.
    const workspacePath = await renderForTest({
      repoUrl: FAKE_REPO_URL,
      mode: 'update',
      name: 'staging',
      components: ['component:default/payments'],
      replicas: 4,
    });
    await action.handler(
      context(workspacePath, {
        name: 'staging',
        branchName: 'shipshape/scale-payments',
      }) as any,
    );
    const [pull] = github.pulls;
    expect(pull.teamReviewers.sort()).toEqual([
      'team-payments',
      'team-platform',
    ]);
    expect(registered[0]).toMatchObject({
      action: 'update',
      environmentRef: 'environment:default/staging',
      entityRefs: ['component:default/payments'],
    });
    expect(
      Object.keys(github.filesOf('shipshape/scale-payments')).filter(
        f =>
          github.filesOf('shipshape/scale-payments')[f] !==
          github.filesOf('main')[f],
      ),
    ).toEqual(['environments/staging/payments/deployment.yaml']);
  });

  it('refuses to open an empty pull request', async () => {
    const { github, action } = setup();
    const workspacePath = await renderForTest();
    await action.handler(context(workspacePath) as any);
    github.refs.set('main', github.refs.get(BRANCH)!);
    await expect(
      action.handler(
        context(workspacePath, { branchName: 'shipshape/other' }) as any,
      ),
    ).rejects.toThrow(
      /identical to branch 'main': there is nothing to propose/,
    );
    expect(github.refs.has('shipshape/other')).toBe(false);
  });

  it.each(
    [
      [{ name: '../pr-43' }, /name: '\.\.\/pr-43' must consist/],
      [{ branchName: '../../main' }, /branchName: must be a Git branch name/],
      [{ branchName: 'main' }, /'main' is the target branch/],
      [{ labels: ['a\nb'] }, /labels\[0\]: must be one line/],
      [{ title: 'x'.repeat(300) }, /title: String must contain at most 256/],
      [{ name: 'pr-99' }, /environments\/pr-99 is not in the workspace/],
    ].map(
      ([input, message]) =>
        [
          JSON.stringify(input).slice(0, 60),
          input as object,
          message as RegExp,
        ] as const,
    ),
  )('refuses %s before writing anything', async (_label, input, message) => {
    const { github, action } = setup();
    const workspacePath = await renderForTest();
    await expect(
      action.handler(context(workspacePath, input) as any),
    ).rejects.toThrow(message);
    expect(github.writes()).toEqual([]);
  });
});
