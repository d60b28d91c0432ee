import { CompoundEntityRef, Entity } from '@backstage/catalog-model';
import { TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { RELATION_DEPLOYED_TO } from '@shipshape/plugin-gitops-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import {
  environmentTypeRank,
  EnvironmentView,
  readEnvironment,
} from '../../lib/environments';
import { RelatedEntitiesTable } from '../RelatedEntitiesTable';

const TITLE = 'Environments';

/** One row of the table: an environment the component is deployed to. */
interface EnvironmentRow {
  ref: CompoundEntityRef;
  /** The Environment entity; undefined when the catalog does not have it (any more). */
  entity?: Entity;
  environment?: EnvironmentView;
}

function compareRows(a: EnvironmentRow, b: EnvironmentRow): number {
  return (
    environmentTypeRank(a.environment?.type) -
      environmentTypeRank(b.environment?.type) ||
    a.ref.name.localeCompare(b.ref.name)
  );
}

const columns: TableColumn<EnvironmentRow>[] = [
  {
    title: 'Environment',
    field: 'ref.name',
    highlight: true,
    render: row => (
      <EntityRefLink
        entityRef={row.entity ?? row.ref}
        defaultKind="environment"
      />
    ),
  },
  {
    title: 'Type',
    field: 'environment.type',
    customSort: compareRows,
    render: row =>
      row.environment?.type ? (
        <Chip size="small" label={row.environment.type} />
      ) : null,
  },
  {
    title: 'Clusters',
    render: row => (
      <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {row.environment?.clusters.map((item, index) => (
          <li key={`${item.raw}-${item.namespace}-${index}`}>
            {item.cluster ? (
              <EntityRefLink entityRef={item.cluster} defaultKind="resource" />
            ) : (
              item.raw
            )}
            {item.namespace && (
              <>
                {' / '}
                <code>{item.namespace}</code>
              </>
            )}
          </li>
        ))}
      </Box>
    ),
  },
  {
    title: 'Owner',
    render: row =>
      row.environment?.owner ? (
        <EntityRefLink entityRef={row.environment.owner} defaultKind="group" />
      ) : null,
  },
];

function EmptyEnvironments() {
  return (
    <Box p={2}>
      <Typography variant="body1" gutterBottom>
        Not deployed to any environment yet.
      </Typography>
      <Typography variant="body2" color="textSecondary">
        Environments list the services found in their{' '}
        <code>environments/&lt;env&gt;/&lt;component&gt;/</code> directories of
        the GitOps repository.
      </Typography>
    </Box>
  );
}

/**
 * The environments the current component is deployed to, from its `deployedTo` relations,
 * ordered development, staging, production, preview.
 *
 * @public
 */
export function EntityEnvironmentsCard() {
  return (
    <RelatedEntitiesTable<EnvironmentRow>
      title={TITLE}
      relation={RELATION_DEPLOYED_TO}
      fields={[
        'apiVersion',
        'kind',
        'metadata.namespace',
        'metadata.name',
        'metadata.title',
        'spec.type',
        'spec.owner',
        'spec.clusters',
      ]}
      columns={columns}
      toRows={related =>
        related
          .map(({ ref, entity }) => ({
            ref,
            entity,
            environment: entity ? readEnvironment(entity) : undefined,
          }))
          .sort(compareRows)
      }
      emptyContent={<EmptyEnvironments />}
    />
  );
}
