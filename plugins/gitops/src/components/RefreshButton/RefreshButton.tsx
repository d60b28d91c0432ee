import { useApi } from '@backstage/core-plugin-api';
import { toError } from '@backstage/errors';
import { usePermission } from '@backstage/plugin-permission-react';
import { gitopsRefreshPermission } from '@shipshape/plugin-gitops-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useState } from 'react';
import { gitopsApiRef } from '../../api';
import { errorMessage, isPermissionDenied } from '../../lib/errors';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
}));

type RefreshState =
  | { state: 'idle' | 'pending' | 'requested' }
  | { state: 'failed'; error: Error };

function describe(refresh: RefreshState): string {
  switch (refresh.state) {
    case 'pending':
      return 'Requesting a refresh…';
    case 'requested':
      return 'Refresh requested';
    case 'failed':
      return isPermissionDenied(refresh.error)
        ? 'You do not have permission to refresh'
        : `Refresh failed: ${errorMessage(refresh.error)}`;
    default:
      return '';
  }
}

/**
 * Asks the reconciler to reconcile an entity now. Disabled for users without the
 * `gitops.refresh` permission on the entity.
 */
export function RefreshButton(props: {
  entityRef: string;
  /** Called once the backend accepted the request. */
  onRequested?: () => void;
}) {
  const { entityRef, onRequested } = props;
  const classes = useStyles();
  const gitopsApi = useApi(gitopsApiRef);
  const permission = usePermission({
    permission: gitopsRefreshPermission,
    resourceRef: entityRef,
  });
  const [refresh, setRefresh] = useState<RefreshState>({ state: 'idle' });

  const onClick = async () => {
    setRefresh({ state: 'pending' });
    try {
      await gitopsApi.refresh({ entityRef });
      setRefresh({ state: 'requested' });
      onRequested?.();
    } catch (error) {
      setRefresh({ state: 'failed', error: toError(error) as Error });
    }
  };

  const denied = !permission.loading && !permission.allowed;
  return (
    <div className={classes.root}>
      <Typography
        variant="caption"
        color={refresh.state === 'failed' ? 'error' : 'textSecondary'}
        role="status"
      >
        {describe(refresh)}
      </Typography>
      {/* Disabled buttons get no pointer events; the wrapper carries the tooltip. */}
      <span
        title={
          denied ? 'You do not have permission to refresh' : 'Reconcile now'
        }
      >
        <Button
          size="small"
          variant="outlined"
          disabled={!permission.allowed || refresh.state === 'pending'}
          onClick={onClick}
        >
          Refresh
        </Button>
      </span>
    </div>
  );
}
