import { Knex } from 'knex';
import { ChangeRequestStore } from './ChangeRequestStore';
import { FINAL_STATES, TrackedChangeRequest } from './types';

const TABLE = 'change_requests';

interface Row {
  id: string;
  repository: string;
  number: number;
  title: string;
  url: string;
  state: string;
  draft: boolean | number;
  action: string;
  environment_ref: string;
  entity_refs: string;
  requester: string | null;
  reviewers: string;
  reviews: string;
  checks: string;
  head_branch: string;
  base_branch: string;
  head_sha: string | null;
  merge_commit_sha: string | null;
  merged_at: Date | string | null;
  reason: string | null;
  created_at: Date | string;
  state_since: Date | string;
  updated_at: Date | string;
  notified_at: Date | string | null;
}

/** The change requests in the plugin's database (migrations/20261123000000_change_requests.js). */
export class DatabaseChangeRequestStore implements ChangeRequestStore {
  static create(options: { database: Knex }): DatabaseChangeRequestStore {
    return new DatabaseChangeRequestStore(options.database);
  }

  private constructor(private readonly db: Knex) {}

  async get(id: string): Promise<TrackedChangeRequest | undefined> {
    const row = await this.db<Row>(TABLE).where({ id }).first();
    return row ? fromRow(row) : undefined;
  }

  async save(request: TrackedChangeRequest): Promise<void> {
    const { notified_at: _ignored, ...row } = toRow(request);
    await this.db<Row>(TABLE)
      .insert(row)
      .onConflict('id')
      .merge(Object.keys(row).filter(k => k !== 'id') as Array<keyof Row>);
  }

  async list(filter: {
    environmentRef?: string;
    entityRef?: string;
    state?: 'open' | 'all';
  }): Promise<TrackedChangeRequest[]> {
    const query = this.db<Row>(TABLE).orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ]);
    if (filter.environmentRef) {
      query.where('environment_ref', filter.environmentRef);
    }
    if ((filter.state ?? 'open') === 'open') {
      query.whereNotIn('state', FINAL_STATES as string[]);
    }
    const requests = (await query).map(fromRow);
    // entity_refs is a JSON list: filtered here (a handful of rows per environment).
    return filter.entityRef
      ? requests.filter(r => r.entityRefs.includes(filter.entityRef!))
      : requests;
  }

  async claimNotification(id: string, now = new Date()): Promise<boolean> {
    const updated = await this.db<Row>(TABLE)
      .where({ id })
      .whereNull('notified_at')
      .whereIn('state', ['healthy', 'failed'])
      .update({ notified_at: now.toISOString() });
    return updated === 1;
  }
}

function toRow(r: TrackedChangeRequest): Row {
  return {
    id: r.id,
    repository: r.repository,
    number: r.number,
    title: r.title,
    url: r.url,
    state: r.state,
    draft: r.draft,
    action: r.action,
    environment_ref: r.environmentRef,
    entity_refs: JSON.stringify(r.entityRefs),
    requester: r.requester ?? null,
    reviewers: JSON.stringify(r.reviewers ?? []),
    reviews: JSON.stringify(r.reviews),
    checks: JSON.stringify(r.checkResults),
    head_branch: r.headBranch,
    base_branch: r.baseBranch,
    head_sha: r.headSha ?? null,
    merge_commit_sha: r.mergeCommitSha ?? null,
    merged_at: r.mergedAt ?? null,
    reason: r.reason ?? null,
    created_at: r.createdAt,
    state_since: r.stateSince,
    updated_at: r.updatedAt,
    notified_at: r.notifiedAt ?? null,
  };
}

function fromRow(row: Row): TrackedChangeRequest {
  const reviewers = JSON.parse(row.reviewers) as string[];
  return {
    id: row.id,
    repository: row.repository,
    number: Number(row.number),
    title: row.title,
    url: row.url,
    state: row.state as TrackedChangeRequest['state'],
    draft: Boolean(row.draft),
    action: row.action as TrackedChangeRequest['action'],
    environmentRef: row.environment_ref,
    entityRefs: JSON.parse(row.entity_refs),
    ...(row.requester ? { requester: row.requester } : {}),
    ...(reviewers.length ? { reviewers } : {}),
    approvals: [],
    reviews: JSON.parse(row.reviews),
    checkResults: JSON.parse(row.checks),
    headBranch: row.head_branch,
    baseBranch: row.base_branch,
    ...(row.head_sha ? { headSha: row.head_sha } : {}),
    ...(row.merge_commit_sha ? { mergeCommitSha: row.merge_commit_sha } : {}),
    ...(row.merged_at ? { mergedAt: iso(row.merged_at) } : {}),
    ...(row.reason ? { reason: row.reason } : {}),
    createdAt: iso(row.created_at),
    stateSince: iso(row.state_since),
    updatedAt: iso(row.updated_at),
    ...(row.notified_at ? { notifiedAt: iso(row.notified_at) } : {}),
  };
}

/** PostgreSQL returns Date objects; SQLite returns what was stored (ISO strings). */
function iso(value: Date | string | number): string {
  return new Date(value).toISOString();
}
