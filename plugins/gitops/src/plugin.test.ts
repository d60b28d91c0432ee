import { GitopsClient } from '@shipshape/plugin-gitops-common';
import {
  EntityGitopsContent,
  EntityGroupGitopsCard,
  EntityPendingChangesCard,
  EntityServiceRelationsCard,
  EntityTeamGitopsContent,
  GitopsTeamPage,
  gitopsPlugin,
} from './plugin';
import { teamPageRouteRef } from './routes';

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

  it('exports the team page on its route, and the team and change request cards', () => {
    expect(gitopsPlugin.routes.teamPage).toBe(teamPageRouteRef);
    expect(teamPageRouteRef.params).toEqual(['namespace', 'name']);
    for (const component of [
      GitopsTeamPage,
      EntityGroupGitopsCard,
      EntityPendingChangesCard,
      EntityServiceRelationsCard,
      EntityTeamGitopsContent,
    ]) {
      expect(typeof component).toBe('function');
    }
  });
});
