export { TableHeadRow } from './TableHeadRow';
