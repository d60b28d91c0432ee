import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The team page, `/gitops/team/:namespace/:name` by default: everything a Group owns across
 * environments. Usable by both frontend systems.
 *
 * @public
 */
export const teamPageRouteRef = createRouteRef({
  id: 'gitops:team-page',
  params: ['namespace', 'name'],
});
