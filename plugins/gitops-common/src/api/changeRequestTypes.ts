/**
 * Where a change request (a pull request on the GitOps repository) is on its way from "opened" to
 * "environment healthy":
 * open → changes_requested | approved → merged → syncing → healthy, or failed (checks failed, the
 * environment did not become healthy in time) or closed (closed without merging).
 *
 * @public
 */
export type ChangeRequestState =
  | 'open'
  | 'changes_requested'
  | 'approved'
  | 'merged'
  | 'syncing'
  | 'healthy'
  | 'failed'
  | 'closed';

/**
 * The combined state of a pull request's checks (GitHub check runs and commit statuses).
 *
 * @public
 */
export type ChangeRequestChecks = 'pending' | 'success' | 'failure';

/**
 * What Shipshape writes into a pull request's body (as an HTML comment) so that webhooks and
 * polling can tell which entities and environment it changes, even when it was opened elsewhere.
 *
 * @public
 */
export interface ChangeRequestMetadata {
  /** `create` for a new environment, `update` for a change to an existing one. */
  action: 'create' | 'update';
  /** The Environment entity the request creates or changes. */
  environmentRef: string;
  /** The components whose deployments it creates or changes. */
  entityRefs: string[];
  /** The user who asked for it (a user entity ref): notified when it is healthy or failed. */
  requester?: string;
  /** The groups and users asked to review (entity refs). */
  reviewers?: string[];
}

/**
 * One tracked change request.
 *
 * @public
 */
export interface ChangeRequest extends ChangeRequestMetadata {
  /** `<owner>/<repo>#<number>`. */
  id: string;
  /** `<owner>/<repo>`. */
  repository: string;
  number: number;
  title: string;
  /** The pull request's page. */
  url: string;
  state: ChangeRequestState;
  draft: boolean;
  /** GitHub logins that approved the latest commit. */
  approvals: string[];
  checks?: ChangeRequestChecks;
  headBranch: string;
  baseBranch: string;
  headSha?: string;
  mergeCommitSha?: string;
  /** Why it failed, in one sentence, when `state` is `failed`. */
  reason?: string;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601: when `state` last changed. */
  stateSince: string;
  /** ISO 8601. */
  updatedAt: string;
}

/**
 * `GET /change-requests?entityRef=&environmentRef=&awaitingApprovalBy=&state=`, newest first.
 *
 * @public
 */
export interface ChangeRequestListResponse {
  items: ChangeRequest[];
}

/**
 * `POST /change-requests`: the scaffolder registers a pull request it opened (the backend reads
 * the rest from GitHub). Webhooks and polling find requests that were not registered.
 *
 * @public
 */
export interface RegisterChangeRequestBody extends ChangeRequestMetadata {
  repository: string;
  number: number;
}
