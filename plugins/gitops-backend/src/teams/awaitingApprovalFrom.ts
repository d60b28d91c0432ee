import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ChangeRequest,
  ChangeRequestState,
} from '@shipshape/plugin-gitops-common';
import { AwaitingApprovalSource } from './TeamSummaryService';

/** States in which a request waits for its reviewers (as GET /change-requests?awaitingApprovalBy=). */
const AWAITING: ChangeRequestState[] = ['open', 'changes_requested'];

function normalize(ref: string): string | undefined {
  try {
    return stringifyEntityRef(parseEntityRef(ref, { defaultKind: 'group' }));
  } catch {
    return undefined;
  }
}

/**
 * The change requests awaiting a team's approval, from anything that lists tracked change
 * requests (the change request tracker): open ones (also with changes requested) whose
 * reviewers include one of the groups. Reviewers written without kind are groups.
 */
export function awaitingApprovalFrom(source: {
  list(filter: { state?: 'open' | 'all' }): Promise<ChangeRequest[]>;
}): AwaitingApprovalSource {
  return {
    async listAwaitingApproval(reviewerRefs) {
      const wanted = new Set(reviewerRefs.map(normalize));
      const open = await source.list({ state: 'open' });
      return open.filter(
        request =>
          AWAITING.includes(request.state) &&
          (request.reviewers ?? []).some(reviewer =>
            wanted.has(normalize(reviewer)),
          ),
      );
    },
  };
}
