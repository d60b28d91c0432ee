import { HealthStatus } from '../status';
import { DeploymentSyncStatus } from './apiTypes';
import { ChangeRequest } from './changeRequestTypes';

/**
 * An environment a team's services are deployed to, with its type from the catalog's
 * Environment entity (undefined when the catalog does not have it).
 *
 * @public
 */
export interface TeamSummaryEnvironment {
  environmentRef: string;
  title?: string;
  /** `development`, `staging`, `production`, `preview`, or what the entity says. */
  type?: string;
}

/**
 * One service in one environment: its deployments there (one per cluster) folded into one cell,
 * worst status first.
 *
 * @public
 */
export interface TeamSummaryCell {
  environmentRef: string;
  sync: DeploymentSyncStatus;
  health: HealthStatus;
  /** Resources that differ from Git, over all clusters. */
  driftCount: number;
  resourceCount: number;
  /** The Git commit deployed; the first cluster's when clusters differ. */
  revision?: string;
  revisionUrl?: string;
  /** True when the clusters of this environment run different revisions. */
  mixedRevisions?: boolean;
  clusterRefs: string[];
  /** Why the status is Unknown or Degraded, when the reconciler said. */
  reason?: string;
  /** ISO 8601: since when it is out of sync (the earliest cluster), when it is. */
  outOfSyncSince?: string;
  /** ISO 8601: since when it is degraded (the earliest cluster), when it is. */
  degradedSince?: string;
}

/**
 * A component the team owns (directly or through a sub-group) with a cell per environment it is
 * deployed to.
 *
 * @public
 */
export interface TeamSummaryService {
  entityRef: string;
  title?: string;
  /** The component's `spec.type`, e.g. `service`. */
  type?: string;
  /** The owning group (the team itself or one of its sub-groups). */
  ownerRef: string;
  /** Worst sync over its cells; Synced when it is deployed nowhere. */
  sync: DeploymentSyncStatus;
  /** Worst health over its cells; Healthy when it is deployed nowhere. */
  health: HealthStatus;
  /** Only the environments it is deployed to. */
  cells: TeamSummaryCell[];
}

/**
 * A catalog entity that depends, directly or transitively, on one of the team's degraded
 * services.
 *
 * @public
 */
export interface TeamSummaryDependant {
  entityRef: string;
  title?: string;
  /** Its owners (entity refs), from its ownedBy relations. */
  ownerRefs: string[];
  /** The degraded services it depends on, directly or transitively. */
  degradedDependencies: string[];
  /** 1 for a direct dependant, 2 for a dependant of a dependant, and so on (the shortest). */
  distance: number;
}

/**
 * Totals of a team summary.
 *
 * @public
 */
export interface TeamSummaryCounts {
  services: number;
  /** Cells of the matrix: services × environments they are deployed to. */
  deployments: number;
  outOfSync: number;
  degraded: number;
  awaitingApproval: number;
}

/**
 * `GET /team-summary?groupRef=&includeSubgroups=`: everything a group owns across environments,
 * what drifts, what is degraded, what waits for the group's approval and who is affected.
 *
 * @public
 */
export interface TeamSummaryResponse {
  groupRef: string;
  includeSubgroups: boolean;
  /** The group and, when included, its sub-groups (transitively). */
  groupRefs: string[];
  /** Worst sync and health over every cell. */
  summary: { sync: DeploymentSyncStatus; health: HealthStatus };
  counts: TeamSummaryCounts;
  /** Ordered development, staging, production, preview, other; then by name. */
  environments: TeamSummaryEnvironment[];
  /** Ordered by name. */
  services: TeamSummaryService[];
  /** Open change requests one of `groupRefs` is asked to review, newest first. */
  awaitingApproval: ChangeRequest[];
  /** Entities that depend on a degraded service of the team, nearest first. */
  degradedDependants: TeamSummaryDependant[];
  /** ISO 8601: when this summary was computed. */
  generatedAt: string;
}
