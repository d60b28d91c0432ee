import { InfoCard, Progress } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  TeamSummaryDependant,
  TeamSummaryResponse,
} from '@shipshape/plugin-gitops-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { DateTime } from 'luxon';
import { useMemo, useState } from 'react';
import { refName } from '../../lib/deployments';
import { isNotFound, isPermissionDenied } from '../../lib/errors';
import {
  environmentTypes,
  filterMatrix,
  matrixToCsv,
} from '../../lib/teamMatrix';
import { useTeamSummary } from '../../lib/useTeamSummary';
import { ChangeRequestsTable } from '../ChangeRequestsTable';
import { EntityRefList } from '../EntityRefList';
import { LoadErrorPanel } from '../LoadErrorPanel';
import { StaleNotice } from '../StaleNotice';
import { TeamCounts } from '../TeamCounts';
import { HealthStatusLabel, SyncStatusLabel } from '../StatusLabel';
import { TableHeadRow } from '../TableHeadRow';
import { TeamMatrix } from './TeamMatrix';

const useStyles = makeStyles(theme => ({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  select: { minWidth: 180 },
  nowrap: { whiteSpace: 'nowrap' },
}));

/**
 * Props of {@link TeamGitopsView}.
 *
 * @public
 */
export interface TeamGitopsViewProps {
  /** The Group, e.g. `group:default/team-payments`. */
  groupRef: string;
  /** How often to poll the backend, in milliseconds; 0 turns polling off. Default 5000. */
  pollIntervalMs?: number;
}

/** Saves text as a file through a temporary link (the browser's download). */
function download(filename: string, text: string) {
  const url = URL.createObjectURL(
    new Blob([text], { type: 'text/csv;charset=utf-8' }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

function Counts(props: { summary: TeamSummaryResponse }) {
  const { counts, summary } = props.summary;
  return (
    <Box display="flex" flexWrap="wrap" alignItems="center" style={{ gap: 24 }}>
      <TeamCounts counts={counts} />
      {counts.deployments > 0 && (
        <Box display="flex" style={{ gap: 16 }}>
          <SyncStatusLabel status={summary.sync} />
          <HealthStatusLabel status={summary.health} />
        </Box>
      )}
    </Box>
  );
}

function distanceText(distance: number): string {
  return distance === 1
    ? 'Directly'
    : `Through ${distance - 1} other${distance > 2 ? 's' : ''}`;
}

function DependantsTable(props: { dependants: TeamSummaryDependant[] }) {
  const classes = useStyles();
  return (
    <Box style={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="Dependants of degraded services">
        <TableHead>
          <TableHeadRow
            titles={['Dependant', 'Depends on (degraded)', 'How', 'Owners']}
          />
        </TableHead>
        <TableBody>
          {props.dependants.map(dependant => (
            <TableRow key={dependant.entityRef}>
              <TableCell component="th" role="rowheader" scope="row">
                <EntityRefLink
                  entityRef={dependant.entityRef}
                  defaultKind="component"
                >
                  {dependant.title}
                </EntityRefLink>
              </TableCell>
              <TableCell>
                <EntityRefList
                  refs={dependant.degradedDependencies}
                  defaultKind="component"
                  hideIcon
                />
              </TableCell>
              <TableCell className={classes.nowrap}>
                {distanceText(dependant.distance)}
              </TableCell>
              <TableCell>
                <EntityRefList
                  refs={dependant.ownerRefs}
                  defaultKind="group"
                  hideIcon
                  empty="Unknown"
                />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

function TeamSummaryContent(props: {
  summary: TeamSummaryResponse;
  includeSubgroups: boolean;
  onIncludeSubgroups: (value: boolean) => void;
}) {
  const classes = useStyles();
  const { summary } = props;
  const [environmentType, setEnvironmentType] = useState('');
  const [problemsOnly, setProblemsOnly] = useState(false);
  const types = environmentTypes(summary);
  // A type that disappeared (the summary changed) no longer filters.
  const activeType = types.includes(environmentType) ? environmentType : '';
  const view = useMemo(
    () =>
      filterMatrix(summary, {
        environmentType: activeType || undefined,
        problemsOnly,
      }),
    [summary, activeType, problemsOnly],
  );
  const onExport = () => {
    download(
      `gitops-${refName(summary.groupRef)}-${DateTime.now().toFormat(
        'yyyyLLdd-HHmm',
      )}.csv`,
      matrixToCsv(view),
    );
  };

  let matrix;
  if (summary.services.length === 0) {
    matrix = (
      <Typography variant="body1">
        This team owns no components yet. Components appear here once their{' '}
        <code>spec.owner</code> is this group
        {props.includeSubgroups ? ' or one of its sub-groups' : ''}.
      </Typography>
    );
  } else if (view.services.length === 0) {
    matrix = (
      <Typography variant="body1" role="status">
        No services match the filters.
        {problemsOnly ? ' Nothing needs attention here.' : ''}
      </Typography>
    );
  } else {
    matrix = <TeamMatrix view={view} />;
  }

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard title="Overview">
          <Counts summary={summary} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Services by environment">
          <div className={classes.filters} role="group" aria-label="Filters">
            <TextField
              select
              id="gitops-team-environment-type"
              label="Environment type"
              value={activeType}
              onChange={event => setEnvironmentType(event.target.value)}
              SelectProps={{ native: true }}
              // "All types" has the empty value: keep the label above it, not on top of it.
              InputLabelProps={{ shrink: true }}
              className={classes.select}
              variant="outlined"
              size="small"
            >
              <option value="">All types</option>
              {types.map(type => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </TextField>
            <FormControlLabel
              control={
                <Checkbox
                  checked={problemsOnly}
                  onChange={event => setProblemsOnly(event.target.checked)}
                  color="primary"
                />
              }
              label="Problems only"
            />
            <FormControlLabel
              control={
                <Checkbox
                  checked={props.includeSubgroups}
                  onChange={event =>
                    props.onIncludeSubgroups(event.target.checked)
                  }
                  color="primary"
                />
              }
              label="Include sub-groups"
            />
            <Button
              variant="outlined"
              size="small"
              onClick={onExport}
              disabled={view.services.length === 0}
              aria-label="Export CSV of the matrix as shown"
            >
              Export CSV
            </Button>
          </div>
          {matrix}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Awaiting your approval">
          {summary.awaitingApproval.length === 0 ? (
            <Typography variant="body1">
              No change request is waiting for this team’s approval.
            </Typography>
          ) : (
            <ChangeRequestsTable
              requests={summary.awaitingApproval}
              label="Change requests awaiting your approval"
            />
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Affected by degraded services">
          {summary.degradedDependants.length === 0 ? (
            <Typography variant="body1">
              {summary.counts.degraded === 0
                ? 'No service of this team is degraded.'
                : 'Nothing in the catalog depends on the degraded services.'}
            </Typography>
          ) : (
            <DependantsTable dependants={summary.degradedDependants} />
          )}
        </InfoCard>
      </Grid>
    </Grid>
  );
}

/**
 * Everything a Group owns across environments, kept up to date: totals, a services ×
 * environments matrix with filters and CSV export, the change requests awaiting the team's
 * approval and what depends on its degraded services.
 *
 * @public
 */
export function TeamGitopsView(props: TeamGitopsViewProps) {
  const { groupRef, pollIntervalMs } = props;
  const [includeSubgroups, setIncludeSubgroups] = useState<boolean | undefined>(
    undefined,
  );
  const summary = useTeamSummary({
    groupRef,
    includeSubgroups,
    pollIntervalMs,
  });

  if (summary.value) {
    return (
      <>
        <StaleNotice error={summary.error} what="the team summary" />
        <TeamSummaryContent
          summary={summary.value}
          includeSubgroups={includeSubgroups ?? summary.value.includeSubgroups}
          onIncludeSubgroups={setIncludeSubgroups}
        />
      </>
    );
  }
  if (summary.loading) {
    return <Progress />;
  }
  if (isPermissionDenied(summary.error)) {
    return (
      <Typography variant="body1">
        You do not have permission to view the GitOps status of this team.
      </Typography>
    );
  }
  if (isNotFound(summary.error)) {
    return (
      <Typography variant="body1">
        There is no group {groupRef} in the catalog.
      </Typography>
    );
  }
  return <LoadErrorPanel what="the team summary" error={summary.error} />;
}
