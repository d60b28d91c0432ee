import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { ChangeRequestState } from '@shipshape/plugin-gitops-common';

/** States in which a request waits for its reviewers. */
const AWAITING: ChangeRequestState[] = ['open', 'changes_requested'];

/** A reviewer ref in full; one written without kind (e.g. in a hand-made marker) is a group. */
function normalize(ref: string): string | undefined {
  try {
    return stringifyEntityRef(parseEntityRef(ref, { defaultKind: 'group' }));
  } catch {
    return undefined;
  }
}

/**
 * Which requests wait for the approval of one of `reviewerRefs` (groups or users): open ones
 * (also with changes requested) whose reviewers include one of them. One rule for
 * `GET /change-requests?awaitingApprovalBy=` and the team summary.
 */
export function awaitingApprovalFrom(
  reviewerRefs: Iterable<string>,
): (request: { state: string; reviewers?: string[] }) => boolean {
  const wanted = new Set([...reviewerRefs].map(normalize));
  wanted.delete(undefined);
  return request =>
    AWAITING.includes(request.state as ChangeRequestState) &&
    (request.reviewers ?? []).some(reviewer => wanted.has(normalize(reviewer)));
}
