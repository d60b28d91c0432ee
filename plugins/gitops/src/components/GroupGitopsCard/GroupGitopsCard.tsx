import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { TeamSummaryResponse } from '@shipshape/plugin-gitops-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { isNotFound, isPermissionDenied } from '../../lib/errors';
import { isProblem } from '../../lib/teamMatrix';
import { useTeamPageLink } from '../../lib/useTeamPageLink';
import { useTeamSummary } from '../../lib/useTeamSummary';
import { LoadErrorPanel } from '../LoadErrorPanel';
import { StaleNotice } from '../StaleNotice';
import { TeamCounts } from '../TeamCounts';
import { HealthStatusLabel, SyncStatusLabel } from '../StatusLabel';

const TITLE = 'GitOps';
const WORST_SHOWN = 5;

const useStyles = makeStyles(theme => ({
  list: { margin: 0, paddingLeft: theme.spacing(2) },
  statuses: {
    display: 'inline-flex',
    gap: theme.spacing(1),
    marginLeft: theme.spacing(1),
  },
}));

/**
 * Props of {@link GroupGitopsCard}.
 *
 * @public
 */
export interface GroupGitopsCardProps {
  /** How often to poll the backend, in milliseconds; 0 turns polling off. Default 5000. */
  pollIntervalMs?: number;
}

/** Services with a problem, worst first (degraded, then out of sync), then by name. */
function worstServices(summary: TeamSummaryResponse) {
  const rank = (health: string, sync: string) =>
    (health === 'Degraded' ? 4 : 0) +
    (health === 'Missing' || health === 'Unknown' ? 2 : 0) +
    (sync !== 'Synced' ? 1 : 0);
  return summary.services
    .filter(s => s.cells.some(isProblem))
    .sort((a, b) => rank(b.health, b.sync) - rank(a.health, a.sync));
}

function Summary(props: { summary: TeamSummaryResponse; link?: string }) {
  const classes = useStyles();
  const { summary, link } = props;
  const { counts } = summary;
  const worst = worstServices(summary);
  return (
    <>
      <TeamCounts counts={counts} dense />
      {counts.services === 0 ? (
        <Typography variant="body1">
          This team owns no components yet.
        </Typography>
      ) : (
        <>
          <Typography variant="subtitle2" component="h3">
            {worst.length === 0
              ? 'Everything is in sync and healthy.'
              : 'Needs attention'}
          </Typography>
          {worst.length > 0 && (
            <ul className={classes.list}>
              {worst.slice(0, WORST_SHOWN).map(service => (
                <li key={service.entityRef}>
                  <EntityRefLink
                    entityRef={service.entityRef}
                    defaultKind="component"
                  >
                    {service.title}
                  </EntityRefLink>
                  <span className={classes.statuses}>
                    <SyncStatusLabel status={service.sync} />
                    <HealthStatusLabel status={service.health} />
                  </span>
                </li>
              ))}
            </ul>
          )}
          {worst.length > WORST_SHOWN && (
            <Typography variant="body2" color="textSecondary">
              and {worst.length - WORST_SHOWN} more
            </Typography>
          )}
        </>
      )}
      {link && (
        <Box mt={2}>
          <Link to={link}>
            Open the team page: every service in every environment
          </Link>
        </Box>
      )}
    </>
  );
}

/**
 * A Group's GitOps at a glance: totals, the worst statuses, the services that need attention,
 * and a link to the team page.
 *
 * @public
 */
export function GroupGitopsCard(props: GroupGitopsCardProps) {
  const { entity } = useEntity();
  const groupRef = stringifyEntityRef(entity);
  const summary = useTeamSummary({
    groupRef,
    pollIntervalMs: props.pollIntervalMs,
  });
  const link = useTeamPageLink(groupRef);

  let content;
  if (summary.value) {
    content = <Summary summary={summary.value} link={link} />;
  } else if (summary.loading) {
    content = <Progress />;
  } else if (isPermissionDenied(summary.error)) {
    content = (
      <Typography variant="body1">
        You do not have permission to view the GitOps status of this team.
      </Typography>
    );
  } else if (isNotFound(summary.error)) {
    content = (
      <Typography variant="body1">
        The GitOps backend does not know this group yet.
      </Typography>
    );
  } else {
    content = <LoadErrorPanel what="the team summary" error={summary.error} />;
  }

  const worst =
    summary.value && summary.value.counts.deployments > 0
      ? summary.value.summary
      : undefined;
  return (
    <InfoCard
      title={TITLE}
      subheader={
        worst && (
          <Box display="flex" style={{ gap: 16 }} component="span">
            <SyncStatusLabel status={worst.sync} />
            <HealthStatusLabel status={worst.health} />
          </Box>
        )
      }
    >
      {summary.value && (
        <StaleNotice error={summary.error} what="the team summary" />
      )}
      {content}
    </InfoCard>
  );
}
