/**
 * The longest DNS-1123 label Kubernetes accepts (namespaces, most object names).
 *
 * @public
 */
export const DNS1123_LABEL_MAX_LENGTH = 63;

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Why `value` is not a DNS-1123 label, or undefined when it is one. Environment and component
 * names become namespaces and paths, so anything else is rejected before it reaches either.
 *
 * @public
 */
export function dns1123LabelProblem(value: string): string | undefined {
  if (value.length === 0) {
    return 'must not be empty';
  }
  if (value.length > DNS1123_LABEL_MAX_LENGTH) {
    return `must be at most ${DNS1123_LABEL_MAX_LENGTH} characters, got ${value.length}`;
  }
  if (!DNS1123_LABEL.test(value)) {
    return 'must consist of lower case letters, digits and "-", and start and end with a letter or digit';
  }
  return undefined;
}
