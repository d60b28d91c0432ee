import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  createGitTokenProvider,
  GitRepository,
} from '@shipshape/plugin-gitops-node';
import os from 'node:os';
import path from 'node:path';
import { readEnvironments, RepositorySnapshot } from './readEnvironments';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { seconds: 30 },
  timeout: { minutes: 3 },
};

/** @public */
export interface GitopsRepositoryConfig {
  url: string;
  branch: string;
  root: string;
}

/**
 * Emits an Environment entity for each `<root>/<env>/` directory of the GitOps repository, with
 * the components found in `<root>/<env>/<component>/` as its deployments. Every run replaces the
 * provider's entities (a full mutation), so an environment deleted in Git leaves the catalog.
 *
 * @public
 */
export class GitopsEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private lastCommit?: string;

  /** The provider configured under `gitops.repository`, or undefined when there is none. */
  static fromConfig(
    config: Config,
    options: {
      logger: LoggerService;
      scheduler: SchedulerService;
    },
  ): GitopsEntityProvider | undefined {
    const repositoryConfig = config.getOptionalConfig('gitops.repository');
    if (!repositoryConfig) {
      return undefined;
    }
    const repository: GitopsRepositoryConfig = {
      url: repositoryConfig.getString('url'),
      branch: repositoryConfig.getOptionalString('branch') ?? 'main',
      root: normalizeRoot(
        repositoryConfig.getOptionalString('root') ?? 'environments',
      ),
    };
    const schedule = repositoryConfig.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          repositoryConfig.getConfig('schedule'),
        )
      : DEFAULT_SCHEDULE;
    const cacheDirectory =
      config.getOptionalString('backend.workingDirectory') ?? os.tmpdir();
    const tokenFor = createGitTokenProvider(config);
    const provider = new GitopsEntityProvider(
      repository,
      cacheDirectory,
      options.logger,
      () => tokenFor(repository.url),
    );
    // Scheduled once the catalog has connected the provider (Backstage's pattern): a first run
    // before that would fail with "not connected".
    provider.startRefreshing = () =>
      options.scheduler.scheduleTask({
        id: `${provider.getProviderName()}:refresh`,
        ...schedule,
        fn: () => provider.refresh(),
      });
    return provider;
  }

  /** For tests and custom wiring: a provider refreshed only when `refresh` is called. */
  static create(options: {
    repository: GitopsRepositoryConfig;
    cacheDirectory: string;
    logger: LoggerService;
    token?: () => Promise<string | undefined>;
  }): GitopsEntityProvider {
    return new GitopsEntityProvider(
      { ...options.repository, root: normalizeRoot(options.repository.root) },
      options.cacheDirectory,
      options.logger,
      options.token ?? (async () => undefined),
    );
  }

  private constructor(
    private readonly repository: GitopsRepositoryConfig,
    private readonly cacheDirectory: string,
    private readonly logger: LoggerService,
    private readonly token: () => Promise<string | undefined>,
  ) {}

  getProviderName(): string {
    return 'gitops-provider';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.startRefreshing?.();
  }

  /** Set by `fromConfig`: schedules the periodic refresh. */
  private startRefreshing?: () => Promise<void>;

  /**
   * Reads the branch's newest commit and replaces the provider's entities. A repository that
   * cannot be fetched leaves the catalog as it was.
   */
  async refresh(): Promise<void> {
    if (!this.connection) {
      throw new Error(
        'GitopsEntityProvider is not connected to the catalog yet',
      );
    }
    const { url, branch } = this.repository;
    const git = GitRepository.create({
      url: isRemote(url) ? url : path.resolve(url),
      branch,
      cacheDirectory: this.cacheDirectory,
      token: this.token,
    });
    try {
      await this.read(git, this.connection);
    } finally {
      git.close();
    }
  }

  private async read(
    git: GitRepository,
    connection: EntityProviderConnection,
  ): Promise<void> {
    const { url, root } = this.repository;
    let commit: string;
    try {
      commit = await git.fetch();
    } catch (error) {
      this.logger.error(
        `GitOps repository not read, catalog left unchanged: ${error}`,
      );
      return;
    }
    if (commit === this.lastCommit) {
      return;
    }
    const snapshot: RepositorySnapshot = {
      commit,
      listTree: treeRoot => git.listTree(commit, treeRoot),
      readFile: filePath => git.readFile(commit, filePath),
      locationOf: filePath => locationOf(this.repository, filePath),
    };
    const { entities, unattachable } = await readEnvironments(snapshot, root);
    for (const problem of unattachable) {
      this.logger.warn(
        `GitOps repository ${url}@${commit.slice(0, 12)}: ${problem}`,
      );
    }
    await connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: `${this.getProviderName()}:${url}`,
      })),
    });
    this.lastCommit = commit;
    this.logger.info(
      `Read ${entities.length} environment(s) from ${url} at ${commit.slice(
        0,
        12,
      )}`,
    );
  }
}

function isRemote(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) || /^[^/]+@[^/]+:/.test(url);
}

function normalizeRoot(root: string): string {
  const normalized = path.posix.normalize(root).replace(/^\.\/|\/+$/g, '');
  if (
    path.posix.isAbsolute(normalized) ||
    normalized === '..' ||
    normalized.startsWith('../') ||
    normalized === '.'
  ) {
    throw new Error(
      `gitops.repository.root must be a folder inside the repository, got '${root}'`,
    );
  }
  return normalized;
}

function locationOf(
  repository: GitopsRepositoryConfig,
  filePath: string,
): string {
  if (isRemote(repository.url)) {
    const base = repository.url.replace(/\.git$/, '');
    return `url:${base}/blob/${repository.branch}/${filePath}`;
  }
  return `file:${path.resolve(repository.url, filePath)}`;
}
