import Typography from '@material-ui/core/Typography';
import { errorMessage } from '../../lib/errors';

/** Says that a refresh failed while the data last loaded stays on screen. */
export function StaleNotice(props: { error: Error | undefined; what: string }) {
  if (!props.error) {
    return null;
  }
  return (
    <Typography variant="caption" color="error" role="alert" component="p">
      Could not refresh {props.what}: {errorMessage(props.error)}. Showing the
      last known data.
    </Typography>
  );
}
