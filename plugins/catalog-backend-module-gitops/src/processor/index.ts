export * from './EnvironmentEntitiesProcessor';
export * from './environmentEntitySchema';
