import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { ManifestRenderer } from './ManifestRenderer';

/**
 * Lets modules add manifest renderers to the GitOps backend.
 *
 * @public
 */
export interface GitopsRenderersExtensionPoint {
  addRenderer(...renderers: ManifestRenderer[]): void;
}

/**
 * The extension point for {@link ManifestRenderer}s.
 *
 * @public
 */
export const gitopsRenderersExtensionPoint =
  createExtensionPoint<GitopsRenderersExtensionPoint>({
    id: 'gitops.renderers',
  });
