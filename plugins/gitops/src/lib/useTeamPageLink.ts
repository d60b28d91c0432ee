import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { teamPageRouteRef } from '../routes';

/**
 * The link to a group's team page, or undefined when the app has not mounted the page (legacy
 * apps add the route themselves).
 */
export function useTeamPageLink(groupRef: string): string | undefined {
  let route:
    | ((params: { namespace: string; name: string }) => string)
    | undefined;
  try {
    // Throws when the route is not mounted. Still called once on every render, in the same
    // order, so the try block does not break the rules of hooks.
    // eslint-disable-next-line react-hooks/rules-of-hooks
    route = useRouteRef(teamPageRouteRef);
  } catch {
    route = undefined;
  }
  if (!route) return undefined;
  const { namespace, name } = parseEntityRef(groupRef);
  return route({ namespace, name });
}
