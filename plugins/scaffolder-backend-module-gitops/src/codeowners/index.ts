export * from './generateCodeowners';
