import { KubernetesObject } from '@shipshape/plugin-gitops-node';
import {
  ClusterConnectionConfig,
  ClusterKubeConfig,
  KubeApiError,
  WatchedKind,
} from '../live';
import { KubeClient } from '../live/KubeClient';
import { PlanLiveCache } from './ResourcePlanner';

interface ResourcePath {
  path: string;
  namespaced: boolean;
}

/**
 * Live objects for one plan: from the reconciler's cache where the kind is watched and listed
 * (and the cluster reachable), otherwise straight from the API server (discovery once per
 * group version, then one GET per object or one LIST per kind).
 */
export class LiveReader {
  static create(options: {
    connection: ClusterConnectionConfig;
    cache?: PlanLiveCache;
    requestTimeoutMs: number;
  }): LiveReader {
    return new LiveReader(options);
  }

  private client?: KubeClient;
  private readonly discovery = new Map<string, Promise<any>>();
  private readonly signal = new AbortController();

  private constructor(
    private readonly options: {
      connection: ClusterConnectionConfig;
      cache?: PlanLiveCache;
      requestTimeoutMs: number;
    },
  ) {}

  async get(
    object: KubernetesObject,
    key: string,
    defaultNamespace: string,
  ): Promise<KubernetesObject | undefined> {
    const kind = { apiVersion: object.apiVersion, kind: object.kind };
    if (this.cached(kind)) return this.options.cache!.get(key);
    const resource = await this.resourcePath(kind);
    if (!resource) return undefined; // the kind is not served: nothing of it is live
    const namespace = object.metadata.namespace || defaultNamespace;
    try {
      return await this.kube().getJson(
        `${this.base(resource, namespace)}/${encodeURIComponent(
          object.metadata.name ?? '',
        )}`,
        {},
        this.signal.signal,
      );
    } catch (error) {
      if (KubeApiError.from(error).statusCode === 404) return undefined;
      throw error;
    }
  }

  async listLabelled(
    namespace: string,
    labelKey: string,
    labelValue: string,
    kinds: WatchedKind[],
  ): Promise<KubernetesObject[]> {
    const cache = this.options.cache;
    const found: KubernetesObject[] = [];
    const direct = kinds.filter(kind => !this.cached(kind));
    if (direct.length < kinds.length && cache) {
      for (const key of cache.listLabelledKeys(
        namespace,
        labelKey,
        labelValue,
      )) {
        const object = cache.get(key);
        if (object) found.push(object);
      }
    }
    for (const kind of direct) {
      const resource = await this.resourcePath(kind);
      if (!resource) continue;
      const list = await this.kube().getJson(
        this.base(resource, namespace),
        { labelSelector: `${labelKey}=${labelValue}` },
        this.signal.signal,
      );
      for (const item of list.items ?? []) {
        found.push({ ...item, apiVersion: kind.apiVersion, kind: kind.kind });
      }
    }
    return found;
  }

  async close(): Promise<void> {
    this.signal.abort();
    await this.client?.config.close();
  }

  private cached(kind: WatchedKind): boolean {
    const cache = this.options.cache;
    if (!cache || !cache.health().reachable) return false;
    try {
      return cache.isReady(kind);
    } catch {
      return false; // not watched
    }
  }

  private base(resource: ResourcePath, namespace: string): string {
    const [prefix, plural] = [
      resource.path.slice(0, resource.path.lastIndexOf('/')),
      resource.path.slice(resource.path.lastIndexOf('/') + 1),
    ];
    return resource.namespaced
      ? `${prefix}/namespaces/${encodeURIComponent(namespace)}/${plural}`
      : resource.path;
  }

  private async resourcePath(
    kind: WatchedKind,
  ): Promise<ResourcePath | undefined> {
    const base = kind.apiVersion.includes('/')
      ? `/apis/${kind.apiVersion}`
      : `/api/${kind.apiVersion}`;
    let list = this.discovery.get(base);
    if (!list) {
      list = this.kube()
        .getJson(base, {}, this.signal.signal)
        .catch(error => {
          if (KubeApiError.from(error).statusCode === 404) return undefined;
          this.discovery.delete(base);
          throw error;
        });
      this.discovery.set(base, list);
    }
    const found = ((await list)?.resources ?? []).find(
      (r: any) => r.kind === kind.kind && !String(r.name).includes('/'),
    );
    return found
      ? { path: `${base}/${found.name}`, namespaced: Boolean(found.namespaced) }
      : undefined;
  }

  private kube(): KubeClient {
    this.client ??= new KubeClient(
      ClusterKubeConfig.fromConnection(this.options.connection),
      this.options.requestTimeoutMs,
    );
    return this.client;
  }
}
