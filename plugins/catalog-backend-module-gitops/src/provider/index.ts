export * from './GitopsEntityProvider';
