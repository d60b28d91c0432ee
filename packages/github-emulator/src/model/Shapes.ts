/* eslint-disable no-nested-ternary */
// GitHub's shapes pick between several values in many places; chained ternaries read best here.
import { GitCommitObject, GitFileChange } from '../git/GitRepository';
import {
  CheckRunRecord,
  EmulatorState,
  LabelRecord,
  nodeId,
  PullRecord,
  RepoState,
  ReviewRecord,
  StatusRecord,
  TeamRecord,
  UserRecord,
} from './EmulatorState';

type Json = Record<string, any>;

/** Builds response bodies shaped as GitHub's REST API (and its OpenAPI description) has them. */
export class Shapes {
  constructor(
    private readonly state: EmulatorState,
    private readonly baseUrl: () => string,
  ) {}

  get api() {
    return `${this.baseUrl()}/api/v3`;
  }

  get html() {
    return this.baseUrl();
  }

  get org() {
    return this.state.organization.login;
  }

  userRecord(login: string): UserRecord {
    if (login.toLowerCase() === this.org.toLowerCase())
      return this.state.organization;
    return this.state.user(login) ?? { id: 0, login, type: 'User' as const };
  }

  user(login: string): Json {
    const u = this.userRecord(login);
    const url = `${this.api}/users/${u.login}`;
    return {
      login: u.login,
      id: u.id,
      node_id: nodeId(
        u.type === 'Organization' ? 'Organization' : 'User',
        u.id,
      ),
      avatar_url: `${this.html}/_emulator/avatars/${u.login}.svg`,
      gravatar_id: '',
      url,
      html_url: `${this.html}/${u.login}`,
      followers_url: `${url}/followers`,
      following_url: `${url}/following{/other_user}`,
      gists_url: `${url}/gists{/gist_id}`,
      starred_url: `${url}/starred{/owner}{/repo}`,
      subscriptions_url: `${url}/subscriptions`,
      organizations_url: `${url}/orgs`,
      repos_url: `${url}/repos`,
      events_url: `${url}/events{/privacy}`,
      received_events_url: `${url}/received_events`,
      type: u.type,
      user_view_type: 'public',
      site_admin: false,
    };
  }

  /** GET /user: the private view of the authenticated user. */
  privateUser(login: string): Json {
    const u = this.userRecord(login);
    return {
      ...this.user(login),
      name: u.name ?? null,
      company: null,
      blog: '',
      location: null,
      email: u.email ?? null,
      hireable: null,
      bio: null,
      twitter_username: null,
      notification_email: u.email ?? null,
      public_repos: 0,
      public_gists: 0,
      followers: 0,
      following: 0,
      created_at: '2020-01-01T00:00:00Z',
      updated_at: '2020-01-01T00:00:00Z',
      private_gists: 0,
      total_private_repos: 0,
      owned_private_repos: 0,
      disk_usage: 0,
      collaborators: 0,
      two_factor_authentication: true,
    };
  }

  organization(): Json {
    const o = this.state.organization;
    const url = `${this.api}/orgs/${o.login}`;
    return {
      login: o.login,
      id: o.id,
      node_id: nodeId('Organization', o.id),
      url,
      repos_url: `${url}/repos`,
      events_url: `${url}/events`,
      hooks_url: `${url}/hooks`,
      issues_url: `${url}/issues`,
      members_url: `${url}/members{/member}`,
      public_members_url: `${url}/public_members{/member}`,
      avatar_url: `${this.html}/_emulator/avatars/${o.login}.svg`,
      description: null,
    };
  }

  repository(repo: RepoState): Json {
    const full = `${this.org}/${repo.name}`;
    const url = `${this.api}/repos/${full}`;
    const open = repo.pulls.filter(p => p.state === 'open').length;
    return {
      id: repo.id,
      node_id: nodeId('Repository', repo.id),
      name: repo.name,
      full_name: full,
      private: true,
      owner: this.user(this.org),
      html_url: `${this.html}/${full}`,
      description: repo.description ?? null,
      fork: false,
      url,
      forks_url: `${url}/forks`,
      keys_url: `${url}/keys{/key_id}`,
      collaborators_url: `${url}/collaborators{/collaborator}`,
      teams_url: `${url}/teams`,
      hooks_url: `${url}/hooks`,
      issue_events_url: `${url}/issues/events{/number}`,
      events_url: `${url}/events`,
      assignees_url: `${url}/assignees{/user}`,
      branches_url: `${url}/branches{/branch}`,
      tags_url: `${url}/tags`,
      blobs_url: `${url}/git/blobs{/sha}`,
      git_tags_url: `${url}/git/tags{/sha}`,
      git_refs_url: `${url}/git/refs{/sha}`,
      trees_url: `${url}/git/trees{/sha}`,
      statuses_url: `${url}/statuses/{sha}`,
      languages_url: `${url}/languages`,
      stargazers_url: `${url}/stargazers`,
      contributors_url: `${url}/contributors`,
      subscribers_url: `${url}/subscribers`,
      subscription_url: `${url}/subscription`,
      commits_url: `${url}/commits{/sha}`,
      git_commits_url: `${url}/git/commits{/sha}`,
      comments_url: `${url}/comments{/number}`,
      issue_comment_url: `${url}/issues/comments{/number}`,
      contents_url: `${url}/contents/{+path}`,
      compare_url: `${url}/compare/{base}...{head}`,
      merges_url: `${url}/merges`,
      archive_url: `${url}/{archive_format}{/ref}`,
      downloads_url: `${url}/downloads`,
      issues_url: `${url}/issues{/number}`,
      pulls_url: `${url}/pulls{/number}`,
      milestones_url: `${url}/milestones{/number}`,
      notifications_url: `${url}/notifications{?since,all,participating}`,
      labels_url: `${url}/labels{/name}`,
      releases_url: `${url}/releases{/id}`,
      deployments_url: `${url}/deployments`,
      created_at: repo.createdAt,
      updated_at: repo.pushedAt,
      pushed_at: repo.pushedAt,
      git_url: `${this.html.replace(/^https?:/, 'git:')}/${full}.git`,
      ssh_url: `git@emulator:${full}.git`,
      clone_url: `${this.html}/${full}.git`,
      svn_url: `${this.html}/${full}`,
      homepage: null,
      size: 0,
      stargazers_count: 0,
      watchers_count: 0,
      language: null,
      has_issues: true,
      has_projects: false,
      has_downloads: true,
      has_wiki: false,
      has_pages: false,
      has_discussions: false,
      forks_count: 0,
      mirror_url: null,
      archived: false,
      disabled: false,
      open_issues_count: open,
      license: null,
      allow_forking: false,
      is_template: false,
      web_commit_signoff_required: false,
      topics: [],
      visibility: 'private',
      forks: 0,
      open_issues: open,
      watchers: 0,
      default_branch: repo.defaultBranch,
      permissions: {
        admin: true,
        maintain: true,
        push: true,
        triage: true,
        pull: true,
      },
      allow_squash_merge: true,
      allow_merge_commit: true,
      allow_rebase_merge: false,
      allow_auto_merge: false,
      delete_branch_on_merge: false,
      allow_update_branch: false,
      use_squash_pr_title_as_default: false,
      squash_merge_commit_title: 'COMMIT_OR_PR_TITLE',
      squash_merge_commit_message: 'COMMIT_MESSAGES',
      merge_commit_title: 'MERGE_MESSAGE',
      merge_commit_message: 'PR_TITLE',
      organization: this.user(this.org),
      network_count: 0,
      subscribers_count: 0,
    };
  }

  /** The repository as webhook payloads have it (timestamps of pushes as numbers there). */
  webhookRepository(repo: RepoState, forPush = false): Json {
    const r = this.repository(repo);
    delete r.permissions;
    delete r.organization;
    delete r.network_count;
    delete r.subscribers_count;
    if (forPush) {
      r.created_at = Math.floor(Date.parse(repo.createdAt) / 1000);
      r.pushed_at = Math.floor(Date.parse(repo.pushedAt) / 1000);
      r.stargazers = 0;
      r.master_branch = repo.defaultBranch;
      r.organization = this.org;
      r.owner = { ...r.owner, name: this.org, email: null };
    }
    return r;
  }

  gitRef(repo: RepoState, ref: string, sha: string, type = 'commit'): Json {
    const url = `${this.api}/repos/${this.org}/${repo.name}`;
    return {
      ref,
      node_id: nodeId('Ref', `${repo.id}:${ref}`),
      url: `${url}/git/${ref}`,
      object: {
        type,
        sha,
        url: `${url}/git/${
          type === 'tag'
            ? 'tags'
            : type === 'tree'
            ? 'trees'
            : type === 'blob'
            ? 'blobs'
            : 'commits'
        }/${sha}`,
      },
    };
  }

  gitCommit(repo: RepoState, c: GitCommitObject): Json {
    const url = `${this.api}/repos/${this.org}/${repo.name}`;
    return {
      sha: c.sha,
      node_id: nodeId('Commit', c.sha),
      url: `${url}/git/commits/${c.sha}`,
      html_url: `${this.html}/${this.org}/${repo.name}/commit/${c.sha}`,
      author: c.author,
      committer: c.committer,
      tree: { sha: c.tree, url: `${url}/git/trees/${c.tree}` },
      message: c.message.replace(/\n$/, ''),
      parents: c.parents.map(p => ({
        sha: p,
        url: `${url}/git/commits/${p}`,
        html_url: `${this.html}/${this.org}/${repo.name}/commit/${p}`,
      })),
      verification: {
        verified: false,
        reason: 'unsigned',
        signature: null,
        payload: null,
        verified_at: null,
      },
    };
  }

  /** The login of a known user whose email is the commit's, if any. */
  private loginByEmail(email: string): string | undefined {
    for (const u of this.state.users.values()) {
      if (u.email?.toLowerCase() === email.toLowerCase()) return u.login;
      if (email.toLowerCase() === noreplyEmail(u).toLowerCase()) return u.login;
    }
    return undefined;
  }

  /** A commit as GET /repos/{o}/{r}/commits/{ref} has it. */
  commit(repo: RepoState, c: GitCommitObject, files?: GitFileChange[]): Json {
    const url = `${this.api}/repos/${this.org}/${repo.name}`;
    const git = this.gitCommit(repo, c);
    const author = this.loginByEmail(c.author.email);
    const committer = this.loginByEmail(c.committer.email);
    const result: Json = {
      url: `${url}/commits/${c.sha}`,
      sha: c.sha,
      node_id: git.node_id,
      html_url: git.html_url,
      comments_url: `${url}/commits/${c.sha}/comments`,
      commit: {
        url: git.url,
        author: git.author,
        committer: git.committer,
        message: git.message,
        comment_count: 0,
        tree: git.tree,
        verification: git.verification,
      },
      author: author ? this.user(author) : null,
      committer: committer ? this.user(committer) : null,
      parents: c.parents.map(p => ({
        sha: p,
        url: `${url}/commits/${p}`,
        html_url: `${this.html}/${this.org}/${repo.name}/commit/${p}`,
      })),
    };
    if (files) {
      const additions = files.reduce((n, f) => n + f.additions, 0);
      const deletions = files.reduce((n, f) => n + f.deletions, 0);
      result.stats = { additions, deletions, total: additions + deletions };
      result.files = files.map(f => this.diffEntry(repo, c.sha, f));
    }
    return result;
  }

  diffEntry(repo: RepoState, ref: string, f: GitFileChange): Json {
    const full = `${this.org}/${repo.name}`;
    const path = f.filename.split('/').map(encodeURIComponent).join('/');
    return {
      sha: f.sha,
      filename: f.filename,
      status: f.status,
      additions: f.additions,
      deletions: f.deletions,
      changes: f.additions + f.deletions,
      blob_url: `${this.html}/${full}/blob/${ref}/${path}`,
      raw_url: `${this.html}/${full}/raw/${ref}/${path}`,
      contents_url: `${this.api}/repos/${full}/contents/${path}?ref=${ref}`,
      ...(f.patch !== undefined ? { patch: f.patch } : {}),
      ...(f.previousFilename ? { previous_filename: f.previousFilename } : {}),
    };
  }

  label(repo: RepoState, l: LabelRecord): Json {
    return {
      id: l.id,
      node_id: nodeId('Label', l.id),
      url: `${this.api}/repos/${this.org}/${
        repo.name
      }/labels/${encodeURIComponent(l.name)}`,
      name: l.name,
      color: l.color,
      default: false,
      description: l.description ?? '',
    };
  }

  team(t: TeamRecord, full = false): Json {
    const url = `${this.api}/organizations/${this.state.organization.id}/team/${t.id}`;
    const team: Json = {
      id: t.id,
      node_id: nodeId('Team', t.id),
      url,
      html_url: `${this.html}/orgs/${this.org}/teams/${t.slug}`,
      name: t.name,
      slug: t.slug,
      description: t.description ?? null,
      privacy: 'closed',
      notification_setting: 'notifications_enabled',
      permission: 'push',
      members_url: `${url}/members{/member}`,
      repositories_url: `${url}/repos`,
      type: 'organization',
      organization_id: this.state.organization.id,
      parent: null,
    };
    if (!full) return team;
    const org = this.state.organization;
    return {
      ...team,
      members_count: t.members.length,
      repos_count: this.state.repos.size,
      created_at: '2020-01-01T00:00:00Z',
      updated_at: '2020-01-01T00:00:00Z',
      organization: {
        ...this.organization(),
        name: org.name ?? org.login,
        blog: this.html,
        is_verified: false,
        has_organization_projects: false,
        has_repository_projects: false,
        public_repos: 0,
        public_gists: 0,
        followers: 0,
        following: 0,
        html_url: `${this.html}/${org.login}`,
        created_at: '2020-01-01T00:00:00Z',
        updated_at: '2020-01-01T00:00:00Z',
        archived_at: null,
        type: 'Organization',
      },
    };
  }

  /** The head sha a PR shows: its branch's value while open, the last known one after. */
  pull(
    repo: RepoState,
    p: PullRecord,
    extra?: {
      mergeable: boolean | null;
      mergeableState: string;
      commits: number;
      files: GitFileChange[];
    },
  ): Json {
    const full = `${this.org}/${repo.name}`;
    const url = `${this.api}/repos/${full}/pulls/${p.number}`;
    const issueUrl = `${this.api}/repos/${full}/issues/${p.number}`;
    const htmlUrl = `${this.html}/${full}/pull/${p.number}`;
    const repoJson = this.repository(repo);
    const side = (ref: string, sha: string) => ({
      label: `${this.org}:${ref}`,
      ref,
      sha,
      user: this.user(this.org),
      repo: repoJson,
    });
    const teams = p.requestedTeams
      .map(slug => this.state.teams.get(slug))
      .filter((t): t is TeamRecord => !!t)
      .map(t => this.team(t));
    const result: Json = {
      url,
      id: p.id,
      node_id: nodeId('PullRequest', p.id),
      html_url: htmlUrl,
      diff_url: `${htmlUrl}.diff`,
      patch_url: `${htmlUrl}.patch`,
      issue_url: issueUrl,
      commits_url: `${url}/commits`,
      review_comments_url: `${url}/comments`,
      review_comment_url: `${this.api}/repos/${full}/pulls/comments{/number}`,
      comments_url: `${issueUrl}/comments`,
      statuses_url: `${this.api}/repos/${full}/statuses/${p.headSha}`,
      number: p.number,
      state: p.state,
      locked: false,
      title: p.title,
      user: this.user(p.user),
      body: p.body ?? null,
      labels: p.labels
        .map(name => repo.labels.get(name.toLowerCase()))
        .filter((l): l is LabelRecord => !!l)
        .map(l => this.label(repo, l)),
      milestone: null,
      active_lock_reason: null,
      created_at: p.createdAt,
      updated_at: p.updatedAt,
      closed_at: p.closedAt ?? null,
      merged_at: p.mergedAt ?? null,
      merge_commit_sha: p.mergeCommitSha ?? null,
      assignee: null,
      assignees: [],
      requested_reviewers: p.requestedReviewers.map(l => this.user(l)),
      requested_teams: teams,
      head: side(p.headRef, p.headSha),
      base: side(p.baseRef, p.baseSha),
      _links: {
        self: { href: url },
        html: { href: htmlUrl },
        issue: { href: issueUrl },
        comments: { href: `${issueUrl}/comments` },
        review_comments: { href: `${url}/comments` },
        review_comment: {
          href: `${this.api}/repos/${full}/pulls/comments{/number}`,
        },
        commits: { href: `${url}/commits` },
        statuses: {
          href: `${this.api}/repos/${full}/statuses/${p.headSha}`,
        },
      },
      author_association: 'MEMBER',
      auto_merge: null,
      draft: p.draft,
    };
    if (extra) {
      Object.assign(result, {
        merged: !!p.mergedAt,
        mergeable: extra.mergeable,
        rebaseable: false,
        mergeable_state: extra.mergeableState,
        merged_by: p.mergedBy ? this.user(p.mergedBy) : null,
        comments: 0,
        review_comments: 0,
        maintainer_can_modify: p.maintainerCanModify,
        commits: extra.commits,
        additions: extra.files.reduce((n, f) => n + f.additions, 0),
        deletions: extra.files.reduce((n, f) => n + f.deletions, 0),
        changed_files: extra.files.length,
      });
    }
    return result;
  }

  review(repo: RepoState, p: PullRecord, r: ReviewRecord): Json {
    const full = `${this.org}/${repo.name}`;
    const htmlUrl = `${this.html}/${full}/pull/${p.number}#pullrequestreview-${r.id}`;
    const pullUrl = `${this.api}/repos/${full}/pulls/${p.number}`;
    return {
      id: r.id,
      node_id: nodeId('PullRequestReview', r.id),
      user: this.user(r.user),
      body: r.body,
      state: r.state,
      html_url: htmlUrl,
      pull_request_url: pullUrl,
      _links: {
        html: { href: htmlUrl },
        pull_request: { href: pullUrl },
      },
      ...(r.submittedAt ? { submitted_at: r.submittedAt } : {}),
      commit_id: r.commitId,
      author_association: 'MEMBER',
    };
  }

  status(repo: RepoState, s: StatusRecord, withCreator = true): Json {
    const result: Json = {
      url: `${this.api}/repos/${this.org}/${repo.name}/statuses/${s.sha}`,
      avatar_url: `${this.html}/_emulator/avatars/${s.creator}.svg`,
      id: s.id,
      node_id: nodeId('StatusContext', s.id),
      state: s.state,
      description: s.description ?? null,
      target_url: s.targetUrl ?? null,
      context: s.context,
      created_at: s.createdAt,
      updated_at: s.updatedAt,
    };
    if (withCreator) result.creator = this.user(s.creator);
    return result;
  }

  /** Latest status per context, newest first; "pending" when there is none, as GitHub does. */
  combinedStatus(repo: RepoState, sha: string): Json {
    const latest = new Map<string, StatusRecord>();
    for (const s of repo.statuses) if (s.sha === sha) latest.set(s.context, s);
    const statuses = [...latest.values()].sort((a, b) => b.id - a.id);
    const states = statuses.map(s => s.state);
    const state =
      states.includes('error') || states.includes('failure')
        ? 'failure'
        : states.length === 0 || states.includes('pending')
        ? 'pending'
        : 'success';
    const repoJson = this.repository(repo);
    return {
      state,
      statuses: statuses.map(s => this.status(repo, s, false)),
      sha,
      total_count: statuses.length,
      repository: {
        ...repoJson,
        owner: repoJson.owner,
      },
      commit_url: `${this.api}/repos/${this.org}/${repo.name}/commits/${sha}`,
      url: `${this.api}/repos/${this.org}/${repo.name}/commits/${sha}/status`,
    };
  }

  checkRun(repo: RepoState, c: CheckRunRecord): Json {
    const url = `${this.api}/repos/${this.org}/${repo.name}`;
    const pulls = repo.pulls.filter(
      p => p.state === 'open' && p.headSha === c.headSha,
    );
    const repoRef = { id: repo.id, url, name: repo.name };
    return {
      id: c.id,
      head_sha: c.headSha,
      node_id: nodeId('CheckRun', c.id),
      external_id: c.externalId ?? '',
      url: `${url}/check-runs/${c.id}`,
      html_url: `${this.html}/${this.org}/${repo.name}/runs/${c.id}`,
      details_url:
        c.detailsUrl ?? `${this.html}/${this.org}/${repo.name}/runs/${c.id}`,
      status: c.status,
      conclusion: c.conclusion ?? null,
      started_at: c.startedAt ?? null,
      completed_at: c.completedAt ?? null,
      output: {
        title: c.output.title ?? null,
        summary: c.output.summary ?? null,
        text: c.output.text ?? null,
        annotations_count: 0,
        annotations_url: `${url}/check-runs/${c.id}/annotations`,
      },
      name: c.name,
      check_suite: { id: c.suiteId },
      app: this.app(),
      pull_requests: pulls.map(p => ({
        id: p.id,
        number: p.number,
        url: `${url}/pulls/${p.number}`,
        head: { ref: p.headRef, sha: p.headSha, repo: repoRef },
        base: { ref: p.baseRef, sha: p.baseSha, repo: repoRef },
      })),
    };
  }

  /** The app check runs are reported by (GitHub always names one). */
  app(): Json {
    return {
      id: 1,
      slug: 'github-emulator',
      node_id: nodeId('App', 1),
      client_id: 'Iv1.emulator',
      owner: this.user(this.org),
      name: 'GitHub emulator',
      description: 'Check runs reported through the GitHub emulator',
      external_url: this.html,
      html_url: `${this.html}/apps/github-emulator`,
      created_at: '2020-01-01T00:00:00Z',
      updated_at: '2020-01-01T00:00:00Z',
      permissions: { checks: 'write', metadata: 'read' },
      events: [],
    };
  }
}

/** The email GitHub gives commits made through its API by a user without a public one. */
export function noreplyEmail(u: UserRecord): string {
  return `${u.id}+${u.login}@users.noreply.github.com`;
}
