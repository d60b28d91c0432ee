import { ConfigReader } from '@backstage/config';
import { createGitTokenProvider } from './createGitTokenProvider';

describe('createGitTokenProvider', () => {
  it('gives the token of the GitHub integration for its host only', async () => {
    const tokenFor = createGitTokenProvider(
      new ConfigReader({
        integrations: {
          github: [{ host: 'github.example.com', token: 'ghp_pat' }],
        },
      }),
    );
    await expect(
      tokenFor('https://github.example.com/acme/gitops.git'),
    ).resolves.toBe('ghp_pat');
    await expect(
      tokenFor('https://gitlab.example.com/acme/gitops.git'),
    ).resolves.toBeUndefined();
    await expect(tokenFor('/srv/gitops')).resolves.toBeUndefined();
    await expect(
      tokenFor('git@github.example.com:acme/gitops.git'),
    ).resolves.toBeUndefined();
  });

  it('fetches without a token when no integration is configured', async () => {
    const tokenFor = createGitTokenProvider(new ConfigReader({}));
    // github.com has a default integration without credentials.
    await expect(
      tokenFor('https://github.com/acme/gitops.git'),
    ).resolves.toBeUndefined();
  });

  it('says so when a configured GitHub App cannot give a token', async () => {
    const tokenFor = createGitTokenProvider(
      new ConfigReader({
        integrations: {
          github: [
            {
              host: 'github.example.com',
              apps: [
                {
                  appId: 1,
                  privateKey: 'not a private key',
                  webhookSecret: 'x',
                  clientId: 'x',
                  clientSecret: 'x',
                },
              ],
            },
          ],
        },
      }),
    );
    await expect(
      tokenFor('https://github.example.com/acme/gitops.git'),
    ).rejects.toThrow(
      /^Could not get GitHub credentials for https:\/\/github.example.com\/acme\/gitops.git from integrations.github: /,
    );
  });
});
