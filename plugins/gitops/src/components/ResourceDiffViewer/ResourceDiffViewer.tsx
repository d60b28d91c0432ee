import {
  ResourceDiffResponse,
  ResourceFieldChange,
} from '@shipshape/plugin-gitops-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { alpha, makeStyles } from '@material-ui/core/styles';
import { useMemo, useState } from 'react';
import { alignLines, parseUnifiedDiff } from '../../lib/diffLines';

const useStyles = makeStyles(theme => {
  const added = alpha(theme.palette.success.main, 0.18);
  const removed = alpha(theme.palette.error.main, 0.18);
  return {
    section: {
      marginBottom: theme.spacing(2),
    },
    note: {
      padding: theme.spacing(1, 2),
      marginBottom: theme.spacing(2),
      borderLeft: `4px solid ${theme.palette.info.main}`,
      backgroundColor: alpha(theme.palette.info.main, 0.08),
    },
    toolbar: {
      display: 'flex',
      alignItems: 'center',
      justifyContent: 'space-between',
      marginBottom: theme.spacing(1),
    },
    code: {
      fontFamily: 'monospace',
      fontSize: '0.8125rem',
      lineHeight: 1.5,
      overflowX: 'auto',
      border: `1px solid ${theme.palette.divider}`,
      borderRadius: theme.shape.borderRadius,
    },
    line: {
      whiteSpace: 'pre',
      paddingRight: theme.spacing(1),
    },
    marker: {
      display: 'inline-block',
      width: '2ch',
      textAlign: 'center',
      userSelect: 'none',
      fontWeight: 'bold',
    },
    added: { backgroundColor: added },
    removed: { backgroundColor: removed },
    hunk: {
      // On the tinted background text.secondary would fall under 4.5:1 contrast.
      color: theme.palette.text.primary,
      backgroundColor: alpha(theme.palette.info.main, 0.08),
    },
    header: { color: theme.palette.text.secondary },
    context: {},
    sideTable: {
      borderCollapse: 'collapse',
      width: '100%',
      tableLayout: 'fixed',
      '& td, & th': {
        padding: 0,
        verticalAlign: 'top',
      },
      '& th': {
        textAlign: 'left',
        padding: theme.spacing(0.5, 1),
        fontFamily: theme.typography.fontFamily,
        borderBottom: `1px solid ${theme.palette.divider}`,
      },
    },
    number: {
      width: '4ch',
      textAlign: 'right',
      paddingRight: theme.spacing(0.5),
      color: theme.palette.text.secondary,
      userSelect: 'none',
    },
    markerCell: {
      width: '2ch',
      textAlign: 'center',
      userSelect: 'none',
      fontWeight: 'bold',
    },
    text: {
      whiteSpace: 'pre',
      overflow: 'hidden',
      textOverflow: 'ellipsis',
    },
    divider: {
      borderLeft: `1px solid ${theme.palette.divider}`,
    },
    empty: {
      padding: theme.spacing(1),
      color: theme.palette.text.secondary,
    },
  };
});

type DiffView = 'unified' | 'split';

function formatValue(value: unknown) {
  if (value === undefined) {
    return <em>absent</em>;
  }
  return (
    <code>{typeof value === 'string' ? value : JSON.stringify(value)}</code>
  );
}

function ChangesList(props: { changes: ResourceFieldChange[] }) {
  const classes = useStyles();
  return (
    <div className={classes.section}>
      <Typography variant="h6" component="h3" gutterBottom>
        Changed fields
      </Typography>
      {props.changes.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No field-level changes.
        </Typography>
      ) : (
        <Table size="small" aria-label="Changed fields">
          <TableHead>
            <TableRow>
              <TableCell>Path</TableCell>
              <TableCell>Desired (Git)</TableCell>
              <TableCell>Live (cluster)</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {props.changes.map(change => (
              <TableRow key={change.path}>
                <TableCell>
                  <code>{change.path}</code>
                </TableCell>
                <TableCell>{formatValue(change.desired)}</TableCell>
                <TableCell>{formatValue(change.live)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}

function UnifiedDiff(props: { diff: string }) {
  const classes = useStyles();
  const lines = useMemo(() => parseUnifiedDiff(props.diff), [props.diff]);
  if (lines.length === 0) {
    return (
      <div className={classes.code} role="region" aria-label="Unified diff">
        <div className={classes.empty}>No differences.</div>
      </div>
    );
  }
  return (
    <div className={classes.code} role="region" aria-label="Unified diff">
      {lines.map((line, index) => (
        <div
          // Lines have no identity of their own; the diff is replaced as a whole.
          // eslint-disable-next-line react/no-array-index-key
          key={index}
          className={`${classes.line} ${classes[line.kind]}`}
          data-kind={line.kind}
        >
          <span className={classes.marker}>{line.marker}</span>
          {line.text}
        </div>
      ))}
    </div>
  );
}

function SideBySideDiff(props: { desired?: string; live?: string }) {
  const classes = useStyles();
  const rows = useMemo(
    () => alignLines(props.desired, props.live),
    [props.desired, props.live],
  );
  return (
    <div className={classes.code}>
      <table className={classes.sideTable} aria-label="Side-by-side diff">
        <colgroup>
          <col className={classes.number} />
          <col className={classes.markerCell} />
          <col />
          <col className={classes.number} />
          <col className={classes.markerCell} />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th colSpan={3}>Desired (Git)</th>
            <th colSpan={3} className={classes.divider}>
              Live (cluster)
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={6} className={classes.empty}>
                Neither side has content.
              </td>
            </tr>
          )}
          {rows.map((row, index) => {
            const left = row.changed && row.left ? classes.removed : '';
            const right = row.changed && row.right ? classes.added : '';
            return (
              // eslint-disable-next-line react/no-array-index-key
              <tr key={index} data-changed={row.changed}>
                <td className={`${classes.number} ${left}`}>
                  {row.left?.number}
                </td>
                <td className={`${classes.markerCell} ${left}`}>
                  {row.changed && row.left ? '-' : ''}
                </td>
                <td className={`${classes.text} ${left}`}>{row.left?.text}</td>
                <td className={`${classes.number} ${classes.divider} ${right}`}>
                  {row.right?.number}
                </td>
                <td className={`${classes.markerCell} ${right}`}>
                  {row.changed && row.right ? '+' : ''}
                </td>
                <td className={`${classes.text} ${right}`}>
                  {row.right?.text}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * One resource's diff between Git and the cluster: the changed fields, then the whole objects
 * as a unified diff or side by side (desired left, live right, lines aligned). Changed lines
 * carry a `-`/`+` marker besides their colour.
 */
export function ResourceDiffViewer(props: { diff: ResourceDiffResponse }) {
  const { diff } = props;
  const classes = useStyles();
  const [view, setView] = useState<DiffView>('unified');
  const { resource } = diff;

  return (
    <div>
      {resource.kind === 'Secret' && (
        <Typography variant="body2" role="note" className={classes.note}>
          Secret values are masked: the backend never sends them, so differing
          values show as the same mask.
        </Typography>
      )}
      <ChangesList changes={resource.changes} />
      <div className={classes.toolbar}>
        <Typography variant="h6" component="h3">
          Manifests
        </Typography>
        <ButtonGroup size="small" aria-label="Diff view">
          <Button
            aria-pressed={view === 'unified'}
            variant={view === 'unified' ? 'contained' : 'outlined'}
            color={view === 'unified' ? 'primary' : 'default'}
            onClick={() => setView('unified')}
          >
            Unified
          </Button>
          <Button
            aria-pressed={view === 'split'}
            variant={view === 'split' ? 'contained' : 'outlined'}
            color={view === 'split' ? 'primary' : 'default'}
            onClick={() => setView('split')}
          >
            Side by side
          </Button>
        </ButtonGroup>
      </div>
      {diff.desired === undefined && (
        <Box mb={1}>
          <Typography variant="body2" color="textSecondary">
            Not declared in Git: the object exists only in the cluster.
          </Typography>
        </Box>
      )}
      {diff.live === undefined && (
        <Box mb={1}>
          <Typography variant="body2" color="textSecondary">
            Not found in the cluster.
          </Typography>
        </Box>
      )}
      {view === 'unified' ? (
        <UnifiedDiff diff={diff.diff} />
      ) : (
        <SideBySideDiff desired={diff.desired} live={diff.live} />
      )}
    </div>
  );
}
