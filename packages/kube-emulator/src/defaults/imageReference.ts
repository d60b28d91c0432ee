/*
 * The part of k8s.io/kubernetes/pkg/util/parsers.ParseImageName that the
 * container defaulting uses: the tag of an image reference, read the way
 * github.com/distribution/reference (ParseNormalizedNamed) reads it.
 *
 * - No tag and no digest means the tag "latest".
 * - A digest without a tag means no tag.
 * - A reference that does not parse (for example an upper-case repository
 *   name) has no tag: the defaulting ignores the error, so the image gets
 *   imagePullPolicy IfNotPresent.
 */

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[(?:[a-fA-F0-9:]+)\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST =
  '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const IDENTIFIER = /^[a-f0-9]{64}$/;
const NAME_TOTAL_LENGTH_MAX = 255;

/** Digest algorithms the kubelet's parser registers, with their hex lengths. */
const DIGEST_HEX_LENGTHS: Record<string, number> = {
  sha256: 64,
  sha384: 96,
  sha512: 128,
};

/** The tag ParseImageName reports for `image`: "latest" when neither tag nor digest is given. */
export function imageTag(image: unknown): string {
  if (typeof image !== 'string' || IDENTIFIER.test(image)) return '';
  const match = REFERENCE.exec(image);
  if (!match) return '';
  const [, repository, tag, digest] = match;
  if (repository.length > NAME_TOTAL_LENGTH_MAX) return '';
  if (digest !== undefined) {
    const [algorithm, hex] = digest.split(':');
    if (DIGEST_HEX_LENGTHS[algorithm] !== hex.length || /[A-F]/.test(hex))
      return '';
  }
  if (tag === undefined && digest === undefined) return 'latest';
  return tag ?? '';
}

/** The pull policy the API server defaults for `image`: Always for ":latest" (or no tag), else IfNotPresent. */
export function defaultPullPolicy(image: unknown): 'Always' | 'IfNotPresent' {
  return imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
}
