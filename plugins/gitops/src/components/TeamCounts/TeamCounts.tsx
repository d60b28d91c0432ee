import { TeamSummaryCounts } from '@shipshape/plugin-gitops-common';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  counts: {
    display: 'flex',
    flexWrap: 'wrap',
    margin: 0,
    '& dt': {
      color: theme.palette.text.secondary,
      fontSize: '0.75rem',
      textTransform: 'uppercase',
      fontWeight: 'bold',
    },
    '& dd': { margin: 0, fontSize: '1.25rem' },
  },
  regular: { gap: theme.spacing(3) },
  dense: { gap: theme.spacing(2), marginBottom: theme.spacing(2) },
}));

/** A team's counts as a description list: services, deployments and what needs attention. */
export function TeamCounts(props: {
  counts: TeamSummaryCounts;
  /** Closer together, with space below (in a card). */
  dense?: boolean;
}) {
  const classes = useStyles();
  const { counts } = props;
  const items: Array<[string, number]> = [
    ['Services', counts.services],
    ['Deployments', counts.deployments],
    ['Out of sync', counts.outOfSync],
    ['Degraded', counts.degraded],
    ['Awaiting approval', counts.awaitingApproval],
  ];
  return (
    <dl
      className={`${classes.counts} ${
        props.dense ? classes.dense : classes.regular
      }`}
    >
      {items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
