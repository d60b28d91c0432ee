export { TeamGitopsPage } from './TeamGitopsPage';
export type { TeamGitopsPageProps } from './TeamGitopsPage';
export { TeamGitopsView } from './TeamGitopsView';
export type { TeamGitopsViewProps } from './TeamGitopsView';
export { EntityTeamGitopsContent } from './EntityTeamGitopsContent';
