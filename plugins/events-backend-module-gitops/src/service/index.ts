export { createGithubSignatureValidator } from './createGithubSignatureValidator';
