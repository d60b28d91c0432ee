import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { GitopsChangeRequestsRequest } from '@shipshape/plugin-gitops-common';
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
      return { environmentRef: ref };
    case 'group':
    case 'user':
      return { awaitingApprovalBy: ref };
    default:
      return { entityRef: ref };
  }
}

function emptyText(filter: GitopsChangeRequestsRequest): string {
  if (filter.awaitingApprovalBy) {
    return 'Nothing is waiting for this team’s approval.';
  }
  if (filter.environmentRef) {
    return 'No open change requests for this environment.';
  }
  return 'No open change requests for this component.';
}

/**
 * The open change requests (pull requests on the GitOps repository) of the current entity: on a
 * Component, those that change it; on an Environment, those for it; on a Group (or User), those
 * awaiting its approval.
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

  let content;
  if (requests.value) {
    content =
      requests.value.items.length === 0 ? (
        <Typography variant="body1">{emptyText(filter)}</Typography>
      ) : (
        <ChangeRequestsTable
          requests={requests.value.items}
          label="Pending changes"
        />
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
