export * from './createValidateEnvironmentAction';
