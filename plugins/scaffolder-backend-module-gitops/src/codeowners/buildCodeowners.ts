import { parseEntityRef } from '@backstage/catalog-model';
import {
  ENVIRONMENT_KIND,
  isEnvironmentEntity,
} from '@shipshape/plugin-gitops-common';
import { CatalogReader, findEntity } from '../lib/catalogLookups';
import {
  codeownersHandle,
  githubOwnerOf,
  ownerRefOf,
} from '../lib/githubOwners';
import { WorkspaceEnvironment } from '../lib/workspaceFiles';
import {
  CodeownersEnvironment,
  generateCodeowners,
} from './generateCodeowners';

/**
 * CODEOWNERS for every Environment of the catalog, plus (or in place of its catalog copy) the
 * environment rendered into the workspace, which the catalog does not know before it merges.
 */
export async function buildCodeowners(
  reader: CatalogReader,
  options: { rendered?: WorkspaceEnvironment; defaultOrg: string },
): Promise<string> {
  const { items } = await reader.catalog.getEntities(
    { filter: { kind: ENVIRONMENT_KIND } },
    { credentials: reader.credentials },
  );
  const environments = new Map<
    string,
    { owner?: string; components: string[] }
  >();
  for (const entity of items) {
    if (!isEnvironmentEntity(entity)) continue;
    if ((entity.metadata.namespace ?? 'default') !== 'default') continue;
    environments.set(entity.metadata.name, {
      owner: ownerRefOf(entity),
      components: (entity.spec.deployments ?? []).map(d => d.component),
    });
  }
  if (options.rendered) {
    environments.set(options.rendered.name, {
      owner: ownerRefOf(options.rendered.entity),
      components: options.rendered.components.map(
        c => `component:default/${c}`,
      ),
    });
  }

  const handles: Record<string, string> = {};
  const resolved = new Set<string>();
  const resolve = async (ref: string | undefined) => {
    if (!ref || resolved.has(ref)) return;
    resolved.add(ref);
    const entity = await findEntity(reader, ref);
    const owner = entity && githubOwnerOf(entity);
    if (owner) handles[ref] = codeownersHandle(owner, options.defaultOrg);
  };
  const componentOwners = new Map<string, string | undefined>();
  const result: CodeownersEnvironment[] = [];
  for (const [name, environment] of environments) {
    await resolve(environment.owner);
    const components: CodeownersEnvironment['components'] = [];
    for (const ref of environment.components) {
      if (!componentOwners.has(ref)) {
        componentOwners.set(ref, ownerRefOf(await findEntity(reader, ref)));
      }
      const owner = componentOwners.get(ref);
      await resolve(owner);
      components.push({
        name: parseEntityRef(ref).name,
        owners: owner ? [owner] : [],
      });
    }
    result.push({
      name,
      owners: environment.owner ? [environment.owner] : [],
      components,
    });
  }
  return generateCodeowners({ environments: result, handles });
}
