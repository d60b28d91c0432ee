import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { KubernetesObject } from '@shipshape/plugin-gitops-node';
import {
  ClusterConnectionConfig,
  ClusterKubeConfig,
} from './ClusterKubeConfig';
import { KindWatcher } from './KindWatcher';
import { KubeApiError } from './KubeApiError';
import { KubeClient } from './KubeClient';
import { projectLiveObject } from './projectLiveObject';
import {
  ClusterHealth,
  KindWatcherStats,
  LiveChangeListener,
  LiveChangeType,
  LiveObjectTransform,
  LiveStateStats,
  WatchedKind,
  zeroCounters,
  KUBERNETES_ID_LABEL,
} from './types';

/** @public */
export interface LiveStateCacheOptions<T = KubernetesObject> {
  cluster: ClusterConnectionConfig;
  /**
   * What to keep of each object (JSON data); undefined skips it. Default: projectLiveObject, the
   * object as the server sent it (kind and apiVersion filled in, managedFields dropped) less the
   * server's bookkeeping: uid, resourceVersion, creationTimestamp, selfLink and the times of
   * status conditions. Objects are kept as JSON text; every read parses a fresh copy.
   */
  transform?: LiveObjectTransform<T>;
  /** Keep `metadata.managedFields` (dropped by default: they are often half of an object). */
  keepManagedFields?: boolean;
  /** Label keys `listLabelled` can answer for. Default: `backstage.io/kubernetes-id`. */
  indexedLabels?: string[];
  /** A watch that receives nothing, not even a bookmark, for this long is restarted. Default 5 min. */
  watchdogMs?: number;
  /** How long a kind may keep failing after its first LIST before the cluster counts as unreachable. Default 30 s. */
  unreachableAfterMs?: number;
  /** Waits between retries after errors. Default 500 ms doubling to 30 s. */
  backoff?: { initialMs?: number; maxMs?: number };
  /** Objects per LIST page. Default 500. */
  pageSize?: number;
  /** Longest wait for one discovery or LIST request. Default 60 s. */
  requestTimeoutMs?: number;
  /** How often a kind the cluster does not serve (a CRD not installed) is looked up again. Default 60 s. */
  rediscoverMs?: number;
  logger?: LoggerService;
}

const groupOf = (apiVersion: string) =>
  apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';

const groupKindOf = (kind: WatchedKind) =>
  `${groupOf(kind.apiVersion)}/${kind.kind}`;

/**
 * One cluster's live state: a watch cache per kind (see KindWatcher), objects found by identity
 * key (`group/Kind/namespace/name`, identityKey of @shipshape/plugin-gitops-node) or by an
 * indexed label, change notifications, and the cluster's health in words.
 *
 * @public
 */
export class LiveStateCache<T = KubernetesObject> {
  private readonly watchers = new Map<string, KindWatcher<T>>();
  private readonly stopping = new Set<Promise<void>>();
  private readonly listeners = new Set<LiveChangeListener>();
  private readonly client: KubeClient;
  private readonly indexedLabels: readonly string[];
  private readonly createdAt = Date.now();
  private readonly logger?: LoggerService;
  private stopped = false;

  static create<T = KubernetesObject>(
    options: LiveStateCacheOptions<T>,
  ): LiveStateCache<T> {
    return new LiveStateCache<T>(options);
  }

  private constructor(private readonly options: LiveStateCacheOptions<T>) {
    this.client = new KubeClient(
      ClusterKubeConfig.fromConnection(options.cluster),
      options.requestTimeoutMs ?? 60_000,
    );
    this.indexedLabels = options.indexedLabels ?? [KUBERNETES_ID_LABEL];
    this.logger = options.logger?.child({ cluster: options.cluster.name });
  }

  /** The cluster's catalog entity ref. */
  get cluster(): string {
    return this.options.cluster.name;
  }

  /**
   * Watches exactly these kinds from now on: starts watchers for new ones and stops those no
   * longer asked for (their objects leave the cache without delete notifications). A group and
   * kind asked for under another version is watched under the new one.
   */
  watchKinds(kinds: WatchedKind[]): void {
    if (this.stopped) {
      throw new Error(`The live cache of ${this.cluster} is stopped`);
    }
    const wanted = new Map<string, WatchedKind>();
    for (const kind of kinds) {
      wanted.set(groupKindOf(kind), {
        apiVersion: kind.apiVersion,
        kind: kind.kind,
      });
    }
    for (const [groupKind, watcher] of this.watchers) {
      const want = wanted.get(groupKind);
      if (!want || want.apiVersion !== watcher.kind.apiVersion) {
        this.watchers.delete(groupKind);
        this.retire(watcher);
      }
    }
    for (const [groupKind, kind] of wanted) {
      if (!this.watchers.has(groupKind)) {
        const watcher = this.createWatcher(kind);
        this.watchers.set(groupKind, watcher);
        watcher.start();
      }
    }
  }

  /**
   * Resolves once the first LIST of a kind (or of every kind watched now) is in. It stays pending
   * while the cluster cannot be listed (see health()) and rejects when the cache is stopped.
   */
  async ready(kind?: WatchedKind): Promise<void> {
    if (kind) {
      await this.watcherOf(kind).ready();
      return;
    }
    await Promise.all([...this.watchers.values()].map(w => w.ready()));
  }

  /** Whether the first LIST of a kind (or of every kind watched now) is in. */
  isReady(kind?: WatchedKind): boolean {
    if (kind) {
      return this.watcherOf(kind).isReady();
    }
    return [...this.watchers.values()].every(w => w.isReady());
  }

  /** The object with this identity key (`group/Kind/namespace/name`), if live and kept. */
  get(key: string): T | undefined {
    const slash = key.indexOf('/', key.indexOf('/') + 1);
    return slash < 0
      ? undefined
      : this.watchers.get(key.slice(0, slash))?.get(key);
  }

  /**
   * Objects of every watched kind in a namespace that carry a label with this value. The label
   * must be one of `indexedLabels`. Cluster-scoped objects are found with namespace ''.
   */
  listLabelled(namespace: string, labelKey: string, labelValue: string): T[] {
    this.checkIndexed(labelKey);
    return [...this.watchers.values()].flatMap(w =>
      w.listLabelled(namespace, labelKey, labelValue),
    );
  }

  /** The identity keys of what listLabelled returns, without reading (parsing) the objects. */
  listLabelledKeys(
    namespace: string,
    labelKey: string,
    labelValue: string,
  ): string[] {
    this.checkIndexed(labelKey);
    return [...this.watchers.values()].flatMap(w =>
      w.listLabelledKeys(namespace, labelKey, labelValue),
    );
  }

  /**
   * Whether a watched kind is namespaced, as the cluster's discovery says (undefined when not
   * known); pass it as `scopeOf` to resourceIdentity so that keys of cluster-scoped custom
   * resources match the cache's.
   */
  readonly scopeOf = (
    group: string,
    kind: string,
  ): 'Namespaced' | 'Cluster' | undefined => {
    const namespaced = this.watchers.get(`${group}/${kind}`)?.namespaced;
    if (namespaced === undefined) {
      return undefined;
    }
    return namespaced ? 'Namespaced' : 'Cluster';
  };

  /** Calls the listener for every change from now on; returns a function that stops that. */
  onChange(listener: LiveChangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Unreachable when a kind's first LIST is failing, or a kind has been failing for longer than
   * `unreachableAfterMs`; the message says why, in words.
   */
  health(): ClusterHealth {
    const now = Date.now();
    const threshold = this.options.unreachableAfterMs ?? 30_000;
    let problem: { since: number; error: KubeApiError } | undefined;
    let reachableSince = this.createdAt;
    for (const watcher of this.watchers.values()) {
      const state = watcher.state();
      if (state.failingSince !== undefined && state.lastError) {
        const outage = !state.listed || now - state.failingSince >= threshold;
        if (outage && (!problem || state.failingSince < problem.since)) {
          problem = { since: state.failingSince, error: state.lastError };
        }
      }
      const streak = state.lastStreak;
      if (
        streak &&
        (streak.beforeListed || streak.until - streak.since >= threshold)
      ) {
        reachableSince = Math.max(reachableSince, streak.until);
      }
    }
    if (problem) {
      return {
        reachable: false,
        message: `${this.shortName}: ${this.describe(problem.error)}`,
        since: new Date(problem.since),
      };
    }
    return { reachable: true, since: new Date(reachableSince) };
  }

  stats(): LiveStateStats {
    const kinds: Record<string, KindWatcherStats> = {};
    const total: LiveStateStats = { objects: 0, ...zeroCounters(), kinds };
    for (const watcher of this.watchers.values()) {
      const stats = watcher.stats();
      kinds[`${watcher.kind.apiVersion} ${watcher.kind.kind}`] = stats;
      for (const name of [
        'objects',
        'lists',
        'relists',
        'watches',
        'watchRestarts',
        'stalls',
        'events',
        'errors',
        'requests',
        'retries',
      ] as const) {
        total[name] += stats[name];
      }
      total.lastRetryDelayMs = Math.max(
        total.lastRetryDelayMs,
        stats.lastRetryDelayMs,
      );
    }
    return total;
  }

  /** Stops every watch and request and closes the cluster's connections. */
  async stop(): Promise<void> {
    this.stopped = true;
    const watchers = [...this.watchers.values()];
    this.watchers.clear();
    this.listeners.clear();
    await Promise.all([...watchers.map(w => w.stop()), ...this.stopping]);
    await this.client.config.close();
  }

  private createWatcher(kind: WatchedKind): KindWatcher<T> {
    const { options } = this;
    const watcher: KindWatcher<T> = new KindWatcher<T>({
      client: this.client,
      kind,
      transform:
        options.transform ??
        (projectLiveObject as unknown as LiveObjectTransform<T>),
      keepManagedFields: options.keepManagedFields,
      indexedLabels: this.indexedLabels,
      pageSize: options.pageSize ?? 500,
      watchdogMs: options.watchdogMs ?? 5 * 60_000,
      backoff: {
        initialMs: options.backoff?.initialMs ?? 500,
        maxMs: options.backoff?.maxMs ?? 30_000,
      },
      rediscoverMs: options.rediscoverMs ?? 60_000,
      onChange: (key, type) => {
        // A retired watcher's last events are of no interest any more.
        if (this.watchers.get(groupKindOf(kind)) === watcher) {
          this.emit(key, type);
        }
      },
      logger: this.logger,
    });
    return watcher;
  }

  private retire(watcher: KindWatcher<T>): void {
    const stopping = watcher.stop().finally(() => {
      this.stopping.delete(stopping);
    });
    this.stopping.add(stopping);
  }

  private checkIndexed(labelKey: string): void {
    if (!this.indexedLabels.includes(labelKey)) {
      throw new InputError(
        `The live cache does not index the label '${labelKey}'; indexed: ${this.indexedLabels.join(
          ', ',
        )}`,
      );
    }
  }

  private watcherOf(kind: WatchedKind): KindWatcher<T> {
    const watcher = this.watchers.get(groupKindOf(kind));
    if (!watcher || watcher.kind.apiVersion !== kind.apiVersion) {
      throw new InputError(
        `${kind.apiVersion} ${kind.kind} is not watched on ${this.cluster}`,
      );
    }
    return watcher;
  }

  private emit(key: string, type: LiveChangeType): void {
    for (const listener of this.listeners) {
      try {
        listener(key, type);
      } catch (error) {
        this.logger?.error(`A live change listener failed: ${error}`);
      }
    }
  }

  /** "cluster-dev" of "resource:default/cluster-dev". */
  private get shortName(): string {
    return this.cluster.replace(/^.*[:/]/, '');
  }

  private describe(error: KubeApiError): string {
    if (error.statusCode === 401) {
      return this.options.cluster.token
        ? '401 Unauthorized: the service account token was rejected'
        : '401 Unauthorized: the cluster wants a token and none is configured';
    }
    if (error.kind === 'timeout') {
      return `no answer within ${Math.round(
        (this.options.requestTimeoutMs ?? 60_000) / 1000,
      )} s`;
    }
    return error.message;
  }
}
