export { AbsoluteTime, RelativeTime } from './RelativeTime';
