import {
  DeploymentHistoryEntry,
  DeploymentStatus,
  ResourceStatus,
} from '@shipshape/plugin-gitops-common';
import {
  DeploymentKey,
  DeploymentResult,
  ResourceResult,
} from '../reconciler/types';

/** A transition the store recorded while saving (also written to the history). */
export interface DeploymentTransition extends DeploymentKey {
  field: 'sync' | 'health' | 'revision';
  from?: string;
  to: string;
  revision?: string;
  at: string;
}

/** What one save did: rows written (all tables) and the transitions it recorded. */
export interface SaveResult {
  rowsWritten: number;
  /** Deployments and resources whose stored status changed. */
  statusesChanged: number;
  transitions: DeploymentTransition[];
}

/** One open problem of a deployment that may deserve a notification. */
export interface NotificationEpisode extends DeploymentKey {
  /** 'OutOfSync' or 'Degraded'. */
  problem: string;
  /** ISO 8601: since when the problem lasts. */
  since: string;
  /** ISO 8601: when the owners were told, if they were. */
  notifiedAt?: string;
  /** ISO 8601: when the problem ended (only on episodes from takeRecoveredEpisodes). */
  recoveredAt?: string;
}

/**
 * Where the reconciler keeps current statuses, their history and its bookkeeping. Every write
 * is conditional: saving a result identical to the stored one writes no row.
 */
export interface GitopsStore {
  /**
   * Saves reconcile results in one transaction, writing only the deployment and resource rows
   * that changed (resources of a deployment no longer reported are deleted) and a history row
   * per transition of sync, health or revision. A deployment's first appearance is recorded as
   * transitions without `from` (sync, health, and revision when it has one).
   *
   * Also keeps the notification episodes: turning OutOfSync (sync) or Degraded (health) opens
   * one; when the problem ends, a notified episode becomes a recovery for takeRecoveredEpisodes
   * and an unnotified one is deleted. A problem that comes back before its recovery was taken
   * continues the same episode (the recovery is not sent, the problem is not notified again).
   *
   * What was stored is remembered between calls, so unchanged results cost no database read.
   */
  saveDeployments(results: DeploymentResult[], now?: Date): Promise<SaveResult>;
  /**
   * Forgets what saveDeployments remembered of the stored rows. Call it whenever another
   * replica may have written meanwhile (e.g. when taking over the reconciler's lease).
   */
  resetCache(): void;
  /**
   * Deletes deployments (with their resources and notification episodes) that are not in
   * `keep`, i.e. no longer in Git. Their history stays until pruned. Returns the number of
   * deployments deleted.
   */
  deleteDeploymentsExcept(keep: DeploymentKey[]): Promise<number>;

  /**
   * Deployments of a component, or, with `environmentRef`, of everything in an environment
   * (both: that component in that environment; neither: all). `entityRefs`: of any of these
   * components, in one query per 500 (the team views).
   */
  listDeployments(filter: {
    entityRef?: string;
    entityRefs?: string[];
    environmentRef?: string;
  }): Promise<DeploymentStatus[]>;
  getDeployment(key: DeploymentKey): Promise<DeploymentStatus | undefined>;
  listResources(key: DeploymentKey): Promise<ResourceStatus[]>;
  /** One resource with its masked desired/live YAML and unified diff. */
  getResource(
    key: DeploymentKey,
    resourceKey: string,
  ): Promise<
    | (ResourceStatus & Pick<ResourceResult, 'desired' | 'live' | 'diff'>)
    | undefined
  >;
  /** Newest first; at least one of `entityRef` and `environmentRef` is required. */
  listHistory(filter: {
    entityRef?: string;
    environmentRef?: string;
    limit: number;
    /** ISO 8601: only entries strictly older. */
    before?: string;
    /** With `before`: entries at exactly `before` are included when their id is smaller. */
    beforeId?: string;
  }): Promise<DeploymentHistoryEntry[]>;
  /** Deletes history older than the date; returns the number of rows deleted. */
  pruneHistory(olderThan: Date): Promise<number>;

  /** Records a refresh request for the reconciler that holds the lease (any replica may call). */
  requestRefresh(entityRef: string, now?: Date): Promise<void>;
  /**
   * Returns and removes pending refresh requests (one per entity, however often it was
   * requested); each request is returned to one caller only.
   */
  takeRefreshRequests(): Promise<string[]>;

  /**
   * Notification bookkeeping, shared by all replicas: the open problems (OutOfSync, Degraded)
   * per deployment, oldest first. They are kept up to date by saveDeployments.
   */
  listOpenEpisodes(): Promise<NotificationEpisode[]>;
  /**
   * Marks an open episode notified; true only for the caller that marked it first (atomic
   * across replicas), so a notification is sent once. False for an episode that ended.
   */
  claimEpisodeNotification(
    key: DeploymentKey,
    problem: string,
    now?: Date,
  ): Promise<boolean>;
  /**
   * Episodes that ended (the problem went away) and had been notified: the recoveries to send.
   * Each is returned once (removed as it is taken).
   */
  takeRecoveredEpisodes(): Promise<NotificationEpisode[]>;
}
