import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  dns1123LabelProblem,
  ENVIRONMENT_TYPES,
} from '@shipshape/plugin-gitops-common';

/**
 * `gitops:environment:validate`: checks a requested environment's name and type before anything
 * is rendered, so a bad request fails on its first step with a message naming the field.
 *
 * @public
 */
export function createValidateEnvironmentAction() {
  return createTemplateAction({
    id: 'gitops:environment:validate',
    description:
      'Checks the name and type of a requested environment and outputs its directory in the GitOps repository',
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z
            .string()
            .describe('Environment name, a DNS-1123 label (e.g. pr-42)'),
        type: z => z.enum(ENVIRONMENT_TYPES).describe('Kind of environment'),
      },
      output: {
        name: z => z.string().describe('The validated environment name'),
        path: z =>
          z
            .string()
            .describe('Directory of the environment in the GitOps repository'),
      },
    },
    async handler(ctx) {
      const { name, type } = ctx.input;
      const problem = dns1123LabelProblem(name);
      if (problem) {
        throw new InputError(`Invalid environment name '${name}': ${problem}`);
      }
      ctx.logger.info(`Environment '${name}' (${type}) is valid`);
      ctx.output('name', name);
      ctx.output('path', `environments/${name}`);
    },
  });
}
