import {
  ChangeRequest,
  ChangeRequestChecks,
} from '@shipshape/plugin-gitops-common';

/** A review state as GitHub reports it. */
export type ReviewState =
  | 'APPROVED'
  | 'CHANGES_REQUESTED'
  | 'COMMENTED'
  | 'DISMISSED'
  | 'PENDING';

/** A change request with the bookkeeping its state is computed from. */
export interface TrackedChangeRequest extends ChangeRequest {
  /** The latest review per GitHub login (COMMENTED and PENDING reviews are not kept). */
  reviews: Record<string, ReviewState>;
  /** Check runs and commit statuses: per commit SHA, per check name. */
  checkResults: Record<string, Record<string, ChangeRequestChecks>>;
  /** ISO 8601. */
  mergedAt?: string;
  /** ISO 8601: when the requester was told of the outcome. */
  notifiedAt?: string;
}

/** Change requests that are still followed (not healthy, failed or closed). */
export const FINAL_STATES: ReadonlyArray<ChangeRequest['state']> = [
  'healthy',
  'failed',
  'closed',
];
