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
 * Read the field-level diff of a resource (what differs between Git and the cluster). Separate
 * from status because diffs show configuration values.
 *
 * @public
 */
export const gitopsDiffReadPermission = createPermission({
  name: 'gitops.diff.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

/**
 * Ask the reconciler to reconcile an entity now.
 *
 * @public
 */
export const gitopsRefreshPermission = createPermission({
  name: 'gitops.refresh',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * All permissions of the GitOps plugins.
 *
 * @public
 */
export const gitopsPermissions = [
  gitopsStatusReadPermission,
  gitopsDiffReadPermission,
  gitopsRefreshPermission,
];
