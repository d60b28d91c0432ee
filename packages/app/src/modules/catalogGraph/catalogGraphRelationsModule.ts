import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import {
  ALL_RELATION_PAIRS,
  ALL_RELATIONS,
  catalogGraphApiRef,
  DefaultCatalogGraphApi,
} from '@backstage/plugin-catalog-graph';
import { GITOPS_RELATION_PAIRS } from '@shipshape/plugin-gitops-common';

/**
 * The catalog graph draws only the relations its API knows: add Shipshape's (deployments and
 * clusters) to Backstage's own. Replaces the catalog-graph plugin's default API.
 */
export const catalogGraphRelationsModule = createFrontendModule({
  pluginId: 'catalog-graph',
  extensions: [
    ApiBlueprint.make({
      params: defineParams =>
        defineParams({
          api: catalogGraphApiRef,
          deps: {},
          factory: () =>
            new DefaultCatalogGraphApi({
              knownRelations: [
                ...ALL_RELATIONS,
                ...GITOPS_RELATION_PAIRS.flat(),
              ],
              knownRelationPairs: [
                ...ALL_RELATION_PAIRS,
                ...GITOPS_RELATION_PAIRS,
              ],
              defaultRelationTypes: { exclude: [] },
            }),
        }),
    }),
  ],
});
