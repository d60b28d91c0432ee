import { NotFoundError } from '@backstage/errors';
import {
  ChangeRequest,
  DeploymentStatus,
  TeamSummaryResponse,
} from '@shipshape/plugin-gitops-common';
import { GitopsStore } from '../database/GitopsStore';
import { buildTeamSummary } from './buildTeamSummary';
import { TeamCatalog } from './CachedTeamCatalog';

/**
 * Where the change requests awaiting a team's approval come from (the change request store).
 */
export interface AwaitingApprovalSource {
  /**
   * Open change requests (also those with changes requested) whose reviewers include one of
   * `reviewerRefs`, newest first.
   */
  listAwaitingApproval(reviewerRefs: string[]): Promise<ChangeRequest[]>;
}

/** Which entity refs of a list the caller may read; the others are left out of summaries. */
export type ReadableFilter = (refs: string[]) => Promise<Set<string>>;

/**
 * Team summaries: the catalog's relations from a cached snapshot, statuses from the store,
 * never a request to a cluster.
 */
export class TeamSummaryService {
  private constructor(
    private readonly options: {
      catalog: TeamCatalog;
      store: Pick<GitopsStore, 'listDeployments'>;
      changeRequests?: AwaitingApprovalSource;
      includeSubgroupsByDefault: boolean;
      revisionUrl?: (revision: string) => string | undefined;
      now: () => Date;
    },
  ) {}

  static create(options: {
    catalog: TeamCatalog;
    store: Pick<GitopsStore, 'listDeployments'>;
    /** Without it, no change request is listed as awaiting approval. */
    changeRequests?: AwaitingApprovalSource;
    /** Default: true. */
    includeSubgroupsByDefault?: boolean;
    revisionUrl?: (revision: string) => string | undefined;
    now?: () => Date;
  }): TeamSummaryService {
    return new TeamSummaryService({
      ...options,
      includeSubgroupsByDefault: options.includeSubgroupsByDefault ?? true,
      now: options.now ?? (() => new Date()),
    });
  }

  /**
   * The summary of a group (a canonical entity ref). Throws NotFoundError when the catalog has
   * no such Group.
   */
  async getSummary(request: {
    groupRef: string;
    includeSubgroups?: boolean;
    /** Filters the services and the dependants to those the caller may read. */
    readable?: ReadableFilter;
  }): Promise<TeamSummaryResponse> {
    const { groupRef, readable } = request;
    const includeSubgroups =
      request.includeSubgroups ?? this.options.includeSubgroupsByDefault;
    const snapshot = await this.options.catalog.snapshot();
    if (snapshot.get(groupRef)?.kind.toLocaleLowerCase('en-US') !== 'group') {
      throw new NotFoundError(`No group ${groupRef} in the catalog`);
    }
    const groupRefs = snapshot.groupsOf(groupRef, includeSubgroups);
    const services = snapshot.componentsOwnedBy(groupRefs);
    if (readable && services.size > 0) {
      const allowed = await readable([...services.keys()]);
      for (const ref of [...services.keys()]) {
        if (!allowed.has(ref)) services.delete(ref);
      }
    }

    const [deployments, awaitingApproval] = await Promise.all([
      this.deploymentsOf([...services.keys()]),
      this.options.changeRequests?.listAwaitingApproval(groupRefs) ?? [],
    ]);
    const summary = buildTeamSummary({
      snapshot,
      groupRef,
      includeSubgroups,
      groupRefs,
      services,
      deployments,
      awaitingApproval,
      now: this.options.now(),
    });
    if (readable && summary.degradedDependants.length > 0) {
      const allowed = await readable(
        summary.degradedDependants.map(d => d.entityRef),
      );
      summary.degradedDependants = summary.degradedDependants.filter(d =>
        allowed.has(d.entityRef),
      );
    }
    return summary;
  }

  /** The services' deployments, in one query (per 500 services). */
  private async deploymentsOf(entityRefs: string[]) {
    const { store, revisionUrl } = this.options;
    if (entityRefs.length === 0) return [];
    const deployments: DeploymentStatus[] = await store.listDeployments({
      entityRefs,
    });
    if (!revisionUrl) return deployments;
    return deployments.map(d => {
      const url = d.revision && revisionUrl(d.revision);
      return url ? { ...d, revisionUrl: url } : d;
    });
  }
}
