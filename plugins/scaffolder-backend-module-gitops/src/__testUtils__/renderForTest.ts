import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createRenderEnvironmentAction } from '../actions/createRenderEnvironmentAction';
import { demoCatalogEntities } from './demoData';
import { FAKE_REPO_URL, githubTestConfig } from './FakeGithub';

/** A preview request as a template would send it. */
export const PREVIEW_REQUEST = {
  repoUrl: FAKE_REPO_URL,
  name: 'pr-43',
  type: 'preview',
  owner: 'group:default/team-payments',
  components: ['component:default/checkout', 'component:default/payments'],
  cluster: 'resource:default/cluster-dev',
  ttl: '72h',
  approval: {
    requiredApprovals: 1,
    approvers: ['group:default/team-payments'],
  },
};

/**
 * Renders an environment with the real render action into a fresh workspace (the fake GitHub's
 * handlers must be in use) and returns the workspace's path.
 */
export async function renderForTest(
  input: object = PREVIEW_REQUEST,
): Promise<string> {
  const workspacePath = createMockDirectory().resolve('workspace');
  const action = createRenderEnvironmentAction({
    config: new ConfigReader(githubTestConfig),
    catalog: catalogServiceMock({ entities: demoCatalogEntities() }),
  });
  await action.handler(
    createMockActionContext({ input: input as any, workspacePath }),
  );
  return workspacePath;
}
