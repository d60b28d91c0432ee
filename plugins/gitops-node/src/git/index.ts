export * from './GitRepository';
export * from './createGitTokenProvider';
export * from './gitAuthEnvironment';
