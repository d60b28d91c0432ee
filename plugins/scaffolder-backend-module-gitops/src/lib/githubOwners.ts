import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogReader, findEntity, normalizeRef } from './catalogLookups';

export const TEAM_SLUG_ANNOTATION = 'github.com/team-slug';
export const USER_LOGIN_ANNOTATION = 'github.com/user-login';

const SLUG = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*)$/;

/** How GitHub knows a catalog owner. */
export type GithubOwner =
  | { type: 'team'; org?: string; slug: string }
  | { type: 'user'; login: string };

/** The GitHub team of a Group (`github.com/team-slug: org/team`) or login of a User. */
export function githubOwnerOf(entity: Entity): GithubOwner | undefined {
  const annotations = entity.metadata.annotations ?? {};
  if (entity.kind.toLocaleLowerCase('en-US') === 'group') {
    const value = annotations[TEAM_SLUG_ANNOTATION];
    if (!value) return undefined;
    const [org, slug] = value.includes('/')
      ? value.split('/', 2)
      : [undefined, value];
    if (!slug || !SLUG.test(slug) || (org !== undefined && !SLUG.test(org))) {
      return undefined;
    }
    return { type: 'team', org, slug };
  }
  if (entity.kind.toLocaleLowerCase('en-US') === 'user') {
    const login = annotations[USER_LOGIN_ANNOTATION];
    return login && SLUG.test(login) ? { type: 'user', login } : undefined;
  }
  return undefined;
}

/** The CODEOWNERS handle: `@org/team` (the repository's org when the slug has none) or `@login`. */
export function codeownersHandle(
  owner: GithubOwner,
  defaultOrg: string,
): string {
  return owner.type === 'team'
    ? `@${owner.org ?? defaultOrg}/${owner.slug}`
    : `@${owner.login}`;
}

/** The owner ref of an entity (`spec.owner`, kind defaulting to group), if any. */
export function ownerRefOf(entity: Entity | undefined): string | undefined {
  const owner = entity?.spec?.owner;
  return typeof owner === 'string' && owner
    ? normalizeRef(owner, 'group')
    : undefined;
}

/** Who is asked to review a change request, by entity ref and as GitHub knows them. */
export interface Reviewers {
  /** Entity refs of the groups and users asked. */
  entityRefs: string[];
  /** GitHub logins. */
  users: string[];
  /** Team slugs without their org (as `team_reviewers` wants them). */
  teams: string[];
  /** Owners GitHub cannot be asked for: no annotation, or not in the catalog. */
  unresolved: string[];
}

/** Resolves owner refs to GitHub reviewers through their catalog annotations. */
export async function resolveReviewers(
  reader: CatalogReader,
  ownerRefs: string[],
): Promise<Reviewers> {
  const result: Reviewers = {
    entityRefs: [],
    users: [],
    teams: [],
    unresolved: [],
  };
  for (const ref of [...new Set(ownerRefs)]) {
    const entity = await findEntity(reader, ref);
    const owner = entity && githubOwnerOf(entity);
    result.entityRefs.push(entity ? stringifyEntityRef(entity) : ref);
    if (!owner) {
      result.unresolved.push(ref);
    } else if (owner.type === 'team') {
      if (!result.teams.includes(owner.slug)) result.teams.push(owner.slug);
    } else if (!result.users.includes(owner.login)) {
      result.users.push(owner.login);
    }
  }
  return result;
}
