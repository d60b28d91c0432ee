import { createApiRef } from '@backstage/frontend-plugin-api';
import { GitopsApi } from '@shipshape/plugin-gitops-common';

/**
 * The {@link GitopsApi}.
 *
 * @public
 */
export const gitopsApiRef = createApiRef<GitopsApi>().with({
  id: 'plugin.gitops.service',
  pluginId: 'gitops',
});
