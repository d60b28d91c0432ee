import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DEFAULT_NAMESPACE,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ENVIRONMENT_KIND,
  GITOPS_API_VERSION,
  dns1123LabelProblem,
} from '@shipshape/plugin-gitops-common';
import {
  GitRepository,
  GitTreeEntry,
  parseManifestText,
  parseYamlDocuments,
} from '@shipshape/plugin-gitops-node';
import { createHash } from 'node:crypto';
import { clusterRef, GitopsSourceConfig } from '../config/readGitopsConfig';
import { DeploymentKey } from '../reconciler/types';
import { DesiredFile } from './DesiredFile';
import { DesiredObjects } from './DesiredObjects';

/** Larger manifest files are refused unread. */
export const MAX_MANIFEST_FILE_BYTES = 4 * 1024 * 1024;
const MANIFEST_FILE = /\.(ya?ml|json)$/i;
const KUSTOMIZATION_FILE = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;
const SYMLINK_MODE = '120000';

/** What Git declares for one component in one environment on one cluster. */
export interface DesiredDeployment extends DeploymentKey {
  /** The namespace objects without one are deployed to. */
  namespace: string;
  /** The component's name, the value of its `backstage.io/kubernetes-id` label. */
  componentName: string;
  revision: string;
  /** Directory of the component's manifests in the repository. */
  path: string;
  /** Desired objects by identity key, namespaces filled in (kept as JSON text, parsed on read). */
  objects: DesiredObjects;
  /** Problems reading the manifests (the readable ones are still compared). */
  errors: string[];
  /** Changes exactly when the deployment's files or placement change. */
  fingerprint: string;
}

/** Desired state of every deployment at one commit. */
export interface DesiredSnapshot {
  revision: string;
  deployments: DesiredDeployment[];
  /** Problems that concern no single deployment (a broken environment.yaml, …). */
  errors: string[];
}

/**
 * Reads desired state from the GitOps repository: `<root>/<env>/environment.yaml` places the
 * environment on clusters and namespaces, `<root>/<env>/<component>/**.yaml` are the manifests.
 * Reads come from Git objects at one pinned commit; parsed files are cached by blob id, so a new
 * commit costs only the files it changed.
 */
export class DesiredStateReader {
  static create(options: {
    source: GitopsSourceConfig;
    cacheDirectory: string;
    logger: LoggerService;
    /** Asked before each fetch; see `createGitTokenProvider`. */
    token?: () => Promise<string | undefined>;
  }): DesiredStateReader {
    return new DesiredStateReader(
      options.source,
      options.logger,
      GitRepository.create({
        url: options.source.url,
        branch: options.source.branch,
        cacheDirectory: options.cacheDirectory,
        token: options.token,
      }),
    );
  }

  private snapshot?: DesiredSnapshot;
  private blobCache = new Map<string, ParsedBlob>();

  private constructor(
    private readonly source: GitopsSourceConfig,
    private readonly logger: LoggerService,
    private readonly repository: GitRepository,
  ) {}

  /**
   * Fetches the branch; returns the new snapshot when the commit changed, undefined when it did
   * not. Throws when the repository cannot be fetched (the previous snapshot stays current).
   */
  async refresh(): Promise<DesiredSnapshot | undefined> {
    const revision = await this.repository.fetch();
    if (this.snapshot?.revision === revision) {
      return undefined;
    }
    const snapshot = await this.read(revision);
    this.snapshot = snapshot;
    return snapshot;
  }

  close() {
    this.repository.close();
  }

  private async read(revision: string): Promise<DesiredSnapshot> {
    const root = this.source.root.replace(/^\/+|\/+$/g, '');
    const entries = await this.repository.listTree(revision, root);
    const byEnvironment = new Map<string, GitTreeEntry[]>();
    for (const entry of entries) {
      const relative = entry.path.slice(root.length + 1);
      const [environment, ...rest] = relative.split('/');
      if (!entry.path.startsWith(`${root}/`) || rest.length === 0) continue;
      const list = byEnvironment.get(environment) ?? [];
      list.push(entry);
      byEnvironment.set(environment, list);
    }

    const errors: string[] = [];
    const deployments: DesiredDeployment[] = [];
    const usedBlobs = new Map<string, ParsedBlob>();
    for (const [environment, envEntries] of byEnvironment) {
      const placement = await this.readPlacement(
        revision,
        `${root}/${environment}`,
        environment,
        envEntries,
      );
      if (typeof placement === 'string') {
        errors.push(placement);
        continue;
      }
      const components = new Map<string, GitTreeEntry[]>();
      for (const entry of envEntries) {
        const parts = entry.path.slice(root.length + 1).split('/');
        if (parts.length < 3 || entry.type !== 'blob') continue;
        const list = components.get(parts[1]) ?? [];
        list.push(entry);
        components.set(parts[1], list);
      }
      for (const [component, files] of components) {
        if (dns1123LabelProblem(component)) continue; // the catalog reports it
        const path = `${root}/${environment}/${component}`;
        const fileErrors: string[] = [];
        const documents: DesiredFile[] = [];
        files.sort((a, b) => Number(a.path > b.path) - Number(a.path < b.path));
        for (const file of files) {
          const parsed = await this.readBlob(revision, file);
          if (!parsed) continue;
          usedBlobs.set([file.object, file.path].join(' '), parsed);
          fileErrors.push(...parsed.errors);
          if (parsed.file) documents.push(parsed.file);
        }
        for (const { cluster, namespace } of placement.clusters) {
          const { objects, duplicates } = DesiredObjects.place(
            documents,
            namespace,
          );
          const problems = [
            ...fileErrors,
            ...duplicates.map(key => `${key} is declared twice in ${path}`),
          ];
          const fingerprint = createHash('sha256')
            .update(`${cluster}\n${namespace}\n`)
            .update(files.map(f => `${f.path} ${f.object}`).join('\n'))
            .digest('hex');
          deployments.push({
            entityRef: stringifyEntityRef({
              kind: 'Component',
              namespace: DEFAULT_NAMESPACE,
              name: component,
            }),
            environmentRef: stringifyEntityRef({
              kind: ENVIRONMENT_KIND,
              namespace: DEFAULT_NAMESPACE,
              name: environment,
            }),
            clusterRef: cluster,
            namespace,
            componentName: component,
            revision,
            path,
            objects,
            errors: problems,
            fingerprint,
          });
        }
      }
    }
    this.blobCache = usedBlobs; // drop files no commit uses any more
    if (errors.length > 0) {
      this.logger.warn(
        `GitOps repository ${this.source.url} at ${revision.slice(
          0,
          12,
        )}: ${errors.join('; ')}`,
      );
    }
    return { revision, deployments, errors };
  }

  /** The clusters and namespaces of an environment, or why they cannot be read. */
  private async readPlacement(
    revision: string,
    directory: string,
    environment: string,
    entries: GitTreeEntry[],
  ): Promise<
    { clusters: Array<{ cluster: string; namespace: string }> } | string
  > {
    const file = entries.find(e => e.path === `${directory}/environment.yaml`);
    if (!file || file.type !== 'blob' || file.mode === SYMLINK_MODE) {
      return `${directory}/environment.yaml is missing`;
    }
    if ((file.size ?? 0) > MAX_MANIFEST_FILE_BYTES) {
      return `${file.path} is too large (${file.size} bytes)`;
    }
    const text = (await this.repository.readFile(revision, file.path)).toString(
      'utf8',
    );
    const { documents, errors } = parseYamlDocuments(text, file.path);
    const document = documents[0]?.value as any;
    if (
      errors.length > 0 ||
      documents.length !== 1 ||
      document?.apiVersion !== GITOPS_API_VERSION ||
      document?.kind !== ENVIRONMENT_KIND
    ) {
      return `${file.path} is not one valid Environment (environment '${environment}' is skipped)`;
    }
    const clusters: Array<{ cluster: string; namespace: string }> = [];
    for (const entry of Array.isArray(document.spec?.clusters)
      ? document.spec.clusters
      : []) {
      const cluster =
        typeof entry?.cluster === 'string'
          ? parseClusterRef(entry.cluster)
          : undefined;
      if (
        cluster &&
        typeof entry?.namespace === 'string' &&
        !dns1123LabelProblem(entry.namespace)
      ) {
        clusters.push({ cluster, namespace: entry.namespace });
      }
    }
    if (clusters.length === 0) {
      return `${file.path} places environment '${environment}' on no valid cluster and namespace`;
    }
    return { clusters };
  }

  private async readBlob(
    revision: string,
    file: GitTreeEntry,
  ): Promise<ParsedBlob | undefined> {
    if (KUSTOMIZATION_FILE.test(file.path)) {
      return {
        errors: [
          `${file.path}: kustomize overlays are not rendered by the reconciler; the directory's plain YAML is compared`,
        ],
      };
    }
    if (!MANIFEST_FILE.test(file.path)) return undefined;
    // join(): a flat string, not a rope of slices of the whole tree listing.
    const cacheKey = [file.object, file.path].join(' ');
    const cached = this.blobCache.get(cacheKey);
    if (cached) return cached;
    let parsed: ParsedBlob;
    if (file.mode === SYMLINK_MODE) {
      parsed = { errors: [`${file.path} is a symlink; not followed`] };
    } else if ((file.size ?? 0) > MAX_MANIFEST_FILE_BYTES) {
      parsed = {
        errors: [
          `${file.path} is ${file.size} bytes, over the limit of ${MAX_MANIFEST_FILE_BYTES}`,
        ],
      };
    } else {
      const text = (
        await this.repository.readFile(revision, file.path)
      ).toString('utf8');
      const { manifests, errors } = parseManifestText(text, file.path);
      parsed = {
        file:
          manifests.length > 0
            ? DesiredFile.of(manifests.map(m => m.object))
            : undefined,
        errors: errors.map(
          e => `${e.file}${e.line ? ` line ${e.line}` : ''}: ${e.message}`,
        ),
      };
    }
    this.blobCache.set(cacheKey, parsed);
    return parsed;
  }
}

interface ParsedBlob {
  /** The file's manifests; undefined when it has none. */
  file?: DesiredFile;
  errors: string[];
}

/** The cluster's ref as config spells it, or undefined for a malformed one (the catalog reports it). */
function parseClusterRef(name: string): string | undefined {
  try {
    return clusterRef(name);
  } catch {
    return undefined;
  }
}
