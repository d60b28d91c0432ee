import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  PlannedResource,
  PlanRequestBody,
  PlanResponse,
} from '@shipshape/plugin-gitops-common';
import {
  diffResource,
  identityKey,
  identityKeyNamespace,
  IgnoreRules,
  KubernetesObject,
  parseManifestText,
  resourceIdentity,
  ResourceScopeLookup,
} from '@shipshape/plugin-gitops-node';
import {
  ClusterConnectionConfig,
  KUBERNETES_ID_LABEL,
  WatchedKind,
} from '../live';
import { LiveReader } from './LiveReader';

/** What the planner may read of the reconciler's cache of a cluster. */
export interface PlanLiveCache {
  get(key: string): KubernetesObject | undefined;
  /** Throws when the kind is not watched. */
  isReady(kind: WatchedKind): boolean;
  health(): { reachable: boolean; message?: string };
  listLabelledKeys(
    namespace: string,
    labelKey: string,
    labelValue: string,
  ): string[];
  scopeOf: ResourceScopeLookup;
}

/** A cluster the planner can read: its connection, and the reconciler's cache when it has one. */
export interface PlanCluster {
  connection: ClusterConnectionConfig;
  cache?: PlanLiveCache;
}

/** Kinds searched for labelled objects that the manifests no longer contain (as the reconciler does). */
const LABELLED_KINDS: WatchedKind[] = [
  { apiVersion: 'apps/v1', kind: 'Deployment' },
  { apiVersion: 'v1', kind: 'Service' },
  { apiVersion: 'v1', kind: 'ConfigMap' },
];

/**
 * The what-if of applying manifests to a cluster (POST /plan): each object is compared with its
 * live copy by the diff engine of gitops-node (Secret values masked), read from the reconciler's
 * watch cache where the kind is watched and listed, otherwise with one GET per object.
 */
export class ResourcePlanner {
  static create(options: {
    clusters: Map<string, PlanCluster>;
    ignore?: IgnoreRules;
    requestTimeoutMs?: number;
  }): ResourcePlanner {
    return new ResourcePlanner(
      options.clusters,
      options.ignore ?? {},
      options.requestTimeoutMs ?? 10_000,
    );
  }

  private constructor(
    private readonly clusters: Map<string, PlanCluster>,
    private readonly ignore: IgnoreRules,
    private readonly requestTimeoutMs: number,
  ) {}

  async plan(
    body: PlanRequestBody & { entityRef?: string },
  ): Promise<PlanResponse> {
    const cluster = this.clusters.get(body.clusterRef);
    if (!cluster) {
      throw new InputError(
        `Unknown cluster ${body.clusterRef}; known: ${
          [...this.clusters.keys()].join(', ') || 'none'
        }`,
      );
    }
    const namespace = body.namespace ?? 'default';
    const objects = parseManifests(body.manifests);
    const reader = LiveReader.create({
      connection: cluster.connection,
      cache: cluster.cache,
      requestTimeoutMs: this.requestTimeoutMs,
    });
    try {
      const identityOptions = {
        defaultNamespace: namespace,
        scopeOf: cluster.cache?.scopeOf,
      };
      const desired = new Map<string, KubernetesObject>();
      for (const object of objects) {
        desired.set(
          identityKey(resourceIdentity(object, identityOptions)),
          object,
        );
      }
      const resources: PlannedResource[] = [];
      let reason: string | undefined;
      for (const [key, object] of desired) {
        let live: KubernetesObject | undefined;
        if (!reason) {
          try {
            live = await reader.get(object, key, namespace);
          } catch (error) {
            reason = `${body.clusterRef}: ${(error as Error).message}`;
          }
        }
        resources.push(this.compare(key, object, live, identityOptions));
      }
      if (body.entityRef && !reason) {
        const kinds = uniqueKinds([...LABELLED_KINDS, ...objects]);
        try {
          const labelled = await reader.listLabelled(
            namespace,
            KUBERNETES_ID_LABEL,
            parseEntityRef(body.entityRef).name,
            kinds,
          );
          for (const object of labelled) {
            const key = identityKey(resourceIdentity(object, identityOptions));
            if (desired.has(key) || isOwned(object)) continue;
            resources.push({
              ...describe(key, object),
              action: 'delete',
              changes: [],
            });
          }
        } catch (error) {
          reason = `${body.clusterRef}: ${(error as Error).message}`;
        }
      }
      resources.sort((a, b) => Number(a.key > b.key) - Number(a.key < b.key));
      if (reason) {
        // Compared with nothing: everything would be created, as far as anyone can tell.
        return {
          clusterRef: body.clusterRef,
          liveAvailable: false,
          reason,
          resources: [...desired].map(([key, object]) => ({
            ...describe(key, object),
            action: 'create' as const,
            changes: [],
          })),
        };
      }
      return { clusterRef: body.clusterRef, liveAvailable: true, resources };
    } finally {
      await reader.close();
    }
  }

  private compare(
    key: string,
    desired: KubernetesObject,
    live: KubernetesObject | undefined,
    identityOptions: {
      defaultNamespace: string;
      scopeOf?: ResourceScopeLookup;
    },
  ): PlannedResource {
    if (!live) {
      return { ...describe(key, desired), action: 'create', changes: [] };
    }
    const diff = diffResource(desired, live, {
      ...identityOptions,
      ignore: this.ignore,
    });
    return {
      ...describe(key, desired),
      action: diff.sync === 'Synced' ? 'unchanged' : 'update',
      changes: diff.changes.map(change => ({
        path: change.path,
        ...(change.desired !== undefined ? { desired: change.desired } : {}),
        ...(change.live !== undefined ? { live: change.live } : {}),
      })),
    };
  }
}

/** Every object of every file; a file that is not valid YAML or holds no object is a 400. */
function parseManifests(
  manifests: PlanRequestBody['manifests'],
): KubernetesObject[] {
  const objects: KubernetesObject[] = [];
  for (const file of manifests) {
    const { manifests: parsed, errors } = parseManifestText(
      file.content,
      file.path,
    );
    if (errors.length > 0) {
      const [error] = errors;
      throw new InputError(
        `${error.file}${error.line ? `:${error.line}` : ''}: ${error.message}`,
      );
    }
    objects.push(...parsed.map(m => m.object));
  }
  return objects;
}

function describe(key: string, object: KubernetesObject) {
  const namespace = identityKeyNamespace(key);
  return {
    key,
    apiVersion: object.apiVersion,
    kind: object.kind,
    ...(namespace ? { namespace } : {}),
    name: object.metadata.name ?? '',
  };
}

function uniqueKinds(kinds: WatchedKind[]): WatchedKind[] {
  const seen = new Map<string, WatchedKind>();
  for (const { apiVersion, kind } of kinds) {
    seen.set(`${apiVersion} ${kind}`, { apiVersion, kind });
  }
  return [...seen.values()];
}

/** Objects a controller made (ReplicaSets, Pods, …) are its owner's, not the manifests'. */
function isOwned(object: KubernetesObject): boolean {
  const owners = (object.metadata as { ownerReferences?: unknown[] })
    .ownerReferences;
  return Array.isArray(owners) && owners.length > 0;
}
