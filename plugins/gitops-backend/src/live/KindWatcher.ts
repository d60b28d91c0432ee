import { LoggerService } from '@backstage/backend-plugin-api';
import {
  identityKey,
  identityKeyNamespace,
  KubernetesObject,
  resourceIdentity,
} from '@shipshape/plugin-gitops-node';
import { setTimeout as delay } from 'node:timers/promises';
import { Backoff } from './Backoff';
import { JsonKeyCoder } from './JsonKeyCoder';
import { KubeApiError } from './KubeApiError';
import { KubeClient } from './KubeClient';
import {
  KindWatcherStats,
  LiveChangeType,
  LiveObjectTransform,
  WatchedKind,
  zeroCounters,
} from './types';

/** @internal */
export interface KindWatcherOptions<T> {
  client: KubeClient;
  kind: WatchedKind;
  /** What to keep of each object (default: the object itself); JSON data. */
  transform?: LiveObjectTransform<T>;
  keepManagedFields?: boolean;
  /** Label keys indexed for `listLabelled`. */
  indexedLabels: readonly string[];
  pageSize: number;
  /** A watch that receives nothing (not even a bookmark) for this long is restarted. */
  watchdogMs: number;
  backoff: { initialMs: number; maxMs: number };
  /** How often a kind the server does not serve (yet) is looked up again. */
  rediscoverMs: number;
  onChange: (key: string, type: LiveChangeType) => void;
  logger?: LoggerService;
}

/** How a failing streak looks from outside: for the cluster's health. */
export interface KindWatcherState {
  listed: boolean;
  /** Start of the current streak of failures; undefined while requests succeed. */
  failingSince?: number;
  lastError?: KubeApiError;
  /** The last failing streak that ended: when, for how long, and whether before the first LIST. */
  lastStreak?: { since: number; until: number; beforeListed: boolean };
}

interface Resource {
  /** e.g. /apis/apps/v1/deployments (all namespaces). */
  path: string;
  namespaced: boolean;
}

/** How a watch ended, when it did not fail. */
type WatchOutcome =
  | 'ended'
  | 'ended-quickly'
  | 'stalled'
  | 'expired'
  | 'stopped';

/** A watch that ends this soon having delivered nothing counts as a failure (no hot loop). */
const MIN_HEALTHY_WATCH_MS = 1000;

const indexKey = (namespace: string, label: string, value: string) =>
  [namespace, label, value].join('\u0000');

const sameKeys = (a?: readonly string[], b?: readonly string[]) =>
  (a?.length ?? 0) === (b?.length ?? 0) &&
  (a ?? []).every((k, i) => k === b![i]);

/**
 * Keeps the objects of one kind of one cluster: LIST (paged) then WATCH from the list's
 * resourceVersion with bookmarks, forever, until stopped.
 *
 * Our own loop rather than client-node's makeInformer: the informer stops for good on any error
 * other than 410 and timeouts, does not ask for bookmarks (so a quiet watch resumes from an old
 * resourceVersion and hits 410), keeps whole typed objects, and has no watchdog for watches that
 * silently stall (kubernetes-client/javascript#958). Here:
 * - 410 Expired (an ERROR event, or HTTP 410 on a watch or a LIST's continue token) relists; a
 *   relist reports objects that vanished meanwhile as deletions;
 * - a watch that ends normally, times out (client-node aborts quiet watches after 30 s,
 *   #3020) or is dropped is started again from the last resourceVersion;
 * - 429, 5xx and network errors are retried with exponential backoff and jitter (Retry-After
 *   honoured), forever; a failed LIST page is retried with the same continue token;
 * - a watchdog restarts a watch that has received nothing for `watchdogMs`.
 *
 * Objects are kept as JSON text and parsed on each read, so a read returns a fresh copy.
 */
export class KindWatcher<T = KubernetesObject> {
  /**
   * Identity key → what the transform kept, as JSON text, and nothing else per object. One string,
   * not a tree of objects: for nested specs, such as a Deployment's, a sixth to a third less heap
   * than the parsed object. The text `{"apiVersion":…,"kind":…,` every object of the kind starts
   * with is left out (the stored text then starts with `"`, not `{`) and put back on read: 30 to
   * 60 bytes less per object. The rest is shortened by the kind's JsonKeyCoder (its common keys,
   * one character each).
   */
  private readonly texts = new Map<string, string>();
  private readonly keyCoder = new JsonKeyCoder();
  /** How the JSON text of every object of the kind begins; see texts. */
  private readonly prefix: string;
  private readonly prefixBytes: number;
  /**
   * Index key (namespace, label, value) → the identity key of its one object (often the only one
   * of its kind), or a set of them. Which index keys an object is under is not kept: it is read
   * again from the object's text when the object changes or goes, which is rare next to reads.
   */
  private readonly labelIndex = new Map<string, string | Set<string>>();
  /**
   * The index keys of the objects whose text does not tell them, because the transform dropped or
   * changed indexed labels. Empty with the default transforms, which keep `metadata.labels`.
   */
  private readonly indexKeysApart = new Map<string, string[]>();
  private readonly backoff: Backoff;
  private readonly abort = new AbortController();
  private readonly counters: Omit<
    KindWatcherStats,
    'objects' | 'served' | 'listed'
  > = zeroCounters();
  private resource?: Resource;
  private served = true;
  private resourceVersion?: string;
  private listed = false;
  private failingSince?: number;
  private lastError?: KubeApiError;
  private failingBeforeListed = false;
  private lastStreak?: KindWatcherState['lastStreak'];
  private stopped = false;
  private loop?: Promise<void>;
  private cancelWatch?: () => void;
  private readonly readyPromise: Promise<void>;
  private resolveReady!: () => void;
  private rejectReady!: (error: Error) => void;

  constructor(private readonly options: KindWatcherOptions<T>) {
    this.prefix = `{"apiVersion":${JSON.stringify(
      options.kind.apiVersion,
    )},"kind":${JSON.stringify(options.kind.kind)},`;
    this.prefixBytes = Buffer.byteLength(this.prefix);
    this.backoff = new Backoff(
      options.backoff.initialMs,
      options.backoff.maxMs,
    );
    this.readyPromise = new Promise<void>((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    // Nobody may be waiting when stop() rejects it.
    this.readyPromise.catch(() => {});
  }

  get kind(): WatchedKind {
    return this.options.kind;
  }

  start(): void {
    this.loop ??= this.run().catch(error => {
      this.options.logger?.error(
        `Watching ${this.label} stopped unexpectedly: ${error}`,
      );
    });
  }

  /** Ends the loop, the watch and any request in flight. */
  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      this.abort.abort();
      this.cancelWatch?.();
      this.rejectReady(new Error(`Stopped watching ${this.label}`));
    }
    await this.loop;
  }

  /** Resolves once the first LIST is in. */
  ready(): Promise<void> {
    return this.readyPromise;
  }

  isReady(): boolean {
    return this.listed;
  }

  get(key: string): T | undefined {
    const text = this.texts.get(key);
    return text === undefined ? undefined : (this.parse(text) as T);
  }

  /** Objects of a namespace ('' for cluster-scoped ones) with an indexed label set to a value. */
  listLabelled(namespace: string, label: string, value: string): T[] {
    return this.listLabelledKeys(namespace, label, value).map(
      key => this.get(key)!,
    );
  }

  /** The identity keys of what listLabelled returns, without reading the objects. */
  listLabelledKeys(namespace: string, label: string, value: string): string[] {
    const keys = this.labelIndex.get(indexKey(namespace, label, value));
    if (keys === undefined) return [];
    return typeof keys === 'string' ? [keys] : [...keys];
  }

  /** Whether the kind is namespaced, once discovery said so. */
  get namespaced(): boolean | undefined {
    return this.resource?.namespaced;
  }

  state(): KindWatcherState {
    return {
      listed: this.listed,
      failingSince: this.failingSince,
      lastError: this.lastError,
      lastStreak: this.lastStreak,
    };
  }

  stats(): KindWatcherStats {
    return {
      objects: this.texts.size,
      served: this.served,
      listed: this.listed,
      ...this.counters,
    };
  }

  private get label(): string {
    return `${this.options.kind.apiVersion} ${this.options.kind.kind}`;
  }

  // --- the loop ----------------------------------------------------------------------------

  private async run(): Promise<void> {
    let needList = true;
    while (!this.stopped) {
      try {
        if (!this.resource) {
          const resource = await this.discover();
          if (!resource) {
            this.notServed();
            await this.sleep(this.options.rediscoverMs);
            continue;
          }
          this.resource = resource;
          this.served = true;
          needList = true;
        }
        if (needList) {
          await this.list(this.resource);
          needList = false;
        }
        const outcome = await this.watch(this.resource);
        if (outcome === 'expired') {
          needList = true;
        } else if (outcome !== 'stopped') {
          this.counters.watchRestarts += 1;
          if (outcome === 'ended-quickly') {
            await this.sleep(this.backoff.next());
          }
        }
      } catch (error) {
        if (this.stopped) {
          return;
        }
        const failure = KubeApiError.from(error);
        if (failure.expired) {
          needList = true;
          continue;
        }
        if (failure.statusCode === 404) {
          // The kind went away (a deleted CRD): look it up again.
          this.resource = undefined;
        }
        this.recordFailure(failure);
        await this.retryDelay(failure);
      }
    }
  }

  private async discover(): Promise<Resource | undefined> {
    const { apiVersion, kind } = this.options.kind;
    const base = apiVersion.includes('/')
      ? `/apis/${apiVersion}`
      : `/api/${apiVersion}`;
    let list: any;
    try {
      list = await this.request(base, {});
    } catch (error) {
      if (KubeApiError.from(error).statusCode !== 404) {
        throw error;
      }
      list = undefined; // the group version is not served
    }
    this.recordSuccess();
    const found = (list?.resources ?? []).find(
      (r: any) => r.kind === kind && !String(r.name).includes('/'),
    );
    return found
      ? { path: `${base}/${found.name}`, namespaced: Boolean(found.namespaced) }
      : undefined;
  }

  /** The server does not serve the kind: there are no such objects. */
  private notServed(): void {
    if (this.served) {
      this.options.logger?.info(
        `The cluster does not serve ${
          this.label
        }; looking again every ${Math.round(
          this.options.rediscoverMs / 1000,
        )} s`,
      );
    }
    this.served = false;
    this.removeVanished(new Set());
    this.resourceVersion = undefined;
    this.markListed();
  }

  /**
   * LIST every page; a failed page is retried (same continue token) when the error is transient.
   * What the cache holds that the LIST did not see has vanished.
   */
  private async list(resource: Resource): Promise<void> {
    // The keys the LIST saw, only while it runs; none needed when it starts with nothing kept.
    const tracking = () =>
      this.texts.size > 0 ? new Set<string>() : undefined;
    let seen = tracking();
    let continueToken: string | undefined;
    let listResourceVersion: string | undefined;
    for (;;) {
      let page: any;
      try {
        page = await this.request(resource.path, {
          limit: this.options.pageSize,
          continue: continueToken,
        });
      } catch (error) {
        const failure = KubeApiError.from(error);
        if (this.stopped || !(failure.transient || failure.expired)) {
          throw error;
        }
        if (failure.expired) {
          // The continue token outlived the server's history: start over, and what the pages
          // so far saw must be seen again.
          seen = tracking();
          continueToken = undefined;
          listResourceVersion = undefined;
          continue;
        }
        this.recordFailure(failure);
        await this.retryDelay(failure);
        if (this.stopped) {
          throw error;
        }
        continue;
      }
      this.recordSuccess();
      // Every page of a paged LIST is one snapshot at the first page's resourceVersion.
      listResourceVersion ??= page?.metadata?.resourceVersion;
      for (const item of page?.items ?? []) {
        this.upsert(item, seen);
      }
      continueToken = page?.metadata?.continue || undefined;
      page = undefined;
      if (!continueToken) {
        break;
      }
    }
    if (seen) {
      this.removeVanished(seen);
    }
    this.resourceVersion = listResourceVersion;
    this.counters.lists += 1;
    if (this.counters.lists > 1) {
      this.counters.relists += 1;
    }
    this.backoff.reset();
    this.markListed();
  }

  /** One WATCH, until it ends; throws KubeApiError when it fails. */
  private watch(resource: Resource): Promise<WatchOutcome> {
    if (this.stopped) {
      // stop() came after the LIST: there was no watch to cancel, and none may start.
      return Promise.resolve('stopped');
    }
    return new Promise<WatchOutcome>((resolve, reject) => {
      const startedAt = Date.now();
      let settled = false;
      let established = false;
      let received = false;
      let controller: AbortController | undefined;
      let watchdog: NodeJS.Timeout | undefined;

      const settle = (outcome: WatchOutcome | KubeApiError) => {
        if (settled) {
          return;
        }
        settled = true;
        clearTimeout(watchdog);
        this.cancelWatch = undefined;
        controller?.abort();
        if (outcome instanceof KubeApiError) {
          reject(outcome);
        } else {
          resolve(outcome);
        }
      };
      const arm = () => {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => {
          this.counters.stalls += 1;
          this.options.logger?.warn(
            `The watch of ${this.label} received nothing for ${this.options.watchdogMs} ms; restarting it`,
          );
          settle('stalled');
        }, this.options.watchdogMs);
      };
      const ended = () =>
        received || Date.now() - startedAt >= MIN_HEALTHY_WATCH_MS
          ? 'ended'
          : 'ended-quickly';

      this.cancelWatch = () => settle('stopped');
      arm();
      this.counters.watches += 1;
      this.counters.requests += 1;
      this.options.client
        .watch(
          resource.path,
          {
            resourceVersion: this.resourceVersion,
            allowWatchBookmarks: true,
            // As client-go: the server ends the watch after 5-10 minutes and we start another.
            timeoutSeconds: Math.round(300 * (1 + Math.random())),
          },
          (type, object) => {
            if (settled) {
              return;
            }
            if (!received) {
              received = true;
              this.backoff.reset();
            }
            arm();
            const outcome = this.onEvent(type, object);
            if (outcome) {
              settle(outcome);
            }
          },
          error => {
            if (
              error === null ||
              error === undefined ||
              (error as any)?.name === 'TimeoutError'
            ) {
              settle(ended());
              return;
            }
            const failure = KubeApiError.from(error);
            // A watch that was streaming and then lost its connection (a restarting server,
            // a proxy's idle timeout) resumes like one that ended.
            settle(
              established && failure.kind === 'network' ? ended() : failure,
            );
          },
        )
        .then(
          started => {
            controller = started;
            if (settled) {
              started.abort();
            } else {
              established = true;
              this.recordSuccess();
            }
          },
          error => settle(KubeApiError.from(error)),
        );
    });
  }

  private onEvent(
    type: string,
    object: any,
  ): WatchOutcome | KubeApiError | undefined {
    this.counters.events += 1;
    switch (type) {
      case 'ADDED':
      case 'MODIFIED':
        this.upsert(object);
        break;
      case 'DELETED':
        this.remove(object);
        break;
      case 'BOOKMARK':
        break;
      case 'ERROR': {
        const failure = KubeApiError.fromStatus(object);
        return failure.expired ? 'expired' : failure;
      }
      default:
        return undefined;
    }
    const resourceVersion = object?.metadata?.resourceVersion;
    if (resourceVersion) {
      this.resourceVersion = resourceVersion;
    }
    return undefined;
  }

  // --- the objects -------------------------------------------------------------------------

  private keyOf(object: KubernetesObject): { key: string; namespace: string } {
    const namespaced = this.resource?.namespaced;
    const identity = resourceIdentity(object, {
      scopeOf:
        namespaced === undefined
          ? undefined
          : () => (namespaced ? 'Namespaced' : 'Cluster'),
    });
    return { key: identityKey(identity), namespace: identity.namespace ?? '' };
  }

  /** Built-in kinds' LIST items lack kind and apiVersion; managedFields are dropped by default. */
  private complete(raw: any): KubernetesObject {
    const { apiVersion, kind } = this.options.kind;
    let metadata = raw.metadata ?? {};
    if (!this.options.keepManagedFields && metadata.managedFields) {
      const { managedFields: _dropped, ...rest } = metadata;
      metadata = rest;
    }
    if (raw.kind && raw.apiVersion) {
      if (metadata !== raw.metadata) {
        raw.metadata = metadata;
      }
      return raw;
    }
    return { apiVersion, kind, ...raw, metadata };
  }

  /** Keeps an object; tells the listener only when what is kept or indexed changed. */
  private upsert(raw: any, seen?: Set<string>): void {
    if (!raw?.metadata?.name) {
      return;
    }
    const object = this.complete(raw);
    const { key, namespace } = this.keyOf(object);
    seen?.add(key);
    let text: string | undefined;
    let keptLabels: unknown;
    try {
      const kept = this.options.transform
        ? this.options.transform(object)
        : (object as unknown as T);
      if (kept !== undefined) {
        text = this.compact(JSON.stringify(kept));
        keptLabels = (kept as any)?.metadata?.labels;
      }
    } catch (error) {
      this.options.logger?.error(
        `Could not transform ${key} for the live cache: ${error}`,
      );
      text = undefined;
    }
    const existing = this.texts.get(key);
    if (text === undefined) {
      if (existing !== undefined) {
        this.drop(key, existing);
      }
      return;
    }
    const labels = object.metadata.labels;
    // The usual relist or duplicate event: same text, and the text tells the index keys.
    if (
      text === existing &&
      keptLabels === labels &&
      !this.indexKeysApart.has(key)
    ) {
      return;
    }
    const indexKeys = this.indexKeysOf(labels, namespace);
    const apart =
      keptLabels === labels ||
      sameKeys(indexKeys, this.indexKeysOf(keptLabels, namespace))
        ? undefined
        : indexKeys ?? [];
    const oldKeys =
      existing === undefined
        ? undefined
        : this.indexKeysApart.get(key) ?? this.indexKeysOfText(key, existing);
    if (apart) {
      this.indexKeysApart.set(key, apart);
    } else {
      this.indexKeysApart.delete(key);
    }
    if (text === existing && sameKeys(oldKeys, indexKeys)) {
      return;
    }
    this.unindex(key, oldKeys);
    this.texts.set(key, text);
    this.index(key, indexKeys);
    this.emit(key, 'upsert');
  }

  private parse(text: string): unknown {
    return JSON.parse(this.unpack(text));
  }

  /** The whole JSON text of a kept one. */
  private unpack(text: string): string {
    const json = this.keyCoder.decode(text);
    return json.charCodeAt(0) === 0x7b ? json : this.prefix + json;
  }

  /** The text without the prefix every object of the kind shares, when it has it. */
  private compact(text: string): string {
    // Something follows the prefix (a key, so the rest starts with `"`, never `{`: see parse).
    if (
      text.length <= this.prefix.length + 1 ||
      !text.startsWith(this.prefix)
    ) {
      return this.keyCoder.encode(text);
    }
    // A copy: slice() would keep the whole text alive behind a sliced string.
    return this.keyCoder.encode(
      Buffer.from(text, 'utf8').toString('utf8', this.prefixBytes),
    );
  }

  private remove(raw: any): void {
    if (!raw?.metadata?.name) {
      return;
    }
    const { key } = this.keyOf(this.complete(raw));
    const existing = this.texts.get(key);
    if (existing !== undefined) {
      this.drop(key, existing);
    }
  }

  /** After a LIST: whatever it did not see is gone. */
  private removeVanished(seen: ReadonlySet<string>): void {
    for (const [key, text] of this.texts) {
      if (!seen.has(key)) {
        this.drop(key, text);
      }
    }
  }

  private drop(key: string, text: string): void {
    this.unindex(
      key,
      this.indexKeysApart.get(key) ?? this.indexKeysOfText(key, text),
    );
    this.indexKeysApart.delete(key);
    this.texts.delete(key);
    this.emit(key, 'delete');
  }

  private indexKeysOf(
    labels: unknown,
    namespace: string,
  ): string[] | undefined {
    if (typeof labels !== 'object' || labels === null) {
      return undefined;
    }
    let keys: string[] | undefined;
    for (const label of this.options.indexedLabels) {
      const value = (labels as Record<string, unknown>)[label];
      if (typeof value === 'string') {
        (keys ??= []).push(indexKey(namespace, label, value));
      }
    }
    return keys;
  }

  /** The index keys of a kept object, from its text (parsed only when it names an indexed label). */
  private indexKeysOfText(key: string, text: string): string[] | undefined {
    const json = this.unpack(text);
    if (
      !this.options.indexedLabels.some(label =>
        json.includes(JSON.stringify(label)),
      )
    ) {
      return undefined;
    }
    const labels = (JSON.parse(json) as any)?.metadata?.labels;
    return this.indexKeysOf(labels, identityKeyNamespace(key));
  }

  private index(key: string, indexKeys: readonly string[] = []): void {
    for (const k of indexKeys) {
      const keys = this.labelIndex.get(k);
      if (keys === undefined) {
        this.labelIndex.set(k, key);
      } else if (typeof keys !== 'string') {
        keys.add(key);
      } else if (keys !== key) {
        this.labelIndex.set(k, new Set([keys, key]));
      }
    }
  }

  private unindex(key: string, indexKeys: readonly string[] = []): void {
    for (const k of indexKeys) {
      const keys = this.labelIndex.get(k);
      const empty =
        typeof keys === 'string'
          ? keys === key
          : keys !== undefined && keys.delete(key) && keys.size === 0;
      if (empty) {
        this.labelIndex.delete(k);
      }
    }
  }

  private emit(key: string, type: LiveChangeType): void {
    try {
      this.options.onChange(key, type);
    } catch (error) {
      this.options.logger?.error(`A live change listener failed: ${error}`);
    }
  }

  // --- requests, failures and waits --------------------------------------------------------

  private request(
    path: string,
    query: Record<string, string | number | undefined>,
  ) {
    this.counters.requests += 1;
    return this.options.client.getJson(path, query, this.abort.signal);
  }

  private markListed(): void {
    if (!this.listed) {
      this.listed = true;
      this.resolveReady();
    }
  }

  private recordSuccess(): void {
    if (this.failingSince !== undefined) {
      this.lastStreak = {
        since: this.failingSince,
        until: Date.now(),
        beforeListed: this.failingBeforeListed,
      };
      this.options.logger?.info(
        `${this.label}: the cluster answers again after ${Math.round(
          (Date.now() - this.failingSince) / 1000,
        )} s of errors`,
      );
    }
    this.failingSince = undefined;
    this.lastError = undefined;
  }

  private recordFailure(failure: KubeApiError): void {
    this.counters.errors += 1;
    this.lastError = failure;
    if (this.failingSince === undefined) {
      this.failingSince = Date.now();
      this.failingBeforeListed = !this.listed;
      this.options.logger?.warn(
        `${this.label}: ${failure.message}; retrying with backoff`,
      );
    }
  }

  private async retryDelay(failure: KubeApiError): Promise<void> {
    const wait = this.backoff.next(failure.retryAfterMs);
    this.counters.retries += 1;
    this.counters.lastRetryDelayMs = wait;
    await this.sleep(wait);
  }

  private async sleep(ms: number): Promise<void> {
    if (this.stopped) {
      return;
    }
    await delay(ms, undefined, { signal: this.abort.signal }).catch(() => {});
  }
}
