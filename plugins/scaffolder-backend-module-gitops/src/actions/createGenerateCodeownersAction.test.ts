import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { setupServer } from 'msw/node';
import {
  demoCatalogEntities,
  demoRepositoryFiles,
} from '../__testUtils__/demoData';
import {
  FAKE_REPO_URL,
  FakeGithub,
  githubTestConfig,
} from '../__testUtils__/FakeGithub';
import { renderForTest } from '../__testUtils__/renderForTest';
import { createGenerateCodeownersAction } from './createGenerateCodeownersAction';

const server = setupServer();
registerMswTestHooks(server);

describe('gitops:codeowners:generate', () => {
  const action = createGenerateCodeownersAction({
    config: new ConfigReader(githubTestConfig),
    catalog: catalogServiceMock({ entities: demoCatalogEntities() }),
  });

  it('writes CODEOWNERS for the catalog environments and the rendered one', async () => {
    const github = new FakeGithub();
    github.seed(demoRepositoryFiles());
    server.use(...github.handlers());
    const workspacePath = await renderForTest();
    const ctx = createMockActionContext({
      input: { repoUrl: FAKE_REPO_URL, name: 'pr-43' },
      workspacePath,
    });
    await action.handler(ctx);
    const text = fs.readFileSync(
      path.join(workspacePath, '.github/CODEOWNERS'),
      'utf8',
    );
    expect(ctx.output).toHaveBeenCalledWith('path', '.github/CODEOWNERS');
    expect(ctx.output).toHaveBeenCalledWith('content', text);
    const lines = text.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        '/environments/dev/ @shipshape-demo/team-platform',
        '/environments/dev/storefront-web/ @shipshape-demo/team-platform @shipshape-demo/team-storefront',
        '/environments/prod/payments/ @shipshape-demo/team-platform @shipshape-demo/team-payments',
        '/environments/pr-42/ @shipshape-demo/team-payments',
        '/environments/pr-43/ @shipshape-demo/team-payments',
        '/environments/pr-43/checkout/ @shipshape-demo/team-payments',
      ]),
    );
    expect(
      lines.filter(l => l.startsWith('/environments/pr-43/')),
    ).toHaveLength(3);
  });

  it('works from the catalog alone', async () => {
    const ctx = createMockActionContext({ input: { repoUrl: FAKE_REPO_URL } });
    await action.handler(ctx);
    const text = fs.readFileSync(
      path.join(ctx.workspacePath, '.github/CODEOWNERS'),
      'utf8',
    );
    expect(text).toContain(
      '/environments/staging/ @shipshape-demo/team-platform\n',
    );
    expect(text).not.toContain('pr-43');
  });

  it('refuses a hostile environment name or repoUrl', async () => {
    await expect(
      action.handler(
        createMockActionContext({
          input: { repoUrl: FAKE_REPO_URL, name: '../..' },
        }),
      ),
    ).rejects.toThrow(/name: '\.\.\/\.\.' must consist/);
    await expect(
      action.handler(
        createMockActionContext({
          input: { repoUrl: 'github.test?repo=gitops' },
        }),
      ),
    ).rejects.toThrow(/missing or invalid owner/);
  });
});
