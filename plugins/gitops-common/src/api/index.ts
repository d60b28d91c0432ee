export * from './apiTypes';
