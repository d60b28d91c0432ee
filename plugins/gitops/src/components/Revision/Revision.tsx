import { Link } from '@backstage/core-components';
import { shortSha } from '../../lib/format';

/** A Git commit as its short SHA (full SHA in the tooltip), linked when there is a URL. */
export function Revision(props: { revision?: string; url?: string }) {
  const { revision, url } = props;
  if (!revision) {
    return null;
  }
  const sha = <code title={revision}>{shortSha(revision)}</code>;
  return url ? <Link to={url}>{sha}</Link> : sha;
}
