import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  gitopsDiffReadPermission,
  ResourceStatus,
} from '@shipshape/plugin-gitops-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { GitopsDeploymentRef } from '@shipshape/plugin-gitops-common';
import { gitopsApiRef } from '../../api';
import { isNotFound, isPermissionDenied } from '../../lib/errors';
import { useRefreshingAsync } from '../../lib/useRefreshingAsync';
import { ResourceDiffViewer } from '../ResourceDiffViewer';
import { StaleNotice } from '../StaleNotice';
import { resourceName } from '../../lib/deployments';
import { LoadErrorPanel } from '../LoadErrorPanel';

const NO_PERMISSION = 'You do not have permission to view diffs';

function DiffLoader(props: {
  deployment: GitopsDeploymentRef;
  resourceKey: string;
  tick: number;
}) {
  const { deployment, resourceKey, tick } = props;
  const gitopsApi = useApi(gitopsApiRef);
  const diff = useRefreshingAsync(
    () => gitopsApi.getDiff({ ...deployment, resource: resourceKey }),
    JSON.stringify([deployment, resourceKey]),
    tick,
  );

  if (diff.value) {
    return (
      <>
        <StaleNotice error={diff.error} what="the diff" />
        <ResourceDiffViewer diff={diff.value} />
      </>
    );
  }
  if (diff.loading) {
    return <Progress />;
  }
  if (isPermissionDenied(diff.error)) {
    return <Typography variant="body1">{NO_PERMISSION}</Typography>;
  }
  if (isNotFound(diff.error)) {
    return (
      <Typography variant="body1">
        This resource is no longer part of the deployment.
      </Typography>
    );
  }
  return <LoadErrorPanel what="the diff" error={diff.error} />;
}

/**
 * The diff of one resource of a deployment, for users with the `gitops.diff.read` permission
 * on the entity, kept up to date with `tick`.
 */
export function ResourceDiffPanel(props: {
  deployment: GitopsDeploymentRef;
  resource: ResourceStatus;
  tick: number;
  onClose: () => void;
}) {
  const { deployment, resource, tick, onClose } = props;
  const permission = usePermission({
    permission: gitopsDiffReadPermission,
    resourceRef: deployment.entityRef,
  });

  let content;
  if (permission.loading) {
    content = <Progress />;
  } else if (!permission.allowed) {
    content = <Typography variant="body1">{NO_PERMISSION}</Typography>;
  } else {
    content = (
      <DiffLoader
        deployment={deployment}
        resourceKey={resource.key}
        tick={tick}
      />
    );
  }

  return (
    <InfoCard
      title={`Diff of ${resource.kind} ${resourceName(resource)}`}
      action={
        <Button size="small" onClick={onClose}>
          Close
        </Button>
      }
    >
      {content}
    </InfoCard>
  );
}
