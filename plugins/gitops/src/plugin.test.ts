import { GitopsClient } from '@shipshape/plugin-gitops-common';
import { EntityGitopsContent, gitopsPlugin } from './plugin';

describe('gitopsPlugin (legacy)', () => {
  it('provides the GitOps API with the HTTP client', () => {
    const factories = [...gitopsPlugin.getApis()];
    const factory = factories.find(f => f.api.id === 'plugin.gitops.service');
    expect(factory).toBeDefined();
    const client = factory!.factory({
      discoveryApi: { getBaseUrl: async () => 'http://backstage/api/gitops' },
      fetchApi: { fetch: jest.fn() },
    });
    expect(client).toBeInstanceOf(GitopsClient);
  });

  it('exports the GitOps tab as a component', () => {
    expect(typeof EntityGitopsContent).toBe('function');
  });
});
