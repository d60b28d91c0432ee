import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  ChangeRequest,
  ChangeRequestMetadata,
  DeploymentStatus,
  parseChangeRequestMarker,
  RegisterChangeRequestBody,
} from '@shipshape/plugin-gitops-common';
import { awaitingApprovalFrom } from './awaitingApproval';
import { GitopsStore } from '../database/GitopsStore';
import { ChangeRequestStore } from './ChangeRequestStore';
import { CommitAncestry } from './GitCommitAncestry';
import { GithubPullRequests, PullRequestData } from './GithubPullRequests';
import {
  applyReview,
  checkRunResult,
  combineChecks,
  commitStatusResult,
  reviewPhase,
} from './githubPayloads';
import { TrackedChangeRequest } from './types';

/** The signal channel told of every change of a tracked request. */
export const CHANGE_REQUESTS_CHANNEL = 'gitops:change-requests';

export interface ChangeRequestTrackerOptions {
  store: ChangeRequestStore;
  /** Deployment statuses, as the reconciler stored them. */
  gitopsStore: GitopsStore;
  github?: GithubPullRequests;
  ancestry: CommitAncestry;
  notifications: NotificationService;
  signals?: SignalsService;
  logger: LoggerService;
  /** `<owner>/<repo>`: where polling discovers requests; webhooks of other repositories are ignored. */
  repository?: string;
  healthTimeoutMs: number;
  /** The groups of a user (entity refs), for `awaitingApprovalBy` with a user ref. */
  groupsOf?: (userRef: string) => Promise<string[]>;
  /** For tests. */
  clock?: () => Date;
}

/**
 * Follows change requests from "opened" to "environment healthy": GitHub webhooks (events
 * topics) and polling feed it pull request, review and check data; deployment statuses from the
 * store take a merged request through syncing to healthy or failed. The requester is told the
 * outcome once, claimed in the database so that two replicas never both send.
 */
export class ChangeRequestTracker {
  static create(options: ChangeRequestTrackerOptions): ChangeRequestTracker {
    return new ChangeRequestTracker(options);
  }

  private readonly now: () => Date;

  private constructor(private readonly options: ChangeRequestTrackerOptions) {
    this.now = options.clock ?? (() => new Date());
  }

  /**
   * Newest first. `awaitingApprovalBy` (a group or user ref): open requests (also with changes
   * requested) whose reviewers include it or, for a user, one of the user's groups.
   */
  async list(filter: {
    entityRef?: string;
    environmentRef?: string;
    awaitingApprovalBy?: string;
    state?: 'open' | 'all';
  }): Promise<ChangeRequest[]> {
    const { awaitingApprovalBy, ...storeFilter } = filter;
    let requests = await this.options.store.list(storeFilter);
    if (awaitingApprovalBy) {
      const refs = new Set([awaitingApprovalBy]);
      if (
        parseEntityRef(awaitingApprovalBy).kind.toLocaleLowerCase('en-US') ===
        'user'
      ) {
        for (const group of (await this.options.groupsOf?.(
          awaitingApprovalBy,
        )) ?? []) {
          refs.add(group);
        }
      }
      requests = requests.filter(awaitingApprovalFrom(refs));
    }
    return requests.map(toChangeRequest);
  }

  /** Open requests (also with changes requested) that one of `reviewerRefs` is asked to review. */
  async listAwaitingApproval(reviewerRefs: string[]): Promise<ChangeRequest[]> {
    return (await this.options.store.list({ state: 'open' }))
      .filter(awaitingApprovalFrom(reviewerRefs))
      .map(toChangeRequest);
  }

  /** Reads the pull request from GitHub and tracks it; NotFoundError when it does not exist. */
  async register(body: RegisterChangeRequestBody): Promise<ChangeRequest> {
    const github = this.requireGithub();
    const repository = body.repository.toLocaleLowerCase('en-US');
    const pr = await github.getPullRequest(repository, body.number);
    if (!pr) {
      throw new NotFoundError(
        `Pull request ${repository}#${body.number} does not exist`,
      );
    }
    const { repository: _r, number: _n, ...metadata } = body;
    const tracked = await this.refreshFromGithub(
      repository,
      pr,
      metadata,
      true,
    );
    return toChangeRequest(tracked);
  }

  /** One GitHub webhook, as Backstage's GitHub event router republishes it. */
  async handleEvent(topic: string, payload: any): Promise<void> {
    const repository = String(
      payload?.repository?.full_name ?? '',
    ).toLocaleLowerCase('en-US');
    if (!repository || !this.isTrackedRepository(repository)) return;
    switch (topic) {
      case 'github.pull_request':
        await this.onPullRequest(repository, payload.pull_request);
        return;
      case 'github.pull_request_review':
        await this.onPullRequest(repository, payload.pull_request, current => ({
          ...current,
          reviews: applyReview(current.reviews, {
            user: payload.review?.user,
            state:
              payload.action === 'dismissed'
                ? 'DISMISSED'
                : payload.review?.state,
          }),
        }));
        return;
      case 'github.check_run':
        await this.onCheckResult(
          repository,
          payload.check_run?.head_sha,
          payload.check_run?.name,
          checkRunResult(
            payload.check_run?.status,
            payload.check_run?.conclusion,
          ),
        );
        return;
      case 'github.status':
        await this.onCheckResult(
          repository,
          payload.sha,
          payload.context,
          commitStatusResult(payload.state),
        );
        return;
      default:
    }
  }

  /**
   * The fallback for missed webhooks: re-reads every request that is not merged yet from
   * GitHub, discovers open pull requests with the marker, then re-evaluates merged ones.
   */
  async poll(): Promise<void> {
    const { github, repository, store, logger } = this.options;
    if (github) {
      for (const tracked of await store.list({ state: 'open' })) {
        if (!['open', 'changes_requested', 'approved'].includes(tracked.state))
          continue;
        try {
          const pr = await github.getPullRequest(
            tracked.repository,
            tracked.number,
          );
          if (pr) await this.refreshFromGithub(tracked.repository, pr);
        } catch (error) {
          logger.warn(
            `Could not refresh change request ${tracked.id}: ${error}`,
          );
        }
      }
      if (repository) {
        for (const pr of await github.listOpenPullRequests(repository)) {
          const metadata = parseChangeRequestMarker(pr.body);
          if (!metadata) continue;
          if (await store.get(changeRequestId(repository, pr.number))) continue;
          await this.refreshFromGithub(repository, pr, metadata);
        }
      }
    }
    await this.evaluateDeployments();
  }

  /**
   * Takes merged requests through syncing to healthy or failed from the stored deployment
   * statuses. Cheap when nothing is merged: one indexed query.
   */
  async evaluateDeployments(): Promise<void> {
    for (const tracked of await this.options.store.list({ state: 'open' })) {
      if (tracked.state !== 'merged' && tracked.state !== 'syncing') continue;
      try {
        await this.update(tracked, await this.progress(tracked));
      } catch (error) {
        this.options.logger.warn(
          `Could not evaluate change request ${tracked.id}: ${error}`,
        );
      }
    }
  }

  private async onPullRequest(
    repository: string,
    pr: PullRequestData | undefined,
    change: (t: TrackedChangeRequest) => TrackedChangeRequest = t => t,
  ) {
    if (!pr?.number) return;
    const current = await this.options.store.get(
      changeRequestId(repository, pr.number),
    );
    const metadata = parseChangeRequestMarker(pr.body);
    if (!current && !metadata) return; // not a Shipshape change request
    const base = current ?? this.newRecord(repository, pr, metadata!);
    await this.update(
      base,
      await this.withPhase(change(applyPullRequest(base, pr)), pr),
    );
  }

  private async onCheckResult(
    repository: string,
    sha: string | undefined,
    name: string | undefined,
    result: ReturnType<typeof checkRunResult>,
  ) {
    if (!sha || !name) return;
    for (const tracked of await this.options.store.list({ state: 'open' })) {
      if (tracked.repository !== repository) continue;
      if (tracked.headSha !== sha && tracked.mergeCommitSha !== sha) continue;
      const next = {
        ...tracked,
        checkResults: {
          ...tracked.checkResults,
          [sha]: { ...tracked.checkResults[sha], [name]: result },
        },
      };
      await this.update(
        tracked,
        next.state === 'merged' || next.state === 'syncing'
          ? await this.progress(next)
          : next,
      );
    }
  }

  /** Reads reviews and checks from GitHub and saves the request. */
  private async refreshFromGithub(
    repository: string,
    pr: PullRequestData,
    metadata?: ChangeRequestMetadata,
    replaceMetadata = false,
  ): Promise<TrackedChangeRequest> {
    const github = this.requireGithub();
    const id = changeRequestId(repository, pr.number);
    const current = await this.options.store.get(id);
    let base = current ?? this.newRecord(repository, pr, metadata!);
    if (current && metadata && replaceMetadata) {
      base = { ...current, ...metadata };
    }
    let next = applyPullRequest(base, pr);
    let reviews = {};
    for (const review of await github.listReviews(repository, pr.number)) {
      reviews = applyReview(reviews, review);
    }
    next = { ...next, reviews };
    const sha = pr.merged ? pr.merge_commit_sha : pr.head.sha;
    if (sha) {
      try {
        const results = await github.listCheckResults(repository, sha);
        next = {
          ...next,
          checkResults: { ...next.checkResults, [sha]: results },
        };
      } catch (error) {
        this.options.logger.debug(`No checks of ${id}: ${error}`);
      }
    }
    return this.update(current ?? base, await this.withPhase(next, pr));
  }

  /** The state a pull request's GitHub data gives, carried on to deployment progress once merged. */
  private async withPhase(
    tracked: TrackedChangeRequest,
    pr: PullRequestData,
  ): Promise<TrackedChangeRequest> {
    if (pr.merged || pr.merged_at) {
      if (tracked.state === 'healthy' || tracked.state === 'failed') {
        return tracked;
      }
      return this.progress({
        ...tracked,
        state: tracked.state === 'syncing' ? 'syncing' : 'merged',
      });
    }
    if (pr.state === 'closed') {
      return { ...tracked, state: 'closed' };
    }
    return {
      ...tracked,
      state: reviewPhase(tracked.reviews),
      reason: undefined,
    };
  }

  /** Where a merged request is: merged, syncing, healthy or failed (with the reason). */
  private async progress(
    tracked: TrackedChangeRequest,
  ): Promise<TrackedChangeRequest> {
    const { gitopsStore, ancestry, healthTimeoutMs } = this.options;
    const merge = tracked.mergeCommitSha;
    if (!merge) return tracked;
    const failedChecks = Object.entries(tracked.checkResults[merge] ?? {})
      .filter(([, result]) => result === 'failure')
      .map(([name]) => name);
    if (failedChecks.length > 0) {
      return {
        ...tracked,
        state: 'failed',
        reason: `Checks failed after the merge: ${failedChecks
          .sort()
          .join(', ')}`,
      };
    }
    const deployments = (
      await gitopsStore.listDeployments({
        environmentRef: tracked.environmentRef,
      })
    ).filter(
      d =>
        tracked.entityRefs.length === 0 ||
        tracked.entityRefs.includes(d.entityRef),
    );
    const problems: string[] = [];
    let containing = 0;
    for (const d of deployments) {
      const contains =
        d.revision !== undefined &&
        (await ancestry.contains(d.revision, merge));
      if (contains) containing += 1;
      const problem = deploymentProblem(d, contains, merge);
      if (problem) problems.push(problem);
    }
    for (const entityRef of tracked.entityRefs) {
      if (!deployments.some(d => d.entityRef === entityRef)) {
        problems.push(
          `${parseEntityRef(entityRef).name} has no deployment in ${
            parseEntityRef(tracked.environmentRef).name
          } yet`,
        );
      }
    }
    if (deployments.length > 0 && problems.length === 0) {
      return { ...tracked, state: 'healthy', reason: undefined };
    }
    const mergedAt = Date.parse(tracked.mergedAt ?? tracked.stateSince);
    if (this.now().getTime() - mergedAt > healthTimeoutMs) {
      return {
        ...tracked,
        state: 'failed',
        reason: `Not healthy ${Math.round(
          healthTimeoutMs / 60_000,
        )} minute(s) after the merge: ${problems.join('; ')}`,
      };
    }
    return { ...tracked, state: containing > 0 ? 'syncing' : 'merged' };
  }

  /** Saves a change, publishes the signal and, for an outcome, notifies the requester once. */
  private async update(
    before: TrackedChangeRequest,
    after: TrackedChangeRequest,
  ): Promise<TrackedChangeRequest> {
    const { store, signals, logger } = this.options;
    const existing = await store.get(after.id);
    const changed = !existing || comparable(existing) !== comparable(after);
    if (!changed) return existing;
    const now = this.now().toISOString();
    const stateChanged = !existing || existing.state !== after.state;
    const saved: TrackedChangeRequest = {
      ...after,
      stateSince: stateChanged ? now : after.stateSince,
      updatedAt: now,
    };
    await store.save(saved);
    if (stateChanged) {
      logger.info(
        `Change request ${saved.id}: ${existing?.state ?? before.state} -> ${
          saved.state
        }`,
      );
    }
    await signals
      ?.publish({
        recipients: { type: 'broadcast' },
        channel: CHANGE_REQUESTS_CHANNEL,
        message: { id: saved.id, state: saved.state },
      })
      .catch(error => logger.warn(`Could not publish signal: ${error}`));
    if (saved.state === 'healthy' || saved.state === 'failed') {
      await this.notifyOutcome(saved);
    }
    return saved;
  }

  private async notifyOutcome(tracked: TrackedChangeRequest) {
    const { store, notifications, logger } = this.options;
    if (!(await store.claimNotification(tracked.id, this.now()))) return;
    if (!tracked.requester) return;
    const environment = parseEntityRef(tracked.environmentRef).name;
    const healthy = tracked.state === 'healthy';
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef: tracked.requester },
        payload: {
          title: healthy
            ? `${environment} is healthy after ${tracked.id}`
            : `${tracked.id} failed in ${environment}`,
          description: healthy
            ? `"${tracked.title}" was merged, synced and every deployment is healthy.`
            : `"${tracked.title}": ${tracked.reason ?? 'failed'}.`,
          link: tracked.url,
          severity: healthy ? 'normal' : 'high',
          topic: `gitops:change-request:${tracked.id}`,
          scope: `gitops:change-request:${tracked.id}`,
        },
      });
    } catch (error) {
      logger.warn(`Could not notify the outcome of ${tracked.id}: ${error}`);
    }
  }

  private newRecord(
    repository: string,
    pr: PullRequestData,
    metadata: ChangeRequestMetadata,
  ): TrackedChangeRequest {
    const now = this.now().toISOString();
    return {
      ...metadata,
      id: changeRequestId(repository, pr.number),
      repository,
      number: pr.number,
      title: pr.title,
      url: pr.html_url,
      state: 'open',
      draft: Boolean(pr.draft),
      approvals: [],
      headBranch: pr.head.ref,
      baseBranch: pr.base.ref,
      createdAt: new Date(pr.created_at ?? now).toISOString(),
      stateSince: now,
      updatedAt: now,
      reviews: {},
      checkResults: {},
    };
  }

  private isTrackedRepository(repository: string): boolean {
    const configured = this.options.repository;
    return !configured || configured === repository;
  }

  private requireGithub(): GithubPullRequests {
    if (!this.options.github) {
      throw new NotFoundError(
        'Change requests cannot be read: gitops.changeRequests.repository is not configured',
      );
    }
    return this.options.github;
  }
}

/** `<owner>/<repo>#<number>`, lower-case. */
export function changeRequestId(repository: string, number: number): string {
  return `${repository.toLocaleLowerCase('en-US')}#${number}`;
}

function applyPullRequest(
  tracked: TrackedChangeRequest,
  pr: PullRequestData,
): TrackedChangeRequest {
  const merged = Boolean(pr.merged || pr.merged_at);
  return {
    ...tracked,
    title: pr.title ?? tracked.title,
    url: pr.html_url ?? tracked.url,
    draft: Boolean(pr.draft),
    headBranch: pr.head?.ref ?? tracked.headBranch,
    baseBranch: pr.base?.ref ?? tracked.baseBranch,
    headSha: pr.head?.sha ?? tracked.headSha,
    // GitHub also fills merge_commit_sha with a test merge while the request is open.
    mergeCommitSha: merged
      ? pr.merge_commit_sha ?? tracked.mergeCommitSha
      : undefined,
    mergedAt: merged
      ? new Date(pr.merged_at ?? tracked.mergedAt ?? Date.now()).toISOString()
      : undefined,
  };
}

function deploymentProblem(
  d: DeploymentStatus,
  contains: boolean,
  merge: string,
): string | undefined {
  const where = `${parseEntityRef(d.entityRef).name} on ${
    parseEntityRef(d.clusterRef).name
  }`;
  if (!contains) {
    return `${where} has not synced the merge commit ${merge.slice(0, 7)} yet`;
  }
  if (d.sync === 'Synced' && d.health === 'Healthy') return undefined;
  return `${where} is ${d.sync} and ${d.health}${
    d.reason ? ` (${d.reason})` : ''
  }`;
}

/** The request as the API shows it: approvals and checks derived, bookkeeping left out. */
export function toChangeRequest(tracked: TrackedChangeRequest): ChangeRequest {
  const {
    reviews,
    checkResults,
    mergedAt: _mergedAt,
    notifiedAt: _notifiedAt,
    ...request
  } = tracked;
  const sha = tracked.mergeCommitSha ?? tracked.headSha;
  const checks = combineChecks(sha ? checkResults[sha] : undefined);
  return {
    ...request,
    approvals: Object.entries(reviews)
      .filter(([, state]) => state === 'APPROVED')
      .map(([login]) => login)
      .sort(),
    ...(checks ? { checks } : {}),
  };
}

/** Everything but the times a save sets, to skip unchanged saves. */
function comparable(t: TrackedChangeRequest): string {
  const {
    updatedAt: _u,
    stateSince: _s,
    notifiedAt: _n,
    approvals: _a,
    ...rest
  } = t;
  return stableJson(rest);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : Number(a > b)))
      .map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
