import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { TeamSummaryService } from '@shipshape/plugin-gitops-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { DateTime } from 'luxon';
import { cellOf, driftAgeText, MatrixView } from '../../lib/teamMatrix';
import { Revision } from '../Revision';
import { HealthStatusLabel, SyncStatusLabel } from '../StatusLabel';

const useStyles = makeStyles(theme => ({
  scroll: { overflowX: 'auto' },
  nowrap: { whiteSpace: 'nowrap' },
  caption: {
    captionSide: 'top',
    textAlign: 'left',
    padding: theme.spacing(1, 0),
  },
  secondary: { color: theme.palette.text.secondary, display: 'block' },
  statuses: { display: 'flex', flexDirection: 'column', gap: 2 },
}));

function MatrixCell(props: {
  service: TeamSummaryService;
  environmentRef: string;
  now: DateTime;
}) {
  const classes = useStyles();
  const cell = cellOf(props.service, props.environmentRef);
  if (!cell) {
    return (
      <TableCell>
        <Typography variant="body2" color="textSecondary">
          Not deployed
        </Typography>
      </TableCell>
    );
  }
  const age = driftAgeText(cell, props.now);
  return (
    <TableCell>
      <div className={classes.statuses}>
        <SyncStatusLabel status={cell.sync} />
        <HealthStatusLabel status={cell.health} />
      </div>
      <Typography variant="caption" className={classes.secondary}>
        {cell.driftCount} of {cell.resourceCount} resources differ
      </Typography>
      {age && (
        <Typography variant="caption" className={classes.secondary}>
          {age}
        </Typography>
      )}
      {cell.reason &&
        (cell.health === 'Degraded' ||
          cell.sync === 'Unknown' ||
          cell.health === 'Unknown') && (
          <Typography variant="caption" className={classes.secondary}>
            {cell.reason}
          </Typography>
        )}
      {cell.revision && (
        <Typography variant="caption" className={classes.secondary}>
          Revision <Revision revision={cell.revision} url={cell.revisionUrl} />
          {cell.mixedRevisions ? ' (clusters differ)' : ''}
        </Typography>
      )}
    </TableCell>
  );
}

/** The services × environments matrix, a status in every cell as icon and text. */
export function TeamMatrix(props: { view: MatrixView; now?: DateTime }) {
  const classes = useStyles();
  const { environments, services } = props.view;
  const now = props.now ?? DateTime.now();
  return (
    <Box className={classes.scroll}>
      <Table size="small">
        <caption className={classes.caption}>
          Services by environment: {services.length}{' '}
          {services.length === 1 ? 'service' : 'services'} ×{' '}
          {environments.length}{' '}
          {environments.length === 1 ? 'environment' : 'environments'}
        </caption>
        <TableHead>
          <TableRow>
            <TableCell className={classes.nowrap}>Service</TableCell>
            <TableCell className={classes.nowrap}>Owner</TableCell>
            {environments.map(environment => (
              <TableCell
                key={environment.environmentRef}
                className={classes.nowrap}
              >
                <EntityRefLink
                  entityRef={environment.environmentRef}
                  defaultKind="environment"
                  hideIcon
                >
                  {environment.title}
                </EntityRefLink>
                <Typography variant="caption" className={classes.secondary}>
                  {environment.type ?? 'other'}
                </Typography>
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {services.map(service => (
            <TableRow key={service.entityRef}>
              <TableCell
                component="th"
                role="rowheader"
                scope="row"
                className={classes.nowrap}
              >
                <EntityRefLink
                  entityRef={service.entityRef}
                  defaultKind="component"
                >
                  {service.title}
                </EntityRefLink>
              </TableCell>
              <TableCell className={classes.nowrap}>
                <EntityRefLink
                  entityRef={service.ownerRef}
                  defaultKind="group"
                  hideIcon
                />
              </TableCell>
              {environments.map(environment => (
                <MatrixCell
                  key={environment.environmentRef}
                  service={service}
                  environmentRef={environment.environmentRef}
                  now={now}
                />
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
