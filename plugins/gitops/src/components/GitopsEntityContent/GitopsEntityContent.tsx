import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress } from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { DeploymentStatus } from '@shipshape/plugin-gitops-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode, useMemo, useState } from 'react';
import { deploymentKey, refName, sortDeployments } from '../../lib/deployments';
import { isNotFound, isPermissionDenied } from '../../lib/errors';
import { RefreshButton } from '../RefreshButton';
import { RelativeTime } from '../RelativeTime';
import { Revision } from '../Revision';
import { StaleNotice } from '../StaleNotice';
import { HealthStatusLabel, SyncStatusLabel } from '../StatusLabel';
import { DeploymentHistory } from './DeploymentHistory';
import { DeploymentResources } from './DeploymentResources';
import { LoadErrorPanel } from '../LoadErrorPanel';
import { useEntityGitopsStatus } from '../../lib/useEntityGitopsStatus';

const useStyles = makeStyles(theme => ({
  tabLabel: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    textTransform: 'none',
  },
  tabStatus: {
    color: theme.palette.text.secondary,
    fontSize: '0.75rem',
  },
  facts: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(3),
    marginTop: theme.spacing(2),
  },
  label: {
    color: theme.palette.text.secondary,
    textTransform: 'uppercase',
    fontSize: '10px',
    fontWeight: 'bold',
    letterSpacing: 0.5,
  },
  reason: {
    marginTop: theme.spacing(1),
  },
}));

/**
 * Props of {@link GitopsEntityContent}.
 *
 * @public
 */
export interface GitopsEntityContentProps {
  /** How often to poll the backend, in milliseconds; 0 turns polling off. Default 5000. */
  pollIntervalMs?: number;
}

function Fact(props: { label: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <div>
      <Typography variant="h2" className={classes.label}>
        {props.label}
      </Typography>
      <Typography variant="body2" component="div">
        {props.children}
      </Typography>
    </div>
  );
}

function DeploymentFacts(props: { deployment: DeploymentStatus }) {
  const { deployment } = props;
  const classes = useStyles();
  return (
    <>
      <div className={classes.facts}>
        <Fact label="Environment">
          <EntityRefLink
            entityRef={deployment.environmentRef}
            defaultKind="environment"
          />
        </Fact>
        <Fact label="Cluster">
          <EntityRefLink
            entityRef={deployment.clusterRef}
            defaultKind="resource"
          />
        </Fact>
        <Fact label="Namespace">
          <code>{deployment.namespace}</code>
        </Fact>
        <Fact label="Sync">
          <SyncStatusLabel status={deployment.sync} />
        </Fact>
        <Fact label="Health">
          <HealthStatusLabel status={deployment.health} />
        </Fact>
        <Fact label="Revision">
          <Revision
            revision={deployment.revision}
            url={deployment.revisionUrl}
          />
        </Fact>
        <Fact label="Drift">
          {deployment.driftCount} of {deployment.resourceCount} resources
        </Fact>
        <Fact label="Last change">
          <RelativeTime value={deployment.updatedAt} />
        </Fact>
      </div>
      {deployment.reason && (
        <Typography variant="body2" className={classes.reason}>
          {deployment.reason}
        </Typography>
      )}
    </>
  );
}

function NotDeployed() {
  return (
    <Box>
      <Typography variant="body1" gutterBottom>
        Not deployed anywhere yet.
      </Typography>
      <Typography variant="body2" color="textSecondary">
        Deployments appear once the GitOps repository has an{' '}
        <code>environments/&lt;env&gt;/&lt;component&gt;/</code> directory for
        this component and the Shipshape reconciler has compared it with its
        cluster.
      </Typography>
    </Box>
  );
}

/**
 * The GitOps tab of a component: pick one of its deployments to see its resources, open a
 * resource's diff, and follow the deployment's history. Everything refreshes in place (polling
 * and signals) without losing the selected deployment, the open diff or its view.
 *
 * @public
 */
export function GitopsEntityContent(props: GitopsEntityContentProps) {
  const classes = useStyles();
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { status, tick } = useEntityGitopsStatus(
    entityRef,
    props.pollIntervalMs,
  );
  const [selectedKey, setSelectedKey] = useState<string>();

  const deployments = useMemo(
    () => sortDeployments(status.value?.deployments ?? []),
    [status.value],
  );
  const selected =
    deployments.find(d => deploymentKey(d) === selectedKey) ?? deployments[0];
  const clustersInEnvironment = selected
    ? new Set(
        deployments
          .filter(d => d.environmentRef === selected.environmentRef)
          .map(d => d.clusterRef),
      ).size
    : 0;

  const denied = !status.value && isPermissionDenied(status.error);
  let content;
  if (status.value) {
    content =
      deployments.length === 0 ? (
        <NotDeployed />
      ) : (
        <>
          <StaleNotice error={status.error} what="the deployments" />
          <Tabs
            value={selected ? deploymentKey(selected) : false}
            onChange={(_event, value: string) => setSelectedKey(value)}
            variant="scrollable"
            scrollButtons="auto"
            indicatorColor="primary"
            aria-label="Deployments"
          >
            {deployments.map(deployment => (
              <Tab
                key={deploymentKey(deployment)}
                value={deploymentKey(deployment)}
                label={
                  <span className={classes.tabLabel}>
                    <span>
                      {refName(deployment.environmentRef)} ·{' '}
                      {refName(deployment.clusterRef)}
                    </span>
                    <span className={classes.tabStatus}>
                      {deployment.sync} · {deployment.health}
                    </span>
                  </span>
                }
              />
            ))}
          </Tabs>
          {selected && <DeploymentFacts deployment={selected} />}
        </>
      );
  } else if (status.loading) {
    content = <Progress />;
  } else if (denied) {
    content = (
      <Typography variant="body1">
        You do not have permission to view the GitOps status of this component.
      </Typography>
    );
  } else if (isNotFound(status.error)) {
    content = <NotDeployed />;
  } else {
    content = <LoadErrorPanel what="the GitOps status" error={status.error} />;
  }

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title="Deployments"
          action={
            denied ? undefined : (
              <RefreshButton
                entityRef={entityRef}
                onRequested={status.reload}
              />
            )
          }
        >
          {content}
        </InfoCard>
      </Grid>
      {selected && (
        <Grid item xs={12}>
          <DeploymentResources
            key={deploymentKey(selected)}
            deployment={selected}
            tick={tick}
            title={`Resources in ${refName(
              selected.environmentRef,
            )} on ${refName(selected.clusterRef)}`}
          />
        </Grid>
      )}
      {selected && (
        <Grid item xs={12}>
          <DeploymentHistory
            key={selected.environmentRef}
            entityRef={entityRef}
            environmentRef={selected.environmentRef}
            tick={tick}
            showCluster={clustersInEnvironment > 1}
          />
        </Grid>
      )}
    </Grid>
  );
}
