import {
  CompoundEntityRef,
  DEFAULT_NAMESPACE,
  Entity,
} from '@backstage/catalog-model';
import { TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { RELATION_HAS_DEPLOYMENT } from '@shipshape/plugin-gitops-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { parseSpecRef, readEnvironment, refKey } from '../../lib/environments';
import { RelatedEntitiesTable } from '../RelatedEntitiesTable';

const TITLE = 'Deployed services';

/** One row of the table: a deployed component, found in the catalog or not. */
interface DeploymentRow {
  ref: CompoundEntityRef;
  /** The component, if the catalog has it. */
  entity?: Entity;
  owner?: CompoundEntityRef;
  description?: string;
  path?: string;
}

const columns: TableColumn<DeploymentRow>[] = [
  {
    title: 'Name',
    field: 'ref.name',
    highlight: true,
    render: row => (
      <EntityRefLink
        entityRef={row.entity ?? row.ref}
        defaultKind="component"
      />
    ),
  },
  {
    title: 'Owner',
    render: row =>
      row.owner ? (
        <EntityRefLink entityRef={row.owner} defaultKind="group" />
      ) : null,
  },
  {
    title: 'Description',
    field: 'description',
  },
  {
    title: 'Manifests',
    field: 'path',
    render: row => (row.path ? <code>{row.path}</code> : null),
  },
];

function EmptyDeployments() {
  return (
    <Box p={2}>
      <Typography variant="body1" gutterBottom>
        No services are deployed to this environment yet.
      </Typography>
      <Typography variant="body2" color="textSecondary">
        Services are discovered from the{' '}
        <code>environments/&lt;env&gt;/&lt;component&gt;/</code> directories of
        the GitOps repository.
      </Typography>
    </Box>
  );
}

/**
 * The services deployed to the current Environment, from its `hasDeployment` relations.
 *
 * @public
 */
export function EnvironmentDeploymentsCard() {
  return (
    <RelatedEntitiesTable<DeploymentRow>
      title={TITLE}
      relation={RELATION_HAS_DEPLOYMENT}
      fields={[
        'kind',
        'metadata.namespace',
        'metadata.name',
        'metadata.title',
        'metadata.description',
        'spec.owner',
      ]}
      columns={columns}
      toRows={(related, environment) => {
        const paths = new Map(
          readEnvironment(environment).deployments.map(d => [
            refKey(d.component),
            d.path,
          ]),
        );
        return related
          .map(({ ref, entity }) => {
            const namespace = entity?.metadata.namespace ?? DEFAULT_NAMESPACE;
            const description = entity?.metadata.description;
            return {
              ref,
              entity,
              owner: parseSpecRef(entity?.spec?.owner, 'group', namespace),
              description: typeof description === 'string' ? description : '',
              path: paths.get(refKey(ref)),
            };
          })
          .sort((a, b) => a.ref.name.localeCompare(b.ref.name));
      }}
      emptyContent={<EmptyDeployments />}
    />
  );
}
