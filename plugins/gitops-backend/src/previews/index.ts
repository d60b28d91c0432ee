export { ExpiredPreviewJanitor } from './ExpiredPreviewJanitor';
export type { ExpiredPreviewResult } from './ExpiredPreviewJanitor';
