import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResourceStatus } from '@shipshape/plugin-gitops-common';
import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { MouseEvent, useEffect, useMemo, useRef, useState } from 'react';
import { GitopsDeploymentRef } from '@shipshape/plugin-gitops-common';
import { gitopsApiRef } from '../../api';
import { deploymentKey, resourceName } from '../../lib/deployments';
import { isNotFound, isPermissionDenied } from '../../lib/errors';
import { useRefreshingAsync } from '../../lib/useRefreshingAsync';
import { StaleNotice } from '../StaleNotice';
import { HealthStatusLabel, SyncStatusLabel } from '../StatusLabel';
import { ResourceDiffPanel } from './ResourceDiffPanel';
import { LoadErrorPanel } from '../LoadErrorPanel';

const useStyles = makeStyles(theme => ({
  message: {
    display: 'block',
    // Also on the selected row's grey: text.secondary would fall under 4.5:1 contrast there.
    color:
      theme.palette.type === 'light'
        ? theme.palette.grey[800]
        : theme.palette.text.secondary,
    maxWidth: '50ch',
    whiteSpace: 'normal',
  },
  name: {
    textAlign: 'left',
    fontFamily: 'monospace',
  },
  diff: {
    marginTop: theme.spacing(3),
  },
}));

function compareResources(a: ResourceStatus, b: ResourceStatus): number {
  return (
    a.kind.localeCompare(b.kind) ||
    (a.namespace ?? '').localeCompare(b.namespace ?? '') ||
    a.name.localeCompare(b.name)
  );
}

function ResourcesTable(props: {
  resources: ResourceStatus[];
  openKey?: string;
  onOpen: (resource: ResourceStatus) => void;
}) {
  const classes = useStyles();
  if (props.resources.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        This deployment has no resources.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Resources">
      <TableHead>
        <TableRow>
          <TableCell>Kind</TableCell>
          <TableCell>Name</TableCell>
          <TableCell>Sync</TableCell>
          <TableCell>Health</TableCell>
          <TableCell>Changes</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {[...props.resources].sort(compareResources).map(resource => {
          const open = resource.key === props.openKey;
          return (
            <TableRow
              key={resource.key}
              hover
              selected={open}
              onClick={() => props.onOpen(resource)}
              style={{ cursor: 'pointer' }}
            >
              <TableCell>{resource.kind}</TableCell>
              <TableCell>
                {/* The row is clickable; the button makes it reachable by keyboard. */}
                <Link
                  component="button"
                  className={classes.name}
                  aria-expanded={open}
                  onClick={(event: MouseEvent) => {
                    event.stopPropagation();
                    props.onOpen(resource);
                  }}
                >
                  {resourceName(resource)}
                </Link>
              </TableCell>
              <TableCell>
                <SyncStatusLabel status={resource.sync} />
              </TableCell>
              <TableCell>
                {resource.health && (
                  <>
                    <HealthStatusLabel status={resource.health.status} />
                    {resource.health.message && (
                      <Typography variant="caption" className={classes.message}>
                        {resource.health.message}
                      </Typography>
                    )}
                  </>
                )}
              </TableCell>
              <TableCell>{resource.changes.length}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/**
 * The resources of one deployment; clicking one opens its diff below the table. The open diff
 * stays open, and up to date, while the data refreshes.
 */
export function DeploymentResources(props: {
  deployment: GitopsDeploymentRef;
  tick: number;
  title: string;
}) {
  const { tick, title } = props;
  const { entityRef, environmentRef, clusterRef } = props.deployment;
  // Only the identity: the status fields of the deployment change with every refresh.
  const deployment = useMemo(
    () => ({ entityRef, environmentRef, clusterRef }),
    [entityRef, environmentRef, clusterRef],
  );
  const classes = useStyles();
  const gitopsApi = useApi(gitopsApiRef);
  const resources = useRefreshingAsync(
    () => gitopsApi.getResources(deployment),
    deploymentKey(deployment),
    tick,
  );
  // The resource as it was when opened: its diff stays open if it leaves the list.
  const [opened, setOpened] = useState<ResourceStatus>();
  const diffRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (opened) {
      diffRef.current?.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
    }
    // Scroll when another resource opens, not on every refresh.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened?.key]);

  const current =
    resources.value?.resources.find(r => r.key === opened?.key) ?? opened;

  let content;
  if (resources.value) {
    content = (
      <>
        <StaleNotice error={resources.error} what="the resources" />
        <ResourcesTable
          resources={resources.value.resources}
          openKey={opened?.key}
          onOpen={resource =>
            setOpened(previous =>
              previous?.key === resource.key ? undefined : resource,
            )
          }
        />
      </>
    );
  } else if (resources.loading) {
    content = <Progress />;
  } else if (isPermissionDenied(resources.error)) {
    content = (
      <Typography variant="body1">
        You do not have permission to view the resources of this deployment.
      </Typography>
    );
  } else if (isNotFound(resources.error)) {
    content = (
      <Typography variant="body1">
        The reconciler no longer reports this deployment.
      </Typography>
    );
  } else {
    content = <LoadErrorPanel what="the resources" error={resources.error} />;
  }

  return (
    <Box>
      <InfoCard title={title}>{content}</InfoCard>
      {current && (
        <div ref={diffRef} className={classes.diff}>
          <ResourceDiffPanel
            deployment={deployment}
            resource={current}
            tick={tick}
            onClose={() => setOpened(undefined)}
          />
        </div>
      )}
    </Box>
  );
}
