export {
  ChangeRequestsTable,
  ChangeRequestStateLabel,
  ChangeRequestChecksLabel,
} from './ChangeRequestsTable';
