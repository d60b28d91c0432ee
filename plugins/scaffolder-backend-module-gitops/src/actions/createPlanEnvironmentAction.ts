import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { z } from 'zod';
import { findDependants } from '../lib/catalogLookups';
import {
  EnvironmentPlan,
  EnvironmentPlanResource,
  formatPlanMarkdown,
} from '../lib/formatPlanMarkdown';
import { gitopsBackendClient } from '../lib/gitopsBackendClient';
import { GitopsRepository } from '../lib/GitopsRepository';
import {
  actionSchema,
  branchNameSchema,
  dnsLabelSchema,
  parseInput,
  repoUrl,
} from '../lib/inputSchemas';
import { readScaffolderGitopsOptions } from '../lib/ScaffolderGitopsOptions';
import {
  environmentDirectory,
  gitBlobSha,
  readWorkspaceEnvironment,
} from '../lib/workspaceFiles';

const ACTION_ID = 'gitops:environment:plan';
const MANIFEST_FILE = /\.(ya?ml|json)$/i;
const KUSTOMIZATION_FILE = /(^|\/)kustomization\.ya?ml$/i;

/** The input of `gitops:environment:plan`. */
export const planEnvironmentInput = z
  .object({
    repoUrl,
    targetBranch: branchNameSchema()
      .optional()
      .describe(
        'Branch to compare with; default: the repository’s default branch',
      ),
    name: dnsLabelSchema().describe(
      'Environment name; its directory must have been rendered into the workspace',
    ),
  })
  .strict();

/** The output of `gitops:environment:plan`. */
export const planEnvironmentOutput = z.object({
  markdown: z
    .string()
    .describe('The plan for a pull request body (Secret values never shown)'),
  plan: z
    .object({})
    .passthrough()
    .describe(
      'The plan: environmentRef, action, files {added, changed, removed, unchanged}, live {available, reason, resources}, dependants, hasChanges',
    ),
  hasChanges: z.boolean(),
});

/**
 * `gitops:environment:plan`: what merging the rendered environment would change, in Git (files
 * added, changed and removed on the target branch) and on the cluster (the GitOps backend's
 * `POST /plan`), and which components depend on it. Live state that cannot be read is reported
 * as unavailable, with why; the plan still succeeds.
 *
 * @public
 */
export function createPlanEnvironmentAction(options: {
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
      'Shows what a rendered environment would change in the GitOps repository and on its cluster',
    supportsDryRun: true,
    examples: [
      {
        description: 'Plan the environment rendered by the previous step',
        example: [
          'steps:',
          '  - id: plan',
          '    action: gitops:environment:plan',
          '    input:',
          '      repoUrl: 127.0.0.1:7011?owner=shipshape-demo&repo=gitops',
          '      name: pr-43',
          'output:',
          '  text:',
          '    - title: Plan',
          '      content: ${{ steps.plan.output.markdown }}',
        ].join('\n'),
      },
    ],
    schema: {
      input: actionSchema(planEnvironmentInput),
      output: actionSchema(planEnvironmentOutput),
    },
    async handler(ctx) {
      const input = parseInput(planEnvironmentInput, ctx.input, ACTION_ID);
      const workspace = await readWorkspaceEnvironment(
        ctx.workspacePath,
        input.name,
        settings,
      );
      const credentials = await ctx.getInitiatorCredentials();
      const dir = environmentDirectory(input.name);

      // Git: the workspace's directory against the target branch's.
      const repository = await GitopsRepository.fromRepoUrl(
        input.repoUrl,
        integrations,
      );
      const targetBranch =
        input.targetBranch ?? (await repository.defaultBranch());
      const head = await repository.branchSha(targetBranch);
      const remote = new Map(
        (await repository.listFiles(head, dir)).map(f => [
          `${dir}/${f.path}`,
          f.sha,
        ]),
      );
      const files: EnvironmentPlan['files'] = {
        added: [],
        changed: [],
        removed: [],
        unchanged: 0,
      };
      for (const file of workspace.files) {
        const sha = remote.get(file.path);
        if (sha === undefined) files.added.push(file.path);
        else if (sha !== gitBlobSha(file.content))
          files.changed.push(file.path);
        else files.unchanged++;
      }
      const local = new Set(workspace.files.map(f => f.path));
      files.removed = [...remote.keys()].filter(p => !local.has(p)).sort();

      // The cluster: each component's manifests through the backend's plan.
      const [target] = workspace.entity.spec.clusters ?? [];
      const live = await planLive({
        ...options,
        credentials,
        clusterRef: target?.cluster ?? '',
        namespace: target?.namespace ?? '',
        dir,
        components: workspace.components,
        files: workspace.files,
        log: message => ctx.logger.warn(message),
      });

      const componentRefs = workspace.components.map(
        c => `component:default/${c}`,
      );
      const dependants = await findDependants(
        { catalog: options.catalog, credentials },
        componentRefs,
      );
      const plan: EnvironmentPlan = {
        environmentRef: `environment:default/${input.name}`,
        action: remote.has(`${dir}/environment.yaml`) ? 'update' : 'create',
        repository: repository.fullName,
        targetBranch,
        path: dir,
        files,
        live,
        dependants,
        hasChanges:
          files.added.length + files.changed.length + files.removed.length >
            0 || live.resources.some(r => r.action !== 'unchanged'),
      };
      const markdown = formatPlanMarkdown(plan);
      ctx.logger.info(
        `Plan of ${plan.environmentRef}: ${files.added.length} added, ${
          files.changed.length
        } changed, ${files.removed.length} removed; live state ${
          live.available ? 'compared' : `unavailable (${live.reason})`
        }`,
      );
      ctx.output('markdown', markdown);
      ctx.output('plan', plan);
      ctx.output('hasChanges', plan.hasChanges);
    },
  });
}

async function planLive(options: {
  auth: AuthService;
  discovery: DiscoveryService;
  credentials: BackstageCredentials;
  clusterRef: string;
  namespace: string;
  dir: string;
  components: string[];
  files: Array<{ path: string; content: string }>;
  log: (message: string) => void;
}): Promise<EnvironmentPlan['live']> {
  const live: EnvironmentPlan['live'] = {
    available: true,
    clusterRef: options.clusterRef,
    namespace: options.namespace,
    resources: [],
  };
  const client = gitopsBackendClient(options);
  for (const component of options.components) {
    const prefix = `${options.dir}/${component}/`;
    const manifests = options.files
      .filter(
        f =>
          f.path.startsWith(prefix) &&
          MANIFEST_FILE.test(f.path) &&
          !KUSTOMIZATION_FILE.test(f.path),
      )
      .map(f => ({ path: f.path, content: f.content }));
    try {
      const response = await client.plan({
        clusterRef: options.clusterRef,
        namespace: options.namespace,
        entityRef: `component:default/${component}`,
        manifests,
      });
      if (!response.liveAvailable) {
        return {
          ...live,
          available: false,
          reason: response.reason,
          resources: [],
        };
      }
      live.resources.push(
        ...response.resources.map(
          (resource): EnvironmentPlanResource => ({ ...resource, component }),
        ),
      );
    } catch (error) {
      const reason = describeBackendError(error);
      options.log(`Live state unavailable: ${reason}`);
      return { ...live, available: false, reason, resources: [] };
    }
  }
  return live;
}

function describeBackendError(error: unknown): string {
  const e = error as {
    name?: string;
    message?: string;
    response?: { status?: number };
    body?: { error?: { message?: string } };
  };
  const status = e.response?.status;
  const message = e.body?.error?.message ?? e.message ?? String(error);
  if (status) {
    return `the GitOps backend answered ${status} to POST /plan: ${
      message.split('\n')[0]
    }`;
  }
  return `the GitOps backend could not be reached: ${message.split('\n')[0]}`;
}
