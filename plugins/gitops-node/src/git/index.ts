export * from './GitRepository';
