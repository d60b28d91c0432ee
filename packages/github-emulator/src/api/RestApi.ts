/* eslint-disable no-nested-ternary */
// GitHub's shapes pick between several values in many places; chained ternaries read best here.
import {
  GitFileChange,
  GitIdentity,
  GitRepository,
  GitTreeChange,
  assertSafeTreePath,
  isValidRefName,
} from '../git/GitRepository';
import {
  CheckRunRecord,
  EmulatorState,
  now,
  PullRecord,
  RepoState,
  ReviewRecord,
  StatusRecord,
  TeamRecord,
  UserRecord,
} from '../model/EmulatorState';
import { noreplyEmail, Shapes } from '../model/Shapes';
import { HttpError, notFound, validationFailed } from '../server/HttpError';
import { WebhookDispatcher } from '../webhooks/WebhookDispatcher';

type Json = Record<string, any>;

export interface ApiRequest {
  method: string;
  /** Decoded path under the API root, e.g. "/repos/o/r/pulls". */
  path: string;
  query: URLSearchParams;
  body: any;
  /** The authenticated user's login, if any. */
  actor?: string;
  accept?: string;
}

export interface ApiResponse {
  status: number;
  body?: unknown;
  raw?: Buffer;
  headers?: Record<string, string>;
}

type Handler = (req: ApiRequest, params: string[]) => Promise<ApiResponse>;

const ZERO_SHA = '0000000000000000000000000000000000000000';
const SHA = /^[0-9a-f]{40}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes base64 strictly (GitHub refuses what is not base64 rather than skipping it). */
export function decodeBase64(value: unknown, field = 'content'): Buffer {
  if (typeof value !== 'string')
    throw validationFailed([
      { resource: 'Blob', field, code: 'missing_field' },
    ]);
  const compact = value.replace(/[\r\n\s]/g, '');
  if (!BASE64.test(compact) || compact.length % 4 === 1)
    throw new HttpError(422, `${field} is not valid Base64`);
  return Buffer.from(compact, 'base64');
}

const base64Lines = (data: Buffer) =>
  (data.toString('base64').match(/.{1,60}/g) ?? []).join('\n') +
  (data.length ? '\n' : '');

/** The REST endpoints, on top of the state, git and the webhook dispatcher. */
export class RestApi {
  private readonly routes: Array<[string, RegExp, Handler]> = [];

  constructor(
    private readonly state: EmulatorState,
    private readonly shapes: Shapes,
    private readonly hooks: WebhookDispatcher,
  ) {
    const r = '/repos/([^/]+)/([^/]+)';
    const add = (method: string, pattern: string, handler: Handler) =>
      this.routes.push([
        method,
        new RegExp(`^${pattern}$`),
        handler.bind(this),
      ]);
    add('GET', '/?', async () => ({ status: 200, body: this.root() }));
    add('GET', '/user', this.getUser);
    add('GET', '/users/([^/]+)', async (_q, [login]) => {
      if (
        !this.state.user(login) &&
        login.toLowerCase() !== this.shapes.org.toLowerCase()
      )
        throw notFound();
      return { status: 200, body: this.shapes.user(login) };
    });
    add('GET', '/orgs/([^/]+)/teams', this.listTeams);
    add('GET', '/orgs/([^/]+)/teams/([^/]+)', this.getTeam);
    add('GET', '/orgs/([^/]+)/teams/([^/]+)/members', this.getTeamMembers);
    add('GET', '/orgs/([^/]+)/members', this.getOrgMembers);
    add('GET', `${r}`, this.getRepo);
    add('GET', `${r}/branches`, this.listBranches);
    add('GET', `${r}/branches/(.+)`, this.getBranch);
    add('GET', `${r}/git/ref/(.+)`, this.getRef);
    add('GET', `${r}/git/matching-refs/(.*)`, this.matchingRefs);
    add('POST', `${r}/git/refs`, this.createRef);
    add('PATCH', `${r}/git/refs/(.+)`, this.updateRef);
    add('DELETE', `${r}/git/refs/(.+)`, this.deleteRef);
    add('GET', `${r}/git/trees/(.+)`, this.getTree);
    add('POST', `${r}/git/trees`, this.createTree);
    add('GET', `${r}/git/blobs/([^/]+)`, this.getBlob);
    add('POST', `${r}/git/blobs`, this.createBlob);
    add('GET', `${r}/git/commits/([^/]+)`, this.getGitCommit);
    add('POST', `${r}/git/commits`, this.createGitCommit);
    add('GET', `${r}/commits/(.+)/status`, this.getCombinedStatus);
    add('GET', `${r}/commits/(.+)/statuses`, this.listStatuses);
    add('GET', `${r}/commits/(.+)/check-runs`, this.listCheckRuns);
    add('GET', `${r}/commits/(.+)`, this.getCommit);
    add('GET', `${r}/contents/?(.*)`, this.getContents);
    add('PUT', `${r}/contents/(.+)`, this.putContents);
    add('POST', `${r}/pulls`, this.createPull);
    add('GET', `${r}/pulls`, this.listPulls);
    add('GET', `${r}/pulls/(\\d+)`, this.getPull);
    add('PATCH', `${r}/pulls/(\\d+)`, this.updatePull);
    add('GET', `${r}/pulls/(\\d+)/files`, this.listPullFiles);
    add('GET', `${r}/pulls/(\\d+)/commits`, this.listPullCommits);
    add('POST', `${r}/pulls/(\\d+)/requested_reviewers`, this.requestReviewers);
    add(
      'GET',
      `${r}/pulls/(\\d+)/requested_reviewers`,
      this.getRequestedReviewers,
    );
    add(
      'DELETE',
      `${r}/pulls/(\\d+)/requested_reviewers`,
      this.removeRequestedReviewers,
    );
    add('POST', `${r}/pulls/(\\d+)/reviews`, this.createReview);
    add('GET', `${r}/pulls/(\\d+)/reviews`, this.listReviews);
    add('GET', `${r}/pulls/(\\d+)/merge`, this.checkMerged);
    add('PUT', `${r}/pulls/(\\d+)/merge`, this.mergePull);
    add('POST', `${r}/issues/(\\d+)/labels`, this.addLabels);
    add('GET', `${r}/issues/(\\d+)/labels`, this.listLabels);
    add('POST', `${r}/statuses/([^/]+)`, this.createStatus);
    add('POST', `${r}/check-runs`, this.createCheckRun);
    add('GET', `${r}/check-runs/(\\d+)`, this.getCheckRun);
    add('PATCH', `${r}/check-runs/(\\d+)`, this.updateCheckRun);
  }

  async handle(req: ApiRequest): Promise<ApiResponse> {
    let pathMatched = false;
    for (const [method, pattern, handler] of this.routes) {
      const match = pattern.exec(req.path);
      if (!match) continue;
      pathMatched = true;
      if (method !== req.method) continue;
      return handler(req, match.slice(1));
    }
    if (pathMatched && req.method !== 'GET')
      throw new HttpError(404, 'Not Found');
    throw notFound();
  }

  // -- helpers ------------------------------------------------------------------------------

  private root(): Json {
    const api = this.shapes.api;
    return {
      current_user_url: `${api}/user`,
      organization_url: `${api}/orgs/{org}`,
      repository_url: `${api}/repos/{owner}/{repo}`,
      rate_limit_url: `${api}/rate_limit`,
    };
  }

  repo(owner: string, name: string): RepoState {
    if (owner.toLowerCase() !== this.shapes.org.toLowerCase()) throw notFound();
    const repo = this.state.repos.get(name.toLowerCase());
    if (!repo) throw notFound();
    return repo;
  }

  private actor(req: ApiRequest): string {
    if (!req.actor)
      throw new HttpError(
        401,
        'Requires authentication',
        undefined,
        'https://docs.github.com/rest',
      );
    return req.actor;
  }

  identity(login: string): GitIdentity {
    const u = this.shapes.userRecord(login);
    return {
      name: u.name ?? u.login,
      email: u.email ?? noreplyEmail(u),
      date: now(),
    };
  }

  private body(req: ApiRequest): Json {
    if (req.body === undefined || req.body === null) return {};
    if (typeof req.body !== 'object' || Array.isArray(req.body))
      throw new HttpError(400, 'Problems parsing JSON');
    return req.body;
  }

  private paginate<T>(req: ApiRequest, items: T[]): ApiResponse {
    const perPage = Math.min(
      100,
      Math.max(1, Number(req.query.get('per_page') ?? 30) || 30),
    );
    const page = Math.max(1, Number(req.query.get('page') ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const headers: Record<string, string> = {};
    if (items.length > perPage) {
      const link = (p: number, rel: string) => {
        const query = new URLSearchParams(req.query);
        query.set('page', String(p));
        query.set('per_page', String(perPage));
        return `<${this.shapes.api}${req.path}?${query}>; rel="${rel}"`;
      };
      const links = [];
      if (page > 1) links.push(link(page - 1, 'prev'));
      if (page < last) links.push(link(page + 1, 'next'));
      links.push(link(last, 'last'), link(1, 'first'));
      headers.link = links.join(', ');
    }
    return {
      status: 200,
      body: items.slice((page - 1) * perPage, page * perPage),
      headers,
    };
  }

  private pull(repo: RepoState, number: string): PullRecord {
    const pull = repo.pulls.find(p => p.number === Number(number));
    if (!pull) throw notFound();
    return pull;
  }

  /** Brings an open PR's head and base shas up to date with their branches. */
  private async refresh(repo: RepoState, pull: PullRecord): Promise<void> {
    if (pull.state !== 'open') return;
    const head = await repo.git.readRef(`refs/heads/${pull.headRef}`);
    if (head) pull.headSha = head;
    const base = await repo.git.readRef(`refs/heads/${pull.baseRef}`);
    if (base) pull.baseSha = base;
  }

  /** Whether the PR merges cleanly into its base now; null once it is closed. */
  async mergeability(
    repo: RepoState,
    pull: PullRecord,
  ): Promise<{ mergeable: boolean | null; mergeableState: string }> {
    if (pull.state !== 'open')
      return { mergeable: null, mergeableState: 'unknown' };
    const tree = await repo.git.mergeTrees(pull.baseSha, pull.headSha);
    if (!tree) return { mergeable: false, mergeableState: 'dirty' };
    if (pull.draft) return { mergeable: true, mergeableState: 'draft' };
    const combined = this.shapes.combinedStatus(repo, pull.headSha).state;
    const failing =
      combined === 'failure' ||
      repo.checkRuns.some(
        c =>
          c.headSha === pull.headSha &&
          c.status === 'completed' &&
          ['failure', 'timed_out', 'cancelled', 'action_required'].includes(
            c.conclusion ?? '',
          ),
      );
    return { mergeable: true, mergeableState: failing ? 'unstable' : 'clean' };
  }

  /** The files a PR changes: from where it forked off its base to its head. */
  async pullFiles(repo: RepoState, pull: PullRecord): Promise<GitFileChange[]> {
    const base =
      pull.state === 'open' || !pull.mergeCommitSha
        ? (await repo.git.mergeBase(pull.baseSha, pull.headSha)) ?? pull.baseSha
        : (await repo.git.readCommit(pull.mergeCommitSha)).parents[0];
    return repo.git.diff(base, pull.headSha);
  }

  async fullPull(repo: RepoState, pull: PullRecord): Promise<Json> {
    await this.refresh(repo, pull);
    const [merge, files, commits] = await Promise.all([
      this.mergeability(repo, pull),
      this.pullFiles(repo, pull),
      this.pullCommits(repo, pull),
    ]);
    return this.shapes.pull(repo, pull, {
      ...merge,
      files,
      commits: commits.length,
    });
  }

  private async pullCommits(
    repo: RepoState,
    pull: PullRecord,
  ): Promise<string[]> {
    const base =
      pull.mergeCommitSha && pull.state === 'closed'
        ? (await repo.git.readCommit(pull.mergeCommitSha)).parents[0]
        : pull.baseSha;
    return repo.git.commitsBetween(base, pull.headSha);
  }

  private async commitSha(repo: RepoState, ref: string): Promise<string> {
    const sha = await repo.git.resolveCommit(ref);
    if (!sha) throw new HttpError(422, `No commit found for SHA: ${ref}`);
    return sha;
  }

  private webhookBase(repo: RepoState, actor: string): Json {
    return {
      repository: this.shapes.webhookRepository(repo),
      organization: this.shapes.organization(),
      sender: this.shapes.user(actor),
    };
  }

  /** Webhook payloads carry the repository of a PR's head and base in their own shape. */
  private forWebhook(repo: RepoState, pull: Json): Json {
    const webhookRepo = this.shapes.webhookRepository(repo);
    return {
      ...pull,
      head: { ...pull.head, repo: webhookRepo },
      base: { ...pull.base, repo: webhookRepo },
    };
  }

  async emitPull(
    repo: RepoState,
    pull: PullRecord,
    action: string,
    actor: string,
    extra: Json = {},
  ): Promise<void> {
    const body = this.forWebhook(repo, await this.fullPull(repo, pull));
    this.hooks.emit('pull_request', {
      action,
      number: pull.number,
      pull_request: body,
      ...extra,
      ...this.webhookBase(repo, actor),
    });
  }

  /**
   * Moves a branch (under the repository's write lock, which the caller holds), then sends the
   * push webhook and the synchronize of every open PR whose head it is.
   */
  async moveRef(
    repo: RepoState,
    ref: string,
    before: string | undefined,
    after: string | undefined,
    actor: string,
    forced = false,
  ): Promise<void> {
    await repo.git.updateRef(ref, before, after);
    repo.pushedAt = now();
    await this.emitPush(repo, ref, before, after, actor, forced);
    if (!ref.startsWith('refs/heads/') || !after) return;
    const branch = ref.slice('refs/heads/'.length);
    for (const pull of repo.pulls) {
      if (pull.state !== 'open') continue;
      if (pull.headRef === branch && pull.headSha !== after) {
        const previous = pull.headSha;
        pull.headSha = after;
        pull.updatedAt = now();
        await this.emitPull(repo, pull, 'synchronize', actor, {
          before: previous,
          after,
        });
      }
    }
  }

  private async emitPush(
    repo: RepoState,
    ref: string,
    before: string | undefined,
    after: string | undefined,
    actor: string,
    forced: boolean,
  ) {
    const git = repo.git;
    let shas: string[] = [];
    if (after) {
      const range = before
        ? [`${before}..${after}`]
        : [
            after,
            '--not',
            ...(await git.listRefs('refs/heads/'))
              .filter(r => r.ref !== ref)
              .map(r => r.sha),
          ];
      shas = (
        await git.git(['rev-list', '--reverse', '--max-count=20', ...range])
      )
        .split('\n')
        .filter(Boolean);
    }
    const pushCommit = async (sha: string) => {
      const c = await git.readCommit(sha);
      const paths = await git.changedPaths(sha);
      const person = (i: GitIdentity) => {
        const login = [...this.state.users.values()].find(
          u =>
            (u.email ?? noreplyEmail(u)).toLowerCase() ===
            i.email.toLowerCase(),
        )?.login;
        return {
          name: i.name,
          email: i.email,
          ...(login ? { username: login } : {}),
        };
      };
      return {
        id: sha,
        tree_id: c.tree,
        distinct: true,
        message: c.message.replace(/\n$/, ''),
        timestamp: c.committer.date,
        url: `${this.shapes.html}/${this.shapes.org}/${repo.name}/commit/${sha}`,
        author: person(c.author),
        committer: person(c.committer),
        ...paths,
      };
    };
    const commits = [];
    for (const sha of shas) commits.push(await pushCommit(sha));
    const u = this.shapes.userRecord(actor);
    const short = (s?: string) => (s ?? ZERO_SHA).slice(0, 12);
    this.hooks.emit('push', {
      ref,
      before: before ?? ZERO_SHA,
      after: after ?? ZERO_SHA,
      repository: this.shapes.webhookRepository(repo, true),
      pusher: { name: u.login, email: u.email ?? noreplyEmail(u) },
      organization: this.shapes.organization(),
      sender: this.shapes.user(actor),
      created: !before,
      deleted: !after,
      forced,
      base_ref: null,
      compare: `${this.shapes.html}/${this.shapes.org}/${
        repo.name
      }/compare/${short(before)}...${short(after)}`,
      commits,
      head_commit: after ? await pushCommit(after) : null,
    });
  }

  // -- users, orgs, teams -------------------------------------------------------------------

  private async getUser(req: ApiRequest): Promise<ApiResponse> {
    return { status: 200, body: this.shapes.privateUser(this.actor(req)) };
  }

  private org(name: string) {
    if (name.toLowerCase() !== this.shapes.org.toLowerCase()) throw notFound();
  }

  private team(org: string, slug: string) {
    this.org(org);
    const team = this.state.teams.get(slug.toLowerCase());
    if (!team) throw notFound();
    return team;
  }

  private async listTeams(req: ApiRequest, [org]: string[]) {
    this.org(org);
    return this.paginate(
      req,
      [...this.state.teams.values()].map(t => this.shapes.team(t)),
    );
  }

  private async getTeam(_req: ApiRequest, [org, slug]: string[]) {
    return { status: 200, body: this.shapes.team(this.team(org, slug), true) };
  }

  private async getTeamMembers(req: ApiRequest, [org, slug]: string[]) {
    const team = this.team(org, slug);
    return this.paginate(
      req,
      team.members.map(m => this.shapes.user(m)),
    );
  }

  private async getOrgMembers(req: ApiRequest, [org]: string[]) {
    this.org(org);
    return this.paginate(
      req,
      [...this.state.users.values()].map(u => this.shapes.user(u.login)),
    );
  }

  // -- repositories, branches, refs ---------------------------------------------------------

  private async getRepo(_req: ApiRequest, [o, r]: string[]) {
    return { status: 200, body: this.shapes.repository(this.repo(o, r)) };
  }

  private async branch(repo: RepoState, name: string): Promise<Json> {
    const sha = await repo.git.readRef(`refs/heads/${name}`);
    if (!sha) throw new HttpError(404, 'Branch not found');
    const commit = await repo.git.readCommit(sha);
    const url = `${this.shapes.api}/repos/${this.shapes.org}/${repo.name}/branches/${name}`;
    return {
      name,
      commit: this.shapes.commit(repo, commit),
      _links: {
        html: `${this.shapes.html}/${this.shapes.org}/${repo.name}/tree/${name}`,
        self: url,
      },
      protected: false,
      protection: {
        enabled: false,
        required_status_checks: {
          enforcement_level: 'off',
          contexts: [],
          checks: [],
        },
      },
      protection_url: `${url}/protection`,
    };
  }

  private async getBranch(_req: ApiRequest, [o, r, name]: string[]) {
    return { status: 200, body: await this.branch(this.repo(o, r), name) };
  }

  private async listBranches(req: ApiRequest, [o, r]: string[]) {
    const repo = this.repo(o, r);
    const refs = await repo.git.listRefs('refs/heads/');
    return this.paginate(
      req,
      refs.map(ref => {
        const name = ref.ref.slice('refs/heads/'.length);
        return {
          name,
          commit: {
            sha: ref.sha,
            url: `${this.shapes.api}/repos/${this.shapes.org}/${repo.name}/commits/${ref.sha}`,
          },
          protected: false,
        };
      }),
    );
  }

  private async getRef(_req: ApiRequest, [o, r, ref]: string[]) {
    const repo = this.repo(o, r);
    const full = `refs/${ref}`;
    const found = (await repo.git.listRefs(full)).find(x => x.ref === full);
    if (!found) throw notFound();
    return {
      status: 200,
      body: this.shapes.gitRef(repo, found.ref, found.sha, found.type),
    };
  }

  private async matchingRefs(_req: ApiRequest, [o, r, ref]: string[]) {
    const repo = this.repo(o, r);
    const refs = await repo.git.listRefs(`refs/${ref}`);
    return {
      status: 200,
      body: refs.map(x => this.shapes.gitRef(repo, x.ref, x.sha, x.type)),
    };
  }

  private async createRef(req: ApiRequest, [o, r]: string[]) {
    const repo = this.repo(o, r);
    const actor = this.actor(req);
    const { ref, sha } = this.body(req);
    if (typeof ref !== 'string' || typeof sha !== 'string')
      throw validationFailed(
        undefined,
        'Invalid request.\n\n"ref" and "sha" are required.',
      );
    if (!isValidRefName(ref) || ref.split('/').length < 3)
      throw new HttpError(422, `${ref} is not a valid ref name.`);
    return repo.git.exclusive(async () => {
      if (await repo.git.readRef(ref))
        throw new HttpError(422, 'Reference already exists');
      const type = await repo.git.objectType(sha);
      if (!type) throw new HttpError(422, 'Object does not exist');
      await this.moveRef(repo, ref, undefined, sha, actor);
      return {
        status: 201,
        body: this.shapes.gitRef(repo, ref, sha, type),
        headers: {
          location: `${this.shapes.api}/repos/${this.shapes.org}/${repo.name}/git/${ref}`,
        },
      };
    });
  }

  private async updateRef(req: ApiRequest, [o, r, short]: string[]) {
    const repo = this.repo(o, r);
    const actor = this.actor(req);
    const { sha, force } = this.body(req);
    if (typeof sha !== 'string')
      throw validationFailed(
        undefined,
        'Invalid request.\n\n"sha" wasn\'t supplied.',
      );
    const ref = `refs/${short}`;
    return repo.git.exclusive(async () => {
      const before = await repo.git.readRef(ref);
      if (!before) throw new HttpError(422, 'Reference does not exist');
      const type = await repo.git.objectType(sha);
      if (!type) throw new HttpError(422, 'Object does not exist');
      const fastForward =
        type === 'commit' && (await repo.git.isAncestor(before, sha));
      if (!fastForward && !force)
        throw new HttpError(422, 'Update is not a fast forward');
      if (before !== sha)
        await this.moveRef(repo, ref, before, sha, actor, !fastForward);
      return { status: 200, body: this.shapes.gitRef(repo, ref, sha, type) };
    });
  }

  private async deleteRef(req: ApiRequest, [o, r, short]: string[]) {
    const repo = this.repo(o, r);
    const actor = this.actor(req);
    const ref = `refs/${short}`;
    return repo.git.exclusive(async () => {
      const before = await repo.git.readRef(ref);
      if (!before) throw new HttpError(422, 'Reference does not exist');
      await this.moveRef(repo, ref, before, undefined, actor);
      return { status: 204 };
    });
  }

  // -- trees, blobs, commits ----------------------------------------------------------------

  private treeBody(
    repo: RepoState,
    sha: string,
    entries: Awaited<ReturnType<GitRepository['readTree']>>,
  ) {
    const url = `${this.shapes.api}/repos/${this.shapes.org}/${repo.name}/git`;
    return {
      sha,
      url: `${url}/trees/${sha}`,
      tree: entries.map(e => ({
        path: e.path,
        mode: e.mode,
        type: e.type,
        sha: e.sha,
        ...(e.type === 'blob' ? { size: e.size } : {}),
        url: `${url}/${
          e.type === 'tree' ? 'trees' : e.type === 'blob' ? 'blobs' : 'commits'
        }/${e.sha}`,
      })),
      truncated: false,
    };
  }

  private async getTree(req: ApiRequest, [o, r, ref]: string[]) {
    const repo = this.repo(o, r);
    let sha: string | undefined;
    const type = await repo.git.objectType(ref);
    if (type === 'tree') sha = ref;
    else {
      const commit = await repo.git.resolveCommit(ref);
      if (commit) sha = (await repo.git.readCommit(commit)).tree;
    }
    if (!sha) throw notFound();
    const recursive = ['1', 'true'].includes(req.query.get('recursive') ?? '');
    const entries = await repo.git.readTree(sha, recursive);
    return { status: 200, body: this.treeBody(repo, sha, entries) };
  }

  private async createTree(req: ApiRequest, [o, r]: string[]) {
    const repo = this.repo(o, r);
    this.actor(req);
    const { tree, base_tree: baseTree } = this.body(req);
    if (!Array.isArray(tree))
      throw validationFailed(
        undefined,
        'Invalid request.\n\n"tree" wasn\'t supplied.',
      );
    let base: string | undefined;
    if (baseTree !== undefined && baseTree !== null) {
      const type =
        typeof baseTree === 'string'
          ? await repo.git.objectType(baseTree)
          : undefined;
      if (type === 'tree') base = baseTree;
      else if (type === 'commit')
        base = (await repo.git.readCommit(baseTree)).tree;
      else
        throw new HttpError(
          422,
          `base_tree ${baseTree} is not a valid tree oid`,
        );
    }
    const changes: GitTreeChange[] = tree.map((entry: any, i: number) => {
      if (!entry || typeof entry !== 'object')
        throw new HttpError(422, `tree[${i}] must be an object`);
      if (typeof entry.path !== 'string')
        throw new HttpError(422, `tree[${i}].path must be a string`);
      assertSafeTreePath(entry.path);
      const type = entry.type ?? 'blob';
      if (!['blob', 'tree', 'commit'].includes(type))
        throw new HttpError(
          422,
          `tree[${i}].type must be blob, tree or commit`,
        );
      if (entry.content !== undefined && entry.sha !== undefined)
        throw new HttpError(
          422,
          `tree[${i}]: give either content or sha, not both`,
        );
      if (entry.content !== undefined && typeof entry.content !== 'string')
        throw new HttpError(422, `tree[${i}].content must be a string`);
      if (
        entry.sha !== undefined &&
        entry.sha !== null &&
        typeof entry.sha !== 'string'
      )
        throw new HttpError(422, `tree[${i}].sha must be a string or null`);
      if (entry.content === undefined && entry.sha === undefined)
        throw new HttpError(422, `tree[${i}]: content or sha is required`);
      return {
        path: entry.path,
        mode: entry.mode ?? (type === 'tree' ? '040000' : '100644'),
        type,
        sha: entry.sha,
        content: entry.content,
      };
    });
    const sha = await repo.git.writeTree(base, changes);
    const entries = await repo.git.readTree(sha);
    return {
      status: 201,
      body: this.treeBody(repo, sha, entries),
      headers: {
        location: `${this.shapes.api}/repos/${this.shapes.org}/${repo.name}/git/trees/${sha}`,
      },
    };
  }

  private async getBlob(_req: ApiRequest, [o, r, sha]: string[]) {
    const repo = this.repo(o, r);
    if ((await repo.git.objectType(sha)) !== 'blob') throw notFound();
    const data = await repo.git.readBlob(sha);
    return {
      status: 200,
      body: {
        sha,
        node_id: `B_${sha}`,
        size: data.length,
        url: `${this.shapes.api}/repos/${this.shapes.org}/${repo.name}/git/blobs/${sha}`,
        content: base64Lines(data),
        encoding: 'base64',
      },
    };
  }

  private async createBlob(req: ApiRequest, [o, r]: string[]) {
    const repo = this.repo(o, r);
    this.actor(req);
    const { content, encoding = 'utf-8' } = this.body(req);
    if (typeof content !== 'string')
      throw validationFailed(
        undefined,
        'Invalid request.\n\n"content" wasn\'t supplied.',
      );
    let data: Buffer;
    if (encoding === 'base64') data = decodeBase64(content);
    else if (encoding === 'utf-8' || encoding === 'utf8')
      data = Buffer.from(content, 'utf8');
    else
      throw new HttpError(
        422,
        `encoding must be "utf-8" or "base64", not ${JSON.stringify(encoding)}`,
      );
    const sha = await repo.git.writeBlob(data);
    const url = `${this.shapes.api}/repos/${this.shapes.org}/${repo.name}/git/blobs/${sha}`;
    return { status: 201, body: { url, sha }, headers: { location: url } };
  }

  private async getGitCommit(_req: ApiRequest, [o, r, sha]: string[]) {
    const repo = this.repo(o, r);
    if ((await repo.git.objectType(sha)) !== 'commit') throw notFound();
    return {
      status: 200,
      body: this.shapes.gitCommit(repo, await repo.git.readCommit(sha)),
    };
  }

  private async createGitCommit(req: ApiRequest, [o, r]: string[]) {
    const repo = this.repo(o, r);
    const actor = this.actor(req);
    const { message, tree, parents = [], author, committer } = this.body(req);
    if (typeof message !== 'string' || typeof tree !== 'string')
      throw validationFailed(
        undefined,
        'Invalid request.\n\n"message" and "tree" are required.',
      );
    if ((await repo.git.objectType(tree)) !== 'tree')
      throw new HttpError(422, 'Tree SHA does not exist');
    if (!Array.isArray(parents))
      throw new HttpError(422, 'parents must be an array');
    for (const p of parents)
      if (typeof p !== 'string' || (await repo.git.objectType(p)) !== 'commit')
        throw new HttpError(
          422,
          'Parent SHA does not exist or is not a commit object',
        );
    const person = (given: any, fallback: GitIdentity): GitIdentity => {
      if (given === undefined || given === null) return fallback;
      if (typeof given.name !== 'string' || typeof given.email !== 'string')
        throw new HttpError(
          422,
          'author and committer need a name and an email',
        );
      const date = given.date ?? fallback.date;
      if (Number.isNaN(Date.parse(date)))
        throw new HttpError(422, `Invalid date ${date}`);
      return {
        name: given.name,
        email: given.email,
        date: new Date(date).toISOString(),
      };
    };
    const authorIdentity = person(author, this.identity(actor));
    const sha = await repo.git.writeCommit({
      tree,
      parents,
      message,
      author: authorIdentity,
      committer: person(committer, authorIdentity),
    });
    const body = this.shapes.gitCommit(repo, await repo.git.readCommit(sha));
    return { status: 201, body, headers: { location: body.url } };
  }

  private async getCommit(_req: ApiRequest, [o, r, ref]: string[]) {
    const repo = this.repo(o, r);
    const sha = await repo.git.resolveCommit(ref);
    if (!sha) throw new HttpError(422, `No commit found for SHA: ${ref}`);
    const commit = await repo.git.readCommit(sha);
    const files = await repo.git.diff(
      commit.parents[0] ?? (await this.emptyTree(repo)),
      sha,
    );
    return { status: 200, body: this.shapes.commit(repo, commit, files) };
  }

  private async emptyTree(repo: RepoState) {
    return repo.git.writeTree(undefined, []);
  }

  // -- contents -----------------------------------------------------------------------------

  private contentEntry(
    repo: RepoState,
    ref: string,
    e: { path: string; sha: string; type: string; size?: number },
  ) {
    const full = `${this.shapes.org}/${repo.name}`;
    const encoded = e.path.split('/').map(encodeURIComponent).join('/');
    const url = `${
      this.shapes.api
    }/repos/${full}/contents/${encoded}?ref=${encodeURIComponent(ref)}`;
    const type =
      e.type === 'tree' ? 'dir' : e.type === 'commit' ? 'submodule' : 'file';
    const gitUrl =
      e.type === 'commit'
        ? null
        : `${this.shapes.api}/repos/${full}/git/${
            e.type === 'tree' ? 'trees' : 'blobs'
          }/${e.sha}`;
    const htmlUrl = `${this.shapes.html}/${full}/${
      type === 'dir' ? 'tree' : 'blob'
    }/${ref}/${encoded}`;
    return {
      type,
      size: e.size ?? 0,
      name: e.path.split('/').pop() ?? e.path,
      path: e.path,
      sha: e.sha,
      url,
      git_url: gitUrl,
      html_url: htmlUrl,
      download_url:
        type === 'file'
          ? `${this.shapes.html}/${full}/raw/${ref}/${encoded}`
          : null,
      _links: { self: url, git: gitUrl, html: htmlUrl },
    };
  }

  private async getContents(req: ApiRequest, [o, r, file]: string[]) {
    const repo = this.repo(o, r);
    const ref = req.query.get('ref') ?? repo.defaultBranch;
    const commit = await repo.git.resolveCommit(ref);
    if (!commit) throw new HttpError(404, `No commit found for the ref ${ref}`);
    const path = file.replace(/\/+$/, '');
    if (path !== '') assertSafeTreePath(path);
    const entry = await repo.git.entryAt(commit, path);
    if (!entry) throw notFound();
    if (entry.type === 'tree') {
      const children = await repo.git.readTree(entry.sha);
      return {
        status: 200,
        body: children.map(c =>
          this.contentEntry(repo, ref, {
            ...c,
            path: path ? `${path}/${c.path}` : c.path,
          }),
        ),
      };
    }
    const data =
      entry.type === 'blob'
        ? await repo.git.readBlob(entry.sha)
        : Buffer.alloc(0);
    if (req.accept?.includes('raw')) return { status: 200, raw: data };
    return {
      status: 200,
      body: {
        ...this.contentEntry(repo, ref, { ...entry, size: data.length }),
        content: base64Lines(data),
        encoding: 'base64',
      },
    };
  }

  private async putContents(req: ApiRequest, [o, r, file]: string[]) {
    const repo = this.repo(o, r);
    const actor = this.actor(req);
    assertSafeTreePath(file);
    const { message, content, sha, branch, committer, author } = this.body(req);
    if (typeof message !== 'string')
      throw validationFailed(
        undefined,
        'Invalid request.\n\n"message" wasn\'t supplied.',
      );
    const data = decodeBase64(content);
    const branchName = typeof branch === 'string' ? branch : repo.defaultBranch;
    const ref = `refs/heads/${branchName}`;
    return repo.git.exclusive(async () => {
      const head = await repo.git.readRef(ref);
      if (!head) throw new HttpError(404, `Branch ${branchName} not found`);
      const existing = await repo.git.entryAt(head, file);
      if (existing?.type === 'tree')
        throw new HttpError(422, `${file} is a directory`);
      if (existing && sha === undefined)
        throw validationFailed(
          undefined,
          'Invalid request.\n\n"sha" wasn\'t supplied.',
        );
      if (existing && sha !== existing.sha)
        throw new HttpError(409, `${file} does not match ${sha}`);
      const blob = await repo.git.writeBlob(data);
      const { tree: baseTree } = await repo.git.readCommit(head);
      const tree = await repo.git.writeTree(baseTree, [
        {
          path: file,
          mode: existing?.mode ?? '100644',
          type: 'blob',
          sha: blob,
        },
      ]);
      const id = (p: any) =>
        p && typeof p.name === 'string' && typeof p.email === 'string'
          ? { name: p.name, email: p.email, date: p.date ?? now() }
          : undefined;
      const authorId = id(author) ?? id(committer) ?? this.identity(actor);
      const commit = await repo.git.writeCommit({
        tree,
        parents: [head],
        message,
        author: authorId,
        committer: id(committer) ?? authorId,
      });
      await this.moveRef(repo, ref, head, commit, actor);
      const entry = await repo.git.entryAt(commit, file);
      const written = this.contentEntry(repo, branchName, {
        ...entry!,
        size: data.length,
      });
      return {
        status: existing ? 200 : 201,
        body: {
          content: written,
          commit: this.shapes.gitCommit(
            repo,
            await repo.git.readCommit(commit),
          ),
        },
      };
    });
  }

  // -- pull requests ------------------------------------------------------------------------

  private async createPull(req: ApiRequest, [o, r]: string[]) {
    const repo = this.repo(o, r);
    const actor = this.actor(req);
    const body = this.body(req);
    const { title, head, base, draft, maintainer_can_modify: canModify } = body;
    if (typeof title !== 'string' || title.trim() === '')
      throw validationFailed([
        { resource: 'PullRequest', field: 'title', code: 'missing_field' },
      ]);
    if (typeof head !== 'string' || typeof base !== 'string')
      throw validationFailed([
        {
          resource: 'PullRequest',
          field: typeof head !== 'string' ? 'head' : 'base',
          code: 'missing_field',
        },
      ]);
    if (
      body.body !== undefined &&
      body.body !== null &&
      typeof body.body !== 'string'
    )
      throw new HttpError(422, 'body must be a string');
    const colon = head.indexOf(':');
    const headOwner = colon === -1 ? this.shapes.org : head.slice(0, colon);
    const headRef = colon === -1 ? head : head.slice(colon + 1);
    if (headOwner.toLowerCase() !== this.shapes.org.toLowerCase())
      throw validationFailed([
        { resource: 'PullRequest', field: 'head', code: 'invalid' },
      ]);
    return repo.git.exclusive(async () => {
      const headSha = await repo.git.readRef(`refs/heads/${headRef}`);
      if (!headSha)
        throw validationFailed([
          { resource: 'PullRequest', field: 'head', code: 'invalid' },
        ]);
      const baseSha = await repo.git.readRef(`refs/heads/${base}`);
      if (!baseSha)
        throw validationFailed([
          { resource: 'PullRequest', field: 'base', code: 'invalid' },
        ]);
      const existing = repo.pulls.find(
        p => p.state === 'open' && p.headRef === headRef && p.baseRef === base,
      );
      if (existing)
        throw validationFailed([
          {
            resource: 'PullRequest',
            code: 'custom',
            message: `A pull request already exists for ${this.shapes.org}:${headRef}.`,
          },
        ]);
      if ((await repo.git.commitsBetween(baseSha, headSha)).length === 0)
        throw validationFailed([
          {
            resource: 'PullRequest',
            code: 'custom',
            message: `No commits between ${base} and ${headRef}`,
          },
        ]);
      const created = now();
      const pull: PullRecord = {
        id: this.state.id(),
        number: repo.nextNumber++,
        title,
        body: typeof body.body === 'string' ? body.body : undefined,
        state: 'open',
        draft: draft === true,
        user: actor,
        headRef,
        headSha,
        baseRef: base,
        baseSha,
        maintainerCanModify: canModify !== false,
        createdAt: created,
        updatedAt: created,
        labels: [],
        requestedReviewers: [],
        requestedTeams: [],
      };
      repo.pulls.push(pull);
      await this.emitPull(repo, pull, 'opened', actor);
      const json = await this.fullPull(repo, pull);
      return { status: 201, body: json, headers: { location: json.url } };
    });
  }

  private async listPulls(req: ApiRequest, [o, r]: string[]) {
    const repo = this.repo(o, r);
    const state = req.query.get('state') ?? 'open';
    if (!['open', 'closed', 'all'].includes(state))
      throw validationFailed([
        { resource: 'PullRequest', field: 'state', code: 'invalid' },
      ]);
    const head = req.query.get('head');
    const base = req.query.get('base');
    let pulls = repo.pulls.filter(p => state === 'all' || p.state === state);
    if (head) {
      const colon = head.indexOf(':');
      const owner = colon === -1 ? undefined : head.slice(0, colon);
      const ref = colon === -1 ? head : head.slice(colon + 1);
      pulls =
        owner && owner.toLowerCase() !== this.shapes.org.toLowerCase()
          ? []
          : pulls.filter(p => p.headRef === ref);
    }
    if (base) pulls = pulls.filter(p => p.baseRef === base);
    const sort = req.query.get('sort') ?? 'created';
    const direction =
      req.query.get('direction') ?? (sort === 'created' ? 'desc' : 'desc');
    const key = (p: PullRecord) =>
      (sort === 'updated' ? p.updatedAt : p.createdAt) +
      String(p.number).padStart(9, '0');
    pulls = [...pulls].sort((a, b) => key(a).localeCompare(key(b)));
    if (direction === 'desc') pulls.reverse();
    for (const p of pulls) await this.refresh(repo, p);
    return this.paginate(
      req,
      pulls.map(p => this.shapes.pull(repo, p)),
    );
  }

  private async getPull(req: ApiRequest, [o, r, n]: string[]) {
    const repo = this.repo(o, r);
    const pull = this.pull(repo, n);
    if (req.accept?.includes('diff') || req.accept?.includes('patch')) {
      await this.refresh(repo, pull);
      const files = await this.pullFiles(repo, pull);
      const text = files
        .map(
          f =>
            `diff --git a/${f.filename} b/${f.filename}\n${
              f.patch ?? 'Binary files differ'
            }\n`,
        )
        .join('');
      return { status: 200, raw: Buffer.from(text) };
    }
    return { status: 200, body: await this.fullPull(repo, pull) };
  }

  private async updatePull(req: ApiRequest, [o, r, n]: string[]) {
    const repo = this.repo(o, r);
    const actor = this.actor(req);
    const body = this.body(req);
    return repo.git.exclusive(async () => {
      const pull = this.pull(repo, n);
      await this.refresh(repo, pull);
      const changes: Json = {};
      if (body.title !== undefined) {
        if (typeof body.title !== 'string' || body.title.trim() === '')
          throw validationFailed([
            { resource: 'PullRequest', field: 'title', code: 'invalid' },
          ]);
        if (body.title !== pull.title) changes.title = { from: pull.title };
      }
      if (
        body.body !== undefined &&
        body.body !== null &&
        typeof body.body !== 'string'
      )
        throw validationFailed([
          { resource: 'PullRequest', field: 'body', code: 'invalid' },
        ]);
      if (body.body !== undefined && (body.body ?? undefined) !== pull.body)
        changes.body = { from: pull.body ?? null };
      if (body.state !== undefined && !['open', 'closed'].includes(body.state))
        throw validationFailed([
          { resource: 'PullRequest', field: 'state', code: 'invalid' },
        ]);
      let baseSha: string | undefined;
      if (body.base !== undefined && body.base !== pull.baseRef) {
        if (pull.mergedAt)
          throw validationFailed(
            undefined,
            'Cannot change the base branch of a merged pull request',
          );
        baseSha =
          typeof body.base === 'string'
            ? await repo.git.readRef(`refs/heads/${body.base}`)
            : undefined;
        if (!baseSha)
          throw validationFailed([
            { resource: 'PullRequest', field: 'base', code: 'invalid' },
          ]);
        changes.base = {
          ref: { from: pull.baseRef },
          sha: { from: pull.baseSha },
        };
      }
      if (body.state === 'open' && pull.state === 'closed' && pull.mergedAt)
        throw validationFailed(
          undefined,
          'Cannot reopen a merged pull request',
        );
      const readyForReview = body.draft === false && pull.draft;
      const convertedToDraft = body.draft === true && !pull.draft;
      if (changes.title) pull.title = body.title;
      if (changes.body) pull.body = body.body ?? undefined;
      if (changes.base) {
        pull.baseRef = body.base;
        pull.baseSha = baseSha!;
      }
      if (typeof body.maintainer_can_modify === 'boolean')
        pull.maintainerCanModify = body.maintainer_can_modify;
      if (typeof body.draft === 'boolean') pull.draft = body.draft;
      const stateChange =
        body.state && body.state !== pull.state ? body.state : undefined;
      if (stateChange === 'closed') {
        pull.state = 'closed';
        pull.closedAt = now();
      } else if (stateChange === 'open') {
        pull.state = 'open';
        pull.closedAt = undefined;
        await this.refresh(repo, pull);
      }
      pull.updatedAt = now();
      if (Object.keys(changes).length > 0)
        await this.emitPull(repo, pull, 'edited', actor, { changes });
      if (readyForReview)
        await this.emitPull(repo, pull, 'ready_for_review', actor);
      if (convertedToDraft)
        await this.emitPull(repo, pull, 'converted_to_draft', actor);
      if (stateChange === 'closed')
        await this.emitPull(repo, pull, 'closed', actor);
      if (stateChange === 'open')
        await this.emitPull(repo, pull, 'reopened', actor);
      return { status: 200, body: await this.fullPull(repo, pull) };
    });
  }

  private async listPullFiles(req: ApiRequest, [o, r, n]: string[]) {
    const repo = this.repo(o, r);
    const pull = this.pull(repo, n);
    await this.refresh(repo, pull);
    const files = await this.pullFiles(repo, pull);
    return this.paginate(
      req,
      files.map(f => this.shapes.diffEntry(repo, pull.headSha, f)),
    );
  }

  private async listPullCommits(req: ApiRequest, [o, r, n]: string[]) {
    const repo = this.repo(o, r);
    const pull = this.pull(repo, n);
    await this.refresh(repo, pull);
    const shas = await this.pullCommits(repo, pull);
    const commits = [];
    for (const sha of shas)
      commits.push(this.shapes.commit(repo, await repo.git.readCommit(sha)));
    return this.paginate(req, commits);
  }

  private async requestReviewers(req: ApiRequest, [o, r, n]: string[]) {
    const repo = this.repo(o, r);
    const actor = this.actor(req);
    const { reviewers = [], team_reviewers: teamReviewers = [] } =
      this.body(req);
    if (
      !Array.isArray(reviewers) ||
      !Array.isArray(teamReviewers) ||
      [...reviewers, ...teamReviewers].some(x => typeof x !== 'string')
    )
      throw validationFailed(
        undefined,
        'Invalid request.\n\n"reviewers" and "team_reviewers" must be arrays of strings.',
      );
    const pull = this.pull(repo, n);
    const users = reviewers.map((login: string) => this.state.user(login));
    const teams = teamReviewers.map((slug: string) =>
      this.state.teams.get(slug.replace(/^.*\//, '').toLowerCase()),
    );
    if (users.some((u: unknown) => !u) || teams.some((t: unknown) => !t))
      throw validationFailed(
        undefined,
        `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${this.shapes.org}/${repo.name} repository.`,
      );
    if (
      users.some((u: any) => u.login.toLowerCase() === pull.user.toLowerCase())
    )
      throw validationFailed(
        undefined,
        'Review cannot be requested from pull request author.',
      );
    for (const u of users as UserRecord[]) {
      if (pull.requestedReviewers.includes(u.login)) continue;
      pull.requestedReviewers.push(u.login);
      await this.emitPull(repo, pull, 'review_requested', actor, {
        requested_reviewer: this.shapes.user(u.login),
      });
    }
    for (const t of teams as TeamRecord[]) {
      if (pull.requestedTeams.includes(t.slug)) continue;
      pull.requestedTeams.push(t.slug);
      await this.emitPull(repo, pull, 'review_requested', actor, {
        requested_team: this.shapes.team(t),
      });
    }
    pull.updatedAt = now();
    await this.refresh(repo, pull);
    return { status: 201, body: this.shapes.pull(repo, pull) };
  }

  private async getRequestedReviewers(_req: ApiRequest, [o, r, n]: string[]) {
    const repo = this.repo(o, r);
    const pull = this.pull(repo, n);
    const body = this.shapes.pull(repo, pull);
    return {
      status: 200,
      body: { users: body.requested_reviewers, teams: body.requested_teams },
    };
  }

  private async removeRequestedReviewers(req: ApiRequest, [o, r, n]: string[]) {
    const repo = this.repo(o, r);
    const actor = this.actor(req);
    const { reviewers = [], team_reviewers: teamReviewers = [] } =
      this.body(req);
    if (!Array.isArray(reviewers) || !Array.isArray(teamReviewers))
      throw validationFailed(
        undefined,
        'Invalid request.\n\n"reviewers" must be an array.',
      );
    const pull = this.pull(repo, n);
    for (const login of reviewers) {
      const i = pull.requestedReviewers.findIndex(
        l => l.toLowerCase() === String(login).toLowerCase(),
      );
      if (i === -1) continue;
      const [removed] = pull.requestedReviewers.splice(i, 1);
      await this.emitPull(repo, pull, 'review_request_removed', actor, {
        requested_reviewer: this.shapes.user(removed),
      });
    }
    for (const slug of teamReviewers) {
      const i = pull.requestedTeams.indexOf(
        String(slug).replace(/^.*\//, '').toLowerCase(),
      );
      if (i === -1) continue;
      const [removed] = pull.requestedTeams.splice(i, 1);
      const team = this.state.teams.get(removed);
      if (team)
        await this.emitPull(repo, pull, 'review_request_removed', actor, {
          requested_team: this.shapes.team(team),
        });
    }
    await this.refresh(repo, pull);
    return { status: 200, body: this.shapes.pull(repo, pull) };
  }

  async submitReview(
    repo: RepoState,
    pull: PullRecord,
    actor: string,
    event: unknown,
    body: unknown,
    commitId?: unknown,
  ): Promise<ReviewRecord> {
    if (body !== undefined && body !== null && typeof body !== 'string')
      throw validationFailed(undefined, 'body must be a string');
    const text = typeof body === 'string' ? body : '';
    const states: Record<string, ReviewRecord['state']> = {
      APPROVE: 'APPROVED',
      REQUEST_CHANGES: 'CHANGES_REQUESTED',
      COMMENT: 'COMMENTED',
    };
    if (event !== undefined && event !== null && !(String(event) in states))
      throw validationFailed(
        undefined,
        `Unexpected event ${JSON.stringify(
          event,
        )}: use APPROVE, REQUEST_CHANGES or COMMENT`,
      );
    const state = event ? states[String(event)] : 'PENDING';
    const own = actor.toLowerCase() === pull.user.toLowerCase();
    if (own && state === 'APPROVED')
      throw new HttpError(422, 'Unprocessable Entity', [
        'Can not approve your own pull request',
      ]);
    if (own && state === 'CHANGES_REQUESTED')
      throw new HttpError(422, 'Unprocessable Entity', [
        'Can not request changes on your own pull request',
      ]);
    if (
      (state === 'CHANGES_REQUESTED' || state === 'COMMENTED') &&
      text.trim() === ''
    )
      throw new HttpError(422, 'Unprocessable Entity', [
        `Body is required for ${event}`,
      ]);
    if (!this.state.user(actor))
      throw new HttpError(422, 'Unprocessable Entity', [
        `${actor} is not a collaborator`,
      ]);
    await this.refresh(repo, pull);
    if (
      commitId !== undefined &&
      commitId !== null &&
      (typeof commitId !== 'string' || !SHA.test(commitId))
    )
      throw new HttpError(422, 'Unprocessable Entity', [
        'commit_id is not a valid commit sha',
      ]);
    const review: ReviewRecord = {
      id: this.state.id(),
      pullNumber: pull.number,
      user: this.shapes.userRecord(actor).login,
      body: text,
      state,
      commitId: typeof commitId === 'string' ? commitId : pull.headSha,
      submittedAt: state === 'PENDING' ? undefined : now(),
    };
    repo.reviews.push(review);
    if (state !== 'PENDING') {
      pull.requestedReviewers = pull.requestedReviewers.filter(
        l => l.toLowerCase() !== actor.toLowerCase(),
      );
      pull.updatedAt = now();
      this.hooks.emit('pull_request_review', {
        action: 'submitted',
        review: this.shapes.review(repo, pull, review),
        pull_request: this.forWebhook(repo, this.shapes.pull(repo, pull)),
        ...this.webhookBase(repo, actor),
      });
    }
    return review;
  }

  private async createReview(req: ApiRequest, [o, r, n]: string[]) {
    const repo = this.repo(o, r);
    const actor = this.actor(req);
    const { event, body, commit_id: commitId } = this.body(req);
    const pull = this.pull(repo, n);
    const review = await this.submitReview(
      repo,
      pull,
      actor,
      event,
      body,
      commitId,
    );
    return { status: 200, body: this.shapes.review(repo, pull, review) };
  }

  private async listReviews(req: ApiRequest, [o, r, n]: string[]) {
    const repo = this.repo(o, r);
    const pull = this.pull(repo, n);
    const reviews = repo.reviews.filter(
      x =>
        x.pullNumber === pull.number &&
        (x.state !== 'PENDING' || x.user === req.actor),
    );
    return this.paginate(
      req,
      reviews.map(x => this.shapes.review(repo, pull, x)),
    );
  }

  private async checkMerged(_req: ApiRequest, [o, r, n]: string[]) {
    const pull = this.pull(this.repo(o, r), n);
    if (!pull.mergedAt) throw notFound();
    return { status: 204 };
  }

  /** Merges a PR for real: a merge commit (or a squash) on the base branch. */
  async merge(
    repo: RepoState,
    pull: PullRecord,
    actor: string,
    options: {
      sha?: unknown;
      commitTitle?: unknown;
      commitMessage?: unknown;
      method?: unknown;
    } = {},
  ): Promise<string> {
    return repo.git.exclusive(async () => {
      await this.refresh(repo, pull);
      const method = options.method ?? 'merge';
      if (method !== 'merge' && method !== 'squash')
        throw validationFailed(
          undefined,
          `Merge method ${String(
            method,
          )} is not supported by the emulator (use merge or squash)`,
        );
      if (pull.state !== 'open')
        throw new HttpError(405, 'Pull Request is not mergeable');
      if (options.sha !== undefined && options.sha !== pull.headSha)
        throw new HttpError(
          409,
          'Head branch was modified. Review and try the merge again.',
        );
      const base = pull.baseSha;
      const tree = await repo.git.mergeTrees(base, pull.headSha);
      if (!tree) throw new HttpError(405, 'Pull Request is not mergeable');
      const title =
        typeof options.commitTitle === 'string' && options.commitTitle
          ? options.commitTitle
          : method === 'squash'
          ? `${pull.title} (#${pull.number})`
          : `Merge pull request #${pull.number} from ${this.shapes.org}/${pull.headRef}`;
      const message =
        typeof options.commitMessage === 'string'
          ? options.commitMessage
          : method === 'squash'
          ? pull.body ?? ''
          : pull.title;
      const me = this.identity(actor);
      const commit = await repo.git.writeCommit({
        tree,
        parents: method === 'squash' ? [base] : [base, pull.headSha],
        message: message ? `${title}\n\n${message}\n` : `${title}\n`,
        author: me,
        committer: {
          name: 'GitHub',
          email: 'noreply@github.com',
          date: me.date,
        },
      });
      await this.moveRef(
        repo,
        `refs/heads/${pull.baseRef}`,
        base,
        commit,
        actor,
      );
      const at = now();
      pull.state = 'closed';
      pull.mergedAt = at;
      pull.closedAt = at;
      pull.updatedAt = at;
      pull.mergeCommitSha = commit;
      pull.mergedBy = this.shapes.userRecord(actor).login;
      await this.emitPull(repo, pull, 'closed', actor);
      return commit;
    });
  }

  private async mergePull(req: ApiRequest, [o, r, n]: string[]) {
    const repo = this.repo(o, r);
    const actor = this.actor(req);
    const body = this.body(req);
    const pull = this.pull(repo, n);
    const sha = await this.merge(repo, pull, actor, {
      sha: body.sha,
      commitTitle: body.commit_title,
      commitMessage: body.commit_message,
      method: body.merge_method,
    });
    return {
      status: 200,
      body: { sha, merged: true, message: 'Pull Request successfully merged' },
    };
  }

  // -- labels -------------------------------------------------------------------------------

  private async addLabels(req: ApiRequest, [o, r, n]: string[]) {
    const repo = this.repo(o, r);
    const actor = this.actor(req);
    const raw = Array.isArray(req.body) ? req.body : this.body(req).labels;
    if (!Array.isArray(raw))
      throw validationFailed(
        undefined,
        'Invalid request.\n\n"labels" wasn\'t supplied.',
      );
    const names: string[] = raw.map((x: any) =>
      typeof x === 'string' ? x : x?.name,
    );
    if (
      names.some(
        x => typeof x !== 'string' || x.trim() === '' || x.length > 100,
      )
    )
      throw validationFailed([
        { resource: 'Label', field: 'name', code: 'invalid' },
      ]);
    const pull = this.pull(repo, n);
    const added: string[] = [];
    for (const name of names) {
      const key = name.toLowerCase();
      if (!repo.labels.has(key))
        repo.labels.set(key, { id: this.state.id(), name, color: 'ededed' });
      if (!pull.labels.some(l => l.toLowerCase() === key)) {
        pull.labels.push(repo.labels.get(key)!.name);
        added.push(key);
      }
    }
    if (added.length) pull.updatedAt = now();
    for (const key of added)
      await this.emitPull(repo, pull, 'labeled', actor, {
        label: this.shapes.label(repo, repo.labels.get(key)!),
      });
    return this.labelsOf(repo, pull);
  }

  private labelsOf(repo: RepoState, pull: PullRecord): ApiResponse {
    return {
      status: 200,
      body: pull.labels.map(l =>
        this.shapes.label(repo, repo.labels.get(l.toLowerCase())!),
      ),
    };
  }

  private async listLabels(_req: ApiRequest, [o, r, n]: string[]) {
    const repo = this.repo(o, r);
    return this.labelsOf(repo, this.pull(repo, n));
  }

  // -- statuses and check runs --------------------------------------------------------------

  private async createStatus(req: ApiRequest, [o, r, ref]: string[]) {
    const repo = this.repo(o, r);
    const actor = this.actor(req);
    const {
      state,
      target_url: targetUrl,
      description,
      context = 'default',
    } = this.body(req);
    if (!['error', 'failure', 'pending', 'success'].includes(state))
      throw validationFailed([
        {
          resource: 'Status',
          code: 'custom',
          field: 'state',
          message: 'state is not included in the list',
        },
      ]);
    for (const [k, v] of Object.entries({
      target_url: targetUrl,
      description,
      context,
    }))
      if (v !== undefined && v !== null && typeof v !== 'string')
        throw validationFailed([
          { resource: 'Status', field: k, code: 'invalid' },
        ]);
    const sha = await this.commitSha(repo, ref);
    const at = now();
    const status: StatusRecord = {
      id: this.state.id(),
      sha,
      state,
      targetUrl: targetUrl ?? undefined,
      description: description ?? undefined,
      context,
      creator: actor,
      createdAt: at,
      updatedAt: at,
    };
    repo.statuses.push(status);
    const commit = await repo.git.readCommit(sha);
    const branches = (await repo.git.listRefs('refs/heads/'))
      .filter(b => b.sha === sha)
      .map(b => ({
        name: b.ref.slice('refs/heads/'.length),
        commit: {
          sha,
          url: `${this.shapes.api}/repos/${this.shapes.org}/${repo.name}/commits/${sha}`,
        },
        protected: false,
      }));
    const commitJson = this.shapes.commit(repo, commit);
    this.hooks.emit('status', {
      id: status.id,
      sha,
      name: `${this.shapes.org}/${repo.name}`,
      target_url: status.targetUrl ?? null,
      avatar_url: null,
      context,
      description: status.description ?? null,
      state,
      commit: commitJson,
      branches,
      created_at: at,
      updated_at: at,
      ...this.webhookBase(repo, actor),
    });
    const json = this.shapes.status(repo, status);
    return { status: 201, body: json, headers: { location: json.url } };
  }

  private async getCombinedStatus(req: ApiRequest, [o, r, ref]: string[]) {
    const repo = this.repo(o, r);
    const sha = await repo.git.resolveCommit(ref);
    if (!sha) throw new HttpError(404, `No commit found for SHA: ${ref}`);
    const combined = this.shapes.combinedStatus(repo, sha);
    const page = this.paginate(req, combined.statuses);
    return { ...page, body: { ...combined, statuses: page.body } };
  }

  private async listStatuses(req: ApiRequest, [o, r, ref]: string[]) {
    const repo = this.repo(o, r);
    const sha = await repo.git.resolveCommit(ref);
    if (!sha) throw new HttpError(404, `No commit found for SHA: ${ref}`);
    const statuses = repo.statuses
      .filter(s => s.sha === sha)
      .sort((a, b) => b.id - a.id)
      .map(s => this.shapes.status(repo, s));
    return this.paginate(req, statuses);
  }

  private checkRunFields(body: Json, run: CheckRunRecord) {
    const statuses = [
      'queued',
      'in_progress',
      'completed',
      'waiting',
      'requested',
      'pending',
    ];
    const conclusions = [
      'action_required',
      'cancelled',
      'failure',
      'neutral',
      'success',
      'skipped',
      'stale',
      'timed_out',
    ];
    if (body.status !== undefined && !statuses.includes(body.status))
      throw validationFailed([
        { resource: 'CheckRun', field: 'status', code: 'invalid' },
      ]);
    if (
      body.conclusion !== undefined &&
      body.conclusion !== null &&
      !conclusions.includes(body.conclusion)
    )
      throw validationFailed([
        { resource: 'CheckRun', field: 'conclusion', code: 'invalid' },
      ]);
    for (const key of [
      'name',
      'details_url',
      'external_id',
      'started_at',
      'completed_at',
    ])
      if (
        body[key] !== undefined &&
        body[key] !== null &&
        typeof body[key] !== 'string'
      )
        throw validationFailed([
          { resource: 'CheckRun', field: key, code: 'invalid' },
        ]);
    if (
      body.output !== undefined &&
      (typeof body.output !== 'object' || body.output === null)
    )
      throw validationFailed([
        { resource: 'CheckRun', field: 'output', code: 'invalid' },
      ]);
    if (typeof body.name === 'string') run.name = body.name;
    if (body.details_url !== undefined)
      run.detailsUrl = body.details_url ?? undefined;
    if (body.external_id !== undefined)
      run.externalId = body.external_id ?? undefined;
    if (body.started_at) run.startedAt = body.started_at;
    if (body.status) run.status = body.status;
    if (body.conclusion) {
      run.conclusion = body.conclusion;
      run.status = 'completed';
    }
    if (run.status === 'completed') {
      if (!run.conclusion)
        throw validationFailed(
          undefined,
          'Invalid request.\n\n"conclusion" is required when "status" is "completed".',
        );
      run.completedAt = body.completed_at ?? run.completedAt ?? now();
    }
    if (body.output) {
      const { title, summary, text } = body.output;
      run.output = {
        title: typeof title === 'string' ? title : run.output.title,
        summary: typeof summary === 'string' ? summary : run.output.summary,
        text: typeof text === 'string' ? text : run.output.text,
      };
    }
  }

  private emitCheckRun(
    repo: RepoState,
    run: CheckRunRecord,
    action: string,
    actor: string,
  ) {
    const json = this.shapes.checkRun(repo, run);
    this.hooks.emit('check_run', {
      action,
      check_run: {
        ...json,
        check_suite: {
          id: run.suiteId,
          node_id: `CS_${run.suiteId}`,
          head_branch: null,
          head_sha: run.headSha,
          status: run.status === 'completed' ? 'completed' : 'queued',
          conclusion:
            run.status === 'completed' ? run.conclusion ?? null : null,
          url: `${this.shapes.api}/repos/${this.shapes.org}/${repo.name}/check-suites/${run.suiteId}`,
          before: null,
          after: run.headSha,
          pull_requests: json.pull_requests,
          app: json.app,
          created_at: run.startedAt ?? now(),
          updated_at: now(),
        },
      },
      ...this.webhookBase(repo, actor),
    });
  }

  private async createCheckRun(req: ApiRequest, [o, r]: string[]) {
    const repo = this.repo(o, r);
    const actor = this.actor(req);
    const body = this.body(req);
    if (typeof body.name !== 'string' || body.name === '')
      throw validationFailed(
        undefined,
        'Invalid request.\n\n"name" wasn\'t supplied.',
      );
    if (typeof body.head_sha !== 'string')
      throw validationFailed(
        undefined,
        'Invalid request.\n\n"head_sha" wasn\'t supplied.',
      );
    const sha = await repo.git.resolveCommit(body.head_sha);
    if (!sha || sha !== body.head_sha)
      throw validationFailed(
        undefined,
        `No commit found for SHA: ${body.head_sha}`,
      );
    const existingSuite = repo.checkRuns.find(c => c.headSha === sha)?.suiteId;
    const run: CheckRunRecord = {
      id: this.state.id(),
      suiteId: existingSuite ?? this.state.id(),
      headSha: sha,
      name: body.name,
      status: 'queued',
      startedAt: now(),
      output: {},
    };
    this.checkRunFields(body, run);
    repo.checkRuns.push(run);
    this.emitCheckRun(repo, run, 'created', actor);
    if (run.status === 'completed')
      this.emitCheckRun(repo, run, 'completed', actor);
    return { status: 201, body: this.shapes.checkRun(repo, run) };
  }

  private checkRun(repo: RepoState, id: string) {
    const run = repo.checkRuns.find(c => c.id === Number(id));
    if (!run) throw notFound();
    return run;
  }

  private async getCheckRun(_req: ApiRequest, [o, r, id]: string[]) {
    const repo = this.repo(o, r);
    return {
      status: 200,
      body: this.shapes.checkRun(repo, this.checkRun(repo, id)),
    };
  }

  private async updateCheckRun(req: ApiRequest, [o, r, id]: string[]) {
    const repo = this.repo(o, r);
    const actor = this.actor(req);
    const run = this.checkRun(repo, id);
    const wasCompleted = run.status === 'completed';
    const copy = { ...run, output: { ...run.output } };
    this.checkRunFields(this.body(req), copy);
    Object.assign(run, copy);
    if (!wasCompleted && run.status === 'completed')
      this.emitCheckRun(repo, run, 'completed', actor);
    return { status: 200, body: this.shapes.checkRun(repo, run) };
  }

  private async listCheckRuns(req: ApiRequest, [o, r, ref]: string[]) {
    const repo = this.repo(o, r);
    const sha = await repo.git.resolveCommit(ref);
    if (!sha) throw new HttpError(404, `No commit found for SHA: ${ref}`);
    let runs = repo.checkRuns.filter(c => c.headSha === sha);
    const name = req.query.get('check_name');
    if (name) runs = runs.filter(c => c.name === name);
    const status = req.query.get('status');
    if (status) runs = runs.filter(c => c.status === status);
    runs = [...runs].sort((a, b) => b.id - a.id);
    const page = this.paginate(
      req,
      runs.map(c => this.shapes.checkRun(repo, c)),
    );
    return {
      ...page,
      body: { total_count: runs.length, check_runs: page.body },
    };
  }
}
