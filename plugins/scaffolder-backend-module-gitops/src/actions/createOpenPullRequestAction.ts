import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ChangeRequestMetadata,
  formatChangeRequestMarker,
} from '@shipshape/plugin-gitops-common';
import fs from 'node:fs/promises';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { z } from 'zod';
import { buildCodeowners } from '../codeowners/buildCodeowners';
import { CatalogReader, findEntity } from '../lib/catalogLookups';
import { gitopsBackendClient } from '../lib/gitopsBackendClient';
import { GitopsRepository } from '../lib/GitopsRepository';
import { ownerRefOf, resolveReviewers } from '../lib/githubOwners';
import {
  actionSchema,
  branchNameSchema,
  dnsLabelSchema,
  parseInput,
  repoUrl,
} from '../lib/inputSchemas';
import { readScaffolderGitopsOptions } from '../lib/ScaffolderGitopsOptions';
import {
  CODEOWNERS_PATH,
  environmentDirectory,
  gitBlobSha,
  readWorkspaceEnvironment,
} from '../lib/workspaceFiles';

const ACTION_ID = 'gitops:pull-request:open';
/** GitHub refuses bodies over 65536 characters. */
const MAX_BODY = 60_000;

/** The input of `gitops:pull-request:open`. */
export const openPullRequestInput = z
  .object({
    repoUrl,
    targetBranch: branchNameSchema()
      .optional()
      .describe(
        'Branch the pull request merges into; default: the repository’s default branch',
      ),
    name: dnsLabelSchema().describe(
      'The environment rendered into the workspace',
    ),
    branchName: branchNameSchema()
      .optional()
      .describe(
        'Branch to push; default: <gitops.scaffolder.pullRequest.branchPrefix><name>',
      ),
    title: z.string().min(1).max(256).optional(),
    description: z
      .string()
      .max(20_000)
      .optional()
      .describe('Text at the top of the pull request body'),
    plan: z
      .string()
      .max(200_000)
      .optional()
      .describe(
        'The markdown output of gitops:environment:plan, shown in the body',
      ),
    draft: z.boolean().optional(),
    labels: z
      .array(
        z
          .string()
          .min(1)
          .max(50)
          .regex(/^[^,\n\r]+$/, 'must be one line without commas'),
      )
      .max(20)
      .default([]),
    codeowners: z
      .boolean()
      .optional()
      .describe(
        'Commit an updated .github/CODEOWNERS too; default: gitops.scaffolder.pullRequest.codeowners',
      ),
  })
  .strict();

/** The output of `gitops:pull-request:open`. */
export const openPullRequestOutput = z.object({
  remoteUrl: z
    .string()
    .describe('The pull request’s page (empty in a dry run)'),
  pullRequestNumber: z.number().describe('0 in a dry run'),
  branchName: z.string(),
  created: z.boolean().describe('False when an open pull request was updated'),
  reviewers: z.array(z.string()).describe('Entity refs asked to review'),
});

/**
 * `gitops:pull-request:open`: commits the rendered environment to a branch (git data API), opens
 * or updates its pull request with the plan, a link to the portal and Shipshape's marker, asks the
 * owners to review, and registers it with the GitOps backend. Safe to retry: the same branch is
 * moved and the same pull request updated; a branch it created is deleted again when no pull
 * request could be opened.
 *
 * @public
 */
export function createOpenPullRequestAction(options: {
  config: Config;
  catalog: CatalogService;
  auth: AuthService;
  discovery: DiscoveryService;
}) {
  const integrations = ScmIntegrations.fromConfig(options.config);
  const settings = readScaffolderGitopsOptions(options.config);
  return createTemplateAction({
    id: ACTION_ID,
    description:
      'Opens (or updates) a pull request on the GitOps repository with the rendered environment',
    supportsDryRun: true,
    examples: [
      {
        description: 'Open the pull request with the plan in its body',
        example: [
          'steps:',
          '  - id: pr',
          '    action: gitops:pull-request:open',
          '    input:',
          '      repoUrl: 127.0.0.1:7011?owner=shipshape-demo&repo=gitops',
          '      name: pr-43',
          '      plan: ${{ steps.plan.output.markdown }}',
          '      labels: [environment]',
          'output:',
          '  links:',
          '    - title: Pull request',
          '      url: ${{ steps.pr.output.remoteUrl }}',
        ].join('\n'),
      },
    ],
    schema: {
      input: actionSchema(openPullRequestInput),
      output: actionSchema(openPullRequestOutput),
    },
    async handler(ctx) {
      const input = parseInput(openPullRequestInput, ctx.input, ACTION_ID);
      const workspace = await readWorkspaceEnvironment(
        ctx.workspacePath,
        input.name,
        settings,
      );
      const credentials = await ctx.getInitiatorCredentials();
      const reader: CatalogReader = { catalog: options.catalog, credentials };
      const dir = environmentDirectory(input.name);
      const branch =
        input.branchName ?? `${settings.branchPrefix}${input.name}`;
      const parsedBranch = branchNameSchema().safeParse(branch);
      if (!parsedBranch.success) {
        throw new InputError(
          `branchName: '${branch}' ${parsedBranch.error.issues[0].message}`,
        );
      }

      const repository = await GitopsRepository.fromRepoUrl(
        input.repoUrl,
        integrations,
      );
      const base = input.targetBranch ?? (await repository.defaultBranch());
      if (base === branch) {
        throw new InputError(
          `branchName: '${branch}' is the target branch; pick another`,
        );
      }
      const head = await repository.branchSha(base);
      const remote = new Map(
        (await repository.listFiles(head, dir)).map(f => [
          `${dir}/${f.path}`,
          f.sha,
        ]),
      );
      const mode = remote.has(`${dir}/environment.yaml`) ? 'update' : 'create';

      // The files to commit: the environment's directory as rendered, and CODEOWNERS if asked.
      const files = [...workspace.files];
      if (input.codeowners ?? settings.codeowners) {
        files.push({
          path: CODEOWNERS_PATH,
          content:
            (await workspaceCodeowners(ctx.workspacePath)) ??
            (await buildCodeowners(reader, {
              rendered: workspace,
              defaultOrg: repository.owner,
            })),
        });
      }
      const remoteCodeowners = files.some(f => f.path === CODEOWNERS_PATH)
        ? (await repository.listFiles(head, '.github')).find(
            f => f.path === 'CODEOWNERS',
          )?.sha
        : undefined;
      const changes = files.filter(file => {
        const sha =
          file.path === CODEOWNERS_PATH
            ? remoteCodeowners
            : remote.get(file.path);
        return sha !== gitBlobSha(file.content);
      });
      const local = new Set(files.map(f => f.path));
      const deletions = [...remote.keys()].filter(p => !local.has(p));
      if (changes.length === 0 && deletions.length === 0) {
        throw new InputError(
          `${dir} in the workspace is identical to branch '${base}': there is nothing to propose`,
        );
      }

      // Reviewers: the owners of the environment and of each component, plus the platform team
      // for production.
      // For an update, only the components whose files change: scaling one service must not
      // ask every other team of the environment to review.
      const touched = new Set(
        [...changes.map(f => f.path), ...deletions]
          .filter(p => p.startsWith(`${dir}/`))
          .map(p => p.slice(dir.length + 1).split('/'))
          .filter(parts => parts.length > 1)
          .map(parts => parts[0]),
      );
      const componentRefs = workspace.components
        .filter(c => mode === 'create' || touched.has(c))
        .map(c => `component:default/${c}`);
      const ownerRefs = [ownerRefOf(workspace.entity)];
      for (const ref of componentRefs) {
        ownerRefs.push(ownerRefOf(await findEntity(reader, ref)));
      }
      if (
        workspace.entity.spec.type === 'production' &&
        settings.platformTeam
      ) {
        ownerRefs.push(settings.platformTeam);
      }
      const reviewers = await resolveReviewers(
        reader,
        ownerRefs.filter((r): r is string => Boolean(r)),
      );
      for (const ref of reviewers.unresolved) {
        ctx.logger.warn(
          `${ref} has no github.com/team-slug or github.com/user-login annotation; not asked to review`,
        );
      }

      const environmentRef = `environment:default/${input.name}`;
      const metadata: ChangeRequestMetadata = {
        action: mode,
        environmentRef,
        entityRefs: componentRefs,
        ...(ctx.user?.ref && { requester: ctx.user.ref }),
        reviewers: reviewers.entityRefs,
      };
      const title =
        input.title ??
        `${mode === 'create' ? 'Create' : 'Update'} environment ${input.name}`;
      const body = pullRequestBody({
        description: input.description,
        plan: input.plan,
        metadata,
        name: input.name,
        appBaseUrl: settings.appBaseUrl,
      });
      const labels = [...new Set([...settings.labels, ...input.labels])];
      const draft = input.draft ?? settings.draft;

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would push ${changes.length} changed and ${
            deletions.length
          } removed files to '${branch}' and open "${title}" into '${base}' of ${
            repository.fullName
          }, reviewers: ${
            [...reviewers.teams, ...reviewers.users].join(', ') || 'none'
          }`,
        );
        ctx.output('remoteUrl', '');
        ctx.output('pullRequestNumber', 0);
        ctx.output('branchName', branch);
        ctx.output('created', false);
        ctx.output('reviewers', reviewers.entityRefs);
        return;
      }

      const commitSha = await ctx.checkpoint({
        key: `gitops-pr-commit-${branch}-${head}`,
        fn: async () => {
          const entries: Array<{ path: string; sha: string | undefined }> = [];
          for (const file of changes) {
            entries.push({
              path: file.path,
              sha: await repository.createBlob(file.content, file.path),
            });
          }
          for (const path of deletions) entries.push({ path, sha: undefined });
          const tree = await repository.createTree(
            await repository.commitTreeSha(head),
            entries,
          );
          return repository.createCommit(
            `${title}\n\n${
              ctx.user?.ref
                ? `Requested by ${ctx.user.ref} through Shipshape.`
                : 'Requested through Shipshape.'
            }`,
            tree,
            head,
          );
        },
      });

      // Idempotent: creates the branch, or moves it when a previous attempt pushed it.
      const pushed = await repository.pushBranch(branch, commitSha);
      let pull: { number: number; url: string; created: boolean };
      try {
        pull = await ctx.checkpoint({
          key: `gitops-pr-open-${branch}`,
          fn: async () => {
            const opened = await repository.openPullRequest({
              branch,
              base,
              title,
              body,
              draft,
            });
            return {
              number: opened.number,
              url: opened.url,
              created: opened.created,
            };
          },
        });
      } catch (error) {
        if (pushed.created) {
          // Nothing half-written: no pull request, so no branch either.
          await repository.deleteBranch(branch).catch(deleteError => {
            ctx.logger.warn(
              `Could not delete branch '${branch}' after failing to open its pull request: ${deleteError}`,
            );
          });
        }
        throw error;
      }

      try {
        await repository.addLabels(pull.number, labels);
      } catch (error) {
        ctx.logger.warn(`${(error as Error).message} Labels not added.`);
      }
      try {
        await repository.requestReviewers(pull.number, reviewers);
      } catch (error) {
        ctx.logger.warn(`${(error as Error).message} Reviews not requested.`);
      }
      try {
        await gitopsBackendClient({
          ...options,
          credentials,
        }).registerChangeRequest({
          ...metadata,
          repository: repository.fullName,
          number: pull.number,
        });
      } catch (error) {
        ctx.logger.warn(
          `Could not register the pull request with the GitOps backend (${
            (error as Error).message
          }); it will find it by its marker`,
        );
      }

      ctx.logger.info(
        `${pull.created ? 'Opened' : 'Updated'} pull request #${pull.number}: ${
          pull.url
        }`,
      );
      ctx.output('remoteUrl', pull.url);
      ctx.output('pullRequestNumber', pull.number);
      ctx.output('branchName', branch);
      ctx.output('created', pull.created);
      ctx.output('reviewers', reviewers.entityRefs);
    },
  });
}

async function workspaceCodeowners(
  workspacePath: string,
): Promise<string | undefined> {
  try {
    return await fs.readFile(
      resolveSafeChildPath(workspacePath, CODEOWNERS_PATH),
      'utf8',
    );
  } catch {
    return undefined;
  }
}

/**
 * Input text cannot carry a marker of its own: the first marker in a body wins, so one in the
 * description would override the request's real metadata.
 */
function neutralizeMarkers(text: string | undefined): string | undefined {
  return text?.replace(/<!--(\s*shipshape:change-request)/gi, '&lt;!--$1');
}

function pullRequestBody(options: {
  description?: string;
  plan?: string;
  metadata: ChangeRequestMetadata;
  name: string;
  appBaseUrl?: string;
}): string {
  const { metadata } = options;
  const intro =
    neutralizeMarkers(options.description) ??
    `Requested through Shipshape: ${metadata.action} the environment \`${options.name}\`.`;
  const link = options.appBaseUrl
    ? `[Open \`${options.name}\` in the portal](${options.appBaseUrl.replace(
        /\/+$/,
        '',
      )}/catalog/default/environment/${options.name})`
    : undefined;
  const footer = [
    link,
    metadata.requester ? `Requested by \`${metadata.requester}\`` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  const marker = formatChangeRequestMarker(metadata);
  const fixed = [intro, footer ? `---\n${footer}` : '', marker].join('\n\n');
  let plan = neutralizeMarkers(options.plan) ?? '';
  const room = MAX_BODY - fixed.length - 100;
  if (plan.length > room) {
    plan = `${plan.slice(
      0,
      Math.max(0, room),
    )}\n\n… (plan truncated; see the scaffolder task for all of it)`;
  }
  return [intro, plan, footer ? `---\n${footer}` : '', marker]
    .filter(Boolean)
    .join('\n\n');
}
