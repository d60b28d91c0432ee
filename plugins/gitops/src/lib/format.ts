/** The first seven characters of a commit SHA, as Git and GitHub show them. */
export function shortSha(revision: string): string {
  return /^[0-9a-f]{8,}$/i.test(revision) ? revision.slice(0, 7) : revision;
}
