import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATION_GITOPS_IGNORE_DIFFERENCES } from '@shipshape/plugin-gitops-common';

/** Parses the annotation: JSON pointers separated by commas or new lines; others are dropped. */
export function parseIgnoreAnnotation(value: string): {
  pointers: string[];
  invalid: string[];
} {
  const parts = value
    .split(/[,\n]/)
    .map(part => part.trim())
    .filter(Boolean);
  return {
    pointers: parts.filter(part => part.startsWith('/')),
    invalid: parts.filter(part => !part.startsWith('/')),
  };
}

/** The ignore pointers of every component that carries the annotation, by entity ref. */
export async function readEntityIgnoreRules(options: {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
}): Promise<Map<string, string[]>> {
  const { items } = await options.catalog.getEntities(
    {
      filter: {
        kind: 'Component',
        [`metadata.annotations.${ANNOTATION_GITOPS_IGNORE_DIFFERENCES}`]:
          CATALOG_FILTER_EXISTS,
      },
      fields: [
        'kind',
        'metadata.namespace',
        'metadata.name',
        'metadata.annotations',
      ],
    },
    { credentials: await options.auth.getOwnServiceCredentials() },
  );
  const rules = new Map<string, string[]>();
  for (const entity of items) {
    const ref = stringifyEntityRef(entity);
    const { pointers, invalid } = parseIgnoreAnnotation(
      entity.metadata.annotations?.[ANNOTATION_GITOPS_IGNORE_DIFFERENCES] ?? '',
    );
    if (invalid.length > 0) {
      options.logger.warn(
        `${ref}: ${ANNOTATION_GITOPS_IGNORE_DIFFERENCES} holds entries that are not JSON pointers (they must start with /): ${invalid.join(
          ', ',
        )}`,
      );
    }
    rules.set(ref, pointers);
  }
  return rules;
}
