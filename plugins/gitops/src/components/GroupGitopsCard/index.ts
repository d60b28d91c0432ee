export { GroupGitopsCard } from './GroupGitopsCard';
export type { GroupGitopsCardProps } from './GroupGitopsCard';
