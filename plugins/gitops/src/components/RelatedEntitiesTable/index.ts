export { RelatedEntitiesTable } from './RelatedEntitiesTable';
export type { RelatedEntity } from './RelatedEntitiesTable';
