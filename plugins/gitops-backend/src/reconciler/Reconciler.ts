import { LoggerService } from '@backstage/backend-plugin-api';
import {
  IgnoreRules,
  ResourceHealthChecker,
} from '@shipshape/plugin-gitops-node';
import { ReconcilerConfig } from '../config/readGitopsConfig';
import { GitopsStore, SaveResult } from '../database/GitopsStore';
import {
  DesiredDeployment,
  DesiredSnapshot,
  DesiredStateReader,
} from '../desired/DesiredStateReader';
import { KUBERNETES_ID_LABEL } from '../live';
import {
  LiveView,
  reconcileDeployment,
  unknownDeployment,
} from './reconcileDeployment';
import { createEventLoopYielder } from './createEventLoopYielder';
import { MemoryRelease, releaseMemory } from './releaseMemory';
import { DeploymentResult } from './types';

/** What the reconciler needs of one cluster's watch cache. */
export interface ClusterLiveState extends LiveView {
  /** Watches exactly these kinds from now on. */
  watchKinds(kinds: Array<{ apiVersion: string; kind: string }>): void;
  /** Whether every watched kind has been listed once. */
  isReady(): boolean;
  health(): { reachable: boolean; message?: string };
  onChange(listener: (key: string, type: 'upsert' | 'delete') => void): void;
  stop(): void;
}

/** Kinds watched on every cluster, to find objects labelled for a component but not in Git. */
const EXTRANEOUS_KINDS = [
  { apiVersion: 'apps/v1', kind: 'Deployment' },
  { apiVersion: 'v1', kind: 'Service' },
  { apiVersion: 'v1', kind: 'ConfigMap' },
];

/** Deployments reconciled and saved together. */
const FLUSH_BATCH = 250;

/** Called after each save, e.g. to notify owners and tell open pages. */
export type SaveListener = (
  saved: SaveResult,
  results: DeploymentResult[],
) => Promise<void> | void;

/** What the reconciler works with. */
export interface ReconcilerOptions {
  config: ReconcilerConfig;
  reader: DesiredStateReader;
  store: GitopsStore;
  clusters: Map<string, ClusterLiveState>;
  checker: ResourceHealthChecker;
  logger: LoggerService;
  /**
   * Called once per lease when every deployment has been reconciled for the first time (the
   * cold start's burst is over), to hand V8's and malloc's spare memory back; not awaited.
   * Default: releaseMemory.
   */
  releaseMemory?: () => Promise<MemoryRelease | undefined>;
}

/** Counters for logs, tests and benchmarks. */
export interface ReconcilerStats {
  reconciles: number;
  saves: number;
  rowsWritten: number;
  statusesChanged: number;
  lastRevision?: string;
}

const deploymentId = (d: {
  entityRef: string;
  environmentRef: string;
  clusterRef: string;
}) => `${d.entityRef}|${d.environmentRef}|${d.clusterRef}`;

/**
 * The reconcile loop: desired state from Git, live state from the clusters' watch caches, and the
 * store. Event-driven — a live change marks the deployments that declare (or are labelled by) the
 * object dirty and they are reconciled after a short debounce; a new commit marks the deployments
 * whose files changed; a periodic resync re-checks everything. It writes only while it holds the
 * lease (one replica at a time), so replicas never duplicate work.
 */
export class Reconciler {
  static create(options: ReconcilerOptions): Reconciler {
    return new Reconciler(options);
  }

  readonly stats: ReconcilerStats = {
    reconciles: 0,
    saves: 0,
    rowsWritten: 0,
    statusesChanged: 0,
  };
  private readonly deployments = new Map<string, DesiredDeployment>();
  /** cluster → live key → deployments declaring it. */
  private readonly declaredBy = new Map<string, Map<string, Ids>>();
  /** cluster → "namespace/component" → deployments (for labelled, undeclared objects). */
  private readonly labelledFor = new Map<string, Map<string, Ids>>();
  /** cluster → live key → deployments it was extraneous to (to react to its deletion). */
  private readonly extraneousIn = new Map<string, Map<string, Ids>>();
  private readonly clusterReachable = new Map<string, boolean>();
  private readonly dirty = new Set<string>();
  private readonly listeners: SaveListener[] = [];
  private readonly watchedKinds = new Map<
    string,
    Array<{ apiVersion: string; kind: string }>
  >();
  private idleTimer?: ReturnType<typeof setTimeout>;
  /** JSON pointers to ignore per component, from its catalog annotation. */
  private entityIgnores = new Map<string, string[]>();
  private gitError?: string;
  private leased = false;
  /** Whether this lease's first complete reconcile has been followed by a memory release. */
  private memoryReleased = false;
  private flushing?: Promise<void>;
  private wake?: () => void;

  private constructor(private readonly options: ReconcilerOptions) {
    for (const [cluster, live] of options.clusters) {
      live.onChange((key, type) => this.onLiveChange(cluster, key, type));
    }
  }

  onSaved(listener: SaveListener) {
    this.listeners.push(listener);
  }

  /**
   * Sets the per-component ignore rules (from the catalog); deployments whose rules changed are
   * reconciled again.
   */
  setEntityIgnoreRules(rules: Map<string, string[]>) {
    const changed = new Set<string>();
    for (const ref of new Set([
      ...rules.keys(),
      ...this.entityIgnores.keys(),
    ])) {
      if (
        JSON.stringify(rules.get(ref) ?? []) !==
        JSON.stringify(this.entityIgnores.get(ref) ?? [])
      ) {
        changed.add(ref);
      }
    }
    this.entityIgnores = rules;
    if (changed.size > 0) this.markEntities([...changed]);
  }

  /**
   * Runs the loop until `signal` aborts or `durationMs` passes: the body of the scheduler's
   * global lease task. Watch caches stay warm between leases.
   */
  async runLease(signal: AbortSignal, durationMs: number): Promise<void> {
    const { config, store, logger } = this.options;
    const endAt = Date.now() + durationMs;
    this.leased = true;
    this.memoryReleased = false;
    store.resetCache();
    clearTimeout(this.idleTimer);
    // Watches stopped while another replica held the lease start again (they relist first).
    for (const [cluster, kinds] of this.watchedKinds) {
      this.options.clusters.get(cluster)?.watchKinds(kinds);
    }
    try {
      await this.refreshDesired();
      this.markAll();
      let nextGitPoll = Date.now() + config.gitPollIntervalMs;
      let nextResync = Date.now() + config.resyncIntervalMs;
      while (!signal.aborted && Date.now() < endAt) {
        const refreshes = await store.takeRefreshRequests().catch(error => {
          logger.warn(`Could not read refresh requests: ${error}`);
          return [] as string[];
        });
        if (refreshes.length > 0 || Date.now() >= nextGitPoll) {
          await this.refreshDesired();
          this.markEntities(refreshes);
          nextGitPoll = Date.now() + config.gitPollIntervalMs;
        }
        if (Date.now() >= nextResync) {
          this.markAll();
          nextResync = Date.now() + config.resyncIntervalMs;
        }
        this.checkClusterHealth();
        await this.flush();
        void this.releaseMemoryOnce();
        await this.sleep(Math.max(config.debounceMs, 50), signal, endAt);
      }
    } finally {
      this.leased = false;
      // Keep the caches warm for the next lease, which usually comes back to this replica; stop
      // watching when another replica has held it for a whole lease, so replicas do not all
      // watch every cluster.
      this.idleTimer = setTimeout(() => {
        for (const live of this.options.clusters.values()) live.watchKinds([]);
      }, durationMs);
      this.idleTimer.unref?.();
    }
  }

  /**
   * After the lease's first complete reconcile (nothing dirty: every cluster listed or known
   * unreachable), the burst of the cold start is over; what V8 kept of it (young generation,
   * pooled pages) and what malloc kept of it are most of the process's growth at 20k objects, so
   * it is handed back once.
   */
  private async releaseMemoryOnce() {
    if (
      this.memoryReleased ||
      this.dirty.size > 0 ||
      this.deployments.size === 0
    ) {
      return;
    }
    this.memoryReleased = true;
    try {
      const released = await (this.options.releaseMemory ?? releaseMemory)();
      if (released) {
        const mib = (bytes: number) => Math.round(bytes / 1048576);
        this.options.logger.info(
          `GitOps reconciler: cold start done; memory released, RSS ${mib(
            released.rssBefore,
          )} → ${mib(released.rssAfter)} MiB in ${Math.round(
            released.durationMs,
          )} ms${
            released.nativeTrimmed ? '' : ' (V8 only: malloc_trim unavailable)'
          }`,
        );
      }
    } catch (error) {
      this.options.logger.warn(`Could not release memory: ${error}`);
    }
  }

  /** Stops the caches' watches and timers (backend shutdown). */
  stop() {
    clearTimeout(this.idleTimer);
    for (const live of this.options.clusters.values()) live.stop();
  }

  /** Reconciles every dirty deployment whose cluster is ready, and saves the results. */
  async flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    this.flushing = this.doFlush().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  /** Fetches Git; on a new commit, re-indexes and marks the deployments whose files changed. */
  async refreshDesired(): Promise<void> {
    let snapshot: DesiredSnapshot | undefined;
    try {
      snapshot = await this.options.reader.refresh();
      if (this.gitError) {
        this.gitError = undefined;
        this.markAll();
      }
    } catch (error) {
      const message = `Git: ${(error as Error).message}`;
      if (message !== this.gitError) {
        this.options.logger.warn(`GitOps reconciler: ${message}`);
      }
      this.gitError = message;
      return;
    }
    if (snapshot) this.applySnapshot(snapshot);
  }

  private applySnapshot(snapshot: DesiredSnapshot) {
    const previous = new Map(this.deployments);
    this.deployments.clear();
    this.declaredBy.clear();
    this.labelledFor.clear();
    const kinds = new Map<
      string,
      Map<string, { apiVersion: string; kind: string }>
    >();
    for (const deployment of snapshot.deployments) {
      const id = deploymentId(deployment);
      this.deployments.set(id, deployment);
      if (previous.get(id)?.fingerprint !== deployment.fingerprint) {
        this.dirty.add(id);
      }
      const cluster = deployment.clusterRef;
      const declared = mapOf(this.declaredBy, cluster);
      const clusterKinds = kinds.get(cluster) ?? new Map();
      kinds.set(cluster, clusterKinds);
      for (const key of deployment.objects.keys()) {
        addId(declared, key, id);
      }
      for (const kind of deployment.objects.kinds()) {
        clusterKinds.set(`${kind.apiVersion}/${kind.kind}`, kind);
      }
      addId(
        mapOf(this.labelledFor, cluster),
        `${deployment.namespace}/${deployment.componentName}`,
        id,
      );
    }
    this.watchedKinds.clear();
    for (const [cluster, live] of this.options.clusters) {
      const clusterKinds = kinds.get(cluster) ?? new Map();
      for (const kind of EXTRANEOUS_KINDS) {
        clusterKinds.set(`${kind.apiVersion}/${kind.kind}`, kind);
      }
      this.watchedKinds.set(cluster, [...clusterKinds.values()]);
      live.watchKinds([...clusterKinds.values()]);
    }
    const unknownClusters = [...kinds.keys()].filter(
      c => !this.options.clusters.has(c),
    );
    if (unknownClusters.length > 0) {
      this.options.logger.warn(
        `GitOps reconciler: environments use clusters with no connection configured (gitops.clusters): ${unknownClusters.join(
          ', ',
        )}`,
      );
    }
    this.stats.lastRevision = snapshot.revision;
    this.options.logger.info(
      `GitOps reconciler: revision ${snapshot.revision.slice(0, 12)}, ${
        snapshot.deployments.length
      } deployment(s), ${this.dirty.size} to reconcile`,
    );
    void this.options.store
      .deleteDeploymentsExcept(snapshot.deployments)
      .catch(error =>
        this.options.logger.warn(
          `Could not delete removed deployments: ${error}`,
        ),
      );
  }

  private async doFlush(): Promise<void> {
    if (!this.leased || this.dirty.size === 0) return;
    // In batches: a cold start or a full resync holds one batch's results and rows at a time,
    // not those of every deployment (which would set the process's peak memory).
    const pending = [...this.dirty];
    const yieldWhenDue = createEventLoopYielder();
    for (let i = 0; i < pending.length; i += FLUSH_BATCH) {
      await this.flushBatch(pending.slice(i, i + FLUSH_BATCH), yieldWhenDue);
    }
  }

  private async flushBatch(
    ids: string[],
    yieldWhenDue: () => Promise<void>,
  ): Promise<void> {
    const results: DeploymentResult[] = [];
    for (const id of ids) {
      await yieldWhenDue();
      if (!this.dirty.has(id)) continue;
      const deployment = this.deployments.get(id);
      if (!deployment) {
        this.dirty.delete(id);
        continue;
      }
      const result = this.reconcileOne(deployment);
      if (!result) continue; // its cluster's caches are still listing
      this.dirty.delete(id);
      results.push(result);
    }
    if (results.length === 0) return;
    this.stats.reconciles += results.length;
    await yieldWhenDue();
    const saved = await this.options.store.saveDeployments(results);
    this.stats.saves += 1;
    this.stats.rowsWritten += saved.rowsWritten;
    this.stats.statusesChanged += saved.statusesChanged;
    for (const listener of this.listeners) {
      try {
        await listener(saved, results);
      } catch (error) {
        this.options.logger.warn(`GitOps reconciler listener failed: ${error}`);
      }
    }
  }

  private reconcileOne(
    deployment: DesiredDeployment,
  ): DeploymentResult | undefined {
    const live = this.options.clusters.get(deployment.clusterRef);
    if (!live) {
      return unknownDeployment(
        deployment,
        `No connection is configured for cluster ${deployment.clusterRef} (gitops.clusters)`,
      );
    }
    const health = live.health();
    if (!health.reachable) {
      return unknownDeployment(
        deployment,
        health.message ?? `Cluster ${deployment.clusterRef} cannot be reached`,
      );
    }
    if (!live.isReady()) return undefined;
    const global = this.options.config.ignoreDifferences;
    const own = this.entityIgnores.get(deployment.entityRef);
    const ignore: IgnoreRules = own
      ? { ...global, pointers: [...(global.pointers ?? []), ...own] }
      : global;
    const result = reconcileDeployment(deployment, live, {
      checker: this.options.checker,
      ignore,
    });
    const extraneous = mapOf(this.extraneousIn, deployment.clusterRef);
    const id = deploymentId(deployment);
    for (const resource of result.resources) {
      if (resource.sync === 'Extraneous') addId(extraneous, resource.key, id);
    }
    if (this.gitError) {
      result.reason = `${
        this.gitError
      } (showing revision ${deployment.revision.slice(0, 12)})`;
    }
    return result;
  }

  private onLiveChange(
    cluster: string,
    key: string,
    type: 'upsert' | 'delete',
  ) {
    const ids = new Set(idsOf(this.declaredBy.get(cluster)?.get(key)));
    for (const id of idsOf(this.extraneousIn.get(cluster)?.get(key))) {
      ids.add(id);
    }
    if (type === 'delete') this.extraneousIn.get(cluster)?.delete(key);
    if (type === 'upsert' && ids.size === 0) {
      const object = this.options.clusters.get(cluster)?.get(key);
      const component = object?.metadata.labels?.[KUBERNETES_ID_LABEL];
      if (object && component) {
        const namespace = object.metadata.namespace ?? '';
        for (const id of idsOf(
          this.labelledFor.get(cluster)?.get(`${namespace}/${component}`),
        )) {
          ids.add(id);
        }
      }
    }
    if (ids.size === 0) return;
    for (const id of ids) this.dirty.add(id);
    this.wake?.();
  }

  private checkClusterHealth() {
    for (const [cluster, live] of this.options.clusters) {
      const reachable = live.health().reachable && live.isReady();
      if (this.clusterReachable.get(cluster) !== reachable) {
        this.clusterReachable.set(cluster, reachable);
        for (const [id, deployment] of this.deployments) {
          if (deployment.clusterRef === cluster) this.dirty.add(id);
        }
      }
    }
  }

  private markAll() {
    for (const id of this.deployments.keys()) this.dirty.add(id);
  }

  private markEntities(entityRefs: string[]) {
    const wanted = new Set(entityRefs);
    for (const [id, deployment] of this.deployments) {
      if (
        wanted.has(deployment.entityRef) ||
        wanted.has(deployment.environmentRef)
      ) {
        this.dirty.add(id);
      }
    }
  }

  /** Sleeps until the debounce passes after a live change, a poll is due, or the lease ends. */
  private sleep(ms: number, signal: AbortSignal, endAt: number) {
    return new Promise<void>(resolve => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.wake = undefined;
        resolve();
      };
      const idle = this.dirty.size > 0 ? this.options.config.debounceMs : 1000;
      timer = setTimeout(done, Math.min(idle, Math.max(0, endAt - Date.now())));
      signal.addEventListener('abort', done);
      // A live change ends an idle wait after the debounce, so bursts are batched.
      this.wake = () => {
        this.wake = undefined;
        clearTimeout(timer);
        timer = setTimeout(done, ms);
      };
    });
  }
}

function mapOf<V>(
  map: Map<string, Map<string, V>>,
  key: string,
): Map<string, V> {
  let inner = map.get(key);
  if (!inner) {
    inner = new Map();
    map.set(key, inner);
  }
  return inner;
}

/**
 * Deployment ids of an index entry: one id alone (the usual case: one deployment declares a key)
 * or a set. A Set per key would cost more than the rest of the entry.
 */
type Ids = string | Set<string>;

function addId(map: Map<string, Ids>, key: string, id: string): void {
  const ids = map.get(key);
  if (ids === undefined) {
    map.set(key, id);
  } else if (typeof ids === 'string') {
    if (ids !== id) map.set(key, new Set([ids, id]));
  } else {
    ids.add(id);
  }
}

function idsOf(ids: Ids | undefined): Iterable<string> {
  if (ids === undefined) return [];
  return typeof ids === 'string' ? [ids] : ids;
}
