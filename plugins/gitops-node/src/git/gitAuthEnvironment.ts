/**
 * Environment variables that make one git command send `token` as HTTP basic credentials
 * (`x-access-token`, what GitHub takes for app and personal tokens), through git's
 * `GIT_CONFIG_COUNT` (git 2.31 or later): unlike `git -c`, they are not visible in the process
 * list, and unlike a credential helper or the remote URL, nothing is written to disk. Config
 * passed the same way by the backend's own environment is kept.
 *
 * @public
 */
export function gitAuthEnvironment(
  token: string | undefined,
  environment: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  if (!token) return {};
  const index = Number(environment.GIT_CONFIG_COUNT ?? 0) || 0;
  const credentials = Buffer.from(`x-access-token:${token}`).toString('base64');
  return {
    GIT_CONFIG_COUNT: String(index + 1),
    [`GIT_CONFIG_KEY_${index}`]: 'http.extraHeader',
    [`GIT_CONFIG_VALUE_${index}`]: `Authorization: Basic ${credentials}`,
  };
}
