import { GitRepository } from '../git/GitRepository';

export interface UserRecord {
  id: number;
  login: string;
  name?: string;
  email?: string;
  type: 'User' | 'Organization' | 'Bot';
}

export interface TeamRecord {
  id: number;
  slug: string;
  name: string;
  description?: string;
  members: string[];
}

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description?: string;
}

export interface PullRecord {
  id: number;
  number: number;
  title: string;
  body?: string;
  state: 'open' | 'closed';
  draft: boolean;
  user: string;
  headRef: string;
  /** The head's last known commit; the branch's current value wins while the PR is open. */
  headSha: string;
  baseRef: string;
  /** The base's value when the PR was opened or last merged/closed. */
  baseSha: string;
  maintainerCanModify: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt?: string;
  mergedAt?: string;
  mergeCommitSha?: string;
  mergedBy?: string;
  labels: string[];
  requestedReviewers: string[];
  requestedTeams: string[];
}

export type ReviewState =
  | 'APPROVED'
  | 'CHANGES_REQUESTED'
  | 'COMMENTED'
  | 'PENDING'
  | 'DISMISSED';

export interface ReviewRecord {
  id: number;
  pullNumber: number;
  user: string;
  body: string;
  state: ReviewState;
  commitId: string;
  submittedAt?: string;
}

export interface StatusRecord {
  id: number;
  sha: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  targetUrl?: string;
  description?: string;
  context: string;
  creator: string;
  createdAt: string;
  updatedAt: string;
}

export interface CheckRunRecord {
  id: number;
  suiteId: number;
  headSha: string;
  name: string;
  status:
    | 'queued'
    | 'in_progress'
    | 'completed'
    | 'waiting'
    | 'requested'
    | 'pending';
  conclusion?: string;
  detailsUrl?: string;
  externalId?: string;
  startedAt?: string;
  completedAt?: string;
  output: { title?: string; summary?: string; text?: string };
}

export interface RepoState {
  id: number;
  name: string;
  description?: string;
  defaultBranch: string;
  git: GitRepository;
  createdAt: string;
  pushedAt: string;
  pulls: PullRecord[];
  nextNumber: number;
  reviews: ReviewRecord[];
  labels: Map<string, LabelRecord>;
  statuses: StatusRecord[];
  checkRuns: CheckRunRecord[];
}

/** Everything the emulator remembers besides git itself (in memory only). */
export class EmulatorState {
  private nextId = 10_000;
  readonly users = new Map<string, UserRecord>();
  readonly teams = new Map<string, TeamRecord>();
  readonly repos = new Map<string, RepoState>();

  constructor(readonly organization: UserRecord) {}

  id(): number {
    return this.nextId++;
  }

  user(login: string): UserRecord | undefined {
    return this.users.get(login.toLowerCase());
  }
}

/** GitHub's timestamps: ISO 8601 in UTC without milliseconds. */
export const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/** GitHub's legacy global node ids ("MDQ6VXNlcjE=" is "04:User1"). */
export const nodeId = (type: string, id: number | string) =>
  Buffer.from(`${String(type.length).padStart(2, '0')}:${type}${id}`).toString(
    'base64',
  );
