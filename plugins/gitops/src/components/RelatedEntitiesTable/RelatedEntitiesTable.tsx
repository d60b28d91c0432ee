import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
} from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, useEntity } from '@backstage/plugin-catalog-react';
import { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { relationTargetRefs } from '../../lib/environments';

/** An entity the current one points at through a relation. */
export interface RelatedEntity {
  ref: CompoundEntityRef;
  /** Undefined when the catalog does not have it (any more). */
  entity?: Entity;
}

/**
 * A table card of the entities the current entity relates to by `relation`, fetched from the
 * catalog with only `fields`, with loading, error and empty states.
 */
export function RelatedEntitiesTable<Row extends object>(props: {
  title: string;
  relation: string;
  fields: string[];
  columns: TableColumn<Row>[];
  toRows: (related: RelatedEntity[], self: Entity) => Row[];
  emptyContent: ReactNode;
}) {
  const { title, relation, fields, columns, toRows, emptyContent } = props;
  const { entity } = useEntity();
  const catalogApi = useApi(catalogApiRef);

  const {
    value: rows,
    loading,
    error,
  } = useAsync(async (): Promise<Row[]> => {
    const targetRefs = relationTargetRefs(entity, relation);
    if (targetRefs.length === 0) {
      return [];
    }
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: targetRefs,
      fields,
    });
    return toRows(
      targetRefs.map((targetRef, index) => ({
        ref: parseEntityRef(targetRef),
        entity: items[index],
      })),
      entity,
    );
    // The fields and row mapping are static per card.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi, entity, relation]);

  if (loading) {
    return (
      <InfoCard title={title}>
        <Progress />
      </InfoCard>
    );
  }
  if (error) {
    return (
      <InfoCard title={title}>
        <ResponseErrorPanel error={error} />
      </InfoCard>
    );
  }
  return (
    <Table<Row>
      title={title}
      columns={columns}
      data={rows ?? []}
      emptyContent={emptyContent}
      // No sortable headers: material-table puts a button inside a focusable header cell
      // (axe-core: nested-interactive), and these lists are short.
      options={{
        search: false,
        paging: false,
        padding: 'dense',
        sorting: false,
      }}
    />
  );
}
