import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';

/**
 * The token to fetch a repository with, or undefined to fetch it without one.
 *
 * @public
 */
export type GitTokenProvider = (url: string) => Promise<string | undefined>;

/**
 * Tokens from the app's `integrations.github` config (a GitHub App's installation token, which
 * lasts an hour and is asked for again on each fetch, or a personal access token). Local paths
 * and hosts without a GitHub integration are fetched without a token; a configured integration
 * that cannot give one (a wrong app key, an app not installed on the organization) is an error
 * that says so, rather than the "repository not found" of a fetch without credentials.
 *
 * @public
 */
export function createGitTokenProvider(config: Config): GitTokenProvider {
  const integrations = ScmIntegrations.fromConfig(config);
  const credentials =
    DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  return async url => {
    if (!/^https?:\/\//i.test(url) || !integrations.github.byUrl(url)) {
      return undefined;
    }
    try {
      return (await credentials.getCredentials({ url })).token;
    } catch (error) {
      throw new InputError(
        `Could not get GitHub credentials for ${url} from integrations.github: ${
          (error as Error).message
        }`,
      );
    }
  };
}
