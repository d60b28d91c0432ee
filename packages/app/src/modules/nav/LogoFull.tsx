import { makeStyles } from '@material-ui/core';
import { ShipWheel } from './ShipWheel';

const useStyles = makeStyles({
  svg: {
    width: 'auto',
    height: 30,
  },
  text: {
    fill: '#7df3e1',
    fontFamily: 'Helvetica, Arial, sans-serif',
    fontSize: 26,
    fontWeight: 700,
    letterSpacing: 0.5,
  },
});

/** The Shipshape wordmark: the mark and the name. */
export const LogoFull = () => {
  const classes = useStyles();
  return (
    <svg
      className={classes.svg}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 186 34"
      role="img"
      aria-label="Shipshape"
    >
      <ShipWheel />
      <text x="38" y="26" className={classes.text}>
        Shipshape
      </text>
    </svg>
  );
};
