import { makeStyles } from '@material-ui/core';
import { ShipWheel } from './ShipWheel';

const useStyles = makeStyles({
  svg: {
    width: 'auto',
    height: 28,
  },
});

/** The Shipshape mark, for the collapsed sidebar. */
export const LogoIcon = () => {
  const classes = useStyles();
  return (
    <svg
      className={classes.svg}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 32 34"
      role="img"
      aria-label="Shipshape"
    >
      <ShipWheel />
    </svg>
  );
};
