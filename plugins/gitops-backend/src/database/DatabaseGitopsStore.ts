import { DatabaseService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  DeploymentHistoryEntry,
  DeploymentStatus,
  DeploymentSyncStatus,
  HealthStatus,
  ResourceStatus,
  SyncStatus,
} from '@shipshape/plugin-gitops-common';
import { Knex } from 'knex';
import { createHash } from 'node:crypto';
import {
  DeploymentKey,
  DeploymentResult,
  ResourceResult,
} from '../reconciler/types';
import { applyDatabaseMigrations } from './applyDatabaseMigrations';
import { limitSqlitePageCache } from './limitSqlitePageCache';
import { SqliteStatementCache } from './SqliteStatementCache';
import {
  DeploymentTransition,
  GitopsStore,
  NotificationEpisode,
  SaveResult,
} from './GitopsStore';

const DEPLOYMENTS = 'deployment_status';
const RESOURCES = 'resource_status';
const HISTORY = 'deployment_history';
const EPISODES = 'notification_episodes';
const REFRESH_REQUESTS = 'refresh_requests';

const KEY_COLUMNS = ['entity_ref', 'environment_ref', 'cluster_ref'];

// Rows per multi-row statement: resource rows carry YAML, so they go in smaller batches.
const DEPLOYMENT_CHUNK = 200;
const RESOURCE_CHUNK = 100;
const HISTORY_CHUNK = 200;
// Deployment keys per `(a, b, c) IN (...)` list (3 bound parameters each).
const KEY_CHUNK = 100;

/** Bytes of a hash the cache keeps or compares (128 bits: no collision in practice). */
const SHORT_HASH_BYTES = 16;

type Row = Record<string, any>;

/** The deployment row fields a save needs to compute its row and transitions. */
interface StoredRow {
  hash: string;
  sync: string;
  health: string;
  revision?: string;
  syncSince: string;
  healthSince: string;
}

/** What the store remembers of one stored deployment, to skip unchanged writes. */
interface CachedDeployment {
  /** Undefined while the deployment has no row. */
  row?: StoredRow;
  /**
   * One hash over the stored resources' keys and hashes (resourcesHash), not a hash per
   * resource: an unchanged deployment is seen as such without a per-resource entry in the
   * heap (about 80 bytes each). A save that changes it reads its resource hashes again.
   */
  resourcesHash: string;
  /** Its stored resources, for the row of a deployment whose cluster is unreachable. */
  resourceCount: number;
}

type EpisodeProblem = 'OutOfSync' | 'Degraded';

/**
 * The GitopsStore on the plugin's database (PostgreSQL or SQLite), with knex.
 *
 * @internal
 */
export class DatabaseGitopsStore implements GitopsStore {
  readonly #db: Knex;
  readonly #sqliteReads?: SqliteStatementCache;
  // What is stored, by deployment, filled as deployments are saved; see resetCache.
  #cache = new Map<string, CachedDeployment>();
  // Bumped by resetCache, so that a save under way does not refill the cache with old reads.
  #generation = 0;
  // saveDeployments and deleteDeploymentsExcept run one at a time: both use the cache.
  #queue: Promise<unknown> = Promise.resolve();

  static async create(options: {
    database: DatabaseService | Knex;
    skipMigrations?: boolean;
  }): Promise<DatabaseGitopsStore> {
    const { database } = options;
    if (isDatabaseService(database)) {
      const client = await database.getClient();
      if (!options.skipMigrations && !database.migrations?.skip) {
        await applyDatabaseMigrations(client);
      }
      await limitSqlitePageCache(client);
      return new DatabaseGitopsStore(client);
    }
    if (!options.skipMigrations) {
      await applyDatabaseMigrations(database);
    }
    await limitSqlitePageCache(database);
    return new DatabaseGitopsStore(database);
  }

  private constructor(db: Knex) {
    this.#db = db;
    this.#sqliteReads = SqliteStatementCache.forKnex(db);
  }

  /** The rows of a read that pages make often (prepared once on SQLite). */
  #rows(query: Knex.QueryBuilder): Promise<Row[]> {
    return this.#sqliteReads ? this.#sqliteReads.all<Row>(query) : query;
  }

  resetCache(): void {
    this.#cache = new Map();
    this.#generation += 1;
  }

  saveDeployments(
    results: DeploymentResult[],
    now: Date = new Date(),
  ): Promise<SaveResult> {
    return this.#serialize(() => this.#save(results, now));
  }

  async #save(results: DeploymentResult[], now: Date): Promise<SaveResult> {
    const at = now.toISOString();
    const generation = this.#generation;
    const byKey = new Map<string, DeploymentResult>();
    for (const result of results) {
      byKey.set(keyString(result), result);
    }

    const saved = await this.#db.transaction(async tx => {
      // Per deployment: its resources (the last of a key reported twice), the hash over them
      // all (unless its cluster was unreachable: keepResources), and their own hashes while
      // they must be compared one by one with the stored ones.
      const prepared = new Map<
        string,
        {
          cached?: CachedDeployment;
          resources: Map<string, ResourceResult>;
          hashes?: Map<string, Buffer>;
          resourcesHash?: string;
        }
      >();
      // Not cached: its row and resource hashes are read. Cached but its resources changed:
      // its resource hashes are read, to write only the rows that changed.
      const missing: DeploymentKey[] = [];
      const changed: DeploymentKey[] = [];
      for (const [key, result] of byKey) {
        const resources = new Map<string, ResourceResult>();
        for (const resource of result.resources) {
          resources.set(resource.key, resource);
        }
        const cached = this.#cache.get(key);
        if (result.keepResources === true) {
          prepared.set(key, { cached, resources });
          if (!cached) {
            missing.push(result);
          }
          continue;
        }
        const hashes = new Map<string, Buffer>();
        const pairs: Array<[string, string]> = [];
        for (const resource of resources.values()) {
          const digest = resourceDigest(resource);
          hashes.set(resource.key, digest);
          pairs.push([resource.key, shortHash(digest)]);
        }
        const resourcesHash = resourcesHashOf(pairs);
        if (!cached) {
          missing.push(result);
        } else if (cached.resourcesHash !== resourcesHash) {
          changed.push(result);
        } else {
          // Nothing to compare resource by resource: the hashes are dropped.
          prepared.set(key, { cached, resources, resourcesHash });
          continue;
        }
        prepared.set(key, { cached, resources, hashes, resourcesHash });
      }
      const loaded = await loadStored(tx, missing, changed);

      const deploymentRows: Row[] = [];
      const resourceRows: Row[] = [];
      const vanished: Array<{ key: DeploymentKey; resourceKeys: string[] }> =
        [];
      const transitions: DeploymentTransition[] = [];
      const opened: Row[] = [];
      const ended = new Map<EpisodeProblem, DeploymentKey[]>();
      const next = new Map<string, CachedDeployment>();
      let statusesChanged = 0;

      for (const [key, result] of byKey) {
        // The cache as it was before the reads (resetCache may have replaced it meanwhile).
        const { cached, resources, hashes, resourcesHash } = prepared.get(key)!;
        const read = loaded.get(key);
        const prev = cached ? cached.row : read!.row;
        const deploymentKey = pickKey(result);
        // An unreadable cluster: its resources keep their last known rows.
        const keep = result.keepResources === true;
        const storedCount = cached
          ? cached.resourceCount
          : read!.resources.size;
        let driftCount = 0;
        for (const resource of resources.values()) {
          if (resource.sync !== 'Synced') {
            driftCount += 1;
          }
        }
        const hash = hashOf([
          result.namespace,
          result.sync,
          result.health,
          result.reason ?? null,
          result.revision ?? null,
          keep ? storedCount : resources.size,
          driftCount,
        ]);

        const updated: CachedDeployment = keep
          ? {
              row: prev,
              resourcesHash:
                cached?.resourcesHash ?? resourcesHashOf([...read!.resources]),
              resourceCount: storedCount,
            }
          : {
              row: prev,
              resourcesHash: resourcesHash!,
              resourceCount: resources.size,
            };
        if (prev?.hash !== hash) {
          const syncSince = prev?.sync === result.sync ? prev.syncSince : at;
          const healthSince =
            prev?.health === result.health ? prev.healthSince : at;
          deploymentRows.push({
            ...keyColumns(result),
            namespace: result.namespace,
            sync_status: result.sync,
            health_status: result.health,
            reason: result.reason ?? null,
            revision: result.revision ?? null,
            resource_count: keep ? storedCount : resources.size,
            drift_count: driftCount,
            sync_since: syncSince,
            health_since: healthSince,
            updated_at: at,
            hash,
          });
          statusesChanged += 1;
          updated.row = {
            hash,
            sync: result.sync,
            health: result.health,
            revision: result.revision,
            syncSince,
            healthSince,
          };

          const transition = (
            field: DeploymentTransition['field'],
            from: string | undefined,
            to: string,
          ) =>
            transitions.push({
              ...deploymentKey,
              field,
              from,
              to,
              revision: result.revision,
              at,
            });
          if (prev?.sync !== result.sync) {
            transition('sync', prev?.sync, result.sync);
          }
          if (prev?.health !== result.health) {
            transition('health', prev?.health, result.health);
          }
          // A revision that could not be read is not a transition (nothing to record).
          if (
            result.revision !== undefined &&
            prev?.revision !== result.revision
          ) {
            transition('revision', prev?.revision, result.revision);
          }

          const episode = (
            problem: EpisodeProblem,
            was: boolean,
            is: boolean,
            since: string,
          ) => {
            if (is && !was) {
              opened.push({
                ...keyColumns(result),
                problem,
                since,
                notified_at: null,
                recovered_at: null,
              });
            } else if (was && !is) {
              const keys = ended.get(problem) ?? [];
              keys.push(deploymentKey);
              ended.set(problem, keys);
            }
          };
          episode(
            'OutOfSync',
            prev?.sync === 'OutOfSync',
            result.sync === 'OutOfSync',
            syncSince,
          );
          episode(
            'Degraded',
            prev?.health === 'Degraded',
            result.health === 'Degraded',
            healthSince,
          );
        }

        next.set(key, updated);
        // Without hashes the stored resources are those of the result (its resourcesHash is
        // the cached one); with keep, they stay as they are.
        if (keep || !hashes) {
          continue;
        }
        const stored = read!.resources;
        for (const [resourceKey, digest] of hashes) {
          if (stored.get(resourceKey) !== shortHash(digest)) {
            resourceRows.push(
              resourceRow(
                result,
                resources.get(resourceKey)!,
                digest.toString('base64url'),
                at,
              ),
            );
          }
        }
        const gone = [...stored.keys()].filter(
          resourceKey => !resources.has(resourceKey),
        );
        if (gone.length > 0) {
          vanished.push({ key: deploymentKey, resourceKeys: gone });
        }
      }

      let rowsWritten = 0;
      for (const chunk of chunks(deploymentRows, DEPLOYMENT_CHUNK)) {
        await tx(DEPLOYMENTS).insert(chunk).onConflict(KEY_COLUMNS).merge();
        rowsWritten += chunk.length;
      }
      for (const chunk of chunks(resourceRows, RESOURCE_CHUNK)) {
        await tx(RESOURCES)
          .insert(chunk)
          .onConflict([...KEY_COLUMNS, 'resource_key'])
          .merge();
        rowsWritten += chunk.length;
      }
      statusesChanged += resourceRows.length;
      for (const { key, resourceKeys } of vanished) {
        for (const chunk of chunks(resourceKeys, KEY_CHUNK * 3)) {
          const deleted = await tx(RESOURCES)
            .where(keyColumns(key))
            .whereIn('resource_key', chunk)
            .delete();
          rowsWritten += deleted;
          statusesChanged += deleted;
        }
      }
      for (const chunk of chunks(transitions, HISTORY_CHUNK)) {
        await tx(HISTORY).insert(
          chunk.map(t => ({
            ...keyColumns(t),
            field: t.field,
            from_value: t.from ?? null,
            to_value: t.to,
            revision: t.revision ?? null,
            at: t.at,
          })),
        );
        rowsWritten += chunk.length;
      }
      for (const chunk of chunks(opened, DEPLOYMENT_CHUNK)) {
        // A problem back before its recovery was taken continues its episode.
        await tx(EPISODES)
          .insert(chunk)
          .onConflict([...KEY_COLUMNS, 'problem'])
          .merge({ recovered_at: null });
        rowsWritten += chunk.length;
      }
      for (const [problem, keys] of ended) {
        for (const chunk of chunks(keys, KEY_CHUNK)) {
          const tuples = chunk.map(keyTuple);
          rowsWritten += await tx(EPISODES)
            .where({ problem })
            .whereIn(KEY_COLUMNS, tuples)
            .whereNull('notified_at')
            .delete();
          rowsWritten += await tx(EPISODES)
            .where({ problem })
            .whereIn(KEY_COLUMNS, tuples)
            .whereNotNull('notified_at')
            .whereNull('recovered_at')
            .update({ recovered_at: at });
        }
      }

      return { rowsWritten, statusesChanged, transitions, next };
    });

    if (generation === this.#generation) {
      for (const [key, entry] of saved.next) {
        this.#cache.set(key, entry);
      }
    }
    return {
      rowsWritten: saved.rowsWritten,
      statusesChanged: saved.statusesChanged,
      transitions: saved.transitions,
    };
  }

  deleteDeploymentsExcept(keep: DeploymentKey[]): Promise<number> {
    return this.#serialize(async () => {
      const kept = new Set(keep.map(keyString));
      const deleted = await this.#db.transaction(async tx => {
        const rows = await tx(DEPLOYMENTS).select(KEY_COLUMNS);
        const doomed = rows
          .map(rowKey)
          .filter(key => !kept.has(keyString(key)));
        for (const chunk of chunks(doomed, KEY_CHUNK)) {
          const tuples = chunk.map(keyTuple);
          await tx(RESOURCES).whereIn(KEY_COLUMNS, tuples).delete();
          await tx(EPISODES).whereIn(KEY_COLUMNS, tuples).delete();
          await tx(DEPLOYMENTS).whereIn(KEY_COLUMNS, tuples).delete();
        }
        return doomed;
      });
      for (const key of deleted) {
        this.#cache.delete(keyString(key));
      }
      return deleted.length;
    });
  }

  async listDeployments(filter: {
    entityRef?: string;
    entityRefs?: string[];
    environmentRef?: string;
  }): Promise<DeploymentStatus[]> {
    const select = (entityRefs?: string[]) => {
      const query = this.#db(DEPLOYMENTS).select().orderBy(KEY_COLUMNS);
      if (filter.entityRef !== undefined) {
        query.where('entity_ref', filter.entityRef);
      }
      if (entityRefs !== undefined) {
        query.whereIn('entity_ref', entityRefs);
      }
      if (filter.environmentRef !== undefined) {
        query.where('environment_ref', filter.environmentRef);
      }
      return query;
    };
    if (filter.entityRefs === undefined) {
      return (await this.#rows(select())).map(toDeploymentStatus);
    }
    // Chunked: databases limit the parameters of one statement.
    const rows = [];
    for (let i = 0; i < filter.entityRefs.length; i += 500) {
      rows.push(
        ...(await this.#rows(select(filter.entityRefs.slice(i, i + 500)))),
      );
    }
    return rows.map(toDeploymentStatus);
  }

  async getDeployment(
    key: DeploymentKey,
  ): Promise<DeploymentStatus | undefined> {
    const row = await this.#db(DEPLOYMENTS).where(keyColumns(key)).first();
    return row ? toDeploymentStatus(row) : undefined;
  }

  async listResources(key: DeploymentKey): Promise<ResourceStatus[]> {
    const rows = await this.#rows(
      this.#db(RESOURCES)
        .select(
          'resource_key',
          'api_version',
          'kind',
          'namespace',
          'name',
          'sync_status',
          'health_status',
          'health_message',
          'changes',
          'updated_at',
        )
        .where(keyColumns(key))
        .orderBy('resource_key'),
    );
    return rows.map(toResourceStatus);
  }

  async getResource(
    key: DeploymentKey,
    resourceKey: string,
  ): Promise<
    | (ResourceStatus & Pick<ResourceResult, 'desired' | 'live' | 'diff'>)
    | undefined
  > {
    const row = await this.#db(RESOURCES)
      .where({ ...keyColumns(key), resource_key: resourceKey })
      .first();
    if (!row) {
      return undefined;
    }
    return {
      ...toResourceStatus(row),
      desired: row.desired ?? undefined,
      live: row.live ?? undefined,
      diff: row.diff,
    };
  }

  async listHistory(filter: {
    entityRef?: string;
    environmentRef?: string;
    limit: number;
    before?: string;
    beforeId?: string;
  }): Promise<DeploymentHistoryEntry[]> {
    if (filter.entityRef === undefined && filter.environmentRef === undefined) {
      throw new InputError('History needs an entityRef or an environmentRef');
    }
    const query = this.#db(HISTORY)
      .select()
      .orderBy([
        { column: 'at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(filter.limit);
    if (filter.entityRef !== undefined) {
      query.where('entity_ref', filter.entityRef);
    }
    if (filter.environmentRef !== undefined) {
      query.where('environment_ref', filter.environmentRef);
    }
    if (filter.before !== undefined) {
      const before = new Date(filter.before);
      if (Number.isNaN(before.getTime())) {
        throw new InputError(`Invalid timestamp '${filter.before}'`);
      }
      // ISO strings compare as text on SQLite; PostgreSQL parses them.
      const at = before.toISOString();
      const beforeId = Number(filter.beforeId);
      if (filter.beforeId !== undefined && Number.isInteger(beforeId)) {
        // A cursor: entries of the same instant as the last one shown continue by id.
        query.where(inner =>
          inner
            .where('at', '<', at)
            .orWhere(same =>
              same.where('at', '=', at).andWhere('id', '<', beforeId),
            ),
        );
      } else {
        query.where('at', '<', at);
      }
    }
    return (await query).map(row => ({
      id: String(row.id),
      ...rowKey(row),
      field: row.field,
      from: row.from_value ?? undefined,
      to: row.to_value,
      revision: row.revision ?? undefined,
      at: toIsoString(row.at),
    }));
  }

  async pruneHistory(olderThan: Date): Promise<number> {
    return await this.#db(HISTORY)
      .where('at', '<', olderThan.toISOString())
      .delete();
  }

  async requestRefresh(entityRef: string, now: Date = new Date()) {
    await this.#db(REFRESH_REQUESTS)
      .insert({ entity_ref: entityRef, requested_at: now.toISOString() })
      .onConflict('entity_ref')
      .ignore();
  }

  async takeRefreshRequests(): Promise<string[]> {
    const rows = await this.#db(REFRESH_REQUESTS)
      .select('entity_ref')
      .orderBy('requested_at');
    const taken: string[] = [];
    for (const { entity_ref } of rows) {
      // Only the caller whose delete removed the row returns it.
      const deleted = await this.#db(REFRESH_REQUESTS)
        .where({ entity_ref })
        .delete();
      if (deleted > 0) {
        taken.push(entity_ref);
      }
    }
    return taken;
  }

  async listOpenEpisodes(): Promise<NotificationEpisode[]> {
    const rows = await this.#db(EPISODES)
      .select()
      .whereNull('recovered_at')
      .orderBy(['since', ...KEY_COLUMNS, 'problem']);
    return rows.map(toEpisode);
  }

  async claimEpisodeNotification(
    key: DeploymentKey,
    problem: string,
    now: Date = new Date(),
  ): Promise<boolean> {
    // One conditional UPDATE: concurrent claims serialize on the row, and only the first one
    // still finds notified_at empty.
    const updated = await this.#db(EPISODES)
      .where({ ...keyColumns(key), problem })
      .whereNull('notified_at')
      .whereNull('recovered_at')
      .update({ notified_at: now.toISOString() });
    return updated > 0;
  }

  async takeRecoveredEpisodes(): Promise<NotificationEpisode[]> {
    const rows = await this.#db(EPISODES)
      .select()
      .whereNotNull('recovered_at')
      .orderBy(['recovered_at', ...KEY_COLUMNS, 'problem']);
    const taken: NotificationEpisode[] = [];
    for (const row of rows) {
      // Only the caller whose delete removed the row returns it; an episode whose problem came
      // back meanwhile is open again and stays.
      const deleted = await this.#db(EPISODES)
        .where({ ...keyColumns(rowKey(row)), problem: row.problem })
        .whereNotNull('recovered_at')
        .delete();
      if (deleted > 0) {
        taken.push(toEpisode(row));
      }
    }
    return taken;
  }

  #serialize<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

function isDatabaseService(
  database: DatabaseService | Knex,
): database is DatabaseService {
  return typeof (database as DatabaseService).getClient === 'function';
}

/** What a save reads of a stored deployment: its row and its resources' short hashes. */
interface StoredDeployment {
  row?: StoredRow;
  resources: Map<string, string>;
}

/**
 * Reads the rows of deployments that are not cached (`missing`), and the resource hashes of
 * these and of cached deployments whose resources changed (`changed`).
 */
async function loadStored(
  tx: Knex.Transaction,
  missing: DeploymentKey[],
  changed: DeploymentKey[],
): Promise<Map<string, StoredDeployment>> {
  const loaded = new Map<string, StoredDeployment>();
  const all = [...missing, ...changed];
  for (const key of all) {
    loaded.set(keyString(key), { resources: new Map() });
  }
  for (const chunk of chunks(missing, KEY_CHUNK)) {
    const rows = await tx(DEPLOYMENTS)
      .select(
        ...KEY_COLUMNS,
        'hash',
        'sync_status',
        'health_status',
        'revision',
        'sync_since',
        'health_since',
      )
      .whereIn(KEY_COLUMNS, chunk.map(keyTuple));
    for (const row of rows) {
      loaded.get(keyString(rowKey(row)))!.row = {
        hash: row.hash,
        sync: row.sync_status,
        health: row.health_status,
        revision: row.revision ?? undefined,
        syncSince: toIsoString(row.sync_since),
        healthSince: toIsoString(row.health_since),
      };
    }
  }
  for (const chunk of chunks(all, KEY_CHUNK)) {
    const resourceRows = await tx(RESOURCES)
      .select(...KEY_COLUMNS, 'resource_key', 'hash')
      .whereIn(KEY_COLUMNS, chunk.map(keyTuple));
    for (const row of resourceRows) {
      loaded
        .get(keyString(rowKey(row)))!
        .resources.set(row.resource_key, storedShortHash(row.hash));
    }
  }
  return loaded;
}

function resourceRow(
  key: DeploymentKey,
  resource: ResourceResult,
  hash: string,
  at: string,
): Row {
  return {
    ...keyColumns(key),
    resource_key: resource.key,
    api_version: resource.apiVersion,
    kind: resource.kind,
    namespace: resource.namespace ?? null,
    name: resource.name,
    sync_status: resource.sync,
    health_status: resource.health?.status ?? null,
    health_message: resource.health?.message ?? null,
    changes: JSON.stringify(resource.changes),
    desired: resource.desired ?? null,
    live: resource.live ?? null,
    diff: resource.diff,
    hash,
    updated_at: at,
  };
}

/** A stored resource hash (the row's 43 characters) as shortHash gives it. */
function storedShortHash(hash: string): string {
  return shortHash(Buffer.from(hash, 'base64url'));
}

/** A resource's hash as compared with the stored ones: its first 16 bytes. */
function shortHash(digest: Buffer): string {
  return digest.toString('base64url', 0, SHORT_HASH_BYTES);
}

/**
 * The hash over a deployment's resources, from their (key, short hash) pairs: sorted by key,
 * as a result may list them in any order. Changes when a key comes, goes or changes hash.
 */
function resourcesHashOf(pairs: Array<[string, string]>): string {
  pairs.sort(([a], [b]) => (a < b ? -1 : 1));
  return shortHash(digestOf(pairs));
}

function resourceDigest(resource: ResourceResult): Buffer {
  return digestOf([
    resource.key,
    resource.apiVersion,
    resource.kind,
    resource.namespace ?? null,
    resource.name,
    resource.sync,
    resource.health?.status ?? null,
    resource.health?.message ?? null,
    resource.changes,
    resource.desired ?? null,
    resource.live ?? null,
    resource.diff,
  ]);
}

function hashOf(content: unknown[]): string {
  return digestOf(content).toString('base64url');
}

function digestOf(content: unknown[]): Buffer {
  return createHash('sha256').update(JSON.stringify(content)).digest();
}

function toDeploymentStatus(row: Row): DeploymentStatus {
  return {
    ...rowKey(row),
    namespace: row.namespace,
    sync: row.sync_status as DeploymentSyncStatus,
    health: row.health_status as HealthStatus,
    reason: row.reason ?? undefined,
    revision: row.revision ?? undefined,
    resourceCount: Number(row.resource_count),
    driftCount: Number(row.drift_count),
    syncSince: toIsoString(row.sync_since),
    healthSince: toIsoString(row.health_since),
    updatedAt: toIsoString(row.updated_at),
  };
}

function toResourceStatus(row: Row): ResourceStatus {
  return {
    key: row.resource_key,
    apiVersion: row.api_version,
    kind: row.kind,
    namespace: row.namespace ?? undefined,
    name: row.name,
    sync: row.sync_status as SyncStatus,
    health: row.health_status
      ? {
          status: row.health_status as HealthStatus,
          message: row.health_message ?? undefined,
        }
      : undefined,
    changes: JSON.parse(row.changes),
    updatedAt: toIsoString(row.updated_at),
  };
}

function toEpisode(row: Row): NotificationEpisode {
  return {
    ...rowKey(row),
    problem: row.problem,
    since: toIsoString(row.since),
    notifiedAt: row.notified_at ? toIsoString(row.notified_at) : undefined,
    recoveredAt: row.recovered_at ? toIsoString(row.recovered_at) : undefined,
  };
}

/** PostgreSQL returns Date objects; SQLite returns what was stored (ISO strings). */
function toIsoString(value: Date | string | number): string {
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\d \d\d:/.test(value)) {
    // SQLite's CURRENT_TIMESTAMP: UTC without a zone.
    return new Date(`${value.replace(' ', 'T')}Z`).toISOString();
  }
  return new Date(value).toISOString();
}

function keyString(key: DeploymentKey): string {
  // Catalog refs hold no newline.
  return `${key.entityRef}\n${key.environmentRef}\n${key.clusterRef}`;
}

function pickKey(key: DeploymentKey): DeploymentKey {
  return {
    entityRef: key.entityRef,
    environmentRef: key.environmentRef,
    clusterRef: key.clusterRef,
  };
}

function keyColumns(key: DeploymentKey) {
  return {
    entity_ref: key.entityRef,
    environment_ref: key.environmentRef,
    cluster_ref: key.clusterRef,
  };
}

function keyTuple(key: DeploymentKey): string[] {
  return [key.entityRef, key.environmentRef, key.clusterRef];
}

function rowKey(row: Row): DeploymentKey {
  return {
    entityRef: row.entity_ref,
    environmentRef: row.environment_ref,
    clusterRef: row.cluster_ref,
  };
}

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) {
    yield items.slice(i, i + size);
  }
}
