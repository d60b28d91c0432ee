/**
 * A GitHub REST API emulator backed by real git, for Shipshape's development, demo and tests.
 *
 * @packageDocumentation
 */

export { GithubEmulator } from './GithubEmulator';
export type {
  GithubEmulatorOptions,
  GithubEmulatorRepository,
  GithubEmulatorTeam,
  GithubEmulatorUser,
} from './GithubEmulator';
export type { GithubEmulatorFault } from './server/FaultInjector';
export type {
  GithubEmulatorDelivery,
  GithubEmulatorWebhook,
} from './webhooks/WebhookDispatcher';
export { buildDemoConfig, DEMO_GITHUB } from './demo/buildDemoConfig';
