import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { PlanRequestBody, PlanResponse } from '@shipshape/plugin-gitops-common';
import fs from 'node:fs';
import path from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  demoCatalogEntities,
  demoRepositoryFiles,
} from '../__testUtils__/demoData';
import {
  FAKE_REPO_URL,
  FakeGithub,
  githubTestConfig,
} from '../__testUtils__/FakeGithub';
import { PREVIEW_REQUEST, renderForTest } from '../__testUtils__/renderForTest';
import { EnvironmentPlan } from '../lib/formatPlanMarkdown';
import { createPlanEnvironmentAction } from './createPlanEnvironmentAction';

const server = setupServer();
registerMswTestHooks(server);
const PLAN_URL = 'http://localhost:0/api/gitops/plan';

function setup() {
  const github = new FakeGithub();
  github.seed(demoRepositoryFiles());
  const planRequests: Array<{
    body: PlanRequestBody;
    authorization: string | null;
  }> = [];
  server.use(
    ...github.handlers(),
    http.post(PLAN_URL, async ({ request }) => {
      const body = (await request.json()) as PlanRequestBody;
      planRequests.push({
        body,
        authorization: request.headers.get('authorization'),
      });
      const component = body.entityRef!.split('/')[1];
      const response: PlanResponse = {
        clusterRef: body.clusterRef,
        liveAvailable: true,
        resources: [
          {
            key: `apps/Deployment/${body.namespace}/${component}`,
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            namespace: body.namespace,
            name: component,
            action: component === 'checkout' ? 'update' : 'create',
            changes:
              component === 'checkout'
                ? [{ path: '/spec/replicas', live: 1, desired: 3 }]
                : [],
          },
          {
            key: `/Secret/${body.namespace}/${component}-db`,
            apiVersion: 'v1',
            kind: 'Secret',
            namespace: body.namespace,
            name: `${component}-db`,
            action: 'update',
            changes: [
              {
                path: '/data/PASSWORD',
                live: 'b2xkLXNlY3JldA==',
                desired: 'bmV3LXNlY3JldA==',
              },
            ],
          },
          {
            key: `/Service/${body.namespace}/${component}`,
            apiVersion: 'v1',
            kind: 'Service',
            namespace: body.namespace,
            name: component,
            action: 'unchanged',
            changes: [],
          },
        ],
      };
      return HttpResponse.json(response);
    }),
  );
  const action = createPlanEnvironmentAction({
    config: new ConfigReader(githubTestConfig),
    catalog: catalogServiceMock({ entities: demoCatalogEntities() }),
    auth: mockServices.auth(),
    discovery: mockServices.discovery(),
  });
  return { github, action, planRequests };
}

function outputs(ctx: { output: jest.Mock }) {
  return Object.fromEntries(ctx.output.mock.calls) as {
    markdown: string;
    plan: EnvironmentPlan;
    hasChanges: boolean;
  };
}

describe('gitops:environment:plan', () => {
  it('plans a new environment against Git and the live cluster', async () => {
    const { github, action, planRequests } = setup();
    const workspacePath = await renderForTest();
    const ctx = createMockActionContext({
      input: { repoUrl: FAKE_REPO_URL, name: 'pr-43' },
      workspacePath,
    });
    await action.handler(ctx);
    const { markdown, plan, hasChanges } = outputs(ctx as any);

    expect(plan.action).toBe('create');
    expect(plan.targetBranch).toBe('main');
    expect(plan.files.added).toEqual(
      expect.arrayContaining([
        'environments/pr-43/environment.yaml',
        'environments/pr-43/checkout/deployment.yaml',
        'environments/pr-43/payments/service.yaml',
      ]),
    );
    expect(plan.files.changed).toEqual([]);
    expect(plan.files.removed).toEqual([]);
    expect(hasChanges).toBe(true);

    // One live plan per component, with its manifests, on behalf of the user.
    expect(planRequests.map(r => r.body.entityRef)).toEqual([
      'component:default/checkout',
      'component:default/payments',
    ]);
    expect(planRequests[0].body).toMatchObject({
      clusterRef: 'resource:default/cluster-dev',
      namespace: 'shop-pr-43',
    });
    expect(planRequests[0].body.manifests.map(m => m.path)).toContain(
      'environments/pr-43/checkout/deployment.yaml',
    );
    expect(planRequests[0].authorization).toMatch(/^Bearer .+/);
    expect(plan.live.available).toBe(true);
    expect(plan.live.resources).toHaveLength(6);
    expect(plan.live.resources[0]).toMatchObject({
      component: 'checkout',
      action: 'update',
    });

    // storefront-web depends on checkout; checkout on payments (in the set, so not a dependant).
    expect(plan.dependants).toEqual(['component:default/storefront-web']);

    expect(markdown).toContain('### Plan: create environment `pr-43`');
    expect(markdown).toMatch(
      /\*\*Files:\*\* \d+ added, 0 changed, 0 removed, 0 unchanged/,
    );
    expect(markdown).toContain(
      '| added | `environments/pr-43/checkout/deployment.yaml` |',
    );
    expect(markdown).toContain(
      '**Live state** on `resource:default/cluster-dev`, namespace `shop-pr-43`: 1 to create, 3 to update, 0 to delete, 2 unchanged',
    );
    expect(markdown).toContain(
      '| update | checkout | `Deployment checkout` | `/spec/replicas`: `1` → `3` |',
    );
    expect(markdown).toContain('`/data/PASSWORD` (value hidden)');
    expect(markdown).toContain('`component:default/storefront-web`');
    // Neither the backend's masked Secret values nor the Secret files' values reach the body.
    expect(markdown).not.toContain('c2VjcmV0');
    expect(markdown).not.toContain('bmV3LXNlY3JldA');
    expect(JSON.stringify(plan)).not.toContain('change-me-placeholder');
    expect(github.writes()).toEqual([]);
  });

  it('lists changed, unchanged and removed files of an update', async () => {
    const { action } = setup();
    const workspacePath = await renderForTest({
      repoUrl: FAKE_REPO_URL,
      mode: 'update',
      name: 'pr-42',
      components: ['component:default/checkout'],
      replicas: 3,
    });
    fs.rmSync(
      path.join(workspacePath, 'environments/pr-42/payments/configmap.yaml'),
    );
    const ctx = createMockActionContext({
      input: { repoUrl: FAKE_REPO_URL, name: 'pr-42' },
      workspacePath,
    });
    await action.handler(ctx);
    const { plan, markdown } = outputs(ctx as any);
    expect(plan.action).toBe('update');
    expect(plan.files.changed).toContain(
      'environments/pr-42/checkout/deployment.yaml',
    );
    expect(plan.files.changed).not.toContain(
      'environments/pr-42/payments/deployment.yaml',
    );
    expect(plan.files.removed).toEqual([
      'environments/pr-42/payments/configmap.yaml',
    ]);
    expect(plan.files.unchanged).toBeGreaterThanOrEqual(2);
    expect(markdown).toContain(
      '| removed | `environments/pr-42/payments/configmap.yaml` |',
    );
  });

  it.each([
    [
      'the backend fails',
      () =>
        HttpResponse.json(
          { error: { name: 'Error', message: 'boom' } },
          { status: 500 },
        ),
      /the GitOps backend answered 500 to POST \/plan/,
    ],
    [
      'the backend is unreachable',
      () => HttpResponse.error(),
      /could not be reached/,
    ],
    [
      'the cluster cannot be read',
      () =>
        HttpResponse.json({
          clusterRef: 'resource:default/cluster-dev',
          liveAvailable: false,
          reason: 'cluster cluster-dev is not connected',
          resources: [],
        }),
      /cluster cluster-dev is not connected/,
    ],
  ])(
    'succeeds without live state when %s, saying why',
    async (_case, answer, reason) => {
      const { action } = setup();
      server.use(http.post(PLAN_URL, answer));
      const workspacePath = await renderForTest();
      const ctx = createMockActionContext({
        input: { repoUrl: FAKE_REPO_URL, name: 'pr-43' },
        workspacePath,
      });
      await action.handler(ctx);
      const { plan, markdown } = outputs(ctx as any);
      expect(plan.live.available).toBe(false);
      expect(plan.live.reason).toMatch(reason);
      expect(plan.live.resources).toEqual([]);
      expect(markdown).toMatch(/\*\*Live state:\*\* unavailable on/);
      expect(plan.files.added.length).toBeGreaterThan(0);
    },
  );

  it('refuses a hostile name or a workspace that was not rendered', async () => {
    const { action } = setup();
    await expect(
      action.handler(
        createMockActionContext({
          input: { repoUrl: FAKE_REPO_URL, name: '../../etc' },
        }),
      ),
    ).rejects.toThrow(/name: '\.\.\/\.\.\/etc' must consist/);
    await expect(
      action.handler(
        createMockActionContext({
          input: { repoUrl: FAKE_REPO_URL, name: 'pr-43' },
        }),
      ),
    ).rejects.toThrow(
      /environments\/pr-43 is not in the workspace: run gitops:environment:render first/,
    );
  });

  it('says when GitHub is rate limited', async () => {
    const { github, action } = setup();
    const workspacePath = await renderForTest(PREVIEW_REQUEST);
    github.fail('GET', /^\/git\/ref\//, 429, {
      headers: { 'retry-after': '30' },
    });
    await expect(
      action.handler(
        createMockActionContext({
          input: { repoUrl: FAKE_REPO_URL, name: 'pr-43' },
          workspacePath,
        }),
      ),
    ).rejects.toThrow(
      /secondary rate limit stopped reading branch 'main'.*retry after 30 seconds/,
    );
  });
});
