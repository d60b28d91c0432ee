/**
 * A small Kubernetes API server emulator for Shipshape's development, demo and tests.
 *
 * @packageDocumentation
 */

export { KubeEmulator } from './server/KubeEmulator';
export type {
  KubeEmulatorFaults,
  KubeEmulatorOptions,
  KubeEmulatorTlsOptions,
} from './server/KubeEmulator';
export type {
  KubeEmulatorPolicyRule,
  KubeEmulatorUser,
} from './server/authorize';
export { BEHAVIOR_ANNOTATION } from './controller/StatusController';
export { buildDemoLiveState, DEMO_DEVIATIONS } from './demo/buildDemoLiveState';
export type { DemoCluster, DemoDeviation } from './demo/buildDemoLiveState';
