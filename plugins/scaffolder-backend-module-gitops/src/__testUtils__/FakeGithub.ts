import { createHash } from 'node:crypto';
import { http, HttpResponse, JsonBodyType } from 'msw';

/** The API base URL of the fake, as configured in {@link githubTestConfig}. */
export const FAKE_GITHUB_API = 'https://api.github.test';
export const FAKE_OWNER = 'shipshape-demo';
export const FAKE_REPO = 'gitops';
export const FAKE_REPO_URL = `github.test?owner=${FAKE_OWNER}&repo=${FAKE_REPO}`;

/** Config with a GitHub integration that points at the fake. */
export const githubTestConfig = {
  integrations: {
    github: [
      { host: 'github.test', apiBaseUrl: FAKE_GITHUB_API, token: 'test-token' },
    ],
  },
  app: { baseUrl: 'https://portal.test' },
};

export interface FakePull {
  number: number;
  head: string;
  base: string;
  title: string;
  body: string;
  draft: boolean;
  state: 'open' | 'closed';
  labels: string[];
  reviewers: string[];
  teamReviewers: string[];
}

interface Failure {
  method: string;
  path: RegExp;
  status: number;
  headers?: Record<string, string>;
  message?: string;
  times: number;
}

/** The branch of a ref URL (`.../git/ref/heads%2Fmain` or `.../git/refs/heads/main`). */
function branchOf(url: URL, marker: string): string {
  const ref = decodeURIComponent(url.pathname.split(marker)[1] ?? '');
  return ref.replace(/^heads\//, '');
}

function blobSha(content: Buffer): string {
  return createHash('sha1')
    .update(`blob ${content.length}\0`)
    .update(content)
    .digest('hex');
}

/**
 * An in-memory GitHub repository behind msw: the REST endpoints the actions use (git data API,
 * pulls, labels, reviewers), with git's blob ids so that plans compare like GitHub does. Records
 * every request and can fail chosen ones.
 */
export class FakeGithub {
  readonly blobs = new Map<string, Buffer>();
  /** Tree id → every file of the tree (path → blob id). Sub-trees are `<id>:<dir>`. */
  readonly trees = new Map<string, Map<string, string>>();
  readonly commits = new Map<
    string,
    { tree: string; parents: string[]; message: string }
  >();
  readonly refs = new Map<string, string>();
  readonly pulls: FakePull[] = [];
  readonly requests: Array<{ method: string; path: string; body?: unknown }> =
    [];
  private readonly failures: Failure[] = [];
  private counter = 0;

  /** Seeds `branch` with one commit holding `files`. */
  seed(files: Record<string, string>, branch = 'main'): string {
    const tree = new Map<string, string>();
    for (const [path, content] of Object.entries(files)) {
      tree.set(path, this.putBlob(Buffer.from(content, 'utf8')));
    }
    const treeId = this.putTree(tree);
    const sha = this.putCommit(treeId, [], 'seed');
    this.refs.set(branch, sha);
    return sha;
  }

  /** The files of a branch (path → text). */
  filesOf(branch: string): Record<string, string> {
    const commit = this.commits.get(this.refs.get(branch)!)!;
    const tree = this.trees.get(commit.tree)!;
    return Object.fromEntries(
      [...tree].map(([path, sha]) => [
        path,
        this.blobs.get(sha)!.toString('utf8'),
      ]),
    );
  }

  /** Makes the next `times` requests matching `method` and `path` fail. */
  fail(
    method: string,
    path: RegExp,
    status: number,
    options: {
      headers?: Record<string, string>;
      message?: string;
      times?: number;
    } = {},
  ) {
    this.failures.push({
      method,
      path,
      status,
      times: options.times ?? 1,
      ...options,
    });
  }

  /** Requests that change the repository. */
  writes() {
    return this.requests.filter(r => r.method !== 'GET');
  }

  handlers() {
    const base = `${FAKE_GITHUB_API}/repos/${FAKE_OWNER}/${FAKE_REPO}`;
    const route = (
      method: 'get' | 'post' | 'patch' | 'delete',
      path: string,
      answer: (args: {
        params: Record<string, string | readonly string[] | undefined>;
        body: any;
        url: URL;
      }) => Response | Promise<Response>,
    ) =>
      http[method](`${base}${path}`, async ({ request, params }) => {
        const url = new URL(request.url);
        const body =
          method === 'get' || method === 'delete'
            ? undefined
            : await request.json().catch(() => undefined);
        const relative = url.pathname.slice(new URL(base).pathname.length);
        this.requests.push({
          method: method.toUpperCase(),
          path: relative,
          body,
        });
        const failure = this.failures.find(
          f =>
            f.method === method.toUpperCase() &&
            f.path.test(relative) &&
            f.times > 0,
        );
        if (failure) {
          failure.times--;
          return HttpResponse.json(
            { message: failure.message ?? `failure ${failure.status}` },
            { status: failure.status, headers: failure.headers },
          );
        }
        return answer({ params, body, url });
      });
    const json = (data: JsonBodyType, status = 200) =>
      HttpResponse.json(data, { status });
    const error = (status: number, message: string) =>
      HttpResponse.json({ message }, { status });

    return [
      http.get(base, () =>
        json({
          default_branch: 'main',
          full_name: `${FAKE_OWNER}/${FAKE_REPO}`,
        }),
      ),
      route('get', '/git/ref/*', ({ url }) => {
        const branch = branchOf(url, '/git/ref/');
        const sha = this.refs.get(branch);
        return sha
          ? json({
              ref: `refs/heads/${branch}`,
              object: { sha, type: 'commit' },
            })
          : error(404, 'Not Found');
      }),
      route('get', '/git/commits/:sha', ({ params }) => {
        const commit = this.commits.get(String(params.sha));
        return commit
          ? json({
              sha: params.sha as string,
              tree: { sha: commit.tree },
              parents: commit.parents.map(sha => ({ sha })),
            })
          : error(404, 'Not Found');
      }),
      route('get', '/git/trees/:sha', ({ params, url }) => {
        const id = decodeURIComponent(String(params.sha));
        const [root, dir = ''] = id.split(/:(.*)/s);
        const files = this.trees.get(root);
        if (!files) return error(404, 'Not Found');
        const prefix = dir ? `${dir}/` : '';
        const recursive = url.searchParams.has('recursive');
        const entries: Array<Record<string, unknown>> = [];
        const dirs = new Set<string>();
        for (const [path, sha] of files) {
          if (!path.startsWith(prefix)) continue;
          const rest = path.slice(prefix.length);
          const parts = rest.split('/');
          if (recursive || parts.length === 1) {
            entries.push({
              path: rest,
              type: 'blob',
              mode: '100644',
              sha,
              size: this.blobs.get(sha)!.length,
            });
          }
          if (parts.length > 1) {
            for (let i = 1; i < (recursive ? parts.length : 2); i++) {
              dirs.add(parts.slice(0, i).join('/'));
            }
          }
        }
        for (const d of dirs) {
          entries.push({
            path: d,
            type: 'tree',
            mode: '040000',
            sha: `${root}:${prefix}${d}`,
          });
        }
        return json({ sha: id, tree: entries, truncated: false });
      }),
      route('get', '/git/blobs/:sha', ({ params }) => {
        const blob = this.blobs.get(String(params.sha));
        return blob
          ? json({
              sha: params.sha as string,
              content: blob.toString('base64'),
              encoding: 'base64',
              size: blob.length,
            })
          : error(404, 'Not Found');
      }),
      route('post', '/git/blobs', ({ body }) => {
        const content = Buffer.from(
          body.content,
          body.encoding === 'base64' ? 'base64' : 'utf8',
        );
        return json({ sha: this.putBlob(content) }, 201);
      }),
      route('post', '/git/trees', ({ body }) => {
        const baseTree = this.trees.get(body.base_tree);
        if (body.base_tree && !baseTree)
          return error(422, 'base_tree not found');
        const tree = new Map(baseTree ?? []);
        for (const entry of body.tree) {
          if (entry.sha === null) tree.delete(entry.path);
          else if (!this.blobs.has(entry.sha))
            return error(422, `blob ${entry.sha} not found`);
          else tree.set(entry.path, entry.sha);
        }
        return json({ sha: this.putTree(tree) }, 201);
      }),
      route('post', '/git/commits', ({ body }) => {
        if (!this.trees.has(body.tree)) return error(422, 'tree not found');
        return json(
          { sha: this.putCommit(body.tree, body.parents, body.message) },
          201,
        );
      }),
      route('post', '/git/refs', ({ body }) => {
        const branch = String(body.ref).replace(/^refs\/heads\//, '');
        if (this.refs.has(branch))
          return error(422, 'Reference already exists');
        if (!this.commits.has(body.sha))
          return error(422, 'Object does not exist');
        this.refs.set(branch, body.sha);
        return json({ ref: body.ref, object: { sha: body.sha } }, 201);
      }),
      route('patch', '/git/refs/*', ({ url, body }) => {
        const branch = branchOf(url, '/git/refs/');
        if (!this.refs.has(branch))
          return error(422, 'Reference does not exist');
        this.refs.set(branch, body.sha);
        return json({ ref: `refs/heads/${branch}`, object: { sha: body.sha } });
      }),
      route('delete', '/git/refs/*', ({ url }) => {
        const branch = branchOf(url, '/git/refs/');
        if (!this.refs.delete(branch))
          return error(422, 'Reference does not exist');
        return new HttpResponse(null, { status: 204 });
      }),
      route('get', '/pulls', ({ url }) => {
        const head = url.searchParams.get('head')?.split(':')[1];
        const state = url.searchParams.get('state') ?? 'open';
        return json(
          this.pulls
            .filter(
              p =>
                (!head || p.head === head) &&
                (state === 'all' || p.state === state),
            )
            .map(p => this.pullJson(p)),
        );
      }),
      route('post', '/pulls', ({ body }) => {
        if (!this.refs.has(body.head))
          return error(422, 'Validation Failed: head invalid');
        if (this.pulls.some(p => p.head === body.head && p.state === 'open')) {
          return error(
            422,
            `A pull request already exists for ${FAKE_OWNER}:${body.head}.`,
          );
        }
        const pull: FakePull = {
          number: this.pulls.length + 1,
          head: body.head,
          base: body.base,
          title: body.title,
          body: body.body ?? '',
          draft: Boolean(body.draft),
          state: 'open',
          labels: [],
          reviewers: [],
          teamReviewers: [],
        };
        this.pulls.push(pull);
        return json(this.pullJson(pull), 201);
      }),
      route('patch', '/pulls/:number', ({ params, body }) => {
        const pull = this.pulls.find(p => p.number === Number(params.number));
        if (!pull) return error(404, 'Not Found');
        if (body.title !== undefined) pull.title = body.title;
        if (body.body !== undefined) pull.body = body.body;
        return json(this.pullJson(pull));
      }),
      route('post', '/issues/:number/labels', ({ params, body }) => {
        const pull = this.pulls.find(p => p.number === Number(params.number));
        if (!pull) return error(404, 'Not Found');
        pull.labels = [...new Set([...pull.labels, ...body.labels])];
        return json(pull.labels.map(name => ({ name })));
      }),
      route(
        'post',
        '/pulls/:number/requested_reviewers',
        ({ params, body }) => {
          const pull = this.pulls.find(p => p.number === Number(params.number));
          if (!pull) return error(404, 'Not Found');
          pull.reviewers = [
            ...new Set([...pull.reviewers, ...(body.reviewers ?? [])]),
          ];
          pull.teamReviewers = [
            ...new Set([...pull.teamReviewers, ...(body.team_reviewers ?? [])]),
          ];
          return json(this.pullJson(pull), 201);
        },
      ),
    ];
  }

  private pullJson(pull: FakePull) {
    return {
      number: pull.number,
      html_url: `https://github.test/${FAKE_OWNER}/${FAKE_REPO}/pull/${pull.number}`,
      title: pull.title,
      body: pull.body,
      draft: pull.draft,
      state: pull.state,
      head: { ref: pull.head },
      base: { ref: pull.base },
    };
  }

  private putBlob(content: Buffer): string {
    const sha = blobSha(content);
    this.blobs.set(sha, content);
    return sha;
  }

  private putTree(files: Map<string, string>): string {
    const id = `tree${++this.counter}`;
    this.trees.set(id, files);
    return id;
  }

  private putCommit(tree: string, parents: string[], message: string): string {
    const sha = createHash('sha1')
      .update(`commit ${++this.counter} ${tree}`)
      .digest('hex');
    this.commits.set(sha, { tree, parents, message });
    return sha;
  }
}
