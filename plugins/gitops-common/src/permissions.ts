import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read the sync, health and drift of catalog entities.
 *
 * @public
 */
export const gitopsStatusReadPermission = createPermission({
  name: 'gitops.status.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

/**
 * All permissions of the GitOps plugins.
 *
 * @public
 */
export const gitopsPermissions = [gitopsStatusReadPermission];
