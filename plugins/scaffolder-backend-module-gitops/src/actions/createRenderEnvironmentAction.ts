import { stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ANNOTATION_GITOPS_SYNC_POLICY,
  DNS1123_LABEL_MAX_LENGTH,
  ENVIRONMENT_KIND,
  ENVIRONMENT_TYPES,
  EnvironmentType,
  GITOPS_API_VERSION,
} from '@shipshape/plugin-gitops-common';
import { Document, isMap, parseDocument } from 'yaml';
import { z } from 'zod';
import {
  CatalogReader,
  findEntity,
  normalizeRef,
  requireCluster,
  requireEntity,
  resolveComponents,
} from '../lib/catalogLookups';
import { GitopsRepository, TreeFile } from '../lib/GitopsRepository';
import {
  actionSchema,
  branchNameSchema,
  dnsLabelSchema,
  entityRefString,
  parseInput,
  repoUrl,
} from '../lib/inputSchemas';
import { KubernetesSchemaValidator } from '../lib/KubernetesSchemaValidator';
import {
  ComponentOverrides,
  ManifestFile,
  renderComponentManifests,
} from '../lib/renderComponentManifests';
import {
  readScaffolderGitopsOptions,
  ScaffolderGitopsOptions,
} from '../lib/ScaffolderGitopsOptions';
import {
  environmentDirectory,
  writeWorkspaceFile,
} from '../lib/workspaceFiles';

const ACTION_ID = 'gitops:environment:render';
const MANIFEST_FILE = /\.(ya?ml|json)$/i;
const KUSTOMIZATION_FILE = /(^|\/)kustomization\.ya?ml$/i;
/** Which base environment to copy a component from when none is named, best first. */
const BASE_PREFERENCE: EnvironmentType[] = [
  'development',
  'staging',
  'preview',
  'production',
];

const overrides = z
  .object({
    replicas: z.number().int().min(0).max(100).optional(),
    image: z
      .string()
      .max(512)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._\-\/:@]*$/, 'must be an image reference')
      .optional(),
  })
  .strict();

/** The input of `gitops:environment:render`. */
export const renderEnvironmentInput = z
  .object({
    repoUrl,
    targetBranch: branchNameSchema()
      .optional()
      .describe(
        'Branch of the GitOps repository to read; default: its default branch',
      ),
    mode: z
      .enum(['create', 'update'])
      .default('create')
      .describe('create a new environment, or update (patch) an existing one'),
    name: dnsLabelSchema().describe(
      'Environment name, a DNS-1123 label (e.g. pr-43)',
    ),
    title: z.string().max(200).optional().describe('Display title'),
    description: z.string().max(2000).optional(),
    type: z
      .enum(ENVIRONMENT_TYPES)
      .optional()
      .describe('Kind of environment; required to create one'),
    owner: entityRefString('group')
      .optional()
      .describe(
        'Owning group, e.g. group:default/team-payments; required to create',
      ),
    components: z
      .array(entityRefString('component'))
      .max(200)
      .default([])
      .describe(
        'Components to deploy (entity refs); a system ref stands for all its components',
      ),
    cluster: entityRefString('resource')
      .optional()
      .describe(
        'Cluster Resource (spec.type kubernetes-cluster); required to create',
      ),
    namespace: dnsLabelSchema()
      .optional()
      .describe(
        "Namespace; default: the base environment's with its name replaced (shop-dev → shop-<name>), else <name>",
      ),
    baseEnvironment: dnsLabelSchema()
      .optional()
      .describe(
        'Environment whose manifests are copied; default: one that has the component, preferring development',
      ),
    expiresAt: z
      .string()
      .max(40)
      .optional()
      .describe('ISO 8601 expiry of a preview environment'),
    ttl: z
      .string()
      .regex(/^\d{1,4}[hd]$/, 'must be hours or days, e.g. 72h or 7d')
      .optional()
      .describe(
        'Lifetime of a preview environment (e.g. 72h, 7d), instead of expiresAt',
      ),
    approval: z
      .object({
        requiredApprovals: z.number().int().min(0).max(10),
        approvers: z
          .array(entityRefString('group'))
          .max(20)
          .optional()
          .describe('Groups whose members may approve; default: the owner'),
      })
      .strict()
      .optional()
      .describe('Who must approve changes to the environment'),
    replicas: z
      .number()
      .int()
      .min(0)
      .max(100)
      .optional()
      .describe('Replicas of every workload of the rendered components'),
    overrides: z
      .record(dnsLabelSchema(), overrides)
      .optional()
      .describe('Per component name: { replicas, image }'),
    syncPolicy: z
      .enum(['automated', 'manual'])
      .optional()
      .describe(
        'automated: the GitOps operator applies every new revision (e.g. previews); written as the gitops.shipshape.dev/sync-policy annotation',
      ),
  })
  .strict();

type RenderInput = z.output<typeof renderEnvironmentInput>;

/** The output of `gitops:environment:render`. */
export const renderEnvironmentOutput = z.object({
  environmentRef: z.string().describe('e.g. environment:default/pr-43'),
  path: z.string().describe('environments/<name>'),
  namespace: z.string(),
  components: z
    .array(z.string())
    .describe('Entity refs of the rendered components'),
  files: z.array(z.string()).describe('Workspace-relative paths written'),
});

/** What the render action reads from the repository and the catalog. */
interface RenderSources {
  repository: GitopsRepository;
  /** Files under environments/, paths relative to it (`<env>/<component>/<file>`). */
  files: TreeFile[];
  environmentYaml: Map<string, Document.Parsed | undefined>;
}

/**
 * `gitops:environment:render`: writes `environments/<name>/environment.yaml` and the manifests of
 * each component (copied from a base environment, namespaces rewritten) into the workspace, after
 * checking the request against the catalog, the repository, the policy and the Kubernetes schemas.
 *
 * @public
 */
export function createRenderEnvironmentAction(options: {
  config: Config;
  catalog: CatalogService;
}) {
  const integrations = ScmIntegrations.fromConfig(options.config);
  const settings = readScaffolderGitopsOptions(options.config);
  return createTemplateAction({
    id: ACTION_ID,
    description:
      'Renders an Environment and its components’ manifests from the GitOps repository into the workspace',
    supportsDryRun: true,
    examples: [
      {
        description: 'A preview environment of two components, copied from dev',
        example: [
          'steps:',
          '  - id: render',
          '    action: gitops:environment:render',
          '    input:',
          '      repoUrl: 127.0.0.1:7011?owner=shipshape-demo&repo=gitops',
          '      name: pr-43',
          '      type: preview',
          '      owner: group:default/team-payments',
          '      components: [component:default/checkout, component:default/payments]',
          '      cluster: resource:default/cluster-dev',
          '      ttl: 72h',
          '      approval: { requiredApprovals: 1, approvers: [group:default/team-payments] }',
        ].join('\n'),
      },
    ],
    schema: {
      input: actionSchema(renderEnvironmentInput),
      output: actionSchema(renderEnvironmentOutput),
    },
    async handler(ctx) {
      const input = parseInput(renderEnvironmentInput, ctx.input, ACTION_ID);
      const reader: CatalogReader = {
        catalog: options.catalog,
        credentials: await ctx.getInitiatorCredentials(),
      };
      const validator = KubernetesSchemaValidator.create();
      try {
        const result = await render(input, reader, settings, validator, {
          integrations,
          log: message => ctx.logger.info(message),
        });
        for (const file of result.files) {
          await writeWorkspaceFile(ctx.workspacePath, file.path, file.content);
        }
        ctx.logger.info(
          `Rendered ${result.files.length} files of environment '${
            input.name
          }'${ctx.isDryRun ? ' (dry run)' : ''}`,
        );
        ctx.output('environmentRef', result.environmentRef);
        ctx.output('path', environmentDirectory(input.name));
        ctx.output('namespace', result.namespace);
        ctx.output('components', result.components);
        ctx.output(
          'files',
          result.files.map(f => f.path),
        );
      } finally {
        await validator.close();
      }
    },
  });
}

async function render(
  input: RenderInput,
  reader: CatalogReader,
  settings: ScaffolderGitopsOptions,
  validator: KubernetesSchemaValidator,
  context: {
    integrations: ScmIntegrations;
    log: (message: string) => void;
  },
): Promise<{
  environmentRef: string;
  namespace: string;
  components: string[];
  files: ManifestFile[];
}> {
  const { name, mode } = input;
  const environmentRef = `${ENVIRONMENT_KIND.toLocaleLowerCase(
    'en-US',
  )}:default/${name}`;
  const dir = environmentDirectory(name);

  if (mode === 'create') {
    for (const field of ['type', 'owner', 'cluster'] as const) {
      if (!input[field]) {
        throw new InputError(`${field}: is required to create an environment`);
      }
    }
  }
  if (input.expiresAt && input.ttl) {
    throw new InputError('Give either expiresAt or ttl, not both');
  }

  // The catalog: components, cluster, owner, approvers, and that the name is free.
  const components = await resolveComponents(reader, input.components);
  for (const key of Object.keys(input.overrides ?? {})) {
    if (!components.some(c => c.metadata.name === key)) {
      throw new InputError(
        `overrides.${key}: '${key}' is not one of the requested components`,
      );
    }
  }
  if (components.length > settings.maxComponents) {
    throw new InputError(
      `components: ${components.length} components requested, the limit is ${settings.maxComponents}`,
    );
  }
  for (const component of components) {
    const problem = dnsLabelSchema().safeParse(component.metadata.name);
    if (!problem.success) {
      throw new InputError(
        `components: '${component.metadata.name}' cannot be a directory name: ${problem.error.issues[0].message}`,
      );
    }
  }
  if (input.cluster) await requireCluster(reader, input.cluster);
  if (input.owner) await requireEntity(reader, input.owner, 'group', 'owner');
  for (const approver of input.approval?.approvers ?? []) {
    await requireEntity(reader, approver, 'group', 'approval.approvers');
  }
  const existingEntity = await findEntity(reader, environmentRef);
  if (mode === 'create' && existingEntity) {
    throw new ConflictError(
      `An Environment '${name}' already exists in the catalog; choose another name or use mode 'update'`,
    );
  }

  // The repository: existing environments and the base manifests.
  const repository = await GitopsRepository.fromRepoUrl(
    input.repoUrl,
    context.integrations,
  );
  const branch = input.targetBranch ?? (await repository.defaultBranch());
  const head = await repository.branchSha(branch);
  const sources: RenderSources = {
    repository,
    files: await repository.listFiles(head, 'environments'),
    environmentYaml: new Map(),
  };
  const existingYaml = await readEnvironmentYaml(sources, name);
  if (
    mode === 'create' &&
    sources.files.some(f => f.path.startsWith(`${name}/`))
  ) {
    throw new ConflictError(
      `${dir} already exists on branch '${branch}' of ${repository.fullName}; choose another name or use mode 'update'`,
    );
  }
  if (mode === 'update' && !existingYaml) {
    throw new NotFoundError(
      `${dir}/environment.yaml is not on branch '${branch}' of ${repository.fullName}; use mode 'create'`,
    );
  }
  if (
    input.baseEnvironment &&
    !(await readEnvironmentYaml(sources, input.baseEnvironment))
  ) {
    throw new InputError(
      `baseEnvironment: '${input.baseEnvironment}' is not an environment of ${repository.fullName}`,
    );
  }

  // The Environment entity: new, or the existing one patched (comments kept).
  const doc = existingYaml ?? newEnvironmentDocument(name);
  const previous = doc.toJS() as {
    spec?: {
      type?: EnvironmentType;
      clusters?: Array<{ cluster?: string; namespace?: string }>;
    };
  };
  const type = input.type ?? previous.spec?.type;
  if (!type || !ENVIRONMENT_TYPES.includes(type)) {
    throw new InputError(
      `type: ${dir}/environment.yaml has no valid type; give one`,
    );
  }
  const namespace =
    input.namespace ??
    previous.spec?.clusters?.[0]?.namespace ??
    (await deriveNamespace(sources, input, components));
  if (input.title !== undefined) doc.setIn(['metadata', 'title'], input.title);
  if (input.description !== undefined) {
    doc.setIn(['metadata', 'description'], input.description);
  }
  if (input.syncPolicy) {
    doc.setIn(
      ['metadata', 'annotations', ANNOTATION_GITOPS_SYNC_POLICY],
      input.syncPolicy,
    );
  }
  doc.setIn(['spec', 'type'], type);
  if (input.owner)
    doc.setIn(['spec', 'owner'], normalizeRef(input.owner, 'group'));
  if (!doc.hasIn(['spec', 'lifecycle'])) {
    doc.setIn(
      ['spec', 'lifecycle'],
      type === 'production' || type === 'staging'
        ? 'production'
        : 'experimental',
    );
  }
  if (input.cluster || input.namespace || !existingYaml) {
    const cluster = input.cluster
      ? normalizeRef(input.cluster, 'resource')
      : previous.spec?.clusters?.[0]?.cluster;
    doc.setIn(['spec', 'clusters'], doc.createNode([{ cluster, namespace }]));
  }
  const expiresAt = expiry(input, type, settings);
  if (expiresAt) doc.setIn(['spec', 'expiresAt'], expiresAt);
  if (input.approval) {
    const owner = doc.getIn(['spec', 'owner']);
    const approvers =
      input.approval.approvers ?? (typeof owner === 'string' ? [owner] : []);
    doc.setIn(
      ['spec', 'approval'],
      doc.createNode({
        requiredApprovals: input.approval.requiredApprovals,
        approvers: approvers.map(ref => normalizeRef(ref, 'group')),
      }),
    );
  }
  checkPolicy(doc.toJS(), name, settings);

  // The manifests of each requested component, from its base environment.
  const files: ManifestFile[] = [
    {
      path: `${dir}/environment.yaml`,
      content: doc.toString({ lineWidth: 0, flowCollectionPadding: false }),
    },
  ];
  const renderedNames = new Set<string>();
  const errors: string[] = [];
  for (const component of components) {
    const componentName = component.metadata.name;
    renderedNames.add(componentName);
    const base = await chooseBase(sources, input, componentName);
    const baseYaml = await readEnvironmentYaml(sources, base);
    const baseNamespace = baseYaml?.getIn(['spec', 'clusters', 0, 'namespace']);
    context.log(`Copying ${componentName} from environment '${base}'`);
    const componentOverrides: ComponentOverrides = {
      ...(input.replicas !== undefined && { replicas: input.replicas }),
      ...input.overrides?.[componentName],
    };
    const sourceFiles = await readComponentFiles(
      sources,
      base,
      componentName,
      settings,
    );
    const manifests = sourceFiles.filter(
      f => MANIFEST_FILE.test(f.path) && !KUSTOMIZATION_FILE.test(f.path),
    );
    const rendered = renderComponentManifests({
      component: componentName,
      files: manifests,
      environment: name,
      namespace,
      baseEnvironment: base,
      baseNamespace:
        typeof baseNamespace === 'string' ? baseNamespace : undefined,
      overrides: componentOverrides,
    });
    errors.push(...rendered.errors.map(e => `${componentName}/${e}`));
    for (const { file, object } of rendered.objects) {
      const checked = await validator.check(object);
      const label = `${componentName}/${file} ${String(object.kind)} ${String(
        (object.metadata as { name?: unknown } | undefined)?.name,
      )}`;
      errors.push(...checked.errors.map(e => `${label}: ${e}`));
      if (checked.unchecked) {
        context.log(
          `${label}: no schema for ${String(object.apiVersion)}, not checked`,
        );
      }
    }
    for (const file of rendered.files) {
      files.push({
        path: `${dir}/${componentName}/${file.path}`,
        content: file.content,
      });
    }
    // Other files (kustomization, READMEs) are copied as they are.
    for (const file of sourceFiles) {
      if (!manifests.includes(file)) {
        files.push({
          path: `${dir}/${componentName}/${file.path}`,
          content: file.content,
        });
      }
    }
  }
  if (errors.length > 0) {
    throw new InputError(
      `The rendered manifests are not valid Kubernetes objects:\n${errors
        .slice(0, 50)
        .map(e => `- ${e}`)
        .join('\n')}`,
    );
  }

  // Updating: the environment's other files stay as they are, so the directory is complete.
  if (mode === 'update') {
    for (const file of sources.files) {
      if (!file.path.startsWith(`${name}/`)) continue;
      const relative = file.path.slice(name.length + 1);
      const [first] = relative.split('/');
      if (relative === 'environment.yaml' || renderedNames.has(first)) continue;
      checkSize(file, settings);
      files.push({
        path: `${dir}/${relative}`,
        content: await repository.readBlob(file.sha, `${dir}/${relative}`),
      });
    }
  }
  if (files.length > settings.maxFiles) {
    throw new InputError(
      `The environment would hold ${files.length} files, more than the limit of ${settings.maxFiles}`,
    );
  }
  return {
    environmentRef,
    namespace,
    components: components.map(c => stringifyEntityRef(c)),
    files,
  };
}

function newEnvironmentDocument(name: string): Document.Parsed {
  return parseDocument(
    `apiVersion: ${GITOPS_API_VERSION}\nkind: ${ENVIRONMENT_KIND}\nmetadata:\n  name: ${name}\nspec: {}\n`,
  );
}

async function readEnvironmentYaml(
  sources: RenderSources,
  env: string,
): Promise<Document.Parsed | undefined> {
  if (sources.environmentYaml.has(env)) return sources.environmentYaml.get(env);
  const file = sources.files.find(f => f.path === `${env}/environment.yaml`);
  let doc: Document.Parsed | undefined;
  if (file) {
    const text = await sources.repository.readBlob(
      file.sha,
      `environments/${env}/environment.yaml`,
    );
    doc = parseDocument(text, { uniqueKeys: true });
    if (doc.errors.length > 0 || !isMap(doc.contents)) {
      throw new InputError(
        `environments/${env}/environment.yaml of the repository is not valid YAML`,
      );
    }
    // Block style, so that fields added to `spec: {}` stay readable.
    if (isMap(doc.get('spec', true))) {
      (doc.get('spec', true) as { flow?: boolean }).flow = false;
    }
  }
  sources.environmentYaml.set(env, doc);
  return doc;
}

async function chooseBase(
  sources: RenderSources,
  input: RenderInput,
  component: string,
): Promise<string> {
  const has = (env: string) =>
    sources.files.some(f => f.path.startsWith(`${env}/${component}/`));
  if (input.baseEnvironment) {
    if (!has(input.baseEnvironment)) {
      throw new InputError(
        `baseEnvironment: '${input.baseEnvironment}' has no manifests of ${component}`,
      );
    }
    return input.baseEnvironment;
  }
  if (input.mode === 'update' && has(input.name)) return input.name;
  const candidates = [
    ...new Set(
      sources.files
        .map(f => f.path.split('/'))
        .filter(parts => parts.length > 2 && parts[1] === component)
        .map(parts => parts[0])
        .filter(env => env !== input.name),
    ),
  ].sort();
  if (candidates.length === 0) {
    throw new InputError(
      `components: no environment of the repository has manifests of ${component} to copy`,
    );
  }
  const rank = async (env: string) => {
    const type = (await readEnvironmentYaml(sources, env))?.getIn([
      'spec',
      'type',
    ]);
    const index = BASE_PREFERENCE.indexOf(type as EnvironmentType);
    return index < 0 ? BASE_PREFERENCE.length : index;
  };
  const ranked = await Promise.all(
    candidates.map(async env => ({ env, rank: await rank(env) })),
  );
  ranked.sort((a, b) => a.rank - b.rank);
  return ranked[0].env;
}

async function deriveNamespace(
  sources: RenderSources,
  input: RenderInput,
  components: Array<{ metadata: { name: string } }>,
): Promise<string> {
  let derived = input.name;
  if (components.length > 0) {
    const base = await chooseBase(sources, input, components[0].metadata.name);
    const baseNamespace = (await readEnvironmentYaml(sources, base))?.getIn([
      'spec',
      'clusters',
      0,
      'namespace',
    ]);
    if (
      typeof baseNamespace === 'string' &&
      baseNamespace.endsWith(`-${base}`)
    ) {
      derived = `${baseNamespace.slice(0, -base.length)}${input.name}`;
    }
  }
  if (derived.length > DNS1123_LABEL_MAX_LENGTH) {
    throw new InputError(
      `namespace: the derived namespace '${derived}' is longer than ${DNS1123_LABEL_MAX_LENGTH} characters; give one`,
    );
  }
  return derived;
}

async function readComponentFiles(
  sources: RenderSources,
  env: string,
  component: string,
  settings: ScaffolderGitopsOptions,
): Promise<ManifestFile[]> {
  const prefix = `${env}/${component}/`;
  const files: ManifestFile[] = [];
  for (const file of sources.files.filter(f => f.path.startsWith(prefix))) {
    checkSize(file, settings);
    files.push({
      path: file.path.slice(prefix.length),
      content: await sources.repository.readBlob(
        file.sha,
        `environments/${file.path}`,
      ),
    });
  }
  return files;
}

function checkSize(file: TreeFile, settings: ScaffolderGitopsOptions) {
  if (file.size !== undefined && file.size > settings.maxFileBytes) {
    throw new InputError(
      `environments/${file.path} is ${file.size} bytes, more than the limit of ${settings.maxFileBytes}`,
    );
  }
}

function expiry(
  input: RenderInput,
  type: EnvironmentType,
  settings: ScaffolderGitopsOptions,
): string | undefined {
  if (!input.expiresAt && !input.ttl) return undefined;
  if (type !== 'preview') {
    throw new InputError(
      `expiresAt/ttl: only preview environments expire, this one is ${type}`,
    );
  }
  const now = Date.now();
  let at: number;
  if (input.ttl) {
    const amount = Number(input.ttl.slice(0, -1));
    at = now + amount * (input.ttl.endsWith('d') ? 24 : 1) * 3600_000;
  } else {
    at = Date.parse(input.expiresAt!);
    if (
      !Number.isFinite(at) ||
      !/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(
        input.expiresAt!,
      )
    ) {
      throw new InputError(
        `expiresAt: '${input.expiresAt}' is not an ISO 8601 timestamp`,
      );
    }
    if (at <= now) {
      throw new InputError(`expiresAt: '${input.expiresAt}' is in the past`);
    }
  }
  if (at - now > settings.previewMaxTtlDays * 24 * 3600_000) {
    throw new InputError(
      `expiresAt/ttl: previews live at most ${settings.previewMaxTtlDays} days`,
    );
  }
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The Environment kind's rules (as the catalog module checks them) and the configured policy. */
function checkPolicy(
  entity: {
    spec?: {
      type?: string;
      expiresAt?: string;
      approval?: { requiredApprovals?: number; approvers?: string[] };
    };
  },
  name: string,
  settings: ScaffolderGitopsOptions,
) {
  const spec = entity.spec ?? {};
  if (spec.type === 'preview' && !spec.expiresAt) {
    throw new InputError(
      `expiresAt/ttl: preview environment '${name}' needs an expiry`,
    );
  }
  const required = spec.approval?.requiredApprovals ?? 0;
  if (
    spec.type === 'production' &&
    required < settings.productionMinApprovals
  ) {
    throw new InputError(
      `approval.requiredApprovals: production environment '${name}' needs at least ${settings.productionMinApprovals} approval(s), got ${required}`,
    );
  }
  if (required > 0 && (spec.approval?.approvers ?? []).length === 0) {
    throw new InputError(
      'approval.approvers: name at least one group when approvals are required',
    );
  }
}
