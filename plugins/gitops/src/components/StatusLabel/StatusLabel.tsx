import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';
import {
  DeploymentSyncStatus,
  HealthStatus,
  SyncStatus,
} from '@shipshape/plugin-gitops-common';
import { ComponentType, PropsWithChildren } from 'react';

const useStyles = makeStyles({
  root: {
    display: 'inline-flex',
    alignItems: 'baseline',
    whiteSpace: 'nowrap',
  },
});

type StatusIcon = ComponentType<PropsWithChildren<{}>>;

const SYNC_ICONS: Record<SyncStatus | DeploymentSyncStatus, StatusIcon> = {
  Synced: StatusOK,
  OutOfSync: StatusWarning,
  Missing: StatusError,
  Extraneous: StatusWarning,
  Unknown: StatusAborted,
};

const HEALTH_ICONS: Record<HealthStatus, StatusIcon> = {
  Healthy: StatusOK,
  Suspended: StatusPending,
  Progressing: StatusRunning,
  Missing: StatusError,
  Degraded: StatusError,
  Unknown: StatusAborted,
};

/**
 * A status as an icon of its own shape and colour followed by its name, so that it never
 * depends on colour alone. The icon is decorative; the text is what assistive technology reads.
 */
function StatusLabel(props: { icon: StatusIcon | undefined; text: string }) {
  const classes = useStyles();
  const Icon = props.icon ?? StatusAborted;
  return (
    <span className={classes.root}>
      <Icon />
      <span>{props.text}</span>
    </span>
  );
}

/** The sync of a deployment or a resource: Synced, OutOfSync, Missing, Extraneous, Unknown. */
export function SyncStatusLabel(props: {
  status: SyncStatus | DeploymentSyncStatus;
}) {
  return <StatusLabel icon={SYNC_ICONS[props.status]} text={props.status} />;
}

/** A health status in Argo CD's vocabulary. */
export function HealthStatusLabel(props: { status: HealthStatus }) {
  return <StatusLabel icon={HEALTH_ICONS[props.status]} text={props.status} />;
}
