export * from './GitRepository';
export * from './createGitTokenProvider';
export * from './runGit';
