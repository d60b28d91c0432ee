import {
  Entity,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

// eslint-disable-next-line no-restricted-syntax
const EXAMPLES = path.resolve(__dirname, '../../../../examples');

function readTree(root: string, prefix: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const full = path.join(root, entry.name);
    const relative = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) Object.assign(files, readTree(full, relative));
    else files[relative] = fs.readFileSync(full, 'utf8');
  }
  return files;
}

/** The demo GitOps repository's `environments/` (path → text). */
export function demoRepositoryFiles(): Record<string, string> {
  return readTree(
    path.join(EXAMPLES, 'gitops-repo/environments'),
    'environments',
  );
}

function ref(value: string, kind: string, namespace = 'default'): string {
  return stringifyEntityRef(
    parseEntityRef(value, { defaultKind: kind, defaultNamespace: namespace }),
  );
}

/**
 * The demo catalog (examples/catalog plus the Environments of the demo repository), with the
 * relations the catalog would compute: ownership, dependencies, system membership.
 */
export function demoCatalogEntities(): Entity[] {
  const entities: Entity[] = [];
  for (const file of fs.readdirSync(path.join(EXAMPLES, 'catalog'))) {
    const text = fs.readFileSync(path.join(EXAMPLES, 'catalog', file), 'utf8');
    for (const document of parseAllDocuments(text)) {
      const value = document.toJS();
      if (value) entities.push(value as Entity);
    }
  }
  const repo = demoRepositoryFiles();
  for (const [file, text] of Object.entries(repo)) {
    if (!file.endsWith('/environment.yaml')) continue;
    const env = doc(text);
    const name = env.metadata.name;
    const components = [
      ...new Set(
        Object.keys(repo)
          .filter(
            p =>
              p.startsWith(`environments/${name}/`) &&
              p.split('/').length === 4,
          )
          .map(p => p.split('/')[2]),
      ),
    ];
    env.spec = {
      ...env.spec,
      deployments: components.map(c => ({
        component: `component:default/${c}`,
        path: `environments/${name}/${c}`,
      })),
    };
    entities.push(env);
  }
  for (const entity of entities) {
    entity.metadata.namespace ??= 'default';
    entity.relations = [];
  }
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  const relate = (from: string, type: string, to: string, reverse: string) => {
    byRef.get(from)?.relations!.push({ type, targetRef: to });
    byRef.get(to)?.relations!.push({ type: reverse, targetRef: from });
  };
  for (const entity of entities) {
    const self = stringifyEntityRef(entity);
    const spec = (entity.spec ?? {}) as Record<string, any>;
    if (typeof spec.owner === 'string') {
      relate(
        self,
        RELATION_OWNED_BY,
        ref(spec.owner, 'group'),
        RELATION_OWNER_OF,
      );
    }
    if (typeof spec.system === 'string') {
      relate(
        self,
        RELATION_PART_OF,
        ref(spec.system, 'system'),
        RELATION_HAS_PART,
      );
    }
    for (const dep of spec.dependsOn ?? []) {
      relate(
        self,
        RELATION_DEPENDS_ON,
        ref(dep, 'component'),
        RELATION_DEPENDENCY_OF,
      );
    }
  }
  return entities;
}

function doc(text: string): Entity {
  return parseAllDocuments(text)[0].toJS() as Entity;
}
