import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress } from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { DeploymentStatus } from '@shipshape/plugin-gitops-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { isNotFound, isPermissionDenied } from '../../lib/errors';
import { deploymentKey, sortDeployments } from '../../lib/deployments';
import { RefreshButton } from '../RefreshButton';
import { RelativeTime } from '../RelativeTime';
import { Revision } from '../Revision';
import { StaleNotice } from '../StaleNotice';
import { HealthStatusLabel, SyncStatusLabel } from '../StatusLabel';
import { LoadErrorPanel } from '../LoadErrorPanel';
import { TableHeadRow } from '../TableHeadRow';
import { useEntityGitopsStatus } from '../../lib/useEntityGitopsStatus';

const TITLE = 'GitOps status';

const useStyles = makeStyles(theme => ({
  // Short values and headers stay on one line; the table scrolls in a narrow column instead.
  nowrap: {
    whiteSpace: 'nowrap',
  },
  scroll: {
    overflowX: 'auto',
  },
  secondary: {
    color: theme.palette.text.secondary,
  },
  reason: {
    display: 'block',
    color: theme.palette.text.secondary,
    maxWidth: '40ch',
    whiteSpace: 'normal',
  },
}));

/**
 * Props of {@link GitopsStatusCard}.
 *
 * @public
 */
export interface GitopsStatusCardProps {
  /** How often to poll the backend, in milliseconds; 0 turns polling off. Default 5000. */
  pollIntervalMs?: number;
}

/** Why a deployment is Unknown or Degraded, when the backend said. */
function showsReason(deployment: DeploymentStatus): boolean {
  return (
    deployment.reason !== undefined &&
    (deployment.sync === 'Unknown' ||
      deployment.health === 'Unknown' ||
      deployment.health === 'Degraded')
  );
}

function DeploymentsTable(props: {
  deployments: DeploymentStatus[];
  /** On an Environment page, rows are services; elsewhere, environments. */
  byComponent: boolean;
}) {
  const classes = useStyles();
  const { byComponent } = props;
  return (
    <Box className={classes.scroll}>
      <Table size="small" aria-label="Deployments">
        <TableHead>
          <TableHeadRow
            titles={[
              byComponent ? 'Service' : 'Environment',
              'Sync',
              'Health',
              'Revision',
              'Drift',
              'Last change',
            ]}
          />
        </TableHead>
        <TableBody>
          {sortDeployments(props.deployments, byComponent).map(deployment => (
            <TableRow key={deploymentKey(deployment)}>
              <TableCell>
                <Box className={classes.nowrap}>
                  {byComponent ? (
                    <EntityRefLink
                      entityRef={deployment.entityRef}
                      defaultKind="component"
                    />
                  ) : (
                    <EntityRefLink
                      entityRef={deployment.environmentRef}
                      defaultKind="environment"
                    />
                  )}
                </Box>
                {/* Where it runs, under the name: the card often sits in a narrow column. */}
                <Typography variant="caption" className={classes.secondary}>
                  <EntityRefLink
                    entityRef={deployment.clusterRef}
                    defaultKind="resource"
                    hideIcon
                  />
                  {deployment.namespace && (
                    <>
                      {' / '}
                      <code>{deployment.namespace}</code>
                    </>
                  )}
                </Typography>
              </TableCell>
              <TableCell className={classes.nowrap}>
                <SyncStatusLabel status={deployment.sync} />
              </TableCell>
              <TableCell>
                <HealthStatusLabel status={deployment.health} />
                {showsReason(deployment) && (
                  <Typography variant="caption" className={classes.reason}>
                    {deployment.reason}
                  </Typography>
                )}
              </TableCell>
              <TableCell className={classes.nowrap}>
                <Revision
                  revision={deployment.revision}
                  url={deployment.revisionUrl}
                />
              </TableCell>
              <TableCell className={classes.nowrap}>
                <span
                  title={`${deployment.driftCount} of ${deployment.resourceCount} resources differ from Git`}
                >
                  {deployment.driftCount} of {deployment.resourceCount}
                </span>
              </TableCell>
              <TableCell className={classes.nowrap}>
                <RelativeTime value={deployment.updatedAt} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

function NotDeployed(props: { environment: boolean }) {
  return (
    <Box>
      <Typography variant="body1" gutterBottom>
        {props.environment
          ? 'Nothing is deployed to this environment yet.'
          : 'Not deployed anywhere yet.'}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        Deployments appear once the GitOps repository has an{' '}
        <code>environments/&lt;env&gt;/&lt;component&gt;/</code> directory for{' '}
        {props.environment ? 'a service in this environment' : 'this component'}{' '}
        and the Shipshape reconciler has compared it with its cluster.
      </Typography>
    </Box>
  );
}

/**
 * Sync, health and drift of the current entity's deployments, kept up to date: on a Component,
 * one row per environment and cluster it is deployed to; on an Environment, one row per
 * service deployed there.
 *
 * @public
 */
export function GitopsStatusCard(props: GitopsStatusCardProps) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const kind = entity.kind.toLocaleLowerCase('en-US');
  const isEnvironment = kind === 'environment';
  const { status } = useEntityGitopsStatus(entityRef, props.pollIntervalMs);

  const denied = !status.value && isPermissionDenied(status.error);
  const action = denied ? undefined : (
    <RefreshButton entityRef={entityRef} onRequested={status.reload} />
  );

  let content;
  if (status.value) {
    content =
      status.value.deployments.length === 0 ? (
        <NotDeployed environment={isEnvironment} />
      ) : (
        <DeploymentsTable
          deployments={status.value.deployments}
          byComponent={isEnvironment}
        />
      );
  } else if (status.loading) {
    content = <Progress />;
  } else if (denied) {
    content = (
      <Typography variant="body1">
        You do not have permission to view the GitOps status of this {kind}.
      </Typography>
    );
  } else if (isNotFound(status.error)) {
    // The reconciler has not seen this entity (yet).
    content = <NotDeployed environment={isEnvironment} />;
  } else {
    content = <LoadErrorPanel what="the GitOps status" error={status.error} />;
  }

  const summary = status.value?.deployments.length
    ? status.value.summary
    : undefined;
  return (
    <InfoCard
      title={TITLE}
      subheader={
        summary && (
          <Box display="flex" style={{ gap: 16 }} component="span">
            <SyncStatusLabel status={summary.sync} />
            <HealthStatusLabel status={summary.health} />
          </Box>
        )
      }
      action={action}
    >
      {status.value && (
        <StaleNotice error={status.error} what="the GitOps status" />
      )}
      {content}
    </InfoCard>
  );
}
