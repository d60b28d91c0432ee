import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createValidateEnvironmentAction } from './createValidateEnvironmentAction';

describe('gitops:environment:validate', () => {
  const action = createValidateEnvironmentAction();

  it('outputs the environment directory for a valid request', async () => {
    const ctx = createMockActionContext({
      input: { name: 'pr-42', type: 'preview' as const },
    });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('name', 'pr-42');
    expect(ctx.output).toHaveBeenCalledWith('path', 'environments/pr-42');
  });

  it.each(['../prod', 'Prod', '', 'a'.repeat(64)])(
    'rejects the name %j before doing anything',
    async name => {
      const ctx = createMockActionContext({
        input: { name, type: 'preview' as const },
      });
      await expect(action.handler(ctx)).rejects.toThrow(
        /Invalid environment name/,
      );
      expect(ctx.output).not.toHaveBeenCalled();
    },
  );
});
