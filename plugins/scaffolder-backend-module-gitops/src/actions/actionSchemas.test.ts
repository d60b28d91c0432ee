import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createGenerateCodeownersAction } from './createGenerateCodeownersAction';
import { createOpenPullRequestAction } from './createOpenPullRequestAction';
import { createPlanEnvironmentAction } from './createPlanEnvironmentAction';
import { createRenderEnvironmentAction } from './createRenderEnvironmentAction';

describe('the JSON schemas the scaffolder validates inputs with', () => {
  const deps = {
    config: mockServices.rootConfig(),
    catalog: catalogServiceMock(),
    auth: mockServices.auth(),
    discovery: mockServices.discovery(),
  };
  const actions = [
    createRenderEnvironmentAction(deps),
    createPlanEnvironmentAction(deps),
    createOpenPullRequestAction(deps),
    createGenerateCodeownersAction(deps),
  ];

  it.each(actions.map(action => [action.id, action] as const))(
    '%s has self-contained input and output schemas',
    (_id, action) => {
      const schema = action.schema as { input?: object; output?: object };
      expect(schema.input).toMatchObject({ type: 'object' });
      // The scaffolder's validator cannot resolve a "$ref" ("Invalid URL"): every run would fail.
      expect(JSON.stringify(schema.input)).not.toContain('"$ref"');
      expect(JSON.stringify(schema.output ?? {})).not.toContain('"$ref"');
      expect(action.examples?.length ?? 0).toBeGreaterThan(0);
    },
  );
});
