import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';

/**
 * Sync, health and drift of the current entity across its environments.
 *
 * @public
 */
export function GitopsStatusCard() {
  const { entity } = useEntity();
  const name = entity.metadata.title ?? entity.metadata.name;
  return (
    <InfoCard title="GitOps status">
      <Typography variant="body1" gutterBottom>
        No GitOps data yet for {name}.
      </Typography>
      <Typography variant="body2" color="textSecondary">
        Sync, health and drift appear here once the Shipshape reconciler has
        compared this {entity.kind.toLocaleLowerCase('en-US')}'s manifests in
        Git with its clusters.
      </Typography>
    </InfoCard>
  );
}
