/**
 * A small Kubernetes API server emulator for Shipshape's development, demo and tests.
 *
 * @packageDocumentation
 */

export { KubeEmulator } from './server/KubeEmulator';
export type {
  KubeEmulatorFaults,
  KubeEmulatorOptions,
} from './server/KubeEmulator';
export type {
  KubeEmulatorPolicyRule,
  KubeEmulatorUser,
} from './server/authorize';
export { BEHAVIOR_ANNOTATION } from './controller/StatusController';
