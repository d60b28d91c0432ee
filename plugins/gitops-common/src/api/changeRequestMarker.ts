import { ChangeRequestMetadata } from './changeRequestTypes';

const MARKER_PREFIX = '<!-- shipshape:change-request ';
const MARKER_SUFFIX = ' -->';

/**
 * The HTML comment a pull request body carries so that Shipshape can track it: invisible on
 * GitHub, read back by {@link parseChangeRequestMarker}.
 *
 * @public
 */
export function formatChangeRequestMarker(
  metadata: ChangeRequestMetadata,
): string {
  // JSON inside an HTML comment: "--" would end the comment early, so escape it.
  const json = JSON.stringify(metadata).replace(/--/g, '\\u002d\\u002d');
  return `${MARKER_PREFIX}${json}${MARKER_SUFFIX}`;
}

/**
 * The metadata of a pull request body written by {@link formatChangeRequestMarker}, or undefined
 * when the body has none or it is not well-formed.
 *
 * @public
 */
export function parseChangeRequestMarker(
  body: string | undefined | null,
): ChangeRequestMetadata | undefined {
  if (!body) return undefined;
  const start = body.indexOf(MARKER_PREFIX);
  if (start < 0) return undefined;
  const end = body.indexOf(MARKER_SUFFIX, start + MARKER_PREFIX.length);
  if (end < 0) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(body.slice(start + MARKER_PREFIX.length, end));
  } catch {
    return undefined;
  }
  if (!isMetadata(value)) return undefined;
  return {
    action: value.action,
    environmentRef: value.environmentRef,
    entityRefs: value.entityRefs,
    ...(typeof value.requester === 'string' && { requester: value.requester }),
    ...(isStringArray(value.reviewers) && { reviewers: value.reviewers }),
  };
}

function isMetadata(value: unknown): value is ChangeRequestMetadata {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    (v.action === 'create' || v.action === 'update') &&
    typeof v.environmentRef === 'string' &&
    isStringArray(v.entityRefs)
  );
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(item => typeof item === 'string');
}
