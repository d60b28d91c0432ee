import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  DeploymentStatus,
  DeploymentSyncStatus,
  ENVIRONMENT_KIND,
  EntityStatusResponse,
  EnvironmentSummaryResponse,
  gitopsDiffReadPermission,
  gitopsRefreshPermission,
  gitopsStatusReadPermission,
  TeamSummaryResponse,
  worstHealth,
} from '@shipshape/plugin-gitops-common';
import express from 'express';
import { GitopsStore } from '../database/GitopsStore';
import { spec } from '../schema/openapi.generated';
import { ChangeRequestTracker } from '../changeRequests/ChangeRequestTracker';
import { ResourcePlanner } from '../plan/ResourcePlanner';
import { TeamSummaryService } from '../teams/TeamSummaryService';

export interface RouterOptions {
  store: GitopsStore;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  /** A link to a commit of the GitOps repository, when it is hosted. */
  revisionUrl?: (revision: string) => string | undefined;
  /** GET and POST /change-requests; answered 404 without it. */
  changeRequests?: ChangeRequestTracker;
  /** POST /plan; answered 404 without it. */
  planner?: ResourcePlanner;
  /** GET /team-summary; answered 404 without it. */
  teamSummaries?: TeamSummaryService;
}

/**
 * The GitOps REST API (src/schema/openapi.yaml): answers from the store only, never from the
 * clusters, so a page view costs no Kubernetes request.
 *
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { store, httpAuth, permissions } = options;
  const router = createValidatedOpenApiRouter(spec);
  router.use(express.json());

  /** Throws NotAllowedError unless the caller may use `permission` on the entity. */
  const authorize = async (
    req: Parameters<HttpAuthService['credentials']>[0],
    permission: ResourcePermission<'catalog-entity'>,
    resourceRef: string,
  ) => {
    const [decision] = await permissions.authorize(
      [{ permission, resourceRef }],
      {
        credentials: await httpAuth.credentials(req),
      },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You are not allowed to ${describe(permission.name)} of ${resourceRef}`,
      );
    }
  };
  const withRevisionUrl = (d: DeploymentStatus): DeploymentStatus => {
    const url = d.revision && options.revisionUrl?.(d.revision);
    return url ? { ...d, revisionUrl: url } : d;
  };

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' as const });
  });

  router.get('/status', async (req, res) => {
    const entityRef = normalizeRef(req.query.entityRef);
    await authorize(req, gitopsStatusReadPermission, entityRef);
    const isEnvironment =
      parseEntityRef(entityRef).kind.toLocaleLowerCase('en-US') ===
      ENVIRONMENT_KIND.toLocaleLowerCase('en-US');
    const deployments = (
      await store.listDeployments(
        isEnvironment ? { environmentRef: entityRef } : { entityRef },
      )
    ).map(withRevisionUrl);
    const body: EntityStatusResponse = {
      entityRef,
      summary: summarize(deployments),
      deployments,
    };
    res.json(body);
  });

  router.get('/resources', async (req, res) => {
    const key = deploymentKey(req.query);
    await authorize(req, gitopsStatusReadPermission, key.entityRef);
    const deployment = await store.getDeployment(key);
    if (!deployment) throw new NotFoundError(notFoundMessage(key));
    res.json({
      deployment: withRevisionUrl(deployment),
      resources: await store.listResources(key),
    });
  });

  router.get('/diff', async (req, res) => {
    const key = deploymentKey(req.query);
    await authorize(req, gitopsDiffReadPermission, key.entityRef);
    const resourceKey = String(req.query.resource);
    const found = await store.getResource(key, resourceKey);
    if (!found) {
      throw new NotFoundError(
        `No resource ${resourceKey} in ${notFoundMessage(key)}`,
      );
    }
    const { desired, live, diff, ...resource } = found;
    res.json({
      resource,
      ...(desired !== undefined ? { desired } : {}),
      ...(live !== undefined ? { live } : {}),
      diff,
    });
  });

  router.get('/history', async (req, res) => {
    const entityRef = normalizeRef(req.query.entityRef);
    await authorize(req, gitopsStatusReadPermission, entityRef);
    const environmentRef = req.query.environmentRef
      ? normalizeRef(req.query.environmentRef, 'environmentRef')
      : undefined;
    const before = req.query.before ? String(req.query.before) : undefined;
    if (before && Number.isNaN(Date.parse(before))) {
      throw new InputError(`before must be an ISO 8601 time, got '${before}'`);
    }
    const items = await store.listHistory({
      entityRef,
      environmentRef,
      limit: Number(req.query.limit ?? 50),
      before,
      beforeId: req.query.beforeId ? String(req.query.beforeId) : undefined,
    });
    res.json({ items });
  });

  router.get('/environment', async (req, res) => {
    const environmentRef = normalizeRef(
      req.query.environmentRef,
      'environmentRef',
    );
    await authorize(req, gitopsStatusReadPermission, environmentRef);
    const deployments = (await store.listDeployments({ environmentRef })).map(
      withRevisionUrl,
    );
    const body: EnvironmentSummaryResponse = {
      environmentRef,
      summary: {
        ...summarize(deployments),
        deployments: deployments.length,
        outOfSync: deployments.filter(d => d.sync === 'OutOfSync').length,
        degraded: deployments.filter(d => d.health === 'Degraded').length,
      },
      deployments,
    };
    res.json(body);
  });

  router.get('/team-summary', async (req, res) => {
    const groupRef = normalizeRef(req.query.groupRef, 'groupRef');
    await authorize(req, gitopsStatusReadPermission, groupRef);
    if (!options.teamSummaries) {
      throw new NotFoundError('Team summaries are not available');
    }
    const flag = req.query.includeSubgroups;
    const credentials = await httpAuth.credentials(req);
    // Services and dependants the caller may not read are left out, in one batch each.
    const readable = async (refs: string[]) => {
      const decisions = await permissions.authorize(
        refs.map(resourceRef => ({
          permission: gitopsStatusReadPermission,
          resourceRef,
        })),
        { credentials },
      );
      return new Set(
        refs.filter((_ref, i) => decisions[i].result === AuthorizeResult.ALLOW),
      );
    };
    const body: TeamSummaryResponse = await options.teamSummaries.getSummary({
      groupRef,
      includeSubgroups: flag === undefined ? undefined : flag === 'true',
      readable,
    });
    res.json(body);
  });

  router.get('/change-requests', async (req, res) => {
    if (!options.changeRequests) {
      throw new NotFoundError('Change requests are not tracked');
    }
    const optionalRef = (value: unknown, name: string) =>
      value ? normalizeRef(value, name) : undefined;
    const entityRef = optionalRef(req.query.entityRef, 'entityRef');
    const environmentRef = optionalRef(
      req.query.environmentRef,
      'environmentRef',
    );
    for (const ref of [entityRef, environmentRef]) {
      if (ref) await authorize(req, gitopsStatusReadPermission, ref);
    }
    const items = await options.changeRequests.list({
      entityRef,
      environmentRef,
      awaitingApprovalBy: optionalRef(
        req.query.awaitingApprovalBy,
        'awaitingApprovalBy',
      ),
      state: req.query.state === 'all' ? 'all' : 'open',
    });
    // Requests for environments the caller may not read are left out, in one batch.
    const environments = [...new Set(items.map(i => i.environmentRef))];
    const decisions = await permissions.authorize(
      environments.map(resourceRef => ({
        permission: gitopsStatusReadPermission,
        resourceRef,
      })),
      { credentials: await httpAuth.credentials(req) },
    );
    const readable = new Set(
      environments.filter(
        (_ref, i) => decisions[i].result === AuthorizeResult.ALLOW,
      ),
    );
    res.json({ items: items.filter(i => readable.has(i.environmentRef)) });
  });

  router.post('/change-requests', async (req, res) => {
    if (!options.changeRequests) {
      throw new NotFoundError('Change requests are not tracked');
    }
    const body = req.body;
    const environmentRef = normalizeRef(body.environmentRef, 'environmentRef');
    await authorize(req, gitopsStatusReadPermission, environmentRef);
    const created = await options.changeRequests.register({
      ...body,
      environmentRef,
      entityRefs: body.entityRefs.map(ref => normalizeRef(ref, 'entityRefs')),
      ...(body.requester
        ? { requester: normalizeRef(body.requester, 'requester') }
        : {}),
      ...(body.reviewers
        ? {
            reviewers: body.reviewers.map(ref =>
              normalizeRef(ref, 'reviewers'),
            ),
          }
        : {}),
    });
    res.status(201).json(created);
  });

  router.post('/plan', async (req, res) => {
    if (!options.planner) {
      throw new NotFoundError('Plans are not available');
    }
    const body = req.body;
    const clusterRef = normalizeRef(body.clusterRef, 'clusterRef');
    const entityRef = body.entityRef ? normalizeRef(body.entityRef) : undefined;
    await authorize(req, gitopsDiffReadPermission, entityRef ?? clusterRef);
    res.json(await options.planner.plan({ ...body, clusterRef, entityRef }));
  });

  router.post('/refresh', async (req, res) => {
    const entityRef = normalizeRef(req.body?.entityRef);
    await authorize(req, gitopsRefreshPermission, entityRef);
    await store.requestRefresh(entityRef);
    res.status(202).json({ accepted: true as const });
  });

  return router;
}

/** The worst sync and health over deployments; Synced and Healthy when there are none. */
export function summarize(deployments: DeploymentStatus[]) {
  const syncs = new Set(deployments.map(d => d.sync));
  let sync: DeploymentSyncStatus = 'Synced';
  if (syncs.has('OutOfSync')) sync = 'OutOfSync';
  else if (syncs.has('Unknown')) sync = 'Unknown';
  return { sync, health: worstHealth(deployments.map(d => d.health)) };
}

function normalizeRef(value: unknown, name = 'entityRef'): string {
  if (typeof value !== 'string' || !value) {
    throw new InputError(`${name} is required`);
  }
  try {
    return stringifyEntityRef(parseEntityRef(value));
  } catch (error) {
    throw new InputError(
      `${name} '${value}' is not an entity ref: ${(error as Error).message}`,
    );
  }
}

function deploymentKey(query: Record<string, unknown>) {
  return {
    entityRef: normalizeRef(query.entityRef),
    environmentRef: normalizeRef(query.environmentRef, 'environmentRef'),
    clusterRef: normalizeRef(query.clusterRef, 'clusterRef'),
  };
}

function notFoundMessage(key: {
  entityRef: string;
  environmentRef: string;
  clusterRef: string;
}) {
  return `No deployment of ${key.entityRef} in ${key.environmentRef} on ${key.clusterRef}`;
}

function describe(permissionName: string): string {
  switch (permissionName) {
    case gitopsDiffReadPermission.name:
      return 'read the GitOps diffs';
    case gitopsRefreshPermission.name:
      return 'refresh the GitOps status';
    default:
      return 'read the GitOps status';
  }
}
