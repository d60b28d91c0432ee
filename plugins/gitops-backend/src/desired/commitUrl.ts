/** A link to a commit on the repository's web host, for GitHub-style hosts; undefined otherwise. */
export function commitUrl(
  repositoryUrl: string,
  revision: string,
): string | undefined {
  let url: URL;
  try {
    url = new URL(repositoryUrl);
  } catch {
    return undefined; // a local path
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const repository = url.pathname.replace(/\.git$/, '').replace(/\/+$/, '');
  return `${url.origin}${repository}/commit/${encodeURIComponent(revision)}`;
}
