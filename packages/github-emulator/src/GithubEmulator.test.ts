import { Octokit } from '@octokit/rest';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { GithubEmulator } from './GithubEmulator';
import {
  createTestRepository,
  git,
} from './__testUtils__/createTestRepository';
import {
  validateResponse,
  validateWebhook,
} from './__testUtils__/validateAgainstOpenApi';

// Conformance through @octokit/rest: every response body is validated against the response
// schema of its operation in GitHub's OpenAPI description (@octokit/openapi), and every webhook
// payload against GitHub's webhook schemas, with real git repositories underneath.

jest.setTimeout(60_000);

const ORG = 'acme';
const BOT = 'bot-token';
const ADA = 'ada-token';
const ALAN = 'alan-token';
const SECRET = 'webhook-secret';

interface Received {
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: any;
}

async function startReceiver() {
  const received: Received[] = [];
  let status = 200;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, raw, body: JSON.parse(raw) });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
  return {
    received,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    setStatus: (s: number) => {
      status = s;
    },
    close: () => new Promise(r => server.close(r)),
  };
}

function client(baseUrl: string, token: string, checked: string[]) {
  const octokit = new Octokit({
    baseUrl,
    auth: token,
    request: { retries: 0 },
  });
  octokit.hook.after('request', (response, options) => {
    validateResponse(
      options.method,
      options.url,
      response.status,
      response.data,
    );
    checked.push(`${options.method} ${options.url} ${response.status}`);
  });
  return octokit;
}

describe('GithubEmulator', () => {
  let repo: { dir: string; cleanup: () => void };
  let emulator: GithubEmulator;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let bot: Octokit;
  let ada: Octokit;
  let alan: Octokit;
  let baseUrl: string;
  let webUrl: string;
  const checked: string[] = [];
  const r = { owner: ORG, repo: 'gitops' };

  beforeAll(async () => {
    repo = createTestRepository();
    receiver = await startReceiver();
    emulator = GithubEmulator.create({
      organization: ORG,
      repositories: [{ name: 'gitops', path: repo.dir, defaultBranch: 'main' }],
      users: [
        {
          login: 'ada-lovelace',
          name: 'Ada Lovelace',
          email: 'ada@example.com',
        },
        { login: 'alan-turing', name: 'Alan Turing' },
        { login: 'grace-hopper' },
      ],
      teams: [
        {
          slug: 'team-storefront',
          name: 'Storefront',
          members: ['ada-lovelace', 'alan-turing'],
        },
      ],
      tokens: {
        [BOT]: 'shipshape-bot',
        [ADA]: 'ada-lovelace',
        [ALAN]: 'alan-turing',
      },
      webhooks: [{ url: receiver.url, secret: SECRET }],
      logger: () => undefined,
    });
    const started = await emulator.start();
    baseUrl = started.apiBaseUrl;
    webUrl = started.url;
    bot = client(baseUrl, BOT, checked);
    ada = client(baseUrl, ADA, checked);
    alan = client(baseUrl, ALAN, checked);
  });

  afterAll(async () => {
    await emulator?.stop();
    await receiver?.close();
    repo?.cleanup();
  });

  /** A branch with one commit changing `files`, made through the git data API. */
  async function branchWith(
    name: string,
    files: Record<string, string | null>,
    from = 'main',
  ) {
    const { data: ref } = await bot.git.getRef({ ...r, ref: `heads/${from}` });
    const { data: base } = await bot.git.getCommit({
      ...r,
      commit_sha: ref.object.sha,
    });
    const { data: tree } = await bot.git.createTree({
      ...r,
      base_tree: base.tree.sha,
      tree: Object.entries(files).map(([p, content]) =>
        content === null
          ? {
              path: p,
              mode: '100644' as const,
              type: 'blob' as const,
              sha: null,
            }
          : {
              path: p,
              mode: '100644' as const,
              type: 'blob' as const,
              content,
            },
      ),
    });
    const { data: commit } = await bot.git.createCommit({
      ...r,
      message: `Change on ${name}`,
      tree: tree.sha,
      parents: [base.sha],
    });
    await bot.git.createRef({
      ...r,
      ref: `refs/heads/${name}`,
      sha: commit.sha,
    });
    return commit.sha;
  }

  it('authenticates with token and Bearer, and refuses unknown tokens', async () => {
    const { data, headers } = await bot.users.getAuthenticated();
    expect(data.login).toBe('shipshape-bot');
    expect(headers['x-ratelimit-limit']).toBe('5000');
    expect(Number(headers['x-ratelimit-remaining'])).toBeLessThan(5000);
    expect(headers['x-ratelimit-reset']).toMatch(/^\d+$/);
    expect(headers['x-github-request-id']).toBeTruthy();

    const bearer = await fetch(`${baseUrl}/user`, {
      headers: { authorization: `Bearer ${ADA}` },
    });
    expect((await bearer.json()).login).toBe('ada-lovelace');

    const bad = new Octokit({ baseUrl, auth: 'nope' });
    await expect(bad.users.getAuthenticated()).rejects.toMatchObject({
      status: 401,
      response: { data: { message: 'Bad credentials' } },
    });
    const anonymous = await fetch(`${baseUrl}/user`);
    expect(anonymous.status).toBe(401);
  });

  it('serves the repository, branches, teams and members', async () => {
    const { data: repository } = await bot.repos.get(r);
    expect(repository.full_name).toBe(`${ORG}/gitops`);
    expect(repository.default_branch).toBe('main');
    const { data: branch } = await bot.repos.getBranch({
      ...r,
      branch: 'main',
    });
    expect(branch.commit.sha).toBe(git(repo.dir, 'rev-parse', 'main'));
    await expect(
      bot.repos.getBranch({ ...r, branch: 'nope' }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      bot.repos.get({ owner: ORG, repo: 'missing' }),
    ).rejects.toMatchObject({ status: 404 });

    const { data: team } = await bot.teams.getByName({
      org: ORG,
      team_slug: 'team-storefront',
    });
    expect(team.name).toBe('Storefront');
    const { data: members } = await bot.teams.listMembersInOrg({
      org: ORG,
      team_slug: 'team-storefront',
    });
    expect(members.map(m => m.login)).toEqual(['ada-lovelace', 'alan-turing']);
  });

  it('reads and writes git objects and refs', async () => {
    const main = git(repo.dir, 'rev-parse', 'main');
    const { data: ref } = await bot.git.getRef({ ...r, ref: 'heads/main' });
    expect(ref).toMatchObject({
      ref: 'refs/heads/main',
      object: { sha: main, type: 'commit' },
    });

    const { data: blob } = await bot.git.createBlob({
      ...r,
      content: 'hello\n',
      encoding: 'utf-8',
    });
    const { data: blob64 } = await bot.git.createBlob({
      ...r,
      content: Buffer.from([0, 1, 2, 255]).toString('base64'),
      encoding: 'base64',
    });
    const { data: readBack } = await bot.git.getBlob({
      ...r,
      file_sha: blob64.sha,
    });
    expect(Buffer.from(readBack.content, 'base64')).toEqual(
      Buffer.from([0, 1, 2, 255]),
    );
    expect(git(repo.dir, 'cat-file', '-p', blob.sha)).toBe('hello');

    const { data: commit } = await bot.git.getCommit({
      ...r,
      commit_sha: main,
    });
    const { data: tree } = await bot.git.createTree({
      ...r,
      base_tree: commit.tree.sha,
      tree: [
        { path: 'a/b/c.txt', mode: '100644', type: 'blob', content: 'deep\n' },
        { path: 'bin.dat', mode: '100644', type: 'blob', sha: blob64.sha },
        { path: 'README.md', mode: '100644', type: 'blob', sha: null },
      ],
    });
    const { data: full } = await bot.git.getTree({
      ...r,
      tree_sha: tree.sha,
      recursive: 'true',
    });
    const paths = full.tree.map(e => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'a',
        'a/b',
        'a/b/c.txt',
        'bin.dat',
        'environments/dev/environment.yaml',
      ]),
    );
    expect(paths).not.toContain('README.md');

    const { data: created } = await bot.git.createCommit({
      ...r,
      message: 'Add things',
      tree: tree.sha,
      parents: [main],
      author: {
        name: 'Someone',
        email: 'someone@example.com',
        date: '2024-01-02T03:04:05Z',
      },
    });
    expect(created.parents.map(p => p.sha)).toEqual([main]);
    expect(
      git(repo.dir, 'log', '-1', '--format=%an %ae %aI', created.sha),
    ).toBe('Someone someone@example.com 2024-01-02T03:04:05+00:00');

    await bot.git.createRef({
      ...r,
      ref: 'refs/heads/feature/x',
      sha: created.sha,
    });
    await expect(
      bot.git.createRef({
        ...r,
        ref: 'refs/heads/feature/x',
        sha: created.sha,
      }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'Reference already exists' } },
    });
    expect(git(repo.dir, 'rev-parse', 'feature/x')).toBe(created.sha);

    const { data: matching } = await bot.git.listMatchingRefs({
      ...r,
      ref: 'heads/feature',
    });
    expect(matching.map(m => m.ref)).toEqual(['refs/heads/feature/x']);

    await expect(
      bot.git.updateRef({ ...r, ref: 'heads/feature/x', sha: main }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'Update is not a fast forward' } },
    });
    await bot.git.updateRef({
      ...r,
      ref: 'heads/feature/x',
      sha: main,
      force: true,
    });
    expect(git(repo.dir, 'rev-parse', 'feature/x')).toBe(main);

    const { data: restCommit } = await bot.repos.getCommit({
      ...r,
      ref: created.sha,
    });
    expect(
      restCommit.files?.map(f => `${f.status} ${f.filename}`).sort(),
    ).toEqual(['added a/b/c.txt', 'added bin.dat', 'removed README.md']);

    await bot.git.deleteRef({ ...r, ref: 'heads/feature/x' });
    await expect(
      bot.git.getRef({ ...r, ref: 'heads/feature/x' }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      bot.git.deleteRef({ ...r, ref: 'heads/feature/x' }),
    ).rejects.toMatchObject({ status: 422 });
  });

  it('reads and writes contents', async () => {
    const { data: file } = await bot.repos.getContent({
      ...r,
      path: 'environments/dev/environment.yaml',
    });
    expect(Array.isArray(file)).toBe(false);
    expect(Buffer.from((file as any).content, 'base64').toString()).toBe(
      'name: dev\nreplicas: 1\n',
    );
    const { data: dir } = await bot.repos.getContent({
      ...r,
      path: 'environments',
    });
    expect((dir as any[]).map(e => [e.name, e.type])).toEqual([['dev', 'dir']]);

    const { data: created } = await bot.repos.createOrUpdateFileContents({
      ...r,
      path: 'environments/dev/extra.yaml',
      message: 'Add extra',
      content: Buffer.from('extra: true\n').toString('base64'),
    });
    expect(created.content?.path).toBe('environments/dev/extra.yaml');
    // The work tree of the checked-out main has the file too.
    expect(
      fs.readFileSync(
        path.join(repo.dir, 'environments/dev/extra.yaml'),
        'utf8',
      ),
    ).toBe('extra: true\n');
    await expect(
      bot.repos.createOrUpdateFileContents({
        ...r,
        path: 'environments/dev/extra.yaml',
        message: 'No sha',
        content: Buffer.from('x').toString('base64'),
      }),
    ).rejects.toMatchObject({ status: 422 });
    const { data: updated } = await bot.repos.createOrUpdateFileContents({
      ...r,
      path: 'environments/dev/extra.yaml',
      message: 'Update extra',
      content: Buffer.from('extra: false\n').toString('base64'),
      sha: created.content!.sha!,
    });
    expect(updated.commit.parents?.[0].sha).toBe(created.commit.sha);
    expect(git(repo.dir, 'status', '--porcelain')).toBe('');
  });

  it('runs a pull request through review, statuses, checks and a real merge', async () => {
    receiver.received.length = 0;
    const head = await branchWith('env/staging', {
      'environments/staging/environment.yaml': 'name: staging\n',
    });
    const { data: pr } = await bot.pulls.create({
      ...r,
      title: 'Add staging',
      head: 'env/staging',
      base: 'main',
      body: 'Adds **staging**',
    });
    expect(pr.head.sha).toBe(head);
    await expect(
      bot.pulls.create({
        ...r,
        title: 'Again',
        head: `${ORG}:env/staging`,
        base: 'main',
      }),
    ).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining(
        `A pull request already exists for ${ORG}:env/staging.`,
      ),
    });

    const { data: listed } = await bot.pulls.list({
      ...r,
      head: `${ORG}:env/staging`,
      state: 'open',
    });
    expect(listed.map(p => p.number)).toEqual([pr.number]);
    expect((await bot.pulls.list({ ...r, base: 'other' })).data).toEqual([]);
    expect((await bot.pulls.list({ ...r, state: 'closed' })).data).toEqual([]);

    const { data: one } = await bot.pulls.get({ ...r, pull_number: pr.number });
    expect(one).toMatchObject({
      mergeable: true,
      mergeable_state: 'clean',
      changed_files: 1,
      commits: 1,
    });

    await bot.pulls.update({
      ...r,
      pull_number: pr.number,
      title: 'Add the staging environment',
    });
    const { data: files } = await bot.pulls.listFiles({
      ...r,
      pull_number: pr.number,
    });
    expect(files.map(f => [f.filename, f.status, f.additions])).toEqual([
      ['environments/staging/environment.yaml', 'added', 1],
    ]);
    expect(files[0].patch).toContain('+name: staging');

    await bot.pulls.requestReviewers({
      ...r,
      pull_number: pr.number,
      reviewers: ['ada-lovelace'],
      team_reviewers: ['team-storefront'],
    });
    await expect(
      bot.pulls.requestReviewers({
        ...r,
        pull_number: pr.number,
        reviewers: ['stranger'],
      }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      bot.pulls.requestReviewers({
        ...r,
        pull_number: pr.number,
        team_reviewers: ['nobody'],
      }),
    ).rejects.toMatchObject({ status: 422 });
    const { data: requested } = await bot.pulls.listRequestedReviewers({
      ...r,
      pull_number: pr.number,
    });
    expect(requested.users.map(u => u.login)).toEqual(['ada-lovelace']);
    expect(requested.teams.map(t => t.slug)).toEqual(['team-storefront']);
    await bot.pulls.requestReviewers({
      ...r,
      pull_number: pr.number,
      reviewers: ['grace-hopper'],
    });
    await bot.pulls.removeRequestedReviewers({
      ...r,
      pull_number: pr.number,
      reviewers: ['grace-hopper'],
    });

    await bot.issues.addLabels({
      ...r,
      issue_number: pr.number,
      labels: ['shipshape', 'env:staging'],
    });
    const { data: labels } = await bot.issues.listLabelsOnIssue({
      ...r,
      issue_number: pr.number,
    });
    expect(labels.map(l => l.name)).toEqual(['shipshape', 'env:staging']);

    await bot.repos.createCommitStatus({
      ...r,
      sha: head,
      state: 'pending',
      context: 'ci/render',
    });
    await bot.repos.createCommitStatus({
      ...r,
      sha: head,
      state: 'success',
      context: 'ci/render',
      description: 'ok',
    });
    await bot.repos.createCommitStatus({
      ...r,
      sha: head,
      state: 'success',
      context: 'ci/validate',
    });
    const { data: combined } = await bot.repos.getCombinedStatusForRef({
      ...r,
      ref: 'env/staging',
    });
    expect(combined.state).toBe('success');
    expect(combined.total_count).toBe(2);
    const { data: statuses } = await bot.repos.listCommitStatusesForRef({
      ...r,
      ref: head,
    });
    expect(statuses).toHaveLength(3);
    await expect(
      bot.repos.createCommitStatus({ ...r, sha: head, state: 'bogus' as any }),
    ).rejects.toMatchObject({ status: 422 });

    const { data: run } = await bot.checks.create({
      ...r,
      name: 'plan',
      head_sha: head,
      status: 'in_progress',
    });
    await bot.checks.update({
      ...r,
      check_run_id: run.id,
      conclusion: 'success',
      output: { title: 'Plan', summary: 'fine' },
    });
    const { data: runs } = await bot.checks.listForRef({ ...r, ref: head });
    expect(runs.check_runs.map(c => [c.name, c.status, c.conclusion])).toEqual([
      ['plan', 'completed', 'success'],
    ]);

    await expect(
      bot.pulls.createReview({
        ...r,
        pull_number: pr.number,
        event: 'APPROVE',
      }),
    ).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('Can not approve your own pull request'),
    });
    await alan.pulls.createReview({
      ...r,
      pull_number: pr.number,
      event: 'REQUEST_CHANGES',
      body: 'Needs work',
    });
    await ada.pulls.createReview({
      ...r,
      pull_number: pr.number,
      event: 'APPROVE',
      body: 'LGTM',
    });
    const { data: reviews } = await bot.pulls.listReviews({
      ...r,
      pull_number: pr.number,
    });
    expect(reviews.map(x => [x.user?.login, x.state])).toEqual([
      ['alan-turing', 'CHANGES_REQUESTED'],
      ['ada-lovelace', 'APPROVED'],
    ]);
    // Reviewing takes the reviewer off the requested list, as on GitHub.
    expect(
      (await bot.pulls.listRequestedReviewers({ ...r, pull_number: pr.number }))
        .data.users,
    ).toEqual([]);

    await expect(
      ada.pulls.merge({ ...r, pull_number: pr.number, sha: '0'.repeat(40) }),
    ).rejects.toMatchObject({ status: 409 });
    const mainBefore = git(repo.dir, 'rev-parse', 'main');
    const { data: merged } = await ada.pulls.merge({
      ...r,
      pull_number: pr.number,
      sha: head,
    });
    expect(merged.merged).toBe(true);
    expect(git(repo.dir, 'rev-parse', 'main')).toBe(merged.sha);
    expect(git(repo.dir, 'log', '-1', '--format=%P', 'main')).toBe(
      `${mainBefore} ${head}`,
    );
    expect(git(repo.dir, 'log', '-1', '--format=%s', 'main')).toBe(
      `Merge pull request #${pr.number} from ${ORG}/env/staging`,
    );
    expect(
      fs.readFileSync(
        path.join(repo.dir, 'environments/staging/environment.yaml'),
        'utf8',
      ),
    ).toBe('name: staging\n');
    expect(git(repo.dir, 'status', '--porcelain')).toBe('');

    const { data: after } = await bot.pulls.get({
      ...r,
      pull_number: pr.number,
    });
    expect(after).toMatchObject({
      state: 'closed',
      merged: true,
      merge_commit_sha: merged.sha,
      merged_by: { login: 'ada-lovelace' },
    });
    await expect(
      ada.pulls.merge({ ...r, pull_number: pr.number }),
    ).rejects.toMatchObject({ status: 405 });
    expect(
      (await bot.pulls.list({ ...r, state: 'closed' })).data.map(p => p.number),
    ).toEqual([pr.number]);

    // Webhooks: signed, with GitHub's headers, in the order things happened, schema-valid.
    await emulator.webhooksIdle();
    const events = receiver.received.map(
      d =>
        `${d.headers['x-github-event']}${
          d.body.action ? `.${d.body.action}` : ''
        }`,
    );
    expect(events).toEqual([
      'push',
      'pull_request.opened',
      'pull_request.edited',
      'pull_request.review_requested',
      'pull_request.review_requested',
      'pull_request.review_requested',
      'pull_request.review_request_removed',
      'pull_request.labeled',
      'pull_request.labeled',
      'status',
      'status',
      'status',
      'check_run.created',
      'check_run.completed',
      'pull_request_review.submitted',
      'pull_request_review.submitted',
      'push',
      'pull_request.closed',
    ]);
    const validated = new Set<string>();
    for (const delivery of receiver.received) {
      const expected = `sha256=${createHmac('sha256', SECRET)
        .update(delivery.raw)
        .digest('hex')}`;
      expect(delivery.headers['x-hub-signature-256']).toBe(expected);
      expect(delivery.headers['user-agent']).toBe('GitHub-Hookshot/emulator');
      expect(delivery.headers['content-type']).toBe('application/json');
      expect(delivery.headers['x-github-delivery']).toMatch(/^[0-9a-f-]{36}$/);
      const event = delivery.headers['x-github-event'] as string;
      if (validateWebhook(event, delivery.body))
        validated.add(`${event}.${delivery.body.action ?? ''}`);
    }
    expect([...validated].sort()).toEqual(
      expect.arrayContaining([
        'check_run.completed',
        'check_run.created',
        'pull_request.closed',
        'pull_request.edited',
        'pull_request.labeled',
        'pull_request.opened',
        'pull_request.review_requested',
        'pull_request_review.submitted',
        'push.',
        'status.',
      ]),
    );
    const closed = receiver.received[receiver.received.length - 1].body;
    expect(closed.pull_request).toMatchObject({
      merged: true,
      merge_commit_sha: merged.sha,
    });
    const push = receiver.received[receiver.received.length - 2].body;
    expect(push).toMatchObject({
      ref: 'refs/heads/main',
      before: mainBefore,
      after: merged.sha,
    });
    expect(emulator.deliveries().every(d => d.statusCode === 200)).toBe(true);
  });

  it('sends synchronize when the head branch moves and ready_for_review for drafts', async () => {
    await branchWith('env/sync', { 'sync.txt': 'one\n' });
    const { data: pr } = await bot.pulls.create({
      ...r,
      title: 'Sync',
      head: 'env/sync',
      base: 'main',
      draft: true,
    });
    receiver.received.length = 0;
    const { data: ref } = await bot.git.getRef({ ...r, ref: 'heads/env/sync' });
    const { data: c } = await bot.git.getCommit({
      ...r,
      commit_sha: ref.object.sha,
    });
    const { data: tree } = await bot.git.createTree({
      ...r,
      base_tree: c.tree.sha,
      tree: [
        { path: 'sync.txt', mode: '100644', type: 'blob', content: 'two\n' },
      ],
    });
    const { data: next } = await bot.git.createCommit({
      ...r,
      message: 'Two',
      tree: tree.sha,
      parents: [c.sha],
    });
    await bot.git.updateRef({ ...r, ref: 'heads/env/sync', sha: next.sha });
    await bot.pulls.update({
      ...r,
      pull_number: pr.number,
      draft: false,
    } as any);
    await bot.pulls.update({ ...r, pull_number: pr.number, state: 'closed' });
    await emulator.webhooksIdle();
    const events = receiver.received.map(
      d => `${d.headers['x-github-event']}.${d.body.action ?? ''}`,
    );
    expect(events).toEqual([
      'push.',
      'pull_request.synchronize',
      'pull_request.ready_for_review',
      'pull_request.closed',
    ]);
    const sync = receiver.received[1].body;
    expect(sync).toMatchObject({
      before: ref.object.sha,
      after: next.sha,
      pull_request: { head: { sha: next.sha } },
    });
    for (const d of receiver.received)
      validateWebhook(d.headers['x-github-event'] as string, d.body);
    expect(receiver.received[3].body.pull_request.merged).toBe(false);
  });

  it('answers 405 for a conflicting pull request', async () => {
    await branchWith('conflict-a', { 'conflict.txt': 'a\n' });
    await branchWith('conflict-b', { 'conflict.txt': 'b\n' });
    const { data: a } = await bot.pulls.create({
      ...r,
      title: 'A',
      head: 'conflict-a',
      base: 'main',
    });
    const { data: b } = await bot.pulls.create({
      ...r,
      title: 'B',
      head: 'conflict-b',
      base: 'main',
    });
    await ada.pulls.merge({ ...r, pull_number: a.number });
    const { data: blocked } = await bot.pulls.get({
      ...r,
      pull_number: b.number,
    });
    expect(blocked).toMatchObject({
      mergeable: false,
      mergeable_state: 'dirty',
    });
    const mainBefore = git(repo.dir, 'rev-parse', 'main');
    await expect(
      ada.pulls.merge({ ...r, pull_number: b.number }),
    ).rejects.toMatchObject({
      status: 405,
      response: { data: { message: 'Pull Request is not mergeable' } },
    });
    expect(git(repo.dir, 'rev-parse', 'main')).toBe(mainBefore);
  });

  it('keeps uncommitted work in the work tree and refuses to overwrite it', async () => {
    fs.writeFileSync(path.join(repo.dir, 'local-notes.txt'), 'mine\n');
    fs.appendFileSync(
      path.join(repo.dir, 'environments/dev/environment.yaml'),
      '# local edit\n',
    );
    await branchWith('keep', { 'kept.txt': 'kept\n' });
    const { data: pr } = await bot.pulls.create({
      ...r,
      title: 'Keep',
      head: 'keep',
      base: 'main',
    });
    await ada.pulls.merge({ ...r, pull_number: pr.number });
    expect(fs.readFileSync(path.join(repo.dir, 'kept.txt'), 'utf8')).toBe(
      'kept\n',
    );
    expect(
      fs.readFileSync(path.join(repo.dir, 'local-notes.txt'), 'utf8'),
    ).toBe('mine\n');
    expect(
      fs.readFileSync(
        path.join(repo.dir, 'environments/dev/environment.yaml'),
        'utf8',
      ),
    ).toContain('# local edit');

    await branchWith('clobber', {
      'environments/dev/environment.yaml': 'name: dev\nreplicas: 3\n',
    });
    const { data: clobber } = await bot.pulls.create({
      ...r,
      title: 'Clobber',
      head: 'clobber',
      base: 'main',
    });
    const mainBefore = git(repo.dir, 'rev-parse', 'main');
    await expect(
      ada.pulls.merge({ ...r, pull_number: clobber.number }),
    ).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining('uncommitted changes'),
    });
    expect(git(repo.dir, 'rev-parse', 'main')).toBe(mainBefore);
    expect(
      fs.readFileSync(
        path.join(repo.dir, 'environments/dev/environment.yaml'),
        'utf8',
      ),
    ).toContain('# local edit');
    git(repo.dir, 'checkout', '--', 'environments/dev/environment.yaml');
    fs.rmSync(path.join(repo.dir, 'local-notes.txt'));
    await ada.pulls.merge({ ...r, pull_number: clobber.number });
    expect(
      fs.readFileSync(
        path.join(repo.dir, 'environments/dev/environment.yaml'),
        'utf8',
      ),
    ).toBe('name: dev\nreplicas: 3\n');
  });

  it('answers injected faults as GitHub does, in code and over HTTP', async () => {
    emulator.addFaults([
      { type: 'primary-rate-limit', count: 1, method: 'GET', path: '/user' },
    ]);
    const primary = await bot.users.getAuthenticated().catch(e => e);
    expect(primary.status).toBe(403);
    expect(primary.response.headers['x-ratelimit-remaining']).toBe('0');
    expect(
      Number(primary.response.headers['x-ratelimit-reset']),
    ).toBeGreaterThan(Date.now() / 1000);
    expect(primary.response.data.message).toMatch(
      /^API rate limit exceeded for user ID \d+\./,
    );
    expect((await bot.users.getAuthenticated()).status).toBe(200);

    const post = await fetch(`${webUrl}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { type: 'secondary-rate-limit', count: 1, path: '/repos/' },
        { type: 'server-error', status: 503, count: 2, path: '/repos/' },
      ]),
    });
    expect(post.status).toBe(201);
    const secondary = await bot.repos.get(r).catch(e => e);
    expect(secondary.status).toBe(429);
    expect(secondary.response.headers['retry-after']).toBe('60');
    expect(secondary.response.data.message).toContain('secondary rate limit');
    expect((await bot.repos.get(r).catch(e => e)).status).toBe(503);
    expect((await bot.repos.get(r).catch(e => e)).status).toBe(503);
    expect((await bot.repos.get(r)).status).toBe(200);

    await fetch(`${webUrl}/_emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ type: 'server-error', count: 5 }),
    });
    expect(
      (await fetch(`${webUrl}/_emulator/faults`, { method: 'DELETE' })).status,
    ).toBe(204);
    expect((await bot.repos.get(r)).status).toBe(200);
    const invalid = await fetch(`${webUrl}/_emulator/faults`, {
      method: 'POST',
      body: '{"type":"nope"}',
    });
    expect(invalid.status).toBe(422);

    const deliveries = await (
      await fetch(`${webUrl}/_emulator/deliveries`)
    ).json();
    expect(deliveries.length).toBe(emulator.deliveries().length);
    expect(deliveries[0]).toMatchObject({
      event: expect.any(String),
      statusCode: 200,
    });
  });

  it('records failed webhook deliveries without failing the API', async () => {
    receiver.setStatus(500);
    const before = emulator.deliveries().length;
    await bot.issues.addLabels({ ...r, issue_number: 1, labels: ['late'] });
    await emulator.webhooksIdle();
    receiver.setStatus(200);
    const last = emulator.deliveries().slice(before);
    expect(last.map(d => [d.event, d.action, d.statusCode])).toEqual([
      ['pull_request', 'labeled', 500],
    ]);
    expect(last[0].error).toContain('500');
  });

  it('refuses hostile input and keeps working', async () => {
    for (const bad of [
      '../escape.txt',
      '/etc/passwd',
      'a/../../b',
      '.git/config',
      'a//b',
    ]) {
      await expect(
        bot.git.createTree({
          ...r,
          tree: [{ path: bad, mode: '100644', type: 'blob', content: 'x' }],
        }),
      ).rejects.toMatchObject({
        status: 422,
        message: expect.stringContaining('Invalid tree path'),
      });
    }
    await expect(
      bot.repos.createOrUpdateFileContents({
        ...r,
        path: '../outside.txt',
        message: 'x',
        content: 'eA==',
      }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      bot.git.createBlob({ ...r, content: 'not base64!!', encoding: 'base64' }),
    ).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('Base64'),
    });
    const huge = await fetch(`${baseUrl}/repos/${ORG}/gitops/git/blobs`, {
      method: 'POST',
      headers: {
        authorization: `token ${BOT}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ content: 'x'.repeat(11 * 1024 * 1024) }),
    }).catch(e => e);
    expect(huge.status).toBe(413);
    const garbage = await fetch(`${baseUrl}/repos/${ORG}/gitops/git/blobs`, {
      method: 'POST',
      headers: { authorization: `token ${BOT}` },
      body: '{nope',
    });
    expect(garbage.status).toBe(400);
    expect((await bot.repos.get(r)).status).toBe(200);
    expect(fs.existsSync(path.join(repo.dir, '..', 'escape.txt'))).toBe(false);
  });

  it('approves and merges through the web page, escaping user text', async () => {
    const head = await branchWith('ui', { 'ui.txt': '<b>diff</b>\n' });
    const { data: pr } = await bot.pulls.create({
      ...r,
      title: '<script>alert("title")</script>',
      head: 'ui',
      base: 'main',
      body: '# Plan\n<img src=x onerror=alert(1)> [link](javascript:alert(1)) **bold**',
    });
    await bot.pulls.requestReviewers({
      ...r,
      pull_number: pr.number,
      reviewers: ['alan-turing'],
    });
    const pageUrl = `${webUrl}/${ORG}/gitops/pull/${pr.number}`;
    const html = await (await fetch(pageUrl)).text();
    expect(html).not.toContain('<script>alert');
    expect(html).toContain(
      '&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;',
    );
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('&lt;b&gt;diff&lt;/b&gt;');
    expect(html).toMatch(/<option value="alan-turing">/);
    expect(html).not.toMatch(
      /<select name="reviewer"[^]*<option value="shipshape-bot">[^]*<\/select>[^]*Request changes/,
    );
    expect(html).toContain('name="merge"');

    const list = await (await fetch(`${webUrl}/${ORG}/gitops/pulls`)).text();
    expect(list).toContain(`data-pr="${pr.number}"`);
    expect(list).not.toContain('<script>alert');

    const post = (action: string, form: Record<string, string>) =>
      fetch(`${pageUrl}/${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
        redirect: 'manual',
      });
    const own = await post('review', {
      reviewer: 'shipshape-bot',
      event: 'APPROVE',
    });
    expect(own.status).toBe(303);
    expect(decodeURIComponent(own.headers.get('location')!)).toContain(
      'Can not approve your own pull request',
    );
    const approve = await post('review', {
      reviewer: 'alan-turing',
      event: 'APPROVE',
      body: '<i>ok</i>',
    });
    expect(approve.status).toBe(303);
    expect(approve.headers.get('location')).toBe(
      `/${ORG}/gitops/pull/${pr.number}?notice=Review%20submitted%20by%20alan-turing`,
    );
    const { data: reviews } = await bot.pulls.listReviews({
      ...r,
      pull_number: pr.number,
    });
    expect(reviews.map(x => [x.user?.login, x.state])).toEqual([
      ['alan-turing', 'APPROVED'],
    ]);

    const merge = await post('merge', {
      merger: 'alan-turing',
      sha: head,
      merge: 'merge',
    });
    expect(merge.status).toBe(303);
    const { data: after } = await bot.pulls.get({
      ...r,
      pull_number: pr.number,
    });
    expect(after.merged).toBe(true);
    expect(
      git(repo.dir, 'log', '-1', '--format=%P', 'main').split(' '),
    ).toEqual([expect.any(String), head]);
    const mergedPage = await (
      await fetch(`${webUrl}${merge.headers.get('location')}`)
    ).text();
    expect(mergedPage).toContain('Merged');
    expect(mergedPage).not.toContain('<i>ok</i>');
    const commitPage = await fetch(
      `${webUrl}/${ORG}/gitops/commit/${after.merge_commit_sha}`,
    );
    expect(commitPage.status).toBe(200);
    expect(await commitPage.text()).toContain(`data-parent="${head}"`);
    expect((await fetch(`${webUrl}/${ORG}/gitops/pull/9999`)).status).toBe(404);
  });

  it('validated every successful response against the OpenAPI description', () => {
    const operations = new Set(checked.map(c => c.replace(/ \d+$/, '')));
    expect([...operations].sort()).toEqual(
      expect.arrayContaining([
        'DELETE /repos/{owner}/{repo}/git/refs/{ref}',
        'DELETE /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
        'GET /orgs/{org}/teams/{team_slug}',
        'GET /orgs/{org}/teams/{team_slug}/members',
        'GET /repos/{owner}/{repo}',
        'GET /repos/{owner}/{repo}/branches/{branch}',
        'GET /repos/{owner}/{repo}/commits/{ref}',
        'GET /repos/{owner}/{repo}/commits/{ref}/check-runs',
        'GET /repos/{owner}/{repo}/commits/{ref}/status',
        'GET /repos/{owner}/{repo}/commits/{ref}/statuses',
        'GET /repos/{owner}/{repo}/contents/{path}',
        'GET /repos/{owner}/{repo}/git/blobs/{file_sha}',
        'GET /repos/{owner}/{repo}/git/commits/{commit_sha}',
        'GET /repos/{owner}/{repo}/git/matching-refs/{ref}',
        'GET /repos/{owner}/{repo}/git/ref/{ref}',
        'GET /repos/{owner}/{repo}/git/trees/{tree_sha}',
        'GET /repos/{owner}/{repo}/issues/{issue_number}/labels',
        'GET /repos/{owner}/{repo}/pulls',
        'GET /repos/{owner}/{repo}/pulls/{pull_number}',
        'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
        'GET /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
        'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
        'GET /user',
        'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
        'PATCH /repos/{owner}/{repo}/git/refs/{ref}',
        'PATCH /repos/{owner}/{repo}/pulls/{pull_number}',
        'POST /repos/{owner}/{repo}/check-runs',
        'POST /repos/{owner}/{repo}/git/blobs',
        'POST /repos/{owner}/{repo}/git/commits',
        'POST /repos/{owner}/{repo}/git/refs',
        'POST /repos/{owner}/{repo}/git/trees',
        'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
        'POST /repos/{owner}/{repo}/pulls',
        'POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
        'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
        'POST /repos/{owner}/{repo}/statuses/{sha}',
        'PUT /repos/{owner}/{repo}/contents/{path}',
        'PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge',
      ]),
    );
  });
});
