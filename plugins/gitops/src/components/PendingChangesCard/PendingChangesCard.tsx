import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ChangeRequest,
  GitopsChangeRequestsRequest,
} from '@shipshape/plugin-gitops-common';
import { DateTime } from 'luxon';
import Typography from '@material-ui/core/Typography';
import { gitopsApiRef } from '../../api';
import { isPermissionDenied } from '../../lib/errors';
import { statusChannel, useLiveRefresh } from '../../lib/useLiveRefresh';
import { useRefreshingAsync } from '../../lib/useRefreshingAsync';
import { ChangeRequestsTable } from '../ChangeRequestsTable';
import { LoadErrorPanel } from '../LoadErrorPanel';
import { StaleNotice } from '../StaleNotice';

const TITLE = 'Pending changes';

/**
 * Props of {@link PendingChangesCard}.
 *
 * @public
 */
export interface PendingChangesCardProps {
  /** How often to poll the backend, in milliseconds; 0 turns polling off. Default 5000. */
  pollIntervalMs?: number;
}

/** Which change requests concern an entity: its own, its environment's, or its reviews. */
export function changeRequestFilter(
  entity: Entity,
): GitopsChangeRequestsRequest {
  const ref = stringifyEntityRef(entity);
  switch (entity.kind.toLocaleLowerCase('en-US')) {
    case 'environment':
      return { environmentRef: ref, state: 'all' };
    case 'group':
    case 'user':
      return { awaitingApprovalBy: ref };
    default:
      // Finished ones too: the requester sees "Healthy" (or why it failed) after the merge.
      return { entityRef: ref, state: 'all' };
  }
}

const FINISHED: ChangeRequest['state'][] = ['healthy', 'failed', 'closed'];

/** Open requests, and those that finished within the last day (newest first, as listed). */
export function recentChangeRequests(
  items: ChangeRequest[],
  now: DateTime = DateTime.now(),
): ChangeRequest[] {
  const since = now.minus({ days: 1 });
  return items.filter(
    item =>
      !FINISHED.includes(item.state) ||
      DateTime.fromISO(item.stateSince) >= since,
  );
}

function emptyText(filter: GitopsChangeRequestsRequest): string {
  if (filter.awaitingApprovalBy) {
    return 'Nothing is waiting for this team’s approval.';
  }
  if (filter.environmentRef) {
    return 'No open or recently finished change requests for this environment.';
  }
  return 'No open or recently finished change requests for this component.';
}

/**
 * The open change requests (pull requests on the GitOps repository) of the current entity, and
 * on a Component or an Environment those finished within the last day: on a Component, those
 * that change it; on an Environment, those for it; on a Group (or User), those awaiting its
 * approval.
 *
 * @public
 */
export function PendingChangesCard(props: PendingChangesCardProps) {
  const { entity } = useEntity();
  const gitopsApi = useApi(gitopsApiRef);
  const entityRef = stringifyEntityRef(entity);
  const filter = changeRequestFilter(entity);
  const tick = useLiveRefresh({
    channel: statusChannel(entityRef),
    intervalMs: props.pollIntervalMs,
  });
  const requests = useRefreshingAsync(
    () => gitopsApi.listChangeRequests(filter),
    JSON.stringify(filter),
    tick,
  );

  const shown = requests.value && recentChangeRequests(requests.value.items);
  let content;
  if (shown) {
    content =
      shown.length === 0 ? (
        <Typography variant="body1">{emptyText(filter)}</Typography>
      ) : (
        <ChangeRequestsTable requests={shown} label="Pending changes" />
      );
  } else if (requests.loading) {
    content = <Progress />;
  } else if (isPermissionDenied(requests.error)) {
    content = (
      <Typography variant="body1">
        You do not have permission to view the change requests of this{' '}
        {entity.kind.toLocaleLowerCase('en-US')}.
      </Typography>
    );
  } else {
    content = (
      <LoadErrorPanel what="the change requests" error={requests.error} />
    );
  }

  return (
    <InfoCard title={TITLE}>
      {requests.value && (
        <StaleNotice error={requests.error} what="the change requests" />
      )}
      {content}
    </InfoCard>
  );
}
