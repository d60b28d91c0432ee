import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_HAS_PART,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** The catalog and the credentials to read it with (the user who runs the template). */
export interface CatalogReader {
  catalog: CatalogService;
  credentials: BackstageCredentials;
}

/** The full ref of `ref`, kind and namespace defaulted. */
export function normalizeRef(ref: string, defaultKind: string): string {
  return stringifyEntityRef(
    parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
  );
}

export async function findEntity(
  reader: CatalogReader,
  ref: string,
): Promise<Entity | undefined> {
  return reader.catalog.getEntityByRef(ref, {
    credentials: reader.credentials,
  });
}

/** The entity of `ref`, which must exist and be of `kind`; else an InputError naming `field`. */
export async function requireEntity(
  reader: CatalogReader,
  ref: string,
  kind: string,
  field: string,
): Promise<Entity> {
  const full = normalizeRef(ref, kind);
  const entity = await findEntity(reader, full);
  if (!entity || entity.kind.toLocaleLowerCase('en-US') !== kind) {
    throw new InputError(`${field}: '${ref}' is not a ${kind} in the catalog`);
  }
  return entity;
}

/** The cluster Resource of `ref` (spec.type kubernetes-cluster), or an InputError. */
export async function requireCluster(
  reader: CatalogReader,
  ref: string,
): Promise<Entity> {
  const entity = await requireEntity(reader, ref, 'resource', 'cluster');
  if (entity.spec?.type !== 'kubernetes-cluster') {
    throw new InputError(
      `cluster: '${ref}' is a Resource of type '${String(
        entity.spec?.type,
      )}', not a kubernetes-cluster`,
    );
  }
  return entity;
}

/**
 * The Component entities that `refs` name: components as they are, systems expanded to the
 * components that are part of them. Duplicates are dropped, order kept.
 */
export async function resolveComponents(
  reader: CatalogReader,
  refs: string[],
): Promise<Entity[]> {
  const found = new Map<string, Entity>();
  for (const ref of refs) {
    const parsed = parseEntityRef(ref, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
    const kind = parsed.kind.toLocaleLowerCase('en-US');
    if (kind === 'system') {
      const system = await requireEntity(reader, ref, 'system', 'components');
      const parts = (system.relations ?? [])
        .filter(r => r.type === RELATION_HAS_PART)
        .map(r => r.targetRef)
        .filter(target => target.startsWith('component:'));
      if (parts.length === 0) {
        throw new InputError(
          `components: the system '${ref}' has no components`,
        );
      }
      for (const part of parts) {
        const entity = await findEntity(reader, part);
        if (entity) found.set(stringifyEntityRef(entity), entity);
      }
    } else if (kind === 'component') {
      const entity = await requireEntity(
        reader,
        ref,
        'component',
        'components',
      );
      found.set(stringifyEntityRef(entity), entity);
    } else {
      throw new InputError(
        `components: '${ref}' is a ${parsed.kind}; name components or systems`,
      );
    }
  }
  return [...found.values()];
}

/**
 * The components that depend on `refs`, directly or through other components (the catalog's
 * `dependencyOf` relations), without `refs` themselves; sorted, at most `limit`.
 */
export async function findDependants(
  reader: CatalogReader,
  refs: string[],
  limit = 200,
): Promise<string[]> {
  const start = new Set(refs);
  const seen = new Set(refs);
  const queue = [...refs];
  const dependants: string[] = [];
  while (queue.length > 0 && dependants.length < limit) {
    const entity = await findEntity(reader, queue.shift()!);
    for (const relation of entity?.relations ?? []) {
      if (relation.type !== RELATION_DEPENDENCY_OF) continue;
      const target = relation.targetRef;
      if (seen.has(target) || !target.startsWith('component:')) continue;
      seen.add(target);
      queue.push(target);
      if (!start.has(target)) dependants.push(target);
    }
  }
  return dependants.slice(0, limit).sort();
}
