import { Config } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { InputError } from '@backstage/errors';
import { Octokit } from '@octokit/rest';

/**
 * Octokit clients for a repository on GitHub, `https://<host>/<owner>/<repo>`: its host's
 * `integrations.github` entry gives the API base URL and the credentials (token or GitHub App),
 * fetched anew for each client so that app tokens are refreshed.
 */
export function githubOctokit(
  config: Config,
  repositoryUrl: string,
): () => Promise<Octokit> {
  const integrations = ScmIntegrations.fromConfig(config);
  const url = new URL(repositoryUrl);
  const integration = integrations.github.byHost(url.host);
  if (!integration) {
    throw new InputError(
      `gitops.changeRequests.repository: no integrations.github entry for host ${url.host}`,
    );
  }
  const credentials =
    DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  const baseUrl = integration.config.apiBaseUrl ?? 'https://api.github.com';
  return async () =>
    new Octokit({
      baseUrl,
      auth: (await credentials.getCredentials({ url: repositoryUrl })).token,
    });
}
