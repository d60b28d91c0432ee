import {
  Link,
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  ChangeRequest,
  ChangeRequestChecks,
  ChangeRequestState,
} from '@shipshape/plugin-gitops-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ComponentType, PropsWithChildren } from 'react';
import { RelativeTime } from '../RelativeTime';
import { TableHeadRow } from '../TableHeadRow';

const useStyles = makeStyles(theme => ({
  scroll: { overflowX: 'auto' },
  nowrap: { whiteSpace: 'nowrap' },
  // Titles wrap at words, not letters, when the card is narrow.
  change: { minWidth: '22ch' },
  label: {
    display: 'inline-flex',
    alignItems: 'baseline',
    whiteSpace: 'nowrap',
  },
  secondary: { color: theme.palette.text.secondary, display: 'block' },
}));

type Icon = ComponentType<PropsWithChildren<{}>>;

const STATES: Record<ChangeRequestState, { icon: Icon; text: string }> = {
  open: { icon: StatusPending, text: 'Awaiting review' },
  changes_requested: { icon: StatusWarning, text: 'Changes requested' },
  approved: { icon: StatusOK, text: 'Approved' },
  merged: { icon: StatusRunning, text: 'Merged' },
  syncing: { icon: StatusRunning, text: 'Syncing' },
  healthy: { icon: StatusOK, text: 'Healthy' },
  failed: { icon: StatusError, text: 'Failed' },
  closed: { icon: StatusAborted, text: 'Closed' },
};

const CHECKS: Record<ChangeRequestChecks, { icon: Icon; text: string }> = {
  pending: { icon: StatusPending, text: 'Checks running' },
  success: { icon: StatusOK, text: 'Checks passed' },
  failure: { icon: StatusError, text: 'Checks failed' },
};

/** An icon (decorative) and its text, so that no state depends on colour alone. */
function IconText(props: { icon: Icon; text: string }) {
  const classes = useStyles();
  const { icon: IconComponent, text } = props;
  return (
    <span className={classes.label}>
      <IconComponent />
      <span>{text}</span>
    </span>
  );
}

/** A change request's state as icon and words. */
export function ChangeRequestStateLabel(props: { state: ChangeRequestState }) {
  const known = STATES[props.state] ?? {
    icon: StatusAborted,
    text: props.state,
  };
  return <IconText icon={known.icon} text={known.text} />;
}

/** A change request's checks as icon and words. */
export function ChangeRequestChecksLabel(props: {
  checks?: ChangeRequestChecks;
}) {
  if (!props.checks) {
    return <IconText icon={StatusAborted} text="No checks" />;
  }
  const known = CHECKS[props.checks];
  return <IconText icon={known.icon} text={known.text} />;
}

/**
 * Change requests as a table: link to the pull request, state, checks, approvals, requester and
 * since when it is in its state.
 */
export function ChangeRequestsTable(props: {
  requests: ChangeRequest[];
  /** The table's accessible name. */
  label: string;
}) {
  const classes = useStyles();
  return (
    <Box className={classes.scroll}>
      <Table size="small" aria-label={props.label}>
        <TableHead>
          <TableHeadRow
            titles={[
              'Change',
              'State',
              'Checks',
              'Approvals',
              'Requested by',
              'Since',
            ]}
          />
        </TableHead>
        <TableBody>
          {props.requests.map(request => (
            <TableRow key={request.id}>
              <TableCell className={classes.change}>
                <Link to={request.url}>{request.title}</Link>
                <Typography variant="caption" className={classes.secondary}>
                  {request.repository}#{request.number}
                  {request.draft ? ' (draft)' : ''}
                  {' · '}
                  <EntityRefLink
                    entityRef={request.environmentRef}
                    defaultKind="environment"
                    hideIcon
                  />
                </Typography>
              </TableCell>
              <TableCell>
                <ChangeRequestStateLabel state={request.state} />
                {request.state === 'failed' && request.reason && (
                  <Typography variant="caption" className={classes.secondary}>
                    {request.reason}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                <ChangeRequestChecksLabel checks={request.checks} />
              </TableCell>
              <TableCell>
                {request.approvals.length === 0
                  ? 'None yet'
                  : `${request.approvals.length} (${request.approvals.join(
                      ', ',
                    )})`}
              </TableCell>
              <TableCell className={classes.nowrap}>
                {request.requester ? (
                  <EntityRefLink
                    entityRef={request.requester}
                    defaultKind="user"
                  />
                ) : (
                  'Unknown'
                )}
              </TableCell>
              <TableCell className={classes.nowrap}>
                <RelativeTime value={request.stateSince} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
