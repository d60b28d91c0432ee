/*
 * Benchmark of GET /team-summary: a team of 200 services (owned by the group and 4 sub-groups)
 * × 5 environments, among 1,000 other teams' services (6,000 deployments in the store, a
 * catalog of ~1,250 entities with dependencies). The real router, team service and store (SQLite
 * file or PostgreSQL) with an in-memory catalog; the load comes from another process (pinned to
 * core 1 when taskset is there). Prints p50/p95/p99 and a JSON line; the target is p95 ≤ 100 ms.
 *
 *   yarn bench:team [--db sqlite|postgres] [--seconds N] [--connections N]
 */
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ChangeRequest } from '@shipshape/plugin-gitops-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyDatabaseMigrations } from '../src/database/applyDatabaseMigrations';
import { DatabaseGitopsStore } from '../src/database/DatabaseGitopsStore';
import { DeploymentResult } from '../src/reconciler/types';
import { CachedTeamCatalog } from '../src/teams/CachedTeamCatalog';
import { TeamSummaryService } from '../src/teams/TeamSummaryService';
import {
  openDatabase,
  quantile,
  serveRouter,
  spawnPinned,
} from './runScenario';

const TEAM_SERVICES = 200;
const SUBGROUPS = 4;
const OTHER_TEAMS = 20;
const OTHER_SERVICES_PER_TEAM = 50;
const ENVIRONMENTS: Array<[string, string]> = [
  ['dev', 'development'],
  ['qa', 'staging'],
  ['staging', 'staging'],
  ['prod-eu', 'production'],
  ['prod-us', 'production'],
];
const TARGET_P95_MS = 100;

function parseArguments(argv: string[]) {
  let db: 'sqlite' | 'postgres' = 'sqlite';
  let seconds = 10;
  let connections = 4;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--db') {
      const next = value();
      if (next !== 'sqlite' && next !== 'postgres') {
        throw new Error(`--db is sqlite or postgres, not ${next}`);
      }
      db = next;
    } else if (arg === '--seconds') {
      seconds = Number(value());
      if (!(seconds > 0 && seconds <= 60)) {
        throw new Error('--seconds is between 1 and 60');
      }
    } else if (arg === '--connections') {
      connections = Number(value());
      if (!(connections >= 1 && connections <= 64)) {
        throw new Error('--connections is between 1 and 64');
      }
    } else {
      throw new Error(
        `unknown argument ${arg}; usage: [--db sqlite|postgres] [--seconds N] [--connections N]`,
      );
    }
  }
  return { db, seconds, connections };
}

const rel = (type: string, targetRef: string) => ({ type, targetRef });
const pad = (n: number) => String(n).padStart(3, '0');

/** The catalog: the team, its sub-groups, other teams, services with dependencies, environments. */
function catalogEntities(): Entity[] {
  const entities: Entity[] = [];
  const group = (name: string, relations: Entity['relations'] = []) =>
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name },
      spec: { type: 'team' },
      relations,
    });
  group(
    'big-team',
    Array.from({ length: SUBGROUPS }, (_, i) =>
      rel('parentOf', `group:default/big-team-${i}`),
    ),
  );
  for (let i = 0; i < SUBGROUPS; i++) {
    group(`big-team-${i}`, [rel('childOf', 'group:default/big-team')]);
  }
  for (let t = 0; t < OTHER_TEAMS; t++) group(`team-${t}`);

  for (let i = 0; i < TEAM_SERVICES; i++) {
    const owner =
      i % (SUBGROUPS + 1) === 0 ? 'big-team' : `big-team-${i % SUBGROUPS}`;
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: `svc-${pad(i)}`, title: `Service ${i}` },
      spec: { type: 'service' },
      relations: [
        rel('ownedBy', `group:default/${owner}`),
        // Chains of 10 inside the team: svc-i depends on svc-(i+1).
        ...(i % 10 !== 9
          ? [rel('dependsOn', `component:default/svc-${pad(i + 1)}`)]
          : []),
      ],
    });
  }
  for (let t = 0; t < OTHER_TEAMS; t++) {
    for (let j = 0; j < OTHER_SERVICES_PER_TEAM; j++) {
      const n = t * OTHER_SERVICES_PER_TEAM + j;
      entities.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: `other-${t}-${j}` },
        spec: { type: 'service' },
        relations: [
          rel('ownedBy', `group:default/team-${t}`),
          rel('dependsOn', `component:default/svc-${pad(n % TEAM_SERVICES)}`),
        ],
      });
    }
  }
  for (const [name, type] of ENVIRONMENTS) {
    entities.push({
      apiVersion: 'gitops.shipshape.dev/v1alpha1',
      kind: 'Environment',
      metadata: { name },
      spec: { type },
    });
  }
  return entities;
}

function deployments(): DeploymentResult[] {
  const results: DeploymentResult[] = [];
  const components = [
    ...Array.from({ length: TEAM_SERVICES }, (_, i) => `svc-${pad(i)}`),
    ...Array.from(
      { length: OTHER_TEAMS * OTHER_SERVICES_PER_TEAM },
      (_, n) =>
        `other-${Math.floor(n / OTHER_SERVICES_PER_TEAM)}-${
          n % OTHER_SERVICES_PER_TEAM
        }`,
    ),
  ];
  components.forEach((name, i) => {
    ENVIRONMENTS.forEach(([environment], e) => {
      const k = i * ENVIRONMENTS.length + e;
      results.push({
        entityRef: `component:default/${name}`,
        environmentRef: `environment:default/${environment}`,
        clusterRef: `resource:default/cluster-${environment}`,
        namespace: environment,
        // 5% out of sync, 2% degraded.
        sync: k % 20 === 3 ? 'OutOfSync' : 'Synced',
        health: k % 50 === 7 ? 'Degraded' : 'Healthy',
        revision: (k % 3 ? 'a' : 'b').repeat(40),
        resources: [],
      });
    });
  });
  return results;
}

function load(url: string, connections: number, seconds: number) {
  const child = spawnPinned(
    1,
    process.execPath,
    [
      ...process.execArgv,
      path.join(__dirname, 'teamLoadClient.ts'),
      url,
      String(connections),
      String(seconds),
    ],
    ['ignore', 'pipe', 'inherit'],
  );
  return new Promise<{ latencies: number[]; errors: number; bytes: number }>(
    (resolve, reject) => {
      let out = '';
      child.stdout!.on('data', chunk => {
        out += chunk;
      });
      child.once('exit', code => {
        const line = out.trim().split('\n').pop();
        if (code !== 0 || !line) {
          reject(new Error(`the load client exited with ${code}`));
          return;
        }
        resolve(JSON.parse(line));
      });
    },
  );
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-team-bench-'));
  const { knex, drop } = await openDatabase(options.db, work);
  let server: import('node:http').Server | undefined;
  try {
    await applyDatabaseMigrations(knex);
    const store = await DatabaseGitopsStore.create({
      database: knex,
      skipMigrations: true,
    });
    const all = deployments();
    for (let i = 0; i < all.length; i += 500) {
      await store.saveDeployments(all.slice(i, i + 500));
    }
    const entities = catalogEntities();
    // 20 open requests, half of them for the team's groups.
    const requests = Array.from(
      { length: 20 },
      (_, i): ChangeRequest => ({
        id: `shop/gitops#${i + 1}`,
        repository: 'shop/gitops',
        number: i + 1,
        title: `Change ${i + 1}`,
        url: `https://github.example/shop/gitops/pull/${i + 1}`,
        state: 'open',
        draft: false,
        approvals: [],
        headBranch: `change-${i + 1}`,
        baseBranch: 'main',
        createdAt: '2026-11-01T00:00:00Z',
        stateSince: '2026-11-01T00:00:00Z',
        updatedAt: '2026-11-01T00:00:00Z',
        action: 'update',
        environmentRef: 'environment:default/prod-eu',
        entityRefs: [`component:default/svc-${pad(i)}`],
        reviewers: [
          i % 2 ? 'group:default/big-team-1' : 'group:default/team-3',
        ],
      }),
    );
    const teamSummaries = TeamSummaryService.create({
      catalog: CachedTeamCatalog.create({
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        logger: mockServices.rootLogger({ level: 'warn' }),
      }),
      store,
      changeRequests: {
        // In memory: the change request store is measured by its own tests.
        listAwaitingApproval: async refs =>
          requests.filter(r => r.reviewers!.some(x => refs.includes(x))),
      },
    });
    let base: string;
    ({ server, base } = await serveRouter({ store, teamSummaries }));
    const url = `${base}/api/gitops/team-summary?groupRef=group:default/big-team`;

    const check = await fetch(url);
    const body = await check.json();
    if (!check.ok)
      throw new Error(`GET /team-summary: ${JSON.stringify(body)}`);
    if (body.services.length !== TEAM_SERVICES) {
      throw new Error(
        `expected ${TEAM_SERVICES} services, got ${body.services.length}`,
      );
    }
    console.error(
      `team: ${body.counts.services} services, ${body.counts.deployments} deployments, ${body.counts.outOfSync} out of sync, ${body.counts.degraded} degraded, ${body.degradedDependants.length} dependants of degraded services, ${body.counts.awaitingApproval} awaiting approval; catalog ${entities.length} entities, store ${all.length} deployments`,
    );

    await load(url, options.connections, 2); // warm-up, not counted
    const result = await load(url, options.connections, options.seconds);
    const sorted = [...result.latencies].sort((a, b) => a - b);
    const figures = {
      bench: 'team-summary',
      db: options.db,
      services: TEAM_SERVICES,
      environments: ENVIRONMENTS.length,
      connections: options.connections,
      seconds: options.seconds,
      requests: sorted.length,
      errors: result.errors,
      requestsPerSecond: Math.round(sorted.length / options.seconds),
      responseBytes: Math.round(result.bytes / Math.max(1, sorted.length)),
      p50Ms: Number(quantile(sorted, 0.5).toFixed(1)),
      p95Ms: Number(quantile(sorted, 0.95).toFixed(1)),
      p99Ms: Number(quantile(sorted, 0.99).toFixed(1)),
      maxMs: Number(sorted[sorted.length - 1].toFixed(1)),
    };
    console.log(JSON.stringify(figures));
    console.error(
      `GET /team-summary (${options.db}, ${
        options.connections
      } connections): p50 ${figures.p50Ms} ms, p95 ${figures.p95Ms} ms, p99 ${
        figures.p99Ms
      } ms over ${figures.requests} requests (${
        figures.errors
      } errors); target p95 ≤ ${TARGET_P95_MS} ms: ${
        figures.p95Ms <= TARGET_P95_MS ? 'met' : 'MISSED'
      }`,
    );
  } finally {
    await new Promise(resolve =>
      server ? server.close(resolve) : resolve(undefined),
    );
    await drop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
