export { ResourceDiffViewer } from './ResourceDiffViewer';
