import {
  mockServices,
  registerMswTestHooks,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { formatChangeRequestMarker } from '@shipshape/plugin-gitops-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { TestGitRepository } from '../__testUtils__/TestGitRepository';
import { applyDatabaseMigrations } from '../database/applyDatabaseMigrations';
import { DatabaseGitopsStore } from '../database/DatabaseGitopsStore';
import { DeploymentResult } from '../reconciler/types';
import {
  ChangeRequestTracker,
  CHANGE_REQUESTS_CHANNEL,
} from './ChangeRequestTracker';
import { DatabaseChangeRequestStore } from './DatabaseChangeRequestStore';
import { GitCommitAncestry } from './GitCommitAncestry';
import { OctokitPullRequests } from './OctokitPullRequests';

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'] as TestDatabaseId[],
  disableDocker: true,
});
const server = setupServer();
registerMswTestHooks(server);

const ENVIRONMENT = 'environment:default/staging';
const CHECKOUT = 'component:default/checkout';
const REQUESTER = 'user:default/jane';
const API = 'https://ghe.example.com/api/v3';
const marker = formatChangeRequestMarker({
  action: 'update',
  environmentRef: ENVIRONMENT,
  entityRefs: [CHECKOUT],
  requester: REQUESTER,
  reviewers: ['group:default/platform'],
});

/** A pull request as GitHub's REST API and webhooks show it (the fields tracking reads, and a few more). */
function pullRequest(overrides: Record<string, unknown> = {}) {
  return {
    url: `${API}/repos/acme/gitops/pulls/7`,
    html_url: 'https://ghe.example.com/acme/gitops/pull/7',
    number: 7,
    state: 'open',
    locked: false,
    title: 'Scale checkout in staging',
    user: { login: 'jane', id: 1, type: 'User' },
    body: `Scales checkout.\n\n${marker}`,
    created_at: '2026-11-22T09:00:00Z',
    updated_at: '2026-11-22T09:00:00Z',
    closed_at: null,
    merged_at: null,
    merge_commit_sha: 'e'.repeat(40), // GitHub's test merge while open
    draft: false,
    head: {
      label: 'acme:scale-checkout',
      ref: 'scale-checkout',
      sha: 'a'.repeat(40),
    },
    base: {
      label: 'acme:main',
      ref: 'main',
      sha: 'b'.repeat(40),
      repo: { full_name: 'acme/gitops' },
    },
    merged: false,
    ...overrides,
  };
}

const repository = {
  id: 42,
  name: 'gitops',
  full_name: 'acme/gitops',
  private: true,
};

function deployment(
  revision: string,
  sync: DeploymentResult['sync'],
  health: DeploymentResult['health'],
): DeploymentResult {
  return {
    entityRef: CHECKOUT,
    environmentRef: ENVIRONMENT,
    clusterRef: 'resource:default/cluster-a',
    namespace: 'shop-staging',
    sync,
    health,
    revision,
    resources: [],
  };
}

async function setup(databaseId: TestDatabaseId = 'SQLITE_3') {
  const knex = await databases.init(databaseId);
  await applyDatabaseMigrations(knex);
  const gitopsStore = await DatabaseGitopsStore.create({
    database: knex,
    skipMigrations: true,
  });
  const repo = TestGitRepository.create();
  const base = repo.write('README.md', 'one\n').commit();
  const merge = repo
    .write('environments/staging/checkout/x.yaml', 'a: 1\n')
    .commit();
  const later = repo.write('README.md', 'two\n').commit();
  const cacheDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-test-'));
  let now = new Date('2026-11-22T10:00:00Z');
  const sent: any[] = [];
  const signals = { publish: jest.fn(async () => {}) };
  const create = () =>
    ChangeRequestTracker.create({
      store: DatabaseChangeRequestStore.create({ database: knex }),
      gitopsStore,
      github: OctokitPullRequests.fromConfig(
        new ConfigReader({
          integrations: {
            github: [
              { host: 'ghe.example.com', apiBaseUrl: API, token: 'gh-token' },
            ],
          },
        }),
        'https://ghe.example.com/acme/gitops',
      ),
      repository: 'acme/gitops',
      ancestry: GitCommitAncestry.create({
        url: repo.path,
        branch: 'main',
        cacheDirectory,
      }),
      notifications: { send: async n => void sent.push(n) },
      signals,
      logger: mockServices.logger.mock(),
      healthTimeoutMs: 10 * 60_000,
      clock: () => now,
    });
  return {
    knex,
    gitopsStore,
    tracker: create(),
    create,
    commits: { base, merge, later },
    sent,
    signals,
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
    cleanup: async () => {
      repo.cleanup();
      fs.rmSync(cacheDirectory, { recursive: true, force: true });
      await knex.destroy();
    },
  };
}

describe('ChangeRequestTracker', () => {
  it('follows a request from webhooks through review, merge and sync to healthy', async () => {
    const t = await setup();
    try {
      const { tracker } = t;
      const only = async () => (await tracker.list({ state: 'all' }))[0];
      await tracker.handleEvent('github.pull_request', {
        action: 'opened',
        number: 7,
        pull_request: pullRequest(),
        repository,
        sender: { login: 'jane' },
      });
      expect(await only()).toMatchObject({
        id: 'acme/gitops#7',
        state: 'open',
        requester: REQUESTER,
        headSha: 'a'.repeat(40),
      });
      expect((await only()).mergeCommitSha).toBeUndefined();

      const review = (login: string, state: string) => ({
        action: 'submitted',
        review: { id: 1, user: { login }, state, commit_id: 'a'.repeat(40) },
        pull_request: pullRequest(),
        repository,
      });
      await tracker.handleEvent(
        'github.pull_request_review',
        review('alice', 'approved'),
      );
      expect(await only()).toMatchObject({
        state: 'approved',
        approvals: ['alice'],
      });
      await tracker.handleEvent(
        'github.pull_request_review',
        review('bob', 'changes_requested'),
      );
      expect((await only()).state).toBe('changes_requested');
      // A comment does not undo bob's request; his approval does.
      await tracker.handleEvent(
        'github.pull_request_review',
        review('bob', 'commented'),
      );
      expect((await only()).state).toBe('changes_requested');
      await tracker.handleEvent(
        'github.pull_request_review',
        review('bob', 'approved'),
      );
      expect(await only()).toMatchObject({
        state: 'approved',
        approvals: ['alice', 'bob'],
      });

      await tracker.handleEvent('github.check_run', {
        action: 'completed',
        check_run: {
          name: 'validate',
          head_sha: 'a'.repeat(40),
          status: 'completed',
          conclusion: 'success',
          pull_requests: [{ number: 7 }],
        },
        repository,
      });
      await tracker.handleEvent('github.status', {
        sha: 'a'.repeat(40),
        context: 'ci/lint',
        state: 'pending',
        repository,
      });
      expect((await only()).checks).toBe('pending');
      await tracker.handleEvent('github.status', {
        sha: 'a'.repeat(40),
        context: 'ci/lint',
        state: 'success',
        repository,
      });
      expect((await only()).checks).toBe('success');

      // The reconciler still shows the revision before the merge.
      await t.gitopsStore.saveDeployments([
        deployment(t.commits.base, 'Synced', 'Healthy'),
      ]);
      await tracker.handleEvent('github.pull_request', {
        action: 'closed',
        number: 7,
        pull_request: pullRequest({
          state: 'closed',
          merged: true,
          merged_at: '2026-11-22T10:00:00Z',
          merge_commit_sha: t.commits.merge,
        }),
        repository,
      });
      expect(await only()).toMatchObject({
        state: 'merged',
        mergeCommitSha: t.commits.merge,
      });

      // A later revision (it contains the merge) is being applied.
      await t.gitopsStore.saveDeployments([
        deployment(t.commits.later, 'OutOfSync', 'Progressing'),
      ]);
      await tracker.evaluateDeployments();
      expect((await only()).state).toBe('syncing');
      expect(t.sent).toEqual([]);

      await t.gitopsStore.saveDeployments([
        deployment(t.commits.later, 'Synced', 'Healthy'),
      ]);
      await tracker.evaluateDeployments();
      await tracker.evaluateDeployments();
      expect(await only()).toMatchObject({ state: 'healthy' });
      expect(t.sent).toEqual([
        {
          recipients: { type: 'entity', entityRef: REQUESTER },
          payload: expect.objectContaining({
            title: 'staging is healthy after acme/gitops#7',
            link: 'https://ghe.example.com/acme/gitops/pull/7',
          }),
        },
      ]);
      expect(t.signals.publish).toHaveBeenCalledWith({
        recipients: { type: 'broadcast' },
        channel: CHANGE_REQUESTS_CHANNEL,
        message: { id: 'acme/gitops#7', state: 'healthy' },
      });
      // Healthy is final: it leaves the open list.
      expect(await tracker.list({})).toEqual([]);
    } finally {
      await t.cleanup();
    }
  });

  it('fails a merged request that is not healthy within the timeout, or whose checks fail after the merge', async () => {
    const t = await setup();
    try {
      await t.gitopsStore.saveDeployments([
        deployment(t.commits.base, 'Synced', 'Healthy'),
      ]);
      const merged = (number: number, mergedAt = '2026-11-22T10:00:00Z') => ({
        action: 'closed',
        number,
        pull_request: pullRequest({
          number,
          html_url: `https://ghe.example.com/acme/gitops/pull/${number}`,
          state: 'closed',
          merged: true,
          merged_at: mergedAt,
          merge_commit_sha: t.commits.merge,
        }),
        repository,
      });
      await t.tracker.handleEvent('github.pull_request', merged(7));
      t.advance(9 * 60_000);
      await t.tracker.evaluateDeployments();
      expect((await t.tracker.list({}))[0].state).toBe('merged');

      t.advance(2 * 60_000);
      await t.tracker.evaluateDeployments();
      const [failed] = await t.tracker.list({ state: 'all' });
      expect(failed).toMatchObject({
        state: 'failed',
        reason: `Not healthy 10 minute(s) after the merge: checkout on cluster-a has not synced the merge commit ${t.commits.merge.slice(
          0,
          7,
        )} yet`,
      });
      expect(t.sent).toHaveLength(1);
      expect(t.sent[0].payload).toMatchObject({
        title: 'acme/gitops#7 failed in staging',
        severity: 'high',
      });

      // A check on the merge commit fails: failed at once.
      await t.tracker.handleEvent(
        'github.pull_request',
        merged(8, '2026-11-22T10:11:00Z'),
      );
      expect((await t.tracker.list({})).find(r => r.number === 8)?.state).toBe(
        'merged',
      );
      await t.tracker.handleEvent('github.check_run', {
        action: 'completed',
        check_run: {
          name: 'deploy-smoke',
          head_sha: t.commits.merge,
          status: 'completed',
          conclusion: 'failure',
          pull_requests: [],
        },
        repository,
      });
      expect(
        (await t.tracker.list({ state: 'all' })).find(r => r.number === 8),
      ).toMatchObject({
        state: 'failed',
        reason: 'Checks failed after the merge: deploy-smoke',
      });
      expect(t.sent).toHaveLength(2);
    } finally {
      await t.cleanup();
    }
  });

  it('ignores pull requests without the marker and other repositories, and closes unmerged ones', async () => {
    const t = await setup();
    try {
      await t.tracker.handleEvent('github.pull_request', {
        action: 'opened',
        pull_request: pullRequest({ number: 3, body: 'No marker here' }),
        repository,
      });
      await t.tracker.handleEvent('github.pull_request', {
        action: 'opened',
        pull_request: pullRequest(),
        repository: { ...repository, full_name: 'someone/else' },
      });
      expect(await t.tracker.list({ state: 'all' })).toEqual([]);

      await t.tracker.handleEvent('github.pull_request', {
        action: 'opened',
        pull_request: pullRequest(),
        repository,
      });
      await t.tracker.handleEvent('github.pull_request', {
        action: 'closed',
        pull_request: pullRequest({ state: 'closed', body: 'marker removed' }),
        repository,
      });
      expect(await t.tracker.list({ state: 'all' })).toEqual([
        expect.objectContaining({ id: 'acme/gitops#7', state: 'closed' }),
      ]);
      expect(t.sent).toEqual([]);
    } finally {
      await t.cleanup();
    }
  });

  it('discovers and refreshes requests by polling the GitHub API, and registers existing ones only', async () => {
    const t = await setup();
    const auth: Array<string | null> = [];
    let reviews: unknown[] = [];
    server.use(
      http.get(`${API}/repos/acme/gitops/pulls`, ({ request }) => {
        auth.push(request.headers.get('authorization'));
        return HttpResponse.json([
          pullRequest(),
          pullRequest({ number: 8, body: 'not ours' }),
        ]);
      }),
      http.get(`${API}/repos/acme/gitops/pulls/7`, () =>
        HttpResponse.json(pullRequest()),
      ),
      http.get(`${API}/repos/acme/gitops/pulls/99`, () =>
        HttpResponse.json({ message: 'Not Found' }, { status: 404 }),
      ),
      http.get(`${API}/repos/acme/gitops/pulls/7/reviews`, () =>
        HttpResponse.json(reviews),
      ),
      http.get(`${API}/repos/acme/gitops/commits/:sha/status`, () =>
        HttpResponse.json({
          state: 'pending',
          statuses: [{ context: 'ci/lint', state: 'success' }],
        }),
      ),
      http.get(`${API}/repos/acme/gitops/commits/:sha/check-runs`, () =>
        HttpResponse.json({
          total_count: 1,
          check_runs: [
            { name: 'validate', status: 'in_progress', conclusion: null },
          ],
        }),
      ),
    );
    try {
      await t.tracker.poll();
      expect(await t.tracker.list({})).toEqual([
        expect.objectContaining({
          id: 'acme/gitops#7',
          state: 'open',
          checks: 'pending',
        }),
      ]);
      expect(auth[0]).toBe('token gh-token');

      // A missed review webhook: the next poll finds the approval.
      reviews = [
        {
          id: 1,
          user: { login: 'alice' },
          state: 'APPROVED',
          submitted_at: '2026-11-22T10:00:00Z',
        },
      ];
      await t.tracker.poll();
      expect((await t.tracker.list({}))[0]).toMatchObject({
        state: 'approved',
        approvals: ['alice'],
      });

      await expect(
        t.tracker.register({
          repository: 'acme/gitops',
          number: 99,
          action: 'create',
          environmentRef: ENVIRONMENT,
          entityRefs: [CHECKOUT],
        }),
      ).rejects.toThrow(NotFoundError);
      const registered = await t.tracker.register({
        repository: 'acme/gitops',
        number: 7,
        action: 'create',
        environmentRef: ENVIRONMENT,
        entityRefs: [CHECKOUT],
        requester: 'user:default/joe',
      });
      expect(registered).toMatchObject({
        state: 'approved',
        requester: 'user:default/joe',
        action: 'create',
      });
    } finally {
      await t.cleanup();
    }
  });

  it('lists requests awaiting a group, or a user through the groups they are in', async () => {
    const t = await setup();
    try {
      await t.tracker.handleEvent('github.pull_request', {
        action: 'opened',
        pull_request: pullRequest(),
        repository,
      });
      const tracker = ChangeRequestTracker.create({
        ...(t.tracker as any).options,
        groupsOf: async (user: string) =>
          user === 'user:default/alice' ? ['group:default/platform'] : [],
      });
      const ids = async (ref: string) =>
        (await tracker.list({ awaitingApprovalBy: ref })).map(r => r.id);
      expect(await ids('group:default/platform')).toEqual(['acme/gitops#7']);
      expect(await ids('user:default/alice')).toEqual(['acme/gitops#7']);
      expect(await ids('user:default/bob')).toEqual([]);
      expect(await ids('group:default/other')).toEqual([]);
    } finally {
      await t.cleanup();
    }
  });

  // Like plugin.replicas.test.ts: two replicas on one PostgreSQL see the outcome at once.
  it.each(databases.eachSupportedId())(
    'notifies the requester once when two replicas evaluate together on %p',
    async databaseId => {
      const t = await setup(databaseId);
      try {
        const replicas = [t.create(), t.create()];
        await t.gitopsStore.saveDeployments([
          deployment(t.commits.base, 'Synced', 'Healthy'),
        ]);
        await replicas[0].handleEvent('github.pull_request', {
          action: 'closed',
          pull_request: pullRequest({
            state: 'closed',
            merged: true,
            merged_at: '2026-11-22T10:00:00Z',
            merge_commit_sha: t.commits.merge,
          }),
          repository,
        });
        await t.gitopsStore.saveDeployments([
          deployment(t.commits.merge, 'Synced', 'Healthy'),
        ]);
        await Promise.all(replicas.map(r => r.evaluateDeployments()));
        await Promise.all(replicas.map(r => r.evaluateDeployments()));
        expect((await replicas[1].list({ state: 'all' }))[0].state).toBe(
          'healthy',
        );
        expect(t.sent).toHaveLength(1);
      } finally {
        await t.cleanup();
      }
    },
    60_000,
  );
});
