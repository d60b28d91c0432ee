import { ChangeRequestChecks } from '@shipshape/plugin-gitops-common';
import { ReviewData } from './GithubPullRequests';
import { ReviewState } from './types';

/** A check run's result: pending until completed; neutral and skipped count as success. */
export function checkRunResult(
  status: string | null | undefined,
  conclusion: string | null | undefined,
): ChangeRequestChecks {
  if (status !== 'completed') return 'pending';
  return ['success', 'neutral', 'skipped'].includes(conclusion ?? '')
    ? 'success'
    : 'failure';
}

/** A commit status's result (`error` is a failure). */
export function commitStatusResult(state: string): ChangeRequestChecks {
  if (state === 'success') return 'success';
  if (state === 'pending') return 'pending';
  return 'failure';
}

/** Any failure fails; else any pending is pending; undefined when there are none. */
export function combineChecks(
  results: Record<string, ChangeRequestChecks> | undefined,
): ChangeRequestChecks | undefined {
  const values = Object.values(results ?? {});
  if (values.length === 0) return undefined;
  if (values.includes('failure')) return 'failure';
  if (values.includes('pending')) return 'pending';
  return 'success';
}

/**
 * Folds a review into the latest review per reviewer, as GitHub decides approval: comments do
 * not replace an approval or a change request, a dismissal removes it.
 */
export function applyReview(
  reviews: Record<string, ReviewState>,
  review: ReviewData,
): Record<string, ReviewState> {
  const login = review.user?.login;
  const state = String(review.state).toUpperCase() as ReviewState;
  if (!login) return reviews;
  if (state === 'APPROVED' || state === 'CHANGES_REQUESTED') {
    return { ...reviews, [login]: state };
  }
  if (state === 'DISMISSED') {
    const { [login]: _removed, ...rest } = reviews;
    return rest;
  }
  return reviews;
}

/** The open-phase state from the latest reviews: a change request wins over approvals. */
export function reviewPhase(
  reviews: Record<string, ReviewState>,
): 'open' | 'changes_requested' | 'approved' {
  const states = Object.values(reviews);
  if (states.includes('CHANGES_REQUESTED')) return 'changes_requested';
  if (states.includes('APPROVED')) return 'approved';
  return 'open';
}
