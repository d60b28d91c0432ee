import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { HealthCheckRegistration } from '../health';

/**
 * Lets modules add health checks for more kinds, or replace a built-in one.
 *
 * @public
 */
export interface GitopsHealthChecksExtensionPoint {
  addHealthCheck(...checks: HealthCheckRegistration[]): void;
}

/**
 * The extension point for health checks.
 *
 * @public
 */
export const gitopsHealthChecksExtensionPoint =
  createExtensionPoint<GitopsHealthChecksExtensionPoint>({
    id: 'gitops.health-checks',
  });
