/*
 * One scenario on one database, in this process: the reconciler on its real code paths (Git
 * reader, watch caches, reconcile loop under a lease, knex store), the clusters in the emulator
 * process. Measures cold start, a steady resync, event latency and rows written, memory per
 * tracked object and the status route under load; returns the figures.
 */
import { describeGrowth, memoryBreakdown } from './memoryBreakdown';
import { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { DefaultResourceHealthChecker } from '@shipshape/plugin-gitops-node';
import express from 'express';
import knexFactory, { Knex } from 'knex';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  readGitopsConfig,
  ReconcilerConfig,
} from '../src/config/readGitopsConfig';
import { DatabaseGitopsStore } from '../src/database/DatabaseGitopsStore';
import { GitopsStore, SaveResult } from '../src/database/GitopsStore';
import { DesiredStateReader } from '../src/desired/DesiredStateReader';
import { LiveStateCache } from '../src/live';
import { Reconciler } from '../src/reconciler/Reconciler';
import { releaseMemory } from '../src/reconciler/releaseMemory';
import { DeploymentResult } from '../src/reconciler/types';
import { createRouter, RouterOptions } from '../src/service/createRouter';
import {
  clusterOf,
  clusterRef,
  deploymentCount,
  editTarget,
  editValue,
  environmentName,
  FromEmulators,
  maxEdits,
  now,
  OBJECTS_PER_COMPONENT,
  Scenario,
  TOKEN,
  ToEmulators,
  WARM_UP,
} from './workload';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface EventPhaseFigures {
  rate: number;
  edits: number;
  /** Edits the emulator could not make (HTTP errors). */
  failed: number;
  achievedRate: number;
  stored: number;
  lost: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  saves: number;
  rowsWritten: number;
  statusesChanged: number;
  historyRows: number;
  episodeRows: number;
  /** Deployment and resource statuses that differ from their previous result, as counted here. */
  observedChanges: number;
  /** The longest the event loop was blocked during the phase. */
  maxEventLoopDelayMs: number;
}

export interface ScenarioFigures {
  scenario: string;
  db: DatabaseKind;
  quick: boolean;
  clusters: number;
  deployments: number;
  liveObjects: number;
  trackedObjects: number;
  setup: { repositorySeconds: number; seedSeconds: number };
  coldStartSeconds: number;
  /** CPU seconds the backend process used during the cold start (the git child processes not included). */
  coldStartCpuSeconds: number;
  coldStartMaxEventLoopDelayMs: number;
  coldStartStatuses: { syncedHealthy: number; other: number };
  steadyCycle: {
    cpuSeconds: number;
    /** The resync right after the memory release, which regrows what it handed back. */
    firstAfterReleaseCpuSeconds: number;
    wallSeconds: number;
    maxEventLoopDelayMs: number;
    reconciled: number;
    rowsWritten: number;
  };
  events: EventPhaseFigures[];
  memory: {
    baselineRssBytes: number;
    rssBytes: number;
    /** (RSS after the cold start − RSS before it, the store open) ÷ tracked objects: the target's. */
    rssPerObjectBytes: number;
    /** The whole process's RSS ÷ tracked objects (fixed cost included). */
    totalRssPerObjectBytes: number;
    heapUsedPerObjectBytes: number;
    /** Heap reserved by V8 (used or not) and memory outside it, per object. */
    heapTotalPerObjectBytes: number;
    externalPerObjectBytes: number;
  };
  route: {
    entities: number;
    connections: number;
    seconds: number;
    requests: number;
    requestsPerSecond: number;
    p50Ms: number;
    p99Ms: number;
    maxMs: number;
    errors: number;
    clusterRequests: number;
    clusterRequestsPerPageView: number;
  };
}

const ROUTE_ENTITIES = 10_000;
const ROUTE_CONNECTIONS = 50;

const progress = (message: string) =>
  console.error(`  ${new Date().toISOString().slice(11, 19)} ${message}`);

const logger: LoggerService = {
  error: message => console.error(`[error] ${message}`),
  warn: message => console.error(`[warn] ${message}`),
  // Only the reconciler's memory release after the cold start (its pause and what it freed).
  info: message => {
    if (message.includes('memory released')) progress(message);
  },
  debug: () => {},
  child: () => logger,
};

const hasTaskset = () => {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    // Not availableParallelism(): it counts only the cores this process is pinned to.
    return os.cpus().length >= 2;
  } catch {
    return false;
  }
};

/** Runs a command pinned to a core when taskset is there. */
export function spawnPinned(
  core: number,
  command: string,
  args: string[],
  stdio: Parameters<typeof spawn>[2]['stdio'],
): ChildProcess {
  return hasTaskset()
    ? spawn('taskset', ['-c', String(core), command, ...args], { stdio })
    : spawn(command, args, { stdio });
}

/** The emulator process, with one request in flight at a time. */
class Emulators {
  private constructor(private readonly child: ChildProcess) {}

  static start(
    s: Scenario,
    repository: string,
    warmUpRepository: string,
  ): Emulators {
    const child = spawnPinned(
      1,
      process.execPath,
      [
        ...process.execArgv,
        path.join(__dirname, 'emulatorProcess.ts'),
        JSON.stringify(s),
        repository,
        warmUpRepository,
      ],
      ['ignore', 'inherit', 'inherit', 'ipc'],
    );
    return new Emulators(child);
  }

  next<T extends FromEmulators['type']>(
    type: T,
  ): Promise<Extract<FromEmulators, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`the emulator process exited (${code})`));
      // Backstage's node transform sends messages of its own (file watching): skip those.
      const onMessage = (message: FromEmulators) => {
        if (message?.type !== type) return;
        this.child.off('exit', onExit);
        this.child.off('message', onMessage);
        resolve(message as Extract<FromEmulators, { type: T }>);
      };
      this.child.once('exit', onExit);
      this.child.on('message', onMessage);
    });
  }

  ask<T extends FromEmulators['type']>(message: ToEmulators, type: T) {
    const answer = this.next(type);
    this.child.send(message);
    return answer;
  }

  async requests(): Promise<number> {
    const { counts } = await this.ask({ type: 'requests' }, 'requests');
    return counts.reduce((sum, count) => sum + count, 0);
  }

  async stop() {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise(resolve => this.child.once('exit', resolve));
    if (this.child.connected) this.child.send({ type: 'exit' });
    const timer = setTimeout(() => this.child.kill(), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

/** A database for one bench run: a SQLite file in `work`, or a throwaway PostgreSQL database. */
export async function openDatabase(
  kind: DatabaseKind,
  work: string,
): Promise<{ knex: Knex; drop: () => Promise<void> }> {
  if (kind === 'sqlite') {
    // As Backstage's SQLite connector opens a plugin database on a file.
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(work, 'gitops.sqlite') },
      useNullAsDefault: true,
    });
    return { knex, drop: () => knex.destroy() };
  }
  const url =
    process.env.SHIPSHAPE_TEST_POSTGRES_URL ??
    'postgresql://postgres@127.0.0.1:5432/postgres';
  const name = `shipshape_bench_${process.pid}_${Date.now()}`;
  const admin = knexFactory({ client: 'pg', connection: url });
  await admin.raw(`CREATE DATABASE ${name}`);
  const connection = new URL(url);
  connection.pathname = `/${name}`;
  const knex = knexFactory({ client: 'pg', connection: connection.toString() });
  return {
    knex,
    drop: async () => {
      await knex.destroy();
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.destroy();
    },
  };
}

/**
 * The plugin's REST router, every request allowed, under /api/gitops on a loopback port; `base`
 * is the server's URL.
 */
export async function serveRouter(
  options: Omit<RouterOptions, 'httpAuth' | 'permissions'>,
): Promise<{ server: Server; base: string }> {
  const app = express();
  app.use(
    '/api/gitops',
    await createRouter({
      ...options,
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions({ result: AuthorizeResult.ALLOW }),
    }),
  );
  const server = app.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  return {
    server,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  };
}

/** The `q` quantile of ascending numbers (NaN for none). */
export const quantile = (sorted: number[], q: number) =>
  sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

async function until(
  condition: () => boolean,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

/** Watches the event loop's delays; stop() returns the longest, in milliseconds. */
async function eventLoopDelay() {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  // A delay is measured from the previous tick: a block before the first one would be missed.
  await sleep(50);
  return {
    // A block is recorded when the timer fires after it: give it the chance.
    stop: async () => {
      await sleep(50);
      histogram.disable();
      return histogram.max / 1e6;
    },
  };
}

const hashOf = (value: unknown) =>
  createHash('sha1').update(JSON.stringify(value)).digest('base64');

const deploymentTuple = (result: DeploymentResult) =>
  JSON.stringify([
    result.namespace,
    result.sync,
    result.health,
    result.reason ?? null,
    result.revision ?? null,
    result.resources.length,
    result.resources.filter(r => r.sync !== 'Synced').length,
  ]);

const idOf = (d: {
  entityRef: string;
  environmentRef: string;
  clusterRef: string;
}) => `${d.entityRef}|${d.environmentRef}|${d.clusterRef}`;

/** Notification episode rows a save writes for its transitions (see GitopsStore). */
function episodeRowsOf(saved: SaveResult) {
  let rows = 0;
  for (const t of saved.transitions) {
    const problem =
      (t.field === 'sync' && 'OutOfSync') ||
      (t.field === 'health' && 'Degraded') ||
      undefined;
    if (!problem) continue;
    if (t.to === problem && t.from !== problem) rows += 1; // opened
    if (t.from === problem && t.to !== problem) rows += 1; // unnotified one deleted
  }
  return rows;
}

/**
 * A reconciler on its real code paths: a live cache per emulated cluster (`cluster-<i>` in the
 * order of `urls`, as the repository's environments name them), a Git reader of `origin`, and the
 * store. The lease is the caller's; `close` stops the caches and the reader.
 */
function createBenchReconciler(options: {
  urls: string[];
  origin: string;
  cacheDirectory: string;
  store: GitopsStore;
  config: ReconcilerConfig;
}) {
  const { config } = options;
  const caches = new Map<string, LiveStateCache>();
  options.urls.forEach((url, i) => {
    caches.set(
      clusterRef(i),
      LiveStateCache.create({
        cluster: { name: clusterRef(i), url, token: TOKEN },
        logger,
        watchdogMs: config.watchdogMs,
        unreachableAfterMs: config.unreachableAfterMs,
      }),
    );
  });
  const reader = DesiredStateReader.create({
    source: { url: options.origin, branch: 'main', root: 'environments' },
    cacheDirectory: options.cacheDirectory,
    logger,
  });
  const reconciler = Reconciler.create({
    config,
    reader,
    store: options.store,
    clusters: caches,
    checker: DefaultResourceHealthChecker.create(),
    logger,
  });
  const close = async () => {
    await Promise.all([...caches.values()].map(c => c.stop()));
    reader.close();
  };
  return { reconciler, caches, close };
}

/**
 * The warm-up before the memory baseline (see WARM_UP): a reconciler with a live cache, a Git
 * reader and a store of its own (a second database) reconciles one deployment, then all of it is
 * stopped and dropped. Returns how long it took.
 */
async function warmUp(
  db: DatabaseKind,
  work: string,
  url: string,
  config: ReconcilerConfig,
): Promise<number> {
  const started = now();
  const dir = path.join(work, 'warm-up');
  fs.mkdirSync(dir);
  const database = await openDatabase(db, dir);
  const { reconciler, close } = createBenchReconciler({
    urls: [url],
    origin: path.join(work, 'warm-up-origin'),
    cacheDirectory: path.join(dir, 'cache'),
    store: await DatabaseGitopsStore.create({ database: database.knex }),
    config,
  });
  let saved = 0;
  reconciler.onSaved((_, results) => {
    saved += results.length;
  });
  const lease = new AbortController();
  const running = reconciler.runLease(lease.signal, 3600_000);
  try {
    if (!(await until(() => saved >= deploymentCount(WARM_UP), 60_000))) {
      throw new Error('warm-up: its deployment was not stored within 60 s');
    }
  } finally {
    lease.abort();
    await running;
    reconciler.stop();
    await close();
    await database.drop();
  }
  return (now() - started) / 1000;
}

export async function runScenario(
  s: Scenario,
  db: DatabaseKind,
  quick: boolean,
): Promise<ScenarioFigures> {
  if (!global.gc) throw new Error('run node with --expose-gc');
  const deployments = deploymentCount(s);
  const phaseSeconds = quick ? 3 : 10;
  const work = fs.mkdtempSync(
    path.join(os.tmpdir(), 'gitops-reconciler-bench-'),
  );
  // The repository is generated in the emulator process too, so that its garbage is not
  // counted in this process's memory.
  const emulators = Emulators.start(
    s,
    path.join(work, 'origin'),
    path.join(work, 'warm-up-origin'),
  );
  const cleanups: Array<() => Promise<unknown> | unknown> = [
    () => emulators.stop(),
    () => fs.rmSync(work, { recursive: true, force: true }),
  ];
  const cleanUp = async () => {
    for (const cleanup of cleanups.splice(0)) {
      try {
        await cleanup();
      } catch (error) {
        console.error(`cleanup failed: ${error}`);
      }
    }
  };
  // Interrupted: still drop the database and the temporary files.
  const onSignal = () => cleanUp().finally(() => process.exit(130));
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  try {
    const origin = path.join(work, 'origin');
    const {
      urls,
      warmUpUrl,
      objects: liveObjects,
      revision,
      repositorySeconds,
      seedSeconds,
    } = await emulators.next('ready');
    progress(
      `repository of ${deployments} components in ${repositorySeconds.toFixed(
        1,
      )} s; ${
        urls.length
      } cluster(s) seeded with ${liveObjects} objects in ${seedSeconds.toFixed(
        1,
      )} s`,
    );

    const database = await openDatabase(db, work);
    cleanups.unshift(() => database.drop());
    const store = await DatabaseGitopsStore.create({ database: database.knex });

    const config = readGitopsConfig(
      new ConfigReader({
        gitops: {
          reconciler: {
            // The full resync is measured on its own, not mixed into the other phases.
            resyncInterval: { hours: 1 },
            notifications: { enabled: false },
          },
        },
      }),
    ).reconciler;

    const warmUpSeconds = await warmUp(db, work, warmUpUrl, config);
    progress(
      `warm-up: one deployment of ${OBJECTS_PER_COMPONENT} objects reconciled on its own cluster and database in ${warmUpSeconds.toFixed(
        1,
      )} s`,
    );
    // The baseline after the warm-up and the release the reconciler makes after its cold start (a
    // memory-reducing GC, then malloc_trim): what module loading, the migrations and the warm-up
    // left spare is not subtracted from the cold start's growth.
    await releaseMemory();
    const baseline = process.memoryUsage();
    const baselineBreakdown = memoryBreakdown();

    // --- cold start ------------------------------------------------------------------------
    const { reconciler, caches, close } = createBenchReconciler({
      urls,
      origin,
      cacheDirectory: path.join(work, 'cache'),
      store,
      config,
    });

    // What the saves did, for every phase.
    const stored = new Map<string, string>();
    let allStoredAt: number | undefined;
    let transitions = 0;
    let episodeRows = 0;
    let observedChanges = 0;
    let capturingSteadyState = false;
    let tracking = false;
    const steadyDeployment = new Map<string, string>();
    const lastDeployment = new Map<string, string>();
    const lastResource = new Map<string, string>();
    /** "cluster|resource key" → the edit's value (undefined: the original) and when it was stored. */
    const tracker = {
      pending: new Map<string, { value?: string; savedAt?: number }>(),
      unsaved: 0,
    };
    const allEditsStored = (timeoutMs: number) =>
      until(() => tracker.unsaved === 0, timeoutMs);
    reconciler.onSaved((saved, results) => {
      const at = now();
      transitions += saved.transitions.length;
      episodeRows += episodeRowsOf(saved);
      if (allStoredAt === undefined) {
        for (const result of results) {
          stored.set(idOf(result), `${result.sync}/${result.health}`);
        }
        if (stored.size === deployments) allStoredAt = at;
      }
      if (capturingSteadyState) {
        for (const result of results) {
          steadyDeployment.set(idOf(result), deploymentTuple(result));
        }
      }
      if (tracking) {
        for (const result of results) {
          const id = idOf(result);
          const tuple = deploymentTuple(result);
          if (tuple !== (lastDeployment.get(id) ?? steadyDeployment.get(id))) {
            observedChanges += 1;
          }
          lastDeployment.set(id, tuple);
          for (const resource of result.resources) {
            const key = `${id}|${resource.key}`;
            const previous = lastResource.get(key);
            // Not seen since the steady state, which had every resource Synced: unchanged.
            if (previous === undefined && resource.sync === 'Synced') continue;
            const hash = hashOf(resource);
            if (previous !== hash) observedChanges += 1;
            lastResource.set(key, hash);
          }
        }
      }
      if (tracker.unsaved > 0) {
        for (const result of results) {
          for (const resource of result.resources) {
            if (resource.kind !== 'ConfigMap') continue;
            const entry = tracker.pending.get(
              `${result.clusterRef}|${resource.key}`,
            );
            if (!entry || entry.savedAt !== undefined) continue;
            const reflected =
              entry.value === undefined
                ? resource.sync === 'Synced'
                : resource.changes.some(c => c.live === entry.value);
            if (reflected) {
              entry.savedAt = at;
              tracker.unsaved -= 1;
            }
          }
        }
      }
    });

    const lease = new AbortController();
    let loopDelay = await eventLoopDelay();
    let started = now();
    const coldStartCpu = process.cpuUsage();
    const running = reconciler.runLease(lease.signal, 24 * 3600_000);
    let stopped = false;
    const stopReconciler = async () => {
      if (stopped) return;
      stopped = true;
      lease.abort();
      await running;
      await close();
    };
    cleanups.unshift(stopReconciler);
    const coldStartLimitMs = (quick ? 5 : 20) * 60_000;
    if (!(await until(() => allStoredAt !== undefined, coldStartLimitMs))) {
      throw new Error(
        `cold start: ${
          stored.size
        } of ${deployments} deployments stored after ${
          coldStartLimitMs / 1000
        } s`,
      );
    }
    const coldStartSeconds = (allStoredAt! - started) / 1000;
    const coldStartCpuUsed = process.cpuUsage(coldStartCpu);
    const coldStartCpuSeconds =
      (coldStartCpuUsed.user + coldStartCpuUsed.system) / 1e6;
    const coldStartMaxEventLoopDelayMs = await loopDelay.stop();
    const syncedHealthy = [...stored.values()].filter(
      v => v === 'Synced/Healthy',
    ).length;
    progress(
      `cold start: ${deployments} deployments stored in ${coldStartSeconds.toFixed(
        2,
      )} s (${syncedHealthy} Synced/Healthy; this process's CPU until now ${coldStartCpuSeconds.toFixed(
        2,
      )} s, git's not included)`,
    );

    // --- memory ----------------------------------------------------------------------------
    // Measured as the baseline was: right after the release the reconciler makes (a
    // memory-reducing GC, then malloc_trim), so that both sides hold only what is in use.
    await sleep(2000);
    await reconciler.flush();
    await releaseMemory();
    const memory = process.memoryUsage();
    const trackedObjects = [...caches.values()].reduce(
      (sum, cache) => sum + cache.stats().objects,
      0,
    );
    const rssPerObjectBytes = (memory.rss - baseline.rss) / trackedObjects;
    progress(
      `memory: ${trackedObjects} live objects tracked, RSS +${Math.round(
        (memory.rss - baseline.rss) / 1048576,
      )} MiB = ${Math.round(rssPerObjectBytes)} B per object (heap ${Math.round(
        (memory.heapUsed - baseline.heapUsed) / trackedObjects,
      )} B; process ${Math.round(memory.rss / 1048576)} MiB)`,
    );
    progress(
      `memory growth: ${describeGrowth(baselineBreakdown, memoryBreakdown())}`,
    );
    // For looking into what the growth is made of (Chrome's memory tools read the file).
    if (process.env.BENCH_HEAP_SNAPSHOT) {
      v8.writeHeapSnapshot(process.env.BENCH_HEAP_SNAPSHOT);
    }
    // --- one steady full resync ------------------------------------------------------------
    const markAll = () =>
      (reconciler as unknown as { markAll(): void }).markAll();
    const fullResync = async () => {
      await reconciler.flush();
      const reconciles = reconciler.stats.reconciles;
      markAll();
      for (
        let i = 0;
        i < 5 && reconciler.stats.reconciles - reconciles < deployments;
        i++
      ) {
        await reconciler.flush();
      }
      return reconciler.stats.reconciles - reconciles;
    };
    // The first resync after the memory release regrows what it handed back (V8's young
    // generation, malloc's pages): reported on its own; the steady cycle is the one after it.
    let cpu = process.cpuUsage();
    await fullResync();
    let cpuUsed = process.cpuUsage(cpu);
    const firstResyncCpuSeconds = (cpuUsed.user + cpuUsed.system) / 1e6;
    const rows = reconciler.stats.rowsWritten;
    loopDelay = await eventLoopDelay();
    cpu = process.cpuUsage();
    started = now();
    const reconciled = await fullResync();
    cpuUsed = process.cpuUsage(cpu);
    const steadyCycle = {
      cpuSeconds: (cpuUsed.user + cpuUsed.system) / 1e6,
      firstAfterReleaseCpuSeconds: firstResyncCpuSeconds,
      wallSeconds: (now() - started) / 1000,
      reconciled,
      rowsWritten: reconciler.stats.rowsWritten - rows,
      maxEventLoopDelayMs: await loopDelay.stop(),
    };
    progress(
      `steady resync: ${reconciled} deployments, ${steadyCycle.cpuSeconds.toFixed(
        2,
      )} CPU-s, ${
        steadyCycle.rowsWritten
      } rows written (the first resync after the memory release: ${firstResyncCpuSeconds.toFixed(
        2,
      )} CPU-s)`,
    );

    // --- watch event → stored status ---------------------------------------------------------
    // Every deployment's steady status, to count what changes from it (not part of a timing).
    capturingSteadyState = true;
    await fullResync();
    capturingSteadyState = false;
    tracking = true;

    const events: EventPhaseFigures[] = [];
    let seq = 0;
    for (const rate of [100, 1000]) {
      const edits = Math.min(rate * phaseSeconds, maxEdits(s));
      tracker.pending = new Map();
      const bySeq = new Map<number, { savedAt?: number; key: string }>();
      for (let i = 0; i < edits; i++) {
        const target = editTarget(s, i);
        const entry: { value?: string; savedAt?: number } = {
          value: editValue(seq + i),
        };
        const key = `${clusterRef(target.cluster)}|/ConfigMap/${
          target.namespace
        }/${target.name}`;
        tracker.pending.set(key, entry);
        bySeq.set(seq + i, Object.assign(entry, { key }));
      }
      tracker.unsaved = edits;
      const before = {
        saves: reconciler.stats.saves,
        rows: reconciler.stats.rowsWritten,
        changed: reconciler.stats.statusesChanged,
        transitions,
        episodeRows,
        observedChanges,
      };
      loopDelay = await eventLoopDelay();
      const edited = await emulators.ask(
        { type: 'edit', first: seq, from: 0, count: edits, rate },
        'edited',
      );
      seq += edits;
      // Edits the emulator could not make are not waited for.
      const written = new Set(edited.writes.map(([edit]) => edit));
      for (const [edit, entry] of bySeq) {
        if (!written.has(edit) && entry.savedAt === undefined) {
          tracker.pending.delete(entry.key);
          tracker.unsaved -= 1;
        }
      }
      await allEditsStored(60_000);
      const maxEventLoopDelayMs = await loopDelay.stop();
      const latencies = edited.writes
        .map(([edit, at]) => {
          const savedAt = bySeq.get(edit)?.savedAt;
          return savedAt === undefined ? NaN : savedAt - at;
        })
        .filter(ms => !Number.isNaN(ms))
        .sort((a, b) => a - b);
      const phase: EventPhaseFigures = {
        rate,
        edits,
        achievedRate:
          edited.writes.length > 1
            ? ((edited.writes.length - 1) * 1000) /
              (edited.lastWriteAt - edited.firstWriteAt)
            : 0,
        failed: edited.failed,
        stored: latencies.length,
        lost: edited.writes.length - latencies.length,
        p50Ms: quantile(latencies, 0.5),
        p99Ms: quantile(latencies, 0.99),
        maxMs: latencies[latencies.length - 1] ?? NaN,
        saves: reconciler.stats.saves - before.saves,
        rowsWritten: reconciler.stats.rowsWritten - before.rows,
        statusesChanged: reconciler.stats.statusesChanged - before.changed,
        historyRows: transitions - before.transitions,
        episodeRows: episodeRows - before.episodeRows,
        observedChanges: observedChanges - before.observedChanges,
        maxEventLoopDelayMs,
      };
      events.push(phase);
      progress(
        `${rate} edits/s: ${
          phase.stored
        }/${edits} stored (${phase.achievedRate.toFixed(
          0,
        )}/s achieved), p50 ${phase.p50Ms.toFixed(
          0,
        )} ms, p99 ${phase.p99Ms.toFixed(0)} ms; ${
          phase.rowsWritten
        } rows for ${phase.statusesChanged} statuses changed (${
          phase.observedChanges
        } observed)`,
      );

      // Back to the steady state before the next phase.
      for (const entry of tracker.pending.values()) {
        entry.value = undefined;
        entry.savedAt = undefined;
      }
      tracker.unsaved = tracker.pending.size;
      await emulators.ask(
        {
          type: 'edit',
          first: 0,
          from: 0,
          count: edits,
          rate: 0,
          revert: true,
        },
        'edited',
      );
      if (!(await allEditsStored(120_000))) {
        throw new Error(
          `${tracker.unsaved} reverted edits were not stored within 2 minutes`,
        );
      }
    }
    tracking = false;

    // --- the status route under load ---------------------------------------------------------
    // The reconciler and its watches stop: any cluster request from now on is a page view's.
    await stopReconciler();
    const entityRefs = [
      ...new Set([...stored.keys()].map(id => id.split('|')[0])),
    ];
    const extra: DeploymentResult[] = [];
    for (let i = entityRefs.length; i < ROUTE_ENTITIES; i++) {
      const environment = i % s.environments;
      const entityRef = `component:default/extra-${String(i).padStart(5, '0')}`;
      entityRefs.push(entityRef);
      extra.push({
        entityRef,
        environmentRef: `environment:default/${environmentName(environment)}`,
        clusterRef: clusterRef(clusterOf(s, environment)),
        namespace: environmentName(environment),
        sync: 'Synced',
        health: 'Healthy',
        revision,
        resources: [],
      });
    }
    for (let i = 0; i < extra.length; i += 500) {
      await store.saveDeployments(extra.slice(i, i + 500));
    }
    const { server, base } = await serveRouter({ store });
    cleanups.unshift(() => new Promise(resolve => server.close(resolve)));
    // Many entities, in an order that is not the table's.
    const paths = entityRefs
      .map((ref, i) => ({ ref, order: (i * 7919) % entityRefs.length }))
      .sort((a, b) => a.order - b.order)
      .map(
        ({ ref }) => `/api/gitops/status?entityRef=${encodeURIComponent(ref)}`,
      );
    const check = await fetch(`${base}${paths[0]}`);
    if (!check.ok) {
      throw new Error(
        `GET /status answered ${check.status}: ${await check.text()}`,
      );
    }
    const load = (seconds: number) =>
      emulators.ask(
        {
          type: 'load',
          url: base,
          paths,
          connections: ROUTE_CONNECTIONS,
          durationSeconds: seconds,
        },
        'loaded',
      );
    await load(quick ? 1 : 2); // warm-up, not counted
    const requestsBefore = await emulators.requests();
    const loadSeconds = phaseSeconds;
    const loaded = await load(loadSeconds);
    // Requests the load generator abandoned when it stopped may still be answered.
    await sleep(1000);
    const clusterRequests = (await emulators.requests()) - requestsBefore;
    const route = {
      entities: entityRefs.length,
      connections: ROUTE_CONNECTIONS,
      seconds: loadSeconds,
      requests: loaded.requests,
      requestsPerSecond: loaded.requestsPerSecond,
      p50Ms: loaded.latency.p50,
      p99Ms: loaded.latency.p99,
      maxMs: loaded.latency.max,
      errors: loaded.errors + loaded.non2xx,
      clusterRequests,
      clusterRequestsPerPageView:
        clusterRequests / Math.max(1, loaded.requests),
    };
    progress(
      `GET /status: ${route.requests} requests over ${route.entities} entities, p99 ${route.p99Ms} ms, ${route.errors} errors, ${clusterRequests} cluster requests`,
    );

    return {
      scenario: s.name,
      db,
      quick,
      clusters: s.clusters,
      deployments,
      liveObjects,
      trackedObjects,
      setup: { repositorySeconds, seedSeconds },
      coldStartSeconds,
      coldStartCpuSeconds,
      coldStartMaxEventLoopDelayMs,
      coldStartStatuses: {
        syncedHealthy,
        other: deployments - syncedHealthy,
      },
      steadyCycle,
      events,
      memory: {
        baselineRssBytes: baseline.rss,
        rssBytes: memory.rss,
        rssPerObjectBytes,
        totalRssPerObjectBytes: memory.rss / trackedObjects,
        heapUsedPerObjectBytes:
          (memory.heapUsed - baseline.heapUsed) / trackedObjects,
        heapTotalPerObjectBytes:
          (memory.heapTotal - baseline.heapTotal) / trackedObjects,
        externalPerObjectBytes:
          (memory.external +
            memory.arrayBuffers -
            baseline.external -
            baseline.arrayBuffers) /
          trackedObjects,
      },
      route,
    };
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    await cleanUp();
  }
}
