import {
  Entity,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRelationsGraph } from '@backstage/plugin-catalog-graph';
import {
  catalogApiRef,
  EntityRefLink,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  DeploymentStatus,
  RELATION_DEPLOYED_TO,
  worstHealth,
} from '@shipshape/plugin-gitops-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { gitopsApiRef } from '../../api';
import { relationTargetRefs } from '../../lib/environments';
import { statusChannel, useLiveRefresh } from '../../lib/useLiveRefresh';
import { useRefreshingAsync } from '../../lib/useRefreshingAsync';
import { EntityRefList } from '../EntityRefList';
import { LoadErrorPanel } from '../LoadErrorPanel';
import { StaleNotice } from '../StaleNotice';
import { HealthStatusLabel, SyncStatusLabel } from '../StatusLabel';
import { TableHeadRow } from '../TableHeadRow';

const TITLE = 'Owner, dependencies and environments';
/** Statuses are read for at most this many related components per refresh. */
const MAX_STATUSES = 50;

const useStyles = makeStyles(theme => ({
  scroll: { overflowX: 'auto' },
  nowrap: { whiteSpace: 'nowrap' },
  environments: { margin: 0, padding: 0, listStyle: 'none' },
  statuses: {
    display: 'inline-flex',
    gap: theme.spacing(1),
    marginLeft: theme.spacing(1),
  },
  graph: { height: 260, marginBottom: theme.spacing(2) },
}));

type Relation = 'This service' | 'Depends on' | 'Depended on by';

/** One row: the service itself or a related entity, with where it is deployed. */
export interface RelatedRow {
  relation: Relation;
  ref: string;
  /** From the catalog; undefined when the catalog does not have it. */
  entity?: Entity;
  ownerRefs: string[];
  /** Environment refs, from the catalog's deployedTo relations and the status API. */
  environments: Array<{
    environmentRef: string;
    status?: Pick<DeploymentStatus, 'sync' | 'health'>;
  }>;
  /** The status could not be read (e.g. no permission). */
  statusError?: boolean;
}

function worstPerEnvironment(deployments: DeploymentStatus[]) {
  const byEnvironment = new Map<string, DeploymentStatus[]>();
  for (const d of deployments) {
    const list = byEnvironment.get(d.environmentRef) ?? [];
    list.push(d);
    byEnvironment.set(d.environmentRef, list);
  }
  const result = new Map<string, Pick<DeploymentStatus, 'sync' | 'health'>>();
  for (const [environmentRef, list] of byEnvironment) {
    const syncs = list.map(d => d.sync);
    let sync: DeploymentStatus['sync'] = 'Synced';
    if (syncs.includes('OutOfSync')) sync = 'OutOfSync';
    else if (syncs.includes('Unknown')) sync = 'Unknown';
    result.set(environmentRef, {
      sync,
      health: worstHealth(list.map(d => d.health)),
    });
  }
  return result;
}

function EnvironmentsList(props: { row: RelatedRow }) {
  const classes = useStyles();
  const { row } = props;
  if (row.environments.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {row.entity || row.relation === 'This service'
          ? 'Not deployed'
          : 'Not in the catalog'}
      </Typography>
    );
  }
  return (
    <ul className={classes.environments}>
      {row.environments.map(({ environmentRef, status }) => (
        <li key={environmentRef}>
          <EntityRefLink
            entityRef={environmentRef}
            defaultKind="environment"
            hideIcon
          />
          {status && (
            <span className={classes.statuses}>
              <SyncStatusLabel status={status.sync} />
              <HealthStatusLabel status={status.health} />
            </span>
          )}
        </li>
      ))}
      {row.statusError && (
        <li>
          <Typography variant="caption" color="textSecondary">
            Status not available
          </Typography>
        </li>
      )}
    </ul>
  );
}

/**
 * For a service: who owns it, what it depends on and what depends on it, and in which
 * environments each of them is deployed with its sync and health. From the catalog's relations
 * (ownedBy, dependsOn, dependencyOf, deployedTo) and the GitOps status API; with the catalog
 * graph of those relations above.
 *
 * @public
 */
export function ServiceRelationsCard(props: {
  /** Show the catalog graph of the relations. Default true. */
  showGraph?: boolean;
  /** How often to poll, in milliseconds; 0 turns polling off. Default 30000. */
  pollIntervalMs?: number;
}) {
  const classes = useStyles();
  const { entity } = useEntity();
  const catalogApi = useApi(catalogApiRef);
  const gitopsApi = useApi(gitopsApiRef);
  const entityRef = stringifyEntityRef(entity);
  const tick = useLiveRefresh({
    channel: statusChannel(entityRef),
    intervalMs: props.pollIntervalMs ?? 30_000,
  });

  const rows = useRefreshingAsync(
    async (): Promise<RelatedRow[]> => {
      const related: Array<{ relation: Relation; ref: string }> = [
        { relation: 'This service', ref: entityRef },
        ...relationTargetRefs(entity, RELATION_DEPENDS_ON).map(ref => ({
          relation: 'Depends on' as const,
          ref,
        })),
        ...relationTargetRefs(entity, RELATION_DEPENDENCY_OF).map(ref => ({
          relation: 'Depended on by' as const,
          ref,
        })),
      ];
      const { items } = await catalogApi.getEntitiesByRefs({
        entityRefs: related.slice(1).map(r => r.ref),
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.title',
          'relations',
        ],
      });
      const entities = [entity, ...items];
      let statusCalls = 0;
      return Promise.all(
        related.map(async ({ relation, ref }, index) => {
          const found = entities[index];
          const deployedTo = found
            ? relationTargetRefs(found, RELATION_DEPLOYED_TO)
            : [];
          const row: RelatedRow = {
            relation,
            ref,
            entity: found,
            ownerRefs: found
              ? relationTargetRefs(found, RELATION_OWNED_BY)
              : [],
            environments: deployedTo.map(environmentRef => ({
              environmentRef,
            })),
          };
          const isComponent =
            parseEntityRef(ref).kind.toLocaleLowerCase('en-US') === 'component';
          if (!isComponent || statusCalls >= MAX_STATUSES) return row;
          statusCalls += 1;
          try {
            const status = await gitopsApi.getStatus({ entityRef: ref });
            const worst = worstPerEnvironment(status.deployments);
            // Environments from the status API too: the catalog may lag behind Git.
            const refs = Array.from(new Set([...deployedTo, ...worst.keys()]));
            row.environments = refs.map(environmentRef => ({
              environmentRef,
              status: worst.get(environmentRef),
            }));
          } catch {
            row.statusError = true;
          }
          return row;
        }),
      );
    },
    entityRef,
    tick,
  );

  let content;
  if (rows.value) {
    content = (
      <Box className={classes.scroll}>
        <Table
          size="small"
          aria-label="Owner, dependencies and dependants with their environments"
        >
          <TableHead>
            <TableHeadRow
              titles={['Relation', 'Entity', 'Owner', 'Environments']}
            />
          </TableHead>
          <TableBody>
            {rows.value.map(row => (
              <TableRow key={`${row.relation}-${row.ref}`}>
                <TableCell className={classes.nowrap}>{row.relation}</TableCell>
                <TableCell
                  component="th"
                  role="rowheader"
                  scope="row"
                  className={classes.nowrap}
                >
                  <EntityRefLink entityRef={row.ref} defaultKind="component" />
                </TableCell>
                <TableCell className={classes.nowrap}>
                  <EntityRefList
                    refs={row.ownerRefs}
                    defaultKind="group"
                    hideIcon
                    empty="Unknown"
                  />
                </TableCell>
                <TableCell>
                  <EnvironmentsList row={row} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {rows.value.length === 1 && (
          <Typography variant="body2" color="textSecondary">
            This service has no dependencies or dependants in the catalog.
          </Typography>
        )}
      </Box>
    );
  } else if (rows.loading) {
    content = <Progress />;
  } else {
    content = <LoadErrorPanel what="the related entities" error={rows.error} />;
  }

  return (
    <InfoCard title={TITLE}>
      {props.showGraph !== false && (
        <div className={classes.graph}>
          <EntityRelationsGraph
            rootEntityNames={parseEntityRef(entityRef)}
            maxDepth={1}
            relations={[
              RELATION_OWNED_BY,
              'ownerOf',
              RELATION_DEPENDS_ON,
              RELATION_DEPENDENCY_OF,
            ]}
            zoom="enable-on-click"
          />
        </div>
      )}
      {rows.value && (
        <StaleNotice error={rows.error} what="the related entities" />
      )}
      {content}
    </InfoCard>
  );
}
