import { KubernetesObject } from './types';

/** The API group of an apiVersion: '' for the core group ("v1"), "apps" for "apps/v1". */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** "group/Kind", or "Kind" for the core group: how health checks are keyed. */
export function groupKind(
  object: Pick<KubernetesObject, 'apiVersion' | 'kind'>,
): string {
  return groupKindKey(apiGroup(object.apiVersion ?? ''), object.kind);
}

export function groupKindKey(group: string, kind: string): string {
  return group ? `${group}/${kind}` : kind;
}
