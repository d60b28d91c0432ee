import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  TEAM_CATALOG_FIELDS,
  TEAM_CATALOG_KINDS,
  TeamCatalogSnapshot,
} from './TeamCatalogSnapshot';

/** Where team summaries read the catalog's relations from. */
export interface TeamCatalog {
  snapshot(): Promise<TeamCatalogSnapshot>;
}

/**
 * The catalog's ownership and dependency relations, read in one request and kept for `ttlMs`,
 * so that team pages (which poll) cost no catalog request each. An expired snapshot is still
 * served while a fresh one loads in the background (one load at a time); only a snapshot older
 * than `maxStaleMs` makes callers wait.
 */
export class CachedTeamCatalog implements TeamCatalog {
  private current?: { snapshot: TeamCatalogSnapshot; loadedAt: number };
  private loading?: Promise<TeamCatalogSnapshot>;

  private constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      ttlMs: number;
      maxStaleMs: number;
      now: () => number;
    },
  ) {}

  static create(options: {
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
    /** Default: 30 seconds. */
    ttlMs?: number;
    /** Default: 10 × ttlMs. */
    maxStaleMs?: number;
    now?: () => number;
  }): CachedTeamCatalog {
    const ttlMs = options.ttlMs ?? 30_000;
    return new CachedTeamCatalog({
      catalog: options.catalog,
      auth: options.auth,
      logger: options.logger,
      ttlMs,
      maxStaleMs: options.maxStaleMs ?? ttlMs * 10,
      now: options.now ?? Date.now,
    });
  }

  async snapshot(): Promise<TeamCatalogSnapshot> {
    const current = this.current;
    const age = current ? this.options.now() - current.loadedAt : Infinity;
    if (current && age < this.options.ttlMs) {
      return current.snapshot;
    }
    const loading = this.load();
    if (current && age < this.options.maxStaleMs) {
      loading.catch(error =>
        this.options.logger.warn(
          `Could not refresh the catalog relations of the team views: ${error}`,
        ),
      );
      return current.snapshot;
    }
    return loading;
  }

  private load(): Promise<TeamCatalogSnapshot> {
    if (!this.loading) {
      this.loading = (async () => {
        try {
          const { items } = await this.options.catalog.getEntities(
            {
              filter: TEAM_CATALOG_KINDS.map(kind => ({ kind })),
              fields: TEAM_CATALOG_FIELDS,
            },
            {
              credentials: await this.options.auth.getOwnServiceCredentials(),
            },
          );
          const snapshot = TeamCatalogSnapshot.fromEntities(items);
          this.current = { snapshot, loadedAt: this.options.now() };
          return snapshot;
        } finally {
          this.loading = undefined;
        }
      })();
    }
    return this.loading;
  }
}
