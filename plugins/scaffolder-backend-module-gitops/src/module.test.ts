import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleGitops } from './module';

describe('scaffolderModuleGitops', () => {
  it('registers every GitOps action with its schemas', async () => {
    const actions: TemplateAction<any, any, any>[] = [];
    await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          { addActions: (...a: any[]) => actions.push(...a) },
        ],
      ],
      features: [
        scaffolderModuleGitops,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: {
            gitops: {
              scaffolder: { platformTeam: 'group:default/team-platform' },
            },
          },
        }),
      ],
    });
    expect(actions.map(a => a.id).sort()).toEqual([
      'gitops:codeowners:generate',
      'gitops:environment:plan',
      'gitops:environment:render',
      'gitops:pull-request:open',
    ]);
    const render = actions.find(a => a.id === 'gitops:environment:render')!;
    // The zod schemas reach the scaffolder as JSON schema, so the template editor can show them.
    expect((render.schema?.input as any).properties.name.description).toMatch(
      /DNS-1123/,
    );
    expect((render.schema?.input as any).required).toEqual(['repoUrl', 'name']);
    expect((render.schema?.output as any).properties.files.type).toBe('array');
  });
});
