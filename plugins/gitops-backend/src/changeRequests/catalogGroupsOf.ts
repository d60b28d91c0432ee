import { AuthService } from '@backstage/backend-plugin-api';
import { RELATION_MEMBER_OF } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** The groups a user is a member of (its memberOf relations in the catalog). */
export function catalogGroupsOf(options: {
  catalog: CatalogService;
  auth: AuthService;
}): (userRef: string) => Promise<string[]> {
  return async userRef => {
    const entity = await options.catalog.getEntityByRef(userRef, {
      credentials: await options.auth.getOwnServiceCredentials(),
    });
    return (entity?.relations ?? [])
      .filter(relation => relation.type === RELATION_MEMBER_OF)
      .map(relation => relation.targetRef);
  };
}
