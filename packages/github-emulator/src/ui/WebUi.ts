/* eslint-disable no-nested-ternary */
// GitHub's shapes pick between several values in many places; chained ternaries read best here.
import { RestApi } from '../api/RestApi';
import { GitFileChange } from '../git/GitRepository';
import { EmulatorState, PullRecord, RepoState } from '../model/EmulatorState';
import { Shapes } from '../model/Shapes';
import { HttpError } from '../server/HttpError';
import { escapeHtml as e, renderMarkdown } from './renderMarkdown';

export interface WebPage {
  status: number;
  body: string;
  contentType?: string;
  location?: string;
}

const STYLE = `
body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
header{background:#24292f;color:#fff;padding:12px 24px}header a{color:#fff;text-decoration:none;font-weight:600}
main{max-width:1100px;margin:24px auto;padding:0 24px}
.box{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:16px;margin-bottom:16px}
.state{display:inline-block;border-radius:2em;padding:4px 12px;color:#fff;font-weight:600;font-size:14px}
.state-open{background:#1f883d}.state-closed{background:#cf222e}.state-merged{background:#8250df}.state-draft{background:#6e7781}
.muted{color:#656d76}.notice{background:#ddf4ff;border-color:#54aeff}.error{background:#ffebe9;border-color:#ff8182}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:6px 8px;border-bottom:1px solid #d8dee4}
pre.diff{overflow:auto;font-size:12px;line-height:1.4;margin:0;background:#fff}
.add{background:#e6ffec;display:block}.del{background:#ffebe9;display:block}.hunk{background:#ddf4ff;color:#57606a;display:block}
button{padding:6px 14px;border-radius:6px;border:1px solid #1f232826;background:#f6f8fa;cursor:pointer;font-size:14px}
button.primary{background:#1f883d;color:#fff}button.danger{color:#cf222e}
label{margin-right:12px}textarea{width:100%;min-height:60px;box-sizing:border-box}
.APPROVED{color:#1f883d}.CHANGES_REQUESTED{color:#cf222e}.success{color:#1f883d}.failure,.error{color:#cf222e}.pending{color:#9a6700}
`;

/** The emulator's own minimal web pages: pull requests, their review and merge, commits. */
export class WebUi {
  constructor(
    private readonly state: EmulatorState,
    private readonly shapes: Shapes,
    private readonly api: RestApi,
  ) {}

  async handle(
    method: string,
    path: string,
    query: URLSearchParams,
    form: string,
  ): Promise<WebPage> {
    try {
      return await this.route(method, path, query, new URLSearchParams(form));
    } catch (error) {
      if (error instanceof HttpError && error.status === 404)
        return this.page(
          404,
          'Not found',
          '<div class="box">This page does not exist.</div>',
        );
      throw error;
    }
  }

  private async route(
    method: string,
    path: string,
    query: URLSearchParams,
    form: URLSearchParams,
  ): Promise<WebPage> {
    const parts = path.split('/').filter(Boolean);
    if (method === 'GET' && parts.length === 0) return this.home();
    if (parts.length < 2) throw new HttpError(404, 'Not Found');
    const repo = this.api.repo(parts[0], parts[1]);
    const rest = parts.slice(2);
    if (method === 'GET' && rest.length === 0)
      return {
        status: 302,
        body: '',
        location: `/${this.shapes.org}/${repo.name}/pulls`,
      };
    if (method === 'GET' && rest.length === 1 && rest[0] === 'pulls')
      return this.pulls(repo, query.get('state') ?? 'open');
    if (rest[0] === 'pull' && /^\d+$/.test(rest[1] ?? '')) {
      const pull = repo.pulls.find(p => p.number === Number(rest[1]));
      if (!pull) throw new HttpError(404, 'Not Found');
      if (method === 'GET' && (rest.length === 2 || rest[2] === 'files'))
        return this.pull(repo, pull, query);
      if (method === 'POST' && rest[2] === 'review' && rest.length === 3)
        return this.review(repo, pull, form);
      if (method === 'POST' && rest[2] === 'merge' && rest.length === 3)
        return this.merge(repo, pull, form);
    }
    if (method === 'GET' && rest[0] === 'commit' && rest.length === 2)
      return this.commit(repo, rest[1]);
    throw new HttpError(404, 'Not Found');
  }

  private page(status: number, title: string, content: string): WebPage {
    return {
      status,
      body: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(
        title,
      )} · GitHub emulator</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>${STYLE}</style></head>
<body><header><a href="/">GitHub emulator</a> <span class="muted">/ ${e(
        this.shapes.org,
      )}</span></header>
<main>${content}</main></body></html>`,
    };
  }

  private home(): WebPage {
    const repos = [...this.state.repos.values()]
      .map(
        r =>
          `<li><a href="/${e(this.shapes.org)}/${e(r.name)}/pulls">${e(
            this.shapes.org,
          )}/${e(r.name)}</a> <span class="muted">(${
            r.pulls.filter(p => p.state === 'open').length
          } open pull requests)</span></li>`,
      )
      .join('');
    return this.page(
      200,
      'Repositories',
      `<h1>Repositories</h1><div class="box"><ul id="repositories">${repos}</ul></div>`,
    );
  }

  private stateBadge(p: PullRecord): string {
    const label = p.mergedAt
      ? 'Merged'
      : p.state === 'closed'
      ? 'Closed'
      : p.draft
      ? 'Draft'
      : 'Open';
    return `<span class="state state-${label.toLowerCase()}" data-testid="pr-state">${label}</span>`;
  }

  private pulls(repo: RepoState, state: string): WebPage {
    const base = `/${e(this.shapes.org)}/${e(repo.name)}`;
    const rows = repo.pulls
      .filter(p => state === 'all' || p.state === state)
      .sort((a, b) => b.number - a.number)
      .map(
        p => `<tr data-pr="${p.number}"><td>${this.stateBadge(p)}</td>
<td><a href="${base}/pull/${p.number}">${e(p.title)}</a><div class="muted">#${
          p.number
        } by ${e(p.user)} · ${e(p.headRef)} → ${e(p.baseRef)}</div></td></tr>`,
      )
      .join('');
    const tabs = ['open', 'closed', 'all']
      .map(s =>
        s === state
          ? `<strong>${s}</strong>`
          : `<a href="${base}/pulls?state=${s}">${s}</a>`,
      )
      .join(' · ');
    return this.page(
      200,
      `Pull requests · ${repo.name}`,
      `<h1>Pull requests <span class="muted">${e(this.shapes.org)}/${e(
        repo.name,
      )}</span></h1>
<nav aria-label="Pull request state">${tabs}</nav>
<div class="box"><table id="pull-requests" aria-label="Pull requests">${
        rows || '<tr><td class="muted">No pull requests</td></tr>'
      }</table></div>`,
    );
  }

  private diff(file: GitFileChange): string {
    if (file.binary || file.patch === undefined)
      return '<pre class="diff"><span class="muted">Binary file or no textual change</span></pre>';
    const lines = file.patch.split('\n').map(line => {
      const cls = line.startsWith('+')
        ? 'add'
        : line.startsWith('-')
        ? 'del'
        : line.startsWith('@@')
        ? 'hunk'
        : '';
      return cls ? `<span class="${cls}">${e(line)}</span>` : `${e(line)}\n`;
    });
    return `<pre class="diff">${lines.join('')}</pre>`;
  }

  /** Users who may review: everyone but the author, requested reviewers and their teams first. */
  private reviewers(pull: PullRecord): string[] {
    const requested = new Set(
      pull.requestedReviewers.map(l => l.toLowerCase()),
    );
    for (const slug of pull.requestedTeams)
      for (const m of this.state.teams.get(slug)?.members ?? [])
        requested.add(m.toLowerCase());
    const users = [...this.state.users.values()]
      .map(u => u.login)
      .filter(l => l.toLowerCase() !== pull.user.toLowerCase());
    return [
      ...users.filter(l => requested.has(l.toLowerCase())),
      ...users.filter(l => !requested.has(l.toLowerCase())),
    ];
  }

  private async pull(
    repo: RepoState,
    pull: PullRecord,
    query: URLSearchParams,
  ): Promise<WebPage> {
    const json = await this.api.fullPull(repo, pull);
    const files = await this.api.pullFiles(repo, pull);
    const base = `/${e(this.shapes.org)}/${e(repo.name)}`;
    const combined = this.shapes.combinedStatus(repo, pull.headSha);
    const reviews = repo.reviews.filter(
      r => r.pullNumber === pull.number && r.state !== 'PENDING',
    );
    const flash = query.get('notice')
      ? `<div class="box notice" role="status" id="notice">${e(
          query.get('notice')!,
        )}</div>`
      : query.get('error')
      ? `<div class="box error" role="alert" id="error">${e(
          query.get('error')!,
        )}</div>`
      : '';
    const requested = [
      ...pull.requestedReviewers.map(
        l => `<li data-reviewer="${e(l)}">${e(l)}</li>`,
      ),
      ...pull.requestedTeams.map(
        t =>
          `<li data-team="${e(t)}">${e(this.shapes.org)}/${e(t)} (team)</li>`,
      ),
    ].join('');
    const reviewList = reviews
      .map(
        r =>
          `<li data-review-state="${e(r.state)}" data-review-user="${e(
            r.user,
          )}"><strong>${e(r.user)}</strong> <span class="${e(r.state)}">${e(
            r.state.replace('_', ' ').toLowerCase(),
          )}</span> <span class="muted">${e(r.submittedAt ?? '')}</span>${
            r.body ? `<div>${renderMarkdown(r.body)}</div>` : ''
          }</li>`,
      )
      .join('');
    const statuses = combined.statuses
      .map(
        (s: any) =>
          `<li><span class="${e(s.state)}">${e(s.state)}</span> <strong>${e(
            s.context,
          )}</strong> ${e(s.description ?? '')}${
            s.target_url && /^https?:\/\//.test(s.target_url)
              ? ` <a href="${e(
                  s.target_url,
                )}" rel="noopener noreferrer">details</a>`
              : ''
          }</li>`,
      )
      .join('');
    const checks = repo.checkRuns
      .filter(c => c.headSha === pull.headSha)
      .map(
        c =>
          `<li><span class="${e(c.conclusion ?? 'pending')}">${e(
            c.conclusion ?? c.status,
          )}</span> <strong>${e(c.name)}</strong> ${e(
            c.output.title ?? '',
          )}</li>`,
      )
      .join('');
    const options = (logins: string[]) =>
      logins.map(l => `<option value="${e(l)}">${e(l)}</option>`).join('');
    const open = pull.state === 'open';
    const reviewers = this.reviewers(pull);
    const reviewForm = open
      ? `<form method="post" action="${base}/pull/${
          pull.number
        }/review" id="review-form" aria-label="Review">
<h2>Review</h2>
<label>Reviewer <select name="reviewer" id="reviewer" aria-label="Reviewer">${options(
          reviewers,
        )}</select></label>
<p><textarea name="body" id="review-body" aria-label="Review comment" placeholder="Leave a comment"></textarea></p>
<button type="submit" name="event" value="APPROVE" class="primary" aria-label="Approve">Approve</button>
<button type="submit" name="event" value="REQUEST_CHANGES" class="danger" aria-label="Request changes">Request changes</button>
<button type="submit" name="event" value="COMMENT" aria-label="Comment">Comment</button>
</form>`
      : '';
    const mergeForm = open
      ? `<form method="post" action="${base}/pull/${
          pull.number
        }/merge" id="merge-form" aria-label="Merge">
<h2>Merge</h2>
<p class="muted" id="mergeable">${
          json.mergeable
            ? 'This branch has no conflicts with the base branch.'
            : 'This branch has conflicts that must be resolved.'
        } (${e(json.mergeable_state)})</p>
<input type="hidden" name="sha" value="${e(pull.headSha)}">
<label>Merge as <select name="merger" id="merger" aria-label="Merge as">${options(
          reviewers.concat(pull.user),
        )}</select></label>
<button type="submit" name="merge" value="merge" class="primary" aria-label="Merge pull request"${
          json.mergeable ? '' : ' disabled'
        }>Merge pull request</button>
</form>`
      : pull.mergedAt
      ? `<p id="merged">Merged by ${e(
          pull.mergedBy ?? '',
        )} in <a href="${base}/commit/${e(pull.mergeCommitSha ?? '')}">${e(
          (pull.mergeCommitSha ?? '').slice(0, 7),
        )}</a> at ${e(pull.mergedAt)}</p>`
      : '<p>Closed without merging.</p>';
    const fileList = files
      .map(
        f =>
          `<div class="box file" data-file="${e(f.filename)}"><div><strong>${e(
            f.filename,
          )}</strong> <span class="muted">${e(f.status)} +${f.additions} −${
            f.deletions
          }</span></div>${this.diff(f)}</div>`,
      )
      .join('');
    const labels = pull.labels
      .map(l => `<span class="state state-draft">${e(l)}</span>`)
      .join(' ');
    return this.page(
      200,
      `${pull.title} · #${pull.number}`,
      `${flash}<h1 id="pr-title">${e(pull.title)} <span class="muted">#${
        pull.number
      }</span></h1>
<p>${this.stateBadge(pull)} <strong>${e(pull.user)}</strong> wants to merge ${
        json.commits
      } commit(s) into <code>${e(pull.baseRef)}</code> from <code>${e(
        pull.headRef,
      )}</code> ${labels}</p>
<div class="box" id="pr-body" aria-label="Description">${
        pull.body
          ? renderMarkdown(pull.body)
          : '<p class="muted">No description provided.</p>'
      }</div>
<div class="box"><h2>Reviewers</h2><ul id="requested-reviewers" aria-label="Requested reviewers">${
        requested || '<li class="muted">No reviewers requested</li>'
      }</ul>
<h2>Reviews</h2><ul id="reviews" aria-label="Reviews">${
        reviewList || '<li class="muted">No reviews yet</li>'
      }</ul></div>
<div class="box"><h2>Checks <span class="${e(
        combined.state,
      )}" id="combined-status" data-state="${e(combined.state)}">${e(
        combined.state,
      )}</span></h2><ul id="statuses">${statuses}${checks}</ul></div>
<div class="box">${reviewForm}${mergeForm}</div>
<h2>Files changed (${files.length})</h2><div id="files">${fileList}</div>`,
    );
  }

  private redirect(
    repo: RepoState,
    pull: PullRecord,
    kind: 'notice' | 'error',
    message: string,
  ): WebPage {
    return {
      status: 303,
      body: '',
      location: `/${encodeURIComponent(this.shapes.org)}/${encodeURIComponent(
        repo.name,
      )}/pull/${pull.number}?${kind}=${encodeURIComponent(message)}`,
    };
  }

  private async review(
    repo: RepoState,
    pull: PullRecord,
    form: URLSearchParams,
  ): Promise<WebPage> {
    const reviewer = form.get('reviewer') ?? '';
    const user = this.state.user(reviewer);
    if (!user)
      return this.redirect(repo, pull, 'error', `Unknown reviewer ${reviewer}`);
    try {
      await this.api.submitReview(
        repo,
        pull,
        user.login,
        form.get('event') ?? 'COMMENT',
        form.get('body') ?? '',
      );
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      return this.redirect(
        repo,
        pull,
        'error',
        [
          error.message,
          ...(error.errors ?? []).map(x =>
            typeof x === 'string' ? x : x.message ?? x.code,
          ),
        ].join(': '),
      );
    }
    return this.redirect(
      repo,
      pull,
      'notice',
      `Review submitted by ${user.login}`,
    );
  }

  private async merge(
    repo: RepoState,
    pull: PullRecord,
    form: URLSearchParams,
  ): Promise<WebPage> {
    const merger = form.get('merger') ?? '';
    const user = this.state.user(merger);
    if (!user)
      return this.redirect(repo, pull, 'error', `Unknown user ${merger}`);
    try {
      const sha = await this.api.merge(repo, pull, user.login, {
        sha: form.get('sha') ?? undefined,
      });
      return this.redirect(
        repo,
        pull,
        'notice',
        `Merged as ${sha.slice(0, 7)}`,
      );
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      return this.redirect(repo, pull, 'error', error.message);
    }
  }

  private async commit(repo: RepoState, ref: string): Promise<WebPage> {
    const sha = await repo.git.resolveCommit(ref);
    if (!sha) throw new HttpError(404, 'Not Found');
    const c = await repo.git.readCommit(sha);
    const files = await repo.git.diff(
      c.parents[0] ?? (await repo.git.writeTree(undefined, [])),
      sha,
    );
    const base = `/${e(this.shapes.org)}/${e(repo.name)}`;
    const parents = c.parents
      .map(
        p =>
          `<a href="${base}/commit/${p}" data-parent="${p}">${p.slice(
            0,
            7,
          )}</a>`,
      )
      .join(' ');
    return this.page(
      200,
      `Commit ${sha.slice(0, 7)}`,
      `<h1>Commit <code id="commit-sha">${sha}</code></h1>
<div class="box"><pre id="commit-message">${e(c.message)}</pre>
<p class="muted">${e(c.author.name)} &lt;${e(c.author.email)}&gt; · ${e(
        c.author.date,
      )}</p>
<p>Parents: <span id="parents">${parents || 'none'}</span></p></div>
<h2>Files changed (${files.length})</h2>${files
        .map(
          f =>
            `<div class="box file"><strong>${e(
              f.filename,
            )}</strong> <span class="muted">${e(f.status)}</span>${this.diff(
              f,
            )}</div>`,
        )
        .join('')}`,
    );
  }
}
