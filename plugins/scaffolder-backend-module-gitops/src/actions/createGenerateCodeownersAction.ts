import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { z } from 'zod';
import { buildCodeowners } from '../codeowners/buildCodeowners';
import {
  actionSchema,
  dnsLabelSchema,
  parseInput,
  repoUrl,
} from '../lib/inputSchemas';
import { readScaffolderGitopsOptions } from '../lib/ScaffolderGitopsOptions';
import {
  CODEOWNERS_PATH,
  readWorkspaceEnvironment,
  writeWorkspaceFile,
} from '../lib/workspaceFiles';

const ACTION_ID = 'gitops:codeowners:generate';

/** The input of `gitops:codeowners:generate`. */
export const generateCodeownersInput = z
  .object({
    repoUrl: repoUrl.describe(
      'The GitOps repository (its owner is the org of team slugs that name none)',
    ),
    name: dnsLabelSchema()
      .optional()
      .describe(
        'An environment rendered into the workspace, included before the catalog knows it',
      ),
  })
  .strict();

/** The output of `gitops:codeowners:generate`. */
export const generateCodeownersOutput = z.object({
  path: z.string().describe(`Always ${CODEOWNERS_PATH}`),
  content: z.string(),
});

/** The owner (org or user) of a RepoUrlPicker value `host?owner=..&repo=..`. */
export function repoOwnerOf(value: string): string {
  const owner = new URL(`https://${value}`).searchParams.get('owner');
  if (!owner || !/^[A-Za-z0-9-]+$/.test(owner)) {
    throw new InputError(
      `Invalid repoUrl '${value}': missing or invalid owner`,
    );
  }
  return owner;
}

/**
 * `gitops:codeowners:generate`: writes `.github/CODEOWNERS` into the workspace from the catalog's
 * ownership of environments and components (teams from `github.com/team-slug`, users from
 * `github.com/user-login`). `gitops:pull-request:open` commits it with `codeowners: true`.
 *
 * @public
 */
export function createGenerateCodeownersAction(options: {
  config: Config;
  catalog: CatalogService;
}) {
  const settings = readScaffolderGitopsOptions(options.config);
  return createTemplateAction({
    id: ACTION_ID,
    description:
      'Generates .github/CODEOWNERS for the GitOps repository from catalog ownership',
    supportsDryRun: true,
    examples: [
      {
        description:
          'Regenerate CODEOWNERS including the environment being created',
        example: [
          'steps:',
          '  - id: codeowners',
          '    action: gitops:codeowners:generate',
          '    input:',
          '      repoUrl: 127.0.0.1:7011?owner=shipshape-demo&repo=gitops',
          '      name: pr-43',
        ].join('\n'),
      },
    ],
    schema: {
      input: actionSchema(generateCodeownersInput),
      output: actionSchema(generateCodeownersOutput),
    },
    async handler(ctx) {
      const input = parseInput(generateCodeownersInput, ctx.input, ACTION_ID);
      const rendered = input.name
        ? await readWorkspaceEnvironment(
            ctx.workspacePath,
            input.name,
            settings,
          )
        : undefined;
      const content = await buildCodeowners(
        {
          catalog: options.catalog,
          credentials: await ctx.getInitiatorCredentials(),
        },
        { rendered, defaultOrg: repoOwnerOf(input.repoUrl) },
      );
      await writeWorkspaceFile(ctx.workspacePath, CODEOWNERS_PATH, content);
      ctx.logger.info(`Wrote ${CODEOWNERS_PATH}`);
      ctx.output('path', CODEOWNERS_PATH);
      ctx.output('content', content);
    },
  });
}
