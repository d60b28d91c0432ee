import {
  Entity,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_OWNED_BY,
  RELATION_PARENT_OF,
  RELATION_CHILD_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/** What the team views need of one catalog entity. */
export interface TeamCatalogEntity {
  /** Canonical (lower-case) entity ref. */
  ref: string;
  kind: string;
  title?: string;
  /** `spec.type`, when it is a string. */
  type?: string;
  ownerRefs: string[];
}

/** The catalog fields a snapshot is built from. */
export const TEAM_CATALOG_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'spec.type',
  'relations',
];

/** The kinds a snapshot holds: teams, what they own, and what can depend on it. */
export const TEAM_CATALOG_KINDS = [
  'Group',
  'Component',
  'Resource',
  'Environment',
];

const key = (ref: string) => ref.toLocaleLowerCase('en-US');

function addTo(index: Map<string, Set<string>>, from: string, to: string) {
  let set = index.get(from);
  if (!set) {
    set = new Set();
    index.set(from, set);
  }
  set.add(to);
}

/**
 * An immutable, indexed view of the catalog's ownership and dependency relations, so that a
 * team summary is answered from memory. Relations are read from both sides (ownedBy and the
 * entity's owner, dependsOn and dependencyOf, parentOf and childOf), so one missing half of a
 * pair does not hide anything.
 */
export class TeamCatalogSnapshot {
  private readonly entities = new Map<string, TeamCatalogEntity>();
  private readonly ownedBy = new Map<string, Set<string>>();
  private readonly children = new Map<string, Set<string>>();
  private readonly dependants = new Map<string, Set<string>>();

  private constructor(entities: Entity[]) {
    for (const entity of entities) {
      const ref = stringifyEntityRef(entity);
      const ownerRefs = new Set<string>();
      for (const relation of entity.relations ?? []) {
        const target = key(relation.targetRef);
        switch (relation.type) {
          case RELATION_OWNED_BY:
            ownerRefs.add(target);
            addTo(this.ownedBy, target, ref);
            break;
          case RELATION_PARENT_OF:
            addTo(this.children, ref, target);
            break;
          case RELATION_CHILD_OF:
            addTo(this.children, target, ref);
            break;
          case RELATION_DEPENDENCY_OF:
            addTo(this.dependants, ref, target);
            break;
          case RELATION_DEPENDS_ON:
            addTo(this.dependants, target, ref);
            break;
          default:
            break;
        }
      }
      const title = entity.metadata.title;
      const type = entity.spec?.type;
      this.entities.set(ref, {
        ref,
        kind: entity.kind,
        title: typeof title === 'string' && title ? title : undefined,
        type: typeof type === 'string' && type ? type : undefined,
        ownerRefs: [...ownerRefs].sort(),
      });
    }
  }

  static fromEntities(entities: Entity[]): TeamCatalogSnapshot {
    return new TeamCatalogSnapshot(entities);
  }

  get size(): number {
    return this.entities.size;
  }

  get(ref: string): TeamCatalogEntity | undefined {
    return this.entities.get(key(ref));
  }

  /** The group and, with `includeSubgroups`, its descendants (cycles are tolerated). */
  groupsOf(groupRef: string, includeSubgroups: boolean): string[] {
    const root = key(groupRef);
    const seen = new Set([root]);
    if (includeSubgroups) {
      const queue = [root];
      while (queue.length > 0) {
        for (const child of this.children.get(queue.shift()!) ?? []) {
          if (!seen.has(child)) {
            seen.add(child);
            queue.push(child);
          }
        }
      }
    }
    return [...seen];
  }

  /** The Components owned by one of the groups, with the first of them that owns each. */
  componentsOwnedBy(groupRefs: string[]): Map<string, string> {
    const owned = new Map<string, string>();
    for (const groupRef of groupRefs) {
      for (const ref of this.ownedBy.get(key(groupRef)) ?? []) {
        if (!owned.has(ref) && this.entities.get(ref)?.kind === 'Component') {
          owned.set(ref, groupRef);
        }
      }
    }
    return owned;
  }

  /**
   * Everything that depends on one of `roots`, directly or transitively, with the shortest
   * distance and the roots it depends on. A root is listed when it depends on another root.
   */
  dependantsOf(
    roots: string[],
  ): Map<string, { distance: number; roots: Set<string> }> {
    const found = new Map<string, { distance: number; roots: Set<string> }>();
    for (const root of roots.map(key)) {
      // A breadth-first walk per root: distances are shortest, cycles end.
      const seen = new Set([root]);
      let level = [root];
      for (let distance = 1; level.length > 0; distance++) {
        const next: string[] = [];
        for (const ref of level) {
          for (const dependant of this.dependants.get(ref) ?? []) {
            if (seen.has(dependant)) continue;
            seen.add(dependant);
            next.push(dependant);
            const entry = found.get(dependant);
            if (entry) {
              entry.distance = Math.min(entry.distance, distance);
              entry.roots.add(root);
            } else {
              found.set(dependant, { distance, roots: new Set([root]) });
            }
          }
        }
        level = next;
      }
    }
    return found;
  }
}
