import { KubernetesObject } from '@shipshape/plugin-gitops-node';

/** The label that ties a live object to its catalog component (Backstage's Kubernetes plugin's). */
export const KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';

/** A kind to watch, as manifests name it. */
export interface WatchedKind {
  apiVersion: string;
  kind: string;
}

/** What happened to an object of the cache: stored or replaced, or gone. */
export type LiveChangeType = 'upsert' | 'delete';

/** Told each change, with the object's identity key (`group/Kind/namespace/name`). */
export type LiveChangeListener = (key: string, type: LiveChangeType) => void;

/**
 * What the cache keeps of each object (JSON data, kept as JSON text); undefined means "do not
 * keep it". The default, projectLiveObject, keeps what the diff and health checks read.
 */
export type LiveObjectTransform<T> = (
  object: KubernetesObject,
) => T | undefined;

/** Whether a cluster's cache can be trusted, and since when that has been so. */
export interface ClusterHealth {
  reachable: boolean;
  /** Why not, in words (e.g. "cluster-dev: connect ECONNREFUSED 127.0.0.1:6443"). */
  message?: string;
  since: Date;
}

/** Counters of one watched kind. */
export interface KindWatcherStats {
  /** Objects kept. */
  objects: number;
  /** Whether the server serves the kind (false: not installed, e.g. a missing CRD). */
  served: boolean;
  listed: boolean;
  /** Complete LISTs, the first one included. */
  lists: number;
  /** LISTs after the first (410 Expired, or the kind reappearing). */
  relists: number;
  /** WATCH requests made. */
  watches: number;
  /** Watches started again after one ended, timed out, dropped or stalled (not after errors). */
  watchRestarts: number;
  /** Watches the watchdog ended because nothing arrived for too long. */
  stalls: number;
  /** Watch events received (bookmarks included). */
  events: number;
  /** Failed requests and watch ERROR events, 410 Expired excluded. */
  errors: number;
  /** HTTP requests made (discovery, LIST pages, WATCHes). */
  requests: number;
  /** Waits before retrying after an error. */
  retries: number;
  /** The last such wait, in milliseconds (Retry-After honoured). */
  lastRetryDelayMs: number;
}

/** Counters of one cluster's cache: the sums over its kinds, and each kind's own. */
export interface LiveStateStats
  extends Omit<KindWatcherStats, 'served' | 'listed'> {
  /** Per kind, keyed "apiVersion Kind". */
  kinds: Record<string, KindWatcherStats>;
}

/** Counters of a watcher (or a sum of them) before anything happened. */
export function zeroCounters(): Omit<
  KindWatcherStats,
  'objects' | 'served' | 'listed'
> {
  return {
    lists: 0,
    relists: 0,
    watches: 0,
    watchRestarts: 0,
    stalls: 0,
    events: 0,
    errors: 0,
    requests: 0,
    retries: 0,
    lastRetryDelayMs: 0,
  };
}
