/**
 * A Backstage events module that receives signed GitHub webhooks for Shipshape.
 *
 * @packageDocumentation
 */
export { eventsModuleGitopsGithubWebhook as default } from './module';
export * from './service';
