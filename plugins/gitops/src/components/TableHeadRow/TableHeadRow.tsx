import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles({
  // Headers stay on one line; the table scrolls in a narrow column instead.
  nowrap: { whiteSpace: 'nowrap' },
});

/** The header row of the plugin's tables: one cell per title. */
export function TableHeadRow(props: { titles: string[] }) {
  const classes = useStyles();
  return (
    <TableRow>
      {props.titles.map(title => (
        <TableCell key={title} className={classes.nowrap}>
          {title}
        </TableCell>
      ))}
    </TableRow>
  );
}
