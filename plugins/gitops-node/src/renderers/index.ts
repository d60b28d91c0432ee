export * from './KustomizeRenderer';
