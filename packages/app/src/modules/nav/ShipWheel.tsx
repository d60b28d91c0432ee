import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  mark: {
    fill: 'none',
    stroke: '#7df3e1',
    strokeWidth: 3,
  },
});

/** Shipshape's mark, a ship's wheel, drawn in a 32x34 box at the SVG's origin. */
export const ShipWheel = () => {
  const classes = useStyles();
  return (
    <g className={classes.mark}>
      <circle cx="16" cy="17" r="10" />
      <circle cx="16" cy="17" r="3" />
      <path d="M16 2v30M1 17h30M5.4 6.4l21.2 21.2M26.6 6.4 5.4 27.6" />
    </g>
  );
};
