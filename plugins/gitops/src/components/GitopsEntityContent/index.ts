export { GitopsEntityContent } from './GitopsEntityContent';
export type { GitopsEntityContentProps } from './GitopsEntityContent';
