import {
  ChangeRequest,
  DeploymentStatus,
  DeploymentSyncStatus,
  ENVIRONMENT_TYPES,
  TeamSummaryCell,
  TeamSummaryDependant,
  TeamSummaryEnvironment,
  TeamSummaryResponse,
  TeamSummaryService,
  worstHealth,
} from '@shipshape/plugin-gitops-common';
import { TeamCatalogSnapshot } from './TeamCatalogSnapshot';

const SYNC_RANK: Record<DeploymentSyncStatus, number> = {
  Synced: 0,
  Unknown: 1,
  OutOfSync: 2,
};

/** The worst sync: OutOfSync, then Unknown; Synced when there is none (as GET /status). */
function worstSync(statuses: Iterable<DeploymentSyncStatus>) {
  let worst: DeploymentSyncStatus = 'Synced';
  for (const status of statuses) {
    if (SYNC_RANK[status] > SYNC_RANK[worst]) worst = status;
  }
  return worst;
}

/** The earliest of ISO 8601 times (compared as instants, not as strings). */
function earliest(times: string[]): string | undefined {
  let best: { time: string; ms: number } | undefined;
  for (const time of times) {
    const ms = Date.parse(time);
    if (!best || ms < best.ms) best = { time, ms };
  }
  return best?.time;
}

const nameOf = (ref: string) => ref.slice(ref.indexOf('/') + 1);

function typeRank(type: string | undefined): number {
  const index = (ENVIRONMENT_TYPES as readonly string[]).indexOf(type ?? '');
  return index === -1 ? ENVIRONMENT_TYPES.length : index;
}

/** One environment's deployments of a service (one per cluster) as one cell. */
export function toCell(deployments: DeploymentStatus[]): TeamSummaryCell {
  const sorted = [...deployments].sort((a, b) =>
    a.clusterRef.localeCompare(b.clusterRef),
  );
  const sync = worstSync(sorted.map(d => d.sync));
  const health = worstHealth(sorted.map(d => d.health));
  const withRevision = sorted.filter(d => d.revision);
  const outOfSyncSince = earliest(
    sorted.filter(d => d.sync === 'OutOfSync').map(d => d.syncSince),
  );
  const degradedSince = earliest(
    sorted.filter(d => d.health === 'Degraded').map(d => d.healthSince),
  );
  // The reason of a deployment that makes the cell what it is.
  const reason = sorted.find(
    d =>
      d.reason &&
      ((health === 'Degraded' && d.health === 'Degraded') ||
        (health === 'Unknown' && d.health === 'Unknown') ||
        (sync === 'Unknown' && d.sync === 'Unknown')),
  )?.reason;
  const cell: TeamSummaryCell = {
    environmentRef: sorted[0].environmentRef,
    sync,
    health,
    driftCount: sorted.reduce((sum, d) => sum + d.driftCount, 0),
    resourceCount: sorted.reduce((sum, d) => sum + d.resourceCount, 0),
    clusterRefs: sorted.map(d => d.clusterRef),
  };
  if (withRevision.length > 0) {
    cell.revision = withRevision[0].revision;
    if (withRevision[0].revisionUrl) {
      cell.revisionUrl = withRevision[0].revisionUrl;
    }
    if (withRevision.some(d => d.revision !== cell.revision)) {
      cell.mixedRevisions = true;
    }
  }
  if (reason) cell.reason = reason;
  if (outOfSyncSince) cell.outOfSyncSince = outOfSyncSince;
  if (degradedSince) cell.degradedSince = degradedSince;
  return cell;
}

/**
 * The team summary of `groupRefs[0]` from already-read inputs: the services (owned components,
 * with their owning group), their deployments, the change requests awaiting the groups'
 * approval. Pure, so that the aggregation is tested without a database or a catalog.
 */
export function buildTeamSummary(input: {
  snapshot: TeamCatalogSnapshot;
  groupRef: string;
  includeSubgroups: boolean;
  groupRefs: string[];
  /** Entity ref → owning group. */
  services: Map<string, string>;
  deployments: DeploymentStatus[];
  awaitingApproval: ChangeRequest[];
  now: Date;
}): TeamSummaryResponse {
  const { snapshot, services: owned } = input;

  // entity → environment → deployments
  const byService = new Map<string, Map<string, DeploymentStatus[]>>();
  for (const deployment of input.deployments) {
    const entityRef = deployment.entityRef.toLocaleLowerCase('en-US');
    if (!owned.has(entityRef)) continue;
    let environments = byService.get(entityRef);
    if (!environments) {
      environments = new Map();
      byService.set(entityRef, environments);
    }
    const environmentRef = deployment.environmentRef.toLocaleLowerCase('en-US');
    const list = environments.get(environmentRef) ?? [];
    list.push(deployment);
    environments.set(environmentRef, list);
  }

  const environmentRefs = new Set<string>();
  const services: TeamSummaryService[] = [];
  for (const [entityRef, ownerRef] of owned) {
    const entity = snapshot.get(entityRef);
    const cells = [...(byService.get(entityRef)?.values() ?? [])].map(toCell);
    cells.forEach(cell => environmentRefs.add(cell.environmentRef));
    const service: TeamSummaryService = {
      entityRef,
      ownerRef,
      sync: worstSync(cells.map(c => c.sync)),
      health: worstHealth(cells.map(c => c.health)),
      cells,
    };
    if (entity?.title) service.title = entity.title;
    if (entity?.type) service.type = entity.type;
    services.push(service);
  }
  services.sort(
    (a, b) =>
      nameOf(a.entityRef).localeCompare(nameOf(b.entityRef)) ||
      a.entityRef.localeCompare(b.entityRef),
  );

  const environments: TeamSummaryEnvironment[] = [...environmentRefs].map(
    environmentRef => {
      const entity = snapshot.get(environmentRef);
      const environment: TeamSummaryEnvironment = { environmentRef };
      if (entity?.title) environment.title = entity.title;
      if (entity?.type) environment.type = entity.type;
      return environment;
    },
  );
  environments.sort(
    (a, b) =>
      typeRank(a.type) - typeRank(b.type) ||
      nameOf(a.environmentRef).localeCompare(nameOf(b.environmentRef)) ||
      a.environmentRef.localeCompare(b.environmentRef),
  );
  const environmentOrder = new Map(
    environments.map((e, index) => [e.environmentRef, index]),
  );
  for (const service of services) {
    service.cells.sort(
      (a, b) =>
        environmentOrder.get(a.environmentRef)! -
        environmentOrder.get(b.environmentRef)!,
    );
  }

  const cells = services.flatMap(s => s.cells);
  const degradedServices = services
    .filter(s => s.cells.some(c => c.health === 'Degraded'))
    .map(s => s.entityRef);

  const degradedDependants: TeamSummaryDependant[] = [];
  for (const [entityRef, { distance, roots }] of snapshot.dependantsOf(
    degradedServices,
  )) {
    const entity = snapshot.get(entityRef);
    const dependant: TeamSummaryDependant = {
      entityRef,
      ownerRefs: entity?.ownerRefs ?? [],
      degradedDependencies: [...roots].sort(),
      distance,
    };
    if (entity?.title) dependant.title = entity.title;
    degradedDependants.push(dependant);
  }
  degradedDependants.sort(
    (a, b) => a.distance - b.distance || a.entityRef.localeCompare(b.entityRef),
  );

  return {
    groupRef: input.groupRef,
    includeSubgroups: input.includeSubgroups,
    groupRefs: input.groupRefs,
    summary: {
      sync: worstSync(cells.map(c => c.sync)),
      health: worstHealth(cells.map(c => c.health)),
    },
    counts: {
      services: services.length,
      deployments: cells.length,
      outOfSync: cells.filter(c => c.sync === 'OutOfSync').length,
      degraded: cells.filter(c => c.health === 'Degraded').length,
      awaitingApproval: input.awaitingApproval.length,
    },
    environments,
    services,
    awaitingApproval: input.awaitingApproval,
    degradedDependants,
    generatedAt: input.now.toISOString(),
  };
}
