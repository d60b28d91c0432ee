import { WarningPanel } from '@backstage/core-components';
import { errorMessage } from '../../lib/errors';

/** A request that failed: what could not be loaded, and why. */
export function LoadErrorPanel(props: { what: string; error?: Error }) {
  return (
    <WarningPanel
      severity="error"
      defaultExpanded
      title={`Could not load ${props.what}`}
      message={props.error ? errorMessage(props.error) : undefined}
    />
  );
}
