import { randomUUID } from 'node:crypto';
import http, { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import { AddressInfo, isIP } from 'node:net';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { StatusController } from '../controller/StatusController';
import { applyServerDefaults } from '../defaults/applyServerDefaults';
import {
  assertSupportedFields,
  parseFieldSelector,
  parseLabelSelector,
} from '../selectors';
import { ExpiredError, ObjectStore, StoreEvent } from '../store/ObjectStore';
import {
  FieldPath,
  fromFieldsV1,
  leavesOf,
  pathId,
  pathText,
  removeAt,
  toFieldsV1,
  valueAt,
} from './fieldSets';
import { jsonPatch, mergePatch, strategicMergePatch } from './patches';
import {
  ALL_CATEGORY_KINDS,
  groupVersionOf,
  qualifiedResource,
  ResourceRegistry,
  ResourceType,
  verbsOf,
} from './resourceTypes';
import { createServingCertificates } from './createServingCertificates';
import {
  encodeOpenApiV2,
  OPENAPI_V2_PROTOBUF,
  OPENAPI_V2_PROTOBUF_RESPONSE,
  openApiV2Document,
} from './openApiV2';
import { documentHash, openApiV3Document, openApiV3Index } from './openApiV3';
import { replicasOf, SCALABLE_KINDS, scaleOf } from './scale';
import { tableOf, wantsTable } from './tables';
import { authorize, KubeEmulatorUser } from './authorize';
import { notFound, statusBody, StatusError } from './status';

/** @public */
export interface KubeEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Bearer tokens accepted, with access to everything; none (and no `users`) means no authentication. */
  tokens?: string[];
  /** Users whose tokens are accepted too, limited by RBAC rules: what they do not allow gets 403. */
  users?: KubeEmulatorUser[];
  /** Watch events kept for resuming; older resourceVersions get 410 Expired. Default 1000. */
  historyLimit?: number;
  /** Largest request body accepted (the real server's limit is 3 MiB). */
  maxBodyBytes?: number;
  /**
   * How long the emulated controllers take to update status after a change (rollouts, Pods,
   * LoadBalancers, Jobs); false switches them off. Default 100 ms.
   */
  controllerDelayMs?: number | false;
  /** Faults for reliability tests; can be changed later with `setFaults`. */
  faults?: KubeEmulatorFaults;
  /**
   * Serve HTTPS. `true` makes a CA and a server certificate for 127.0.0.1, ::1 and localhost
   * (and `host`) at start; or pass your own PEMs (`ca` defaults to `cert`, for a self-signed one).
   * Default: plain HTTP.
   */
  tls?: boolean | KubeEmulatorTlsOptions;
}

/** @public */
export interface KubeEmulatorTlsOptions {
  cert: string;
  key: string;
  ca?: string;
}

/**
 * Misbehaviour on purpose: a share of requests answered with an error, and added latency.
 * Watches are not failed here; use `dropWatches` for those.
 *
 * @public
 */
export interface KubeEmulatorFaults {
  /** Share of requests (0..1) answered with `errorCode` instead. */
  errorRate?: number;
  /** 429 (with Retry-After), 500 or 503. Default 503. */
  errorCode?: 429 | 500 | 503;
  /** Added to every request. */
  latencyMs?: number;
}

const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DEFAULT_MAX_BODY = 3 * 1024 * 1024;
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::']);

interface Target {
  type: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
}

const typeKeyOf = (type: ResourceType) => `${type.group}/${type.plural}`;

/**
 * A small Kubernetes API server: discovery, CRUD with the real error shapes, lists with selectors
 * and paging, watches with resume and 410 Expired, patches including server-side apply with
 * managedFields and conflicts, dry runs, finalizers, server defaults and bearer-token auth.
 * For development, demos and tests; nothing in the plugins depends on it.
 *
 * @public
 */
export class KubeEmulator {
  readonly store: ObjectStore;
  private readonly registry = new ResourceRegistry();
  private nextClusterIP = 10;
  private readonly watches = new Set<ServerResponse>();
  private readonly controller?: StatusController;

  static async start(options: KubeEmulatorOptions = {}): Promise<KubeEmulator> {
    const host = options.host ?? '127.0.0.1';
    let tls: KubeEmulatorTlsOptions | undefined;
    if (options.tls === true) {
      const hosts = ['127.0.0.1', '::1', 'localhost'];
      if (!WILDCARD_HOSTS.has(host)) hosts.push(host);
      tls = await createServingCertificates(hosts);
    } else if (options.tls) {
      tls = options.tls;
    }
    const emulator = new KubeEmulator(options, tls);
    await new Promise<void>((resolve, reject) => {
      emulator.server.once('error', reject);
      emulator.server.listen(options.port ?? 0, host, () => resolve());
    });
    await emulator.ensureNamespace('default');
    await emulator.ensureNamespace('kube-system');
    return emulator;
  }

  private readonly server: http.Server | https.Server;

  private constructor(
    private readonly options: KubeEmulatorOptions,
    private readonly tls: KubeEmulatorTlsOptions | undefined,
  ) {
    this.store = new ObjectStore(options.historyLimit ?? 1000);
    this.faults = options.faults ?? {};
    if (options.controllerDelayMs !== false) {
      this.controller = new StatusController(
        this.store,
        options.controllerDelayMs ?? 100,
      );
      this.controller.start();
    }
    const handler = (req: IncomingMessage, res: ServerResponse) => {
      this.handle(req, res).catch(error => this.fail(res, error));
    };
    this.server = tls
      ? https.createServer({ cert: tls.cert, key: tls.key }, handler)
      : http.createServer(handler);
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    const host = this.options.host ?? '127.0.0.1';
    // A server on every interface is reached through loopback.
    const reachable = WILDCARD_HOSTS.has(host) ? '127.0.0.1' : host;
    return `${this.tls ? 'https' : 'http'}://${
      isIP(reachable) === 6 ? `[${reachable}]` : reachable
    }:${port}`;
  }

  /** The CA certificate (PEM) clients must trust when serving HTTPS; undefined on plain HTTP. */
  get caCertificate(): string | undefined {
    return this.tls ? this.tls.ca ?? this.tls.cert : undefined;
  }

  /**
   * A kubeconfig for clients (kubectl, @kubernetes/client-node) with the first token; `name`
   * names its cluster, user and context (default "emulator").
   */
  kubeconfig(name = 'emulator'): string {
    const token = this.options.tokens?.[0];
    const ca = this.caCertificate;
    return stringifyYaml({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name,
          cluster: ca
            ? {
                server: this.url,
                'certificate-authority-data':
                  Buffer.from(ca).toString('base64'),
              }
            : // Plain HTTP: @kubernetes/client-node only allows it with TLS verification off.
              { server: this.url, 'insecure-skip-tls-verify': true },
        },
      ],
      users: [{ name, user: token ? { token } : {} }],
      contexts: [
        {
          name,
          context: { cluster: name, user: name, namespace: 'default' },
        },
      ],
      'current-context': name,
    });
  }

  /** Creates (or replaces) objects as they are given, status included: the cluster's starting state. */
  async seed(objects: Record<string, any>[]): Promise<void> {
    for (const object of objects) {
      const type = this.registry.byKind(object.apiVersion, object.kind);
      if (!type)
        throw new Error(
          `cannot seed ${object.apiVersion} ${object.kind}: unknown kind`,
        );
      const namespace = type.namespaced
        ? object.metadata?.namespace ?? 'default'
        : undefined;
      if (namespace) await this.ensureNamespace(namespace);
      const prepared = this.prepare(type, {
        ...object,
        metadata: { ...object.metadata, namespace },
      });
      const existing = this.store.get(
        typeKeyOf(type),
        namespace,
        prepared.metadata.name,
      );
      if (existing) this.store.update(typeKeyOf(type), prepared);
      else this.store.create(typeKeyOf(type), prepared);
      if (type.kind === 'CustomResourceDefinition')
        this.registry.addCustomResourceDefinition(prepared);
    }
  }

  /** Ends every watch (as a restarting API server does); state is kept. */
  dropWatches(): void {
    for (const res of this.watches) res.destroy();
    this.watches.clear();
  }

  /**
   * What a restarting API server looks like to its clients: every connection is cut (watches and
   * requests in flight included), and so is every new one for `downtimeMs`; the state is kept,
   * resourceVersions included, as etcd keeps it.
   */
  async restart(downtimeMs = 0): Promise<void> {
    const refuse = (socket: { destroy(): void }) => socket.destroy();
    this.server.on('connection', refuse);
    this.dropWatches();
    this.server.closeAllConnections();
    await new Promise(resolve => setTimeout(resolve, downtimeMs));
    this.server.off('connection', refuse);
  }

  async stop(): Promise<void> {
    this.controller?.stop();
    this.dropWatches();
    const closed = new Promise<void>(resolve =>
      this.server.close(() => resolve()),
    );
    // Stopping is immediate, as a killed API server: requests and kept-alive connections still
    // open (a client that never hung up a watch) must not hold the stop up.
    this.server.closeAllConnections();
    await closed;
  }

  private async ensureNamespace(name: string) {
    if (!this.store.get('/namespaces', undefined, name)) {
      const type = this.registry.byKind('v1', 'Namespace')!;
      this.store.create(
        '/namespaces',
        this.prepare(type, {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name },
        }),
      );
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** Replaces the current faults; `{}` makes the server behave again. */
  setFaults(faults: KubeEmulatorFaults): void {
    this.faults = faults;
  }

  private faults: KubeEmulatorFaults = {};

  private async injectFaults(res: ServerResponse): Promise<boolean> {
    const { errorRate = 0, errorCode = 503, latencyMs = 0 } = this.faults;
    if (latencyMs > 0)
      await new Promise(resolve => setTimeout(resolve, latencyMs));
    if (errorRate <= 0 || Math.random() >= errorRate) return false;
    const reason = {
      429: 'TooManyRequests',
      500: 'InternalError',
      503: 'ServiceUnavailable',
    }[errorCode];
    const message = {
      429: 'the server has received too many requests and has asked us to try again later',
      500: 'an error on the server ("") has prevented the request from succeeding',
      503: 'the server is currently unable to handle the request',
    }[errorCode];
    res.writeHead(errorCode, {
      'content-type': 'application/json',
      ...(errorCode === 429 ? { 'retry-after': '1' } : {}),
    });
    res.end(
      JSON.stringify(
        statusBody(
          errorCode,
          reason,
          message,
          errorCode === 429 ? { retryAfterSeconds: 1 } : undefined,
        ),
      ),
    );
    return true;
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://emulator');
    if (!url.searchParams.has('watch') && (await this.injectFaults(res)))
      return undefined;
    const tokens = this.options.tokens ?? [];
    const users = this.options.users ?? [];
    let user: KubeEmulatorUser | undefined;
    if (
      (tokens.length > 0 || users.length > 0) &&
      !url.pathname.startsWith('/healthz')
    ) {
      const header = req.headers.authorization ?? '';
      const token = header.startsWith('Bearer ') ? header.slice(7) : undefined;
      user = users.find(u => u.token === token);
      if (!token || (!tokens.includes(token) && !user)) {
        throw new StatusError(401, 'Unauthorized', 'Unauthorized');
      }
    }
    const segments = url.pathname.split('/').filter(Boolean);
    if (req.method === 'GET' && segments[0] === 'openapi')
      return this.openApi(segments.slice(1), url.searchParams, req, res);
    if (req.method === 'GET' && this.discovery(segments, res)) return undefined;

    const target = this.resolve(segments);
    const method = req.method ?? 'GET';
    const query = url.searchParams;
    if (user) {
      authorize(user, {
        method,
        group: target.type.group,
        plural: target.type.plural,
        namespace: target.namespace,
        name: target.name,
        subresource: target.subresource,
        watch: query.get('watch') === 'true' || query.get('watch') === '1',
      });
    }
    if (target.subresource === 'scale')
      return this.scale(target, method, query, req, res);
    if (method === 'GET' && target.name === undefined) {
      if (query.get('watch') === 'true' || query.get('watch') === '1')
        return this.watch(target, query, req, res);
      const list = this.list(target, query);
      return this.send(
        res,
        200,
        wantsTable(req)
          ? this.table(target, list.items, list.metadata, query)
          : list,
      );
    }
    if (method === 'GET') {
      const object = this.read(target);
      return this.send(
        res,
        200,
        wantsTable(req)
          ? this.table(
              target,
              [object],
              { resourceVersion: object.metadata.resourceVersion },
              query,
            )
          : this.withKind(target.type, object),
      );
    }
    const dryRun = query.get('dryRun') === 'All';
    if (method === 'DELETE') {
      if (target.name === undefined)
        return this.send(
          res,
          200,
          this.removeCollection(target, query, dryRun),
        );
      return this.send(
        res,
        200,
        this.withKind(target.type, this.remove(target, dryRun)),
      );
    }
    // The patch type is checked first, before the body is read or the object looked up.
    if (method === 'PATCH') assertPatchType(req, target.type);
    const body = await this.body(req);
    if (method === 'POST' && target.name === undefined) {
      const created = this.create(
        target,
        body,
        dryRun,
        query.get('fieldManager') ?? managerFromAgent(req),
      );
      return this.send(res, 201, this.withKind(target.type, created));
    }
    if (method === 'PUT' && target.name !== undefined) {
      return this.send(
        res,
        200,
        this.withKind(
          target.type,
          this.replace(
            target,
            body,
            dryRun,
            query.get('fieldManager') ?? managerFromAgent(req),
          ),
        ),
      );
    }
    if (method === 'PATCH' && target.name !== undefined) {
      const contentType = (req.headers['content-type'] ?? '')
        .split(';')[0]
        .trim();
      const { object, created } = this.patch(
        target,
        contentType,
        body,
        query,
        dryRun,
        req,
      );
      return this.send(
        res,
        created ? 201 : 200,
        this.withKind(target.type, object),
      );
    }
    throw new StatusError(
      405,
      'MethodNotAllowed',
      `the server does not allow this method on the requested resource`,
    );
  }

  private discovery(segments: string[], res: ServerResponse): boolean {
    const path = segments.join('/');
    if (path === 'version') {
      this.send(res, 200, {
        major: '1',
        minor: '31',
        gitVersion: 'v1.31.0-shipshape-emulator',
        gitCommit: '',
        gitTreeState: 'clean',
        buildDate: '2026-11-01T00:00:00Z',
        goVersion: 'go1.23',
        compiler: 'gc',
        platform: 'linux/amd64',
      });
      return true;
    }
    if (path === 'healthz' || path === 'readyz' || path === 'livez') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return true;
    }
    if (path === 'api') {
      this.send(res, 200, {
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [
          { clientCIDR: '0.0.0.0/0', serverAddress: new URL(this.url).host },
        ],
      });
      return true;
    }
    if (path === 'apis') {
      const groups = new Map<string, Set<string>>();
      for (const type of this.registry.all().filter(t => t.group)) {
        if (!groups.has(type.group)) groups.set(type.group, new Set());
        groups.get(type.group)!.add(type.version);
      }
      this.send(res, 200, {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: [...groups].map(([name, versions]) => {
          const list = [...versions].map(version => ({
            groupVersion: `${name}/${version}`,
            version,
          }));
          return { name, versions: list, preferredVersion: list[0] };
        }),
      });
      return true;
    }
    const groupVersion = discoveryGroupVersion(segments);
    if (groupVersion === undefined) return false;
    if (segments[0] === 'apis' && segments.length === 2) {
      const versions = [
        ...new Set(
          this.registry
            .all()
            .filter(t => t.group === groupVersion)
            .map(t => t.version),
        ),
      ];
      if (versions.length === 0)
        throw new StatusError(
          404,
          'NotFound',
          'the server could not find the requested resource',
        );
      const list = versions.map(version => ({
        groupVersion: `${groupVersion}/${version}`,
        version,
      }));
      this.send(res, 200, {
        kind: 'APIGroup',
        apiVersion: 'v1',
        name: groupVersion,
        versions: list,
        preferredVersion: list[0],
      });
      return true;
    }
    const types = this.registry
      .all()
      .filter(t => groupVersionOf(t) === groupVersion);
    if (types.length === 0)
      throw new StatusError(
        404,
        'NotFound',
        'the server could not find the requested resource',
      );
    this.send(res, 200, {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion,
      resources: types.flatMap(type => [
        {
          name: type.plural,
          singularName: type.kind.toLowerCase(),
          namespaced: type.namespaced,
          kind: type.kind,
          verbs: verbsOf(type),
          ...(type.shortNames ? { shortNames: type.shortNames } : {}),
          ...(ALL_CATEGORY_KINDS.has(type.kind) && !type.custom
            ? { categories: ['all'] }
            : {}),
        },
        {
          name: `${type.plural}/status`,
          singularName: '',
          namespaced: type.namespaced,
          kind: type.kind,
          verbs: ['get', 'patch', 'update'],
        },
        ...(SCALABLE_KINDS.has(type.kind) && !type.custom
          ? [
              {
                name: `${type.plural}/scale`,
                singularName: '',
                namespaced: type.namespaced,
                group: 'autoscaling',
                version: 'v1',
                kind: 'Scale',
                verbs: ['get', 'patch', 'update'],
              },
            ]
          : []),
      ]),
    });
    return true;
  }

  /**
   * OpenAPI v3: the index and one document per group version. A stale `hash` is redirected to the
   * current document, and a matching one may be cached for good, as the real server does. And
   * v2 (JSON or protobuf) for older clients.
   */
  private openApi(
    segments: string[],
    query: URLSearchParams,
    req: IncomingMessage,
    res: ServerResponse,
  ) {
    const types = this.registry.all();
    if (segments.length === 1 && segments[0] === 'v2') {
      const document = openApiV2Document(types);
      if ((req.headers.accept ?? '').includes(OPENAPI_V2_PROTOBUF)) {
        res
          .writeHead(200, { 'content-type': OPENAPI_V2_PROTOBUF_RESPONSE })
          .end(encodeOpenApiV2(document));
        return undefined;
      }
      return this.send(res, 200, document);
    }
    if (segments.length === 1 && segments[0] === 'v3') {
      return this.send(res, 200, openApiV3Index(types));
    }
    const key = segments.slice(1).join('/');
    const document =
      segments[0] === 'v3' ? openApiV3Document(key, types) : undefined;
    if (!document) {
      throw new StatusError(
        404,
        'NotFound',
        'the server could not find the requested resource',
      );
    }
    const hash = documentHash(document);
    const asked = query.get('hash');
    if (asked && asked !== hash) {
      res.writeHead(301, { location: `/openapi/v3/${key}?hash=${hash}` }).end();
      return undefined;
    }
    res
      .writeHead(200, {
        'content-type': 'application/json',
        'cache-control': asked ? 'public, immutable' : 'no-cache, private',
        etag: `"${hash}"`,
      })
      .end(JSON.stringify(document));
    return undefined;
  }

  /** Objects as the Table `kubectl get` asks for. */
  private table(
    target: Target,
    objects: Record<string, any>[],
    metadata: Record<string, unknown>,
    query: URLSearchParams,
  ) {
    return tableOf(
      target.type.kind,
      objects.map(withoutKind),
      metadata,
      query.get('includeObject'),
      groupVersionOf(target.type),
    );
  }

  /** The scale subresource (autoscaling/v1 Scale) of Deployments, ReplicaSets, StatefulSets. */
  private async scale(
    target: Target,
    method: string,
    query: URLSearchParams,
    req: IncomingMessage,
    res: ServerResponse,
  ) {
    const current = this.read(target);
    if (method === 'GET') return this.send(res, 200, scaleOf(current));
    if (method !== 'PUT' && method !== 'PATCH') {
      throw new StatusError(
        405,
        'MethodNotAllowed',
        `the server does not allow this method on the requested resource`,
      );
    }
    const body = await this.body(req);
    let scale: unknown = body;
    if (method === 'PATCH') {
      const contentType = (req.headers['content-type'] ?? '')
        .split(';')[0]
        .trim();
      const patch = {
        'application/merge-patch+json': mergePatch,
        'application/strategic-merge-patch+json': strategicMergePatch,
        'application/json-patch+json': jsonPatch,
      }[contentType];
      if (!patch) {
        throw new StatusError(
          415,
          'UnsupportedMediaType',
          `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json`,
        );
      }
      scale = patch(scaleOf(current), body);
    }
    const resourceVersion = (scale as any)?.metadata?.resourceVersion;
    if (resourceVersion && resourceVersion !== current.metadata.resourceVersion)
      throw this.conflict(target);
    const next = structuredClone(current);
    next.spec = { ...next.spec, replicas: replicasOf(scale, target.name!) };
    const updated = this.commit(
      { ...target, subresource: undefined },
      current,
      this.prepare(target.type, next),
      query.get('dryRun') === 'All',
      query.get('fieldManager') ?? managerFromAgent(req),
      [[{ field: 'spec' }, { field: 'replicas' }]],
      'scale',
    );
    return this.send(res, 200, scaleOf(updated));
  }

  private resolve(segments: string[]): Target {
    let group = '';
    let version: string;
    let rest: string[];
    if (segments[0] === 'api' && segments.length >= 3) {
      version = segments[1];
      rest = segments.slice(2);
    } else if (segments[0] === 'apis' && segments.length >= 4) {
      group = segments[1];
      version = segments[2];
      rest = segments.slice(3);
    } else {
      throw new StatusError(
        404,
        'NotFound',
        'the server could not find the requested resource',
      );
    }
    let namespace: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    const [plural, name, subresource] = rest;
    const type = this.registry.byPath(group, version, plural);
    if (
      !type ||
      (namespace !== undefined && !type.namespaced) ||
      rest.length > 3
    ) {
      throw new StatusError(
        404,
        'NotFound',
        'the server could not find the requested resource',
      );
    }
    if (
      subresource !== undefined &&
      subresource !== 'status' &&
      !(
        subresource === 'scale' &&
        SCALABLE_KINDS.has(type.kind) &&
        !type.custom
      )
    ) {
      throw new StatusError(
        404,
        'NotFound',
        'the server could not find the requested resource',
      );
    }
    return {
      type,
      namespace: type.namespaced ? namespace : undefined,
      name,
      subresource,
    };
  }

  private read(target: Target): Record<string, any> {
    const object = this.store.get(
      typeKeyOf(target.type),
      target.namespace,
      target.name!,
    );
    if (!object)
      throw notFound(
        qualifiedResource(target.type),
        target.name!,
        target.type.plural,
        target.type.group,
      );
    return object;
  }

  private list(target: Target, query: URLSearchParams) {
    const labels = parseOrBadRequest(() =>
      parseLabelSelector(query.get('labelSelector') ?? ''),
    );
    const fieldText = query.get('fieldSelector') ?? '';
    const fields = this.fieldMatcher(target.type, fieldText);
    const matching = this.store
      .list(typeKeyOf(target.type), target.namespace)
      .filter(object => labels(object.metadata.labels) && fields(object));
    const limit = Number(query.get('limit') ?? 0);
    let start = 0;
    const token = query.get('continue');
    if (token) {
      let parsed: { rv: number; after: string };
      try {
        parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
      } catch {
        throw new StatusError(
          400,
          'BadRequest',
          'continue key is not valid: illegal base64 data',
        );
      }
      try {
        this.store.eventsSince(parsed.rv);
      } catch {
        throw new StatusError(
          410,
          'Expired',
          'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
        );
      }
      start = matching.findIndex(
        o => `${o.metadata.namespace ?? ''}/${o.metadata.name}` > parsed.after,
      );
      if (start < 0) start = matching.length;
    }
    const page =
      limit > 0 ? matching.slice(start, start + limit) : matching.slice(start);
    const more = limit > 0 && start + limit < matching.length;
    const last = page[page.length - 1];
    const resourceVersion = String(this.store.resourceVersion);
    return {
      kind: `${target.type.kind}List`,
      apiVersion: groupVersionOf(target.type),
      metadata: {
        resourceVersion,
        ...(more
          ? {
              continue: Buffer.from(
                JSON.stringify({
                  rv: this.store.resourceVersion,
                  after: `${last.metadata.namespace ?? ''}/${
                    last.metadata.name
                  }`,
                }),
              ).toString('base64url'),
              remainingItemCount: matching.length - start - page.length,
            }
          : {}),
      },
      // The real server leaves kind and apiVersion out of the items of built-in kinds.
      items: page.map(object =>
        target.type.custom
          ? this.withKind(target.type, object)
          : withoutKind(object),
      ),
    };
  }

  private watch(
    target: Target,
    query: URLSearchParams,
    req: IncomingMessage,
    res: ServerResponse,
  ) {
    const labels = parseOrBadRequest(() =>
      parseLabelSelector(query.get('labelSelector') ?? ''),
    );
    const fields = this.fieldMatcher(
      target.type,
      query.get('fieldSelector') ?? '',
    );
    const typeKey = typeKeyOf(target.type);
    const matches = (event: StoreEvent) =>
      event.typeKey === typeKey &&
      (target.namespace === undefined ||
        event.namespace === target.namespace) &&
      labels(event.object.metadata.labels) &&
      fields(event.object);
    res.writeHead(200, {
      'content-type': 'application/json',
      'transfer-encoding': 'chunked',
    });
    // Send the headers now: clients wait for them before they consider the watch established.
    res.flushHeaders();
    // `kubectl get --watch` asks for Tables: each change as a one-row Table.
    const asTable = wantsTable(req);
    const write = (type: string, object: any) =>
      res.write(
        `${JSON.stringify({
          type,
          object:
            asTable && type !== 'ERROR' && type !== 'BOOKMARK'
              ? this.table(
                  target,
                  [object],
                  { resourceVersion: object.metadata.resourceVersion },
                  query,
                )
              : object,
        })}\n`,
      );
    const rv = query.get('resourceVersion');
    const pending: StoreEvent[] = [];
    if (!rv || rv === '0') {
      for (const object of this.store.list(typeKey, target.namespace)) {
        if (labels(object.metadata.labels) && fields(object))
          write('ADDED', this.withKind(target.type, object));
      }
    } else {
      try {
        pending.push(...this.store.eventsSince(Number(rv)).filter(matches));
      } catch (error) {
        if (!(error instanceof ExpiredError)) throw error;
        write(
          'ERROR',
          statusBody(
            410,
            'Expired',
            'The resourceVersion for the provided watch is too old.',
          ),
        );
        res.end();
        return;
      }
    }
    for (const event of pending)
      write(event.type, this.withKind(target.type, event.object));
    const unsubscribe = this.store.subscribe(event => {
      if (matches(event))
        write(event.type, this.withKind(target.type, event.object));
    });
    const bookmarks =
      query.get('allowWatchBookmarks') === 'true'
        ? setInterval(
            () =>
              write('BOOKMARK', {
                kind: target.type.kind,
                apiVersion: groupVersionOf(target.type),
                metadata: {
                  resourceVersion: String(this.store.resourceVersion),
                },
              }),
            1000,
          )
        : undefined;
    const timeoutSeconds = Number(query.get('timeoutSeconds') ?? 0);
    const timeout =
      timeoutSeconds > 0
        ? setTimeout(() => res.end(), timeoutSeconds * 1000)
        : undefined;
    this.watches.add(res);
    const cleanup = () => {
      unsubscribe();
      clearInterval(bookmarks);
      clearTimeout(timeout);
      this.watches.delete(res);
    };
    req.on('close', cleanup);
    res.on('close', cleanup);
  }

  /** A field selector's matcher, after the server's check that the kind supports its fields. */
  private fieldMatcher(type: ResourceType, text: string) {
    return parseOrBadRequest(() => {
      assertSupportedFields(type.kind, text, {
        custom: type.custom,
        namespaced: type.namespaced,
      });
      // Stored objects carry no kind: pass it for the kind-specific fields the server fills in.
      return parseFieldSelector(text, type.kind);
    });
  }

  private create(
    target: Target,
    body: unknown,
    dryRun: boolean,
    manager: string,
    operation: 'Apply' | 'Update' = 'Update',
  ) {
    const object = this.validateBody(target, body);
    if (!object.metadata.name && object.metadata.generateName) {
      object.metadata.name = `${object.metadata.generateName}${Math.random()
        .toString(36)
        .slice(2, 7)}`;
    }
    this.validateName(target.type, object.metadata.name);
    if (target.type.namespaced)
      this.requireNamespace(object.metadata.namespace);
    const typeKey = typeKeyOf(target.type);
    if (
      this.store.get(typeKey, object.metadata.namespace, object.metadata.name)
    ) {
      throw new StatusError(
        409,
        'AlreadyExists',
        `${qualifiedResource(target.type)} "${
          object.metadata.name
        }" already exists`,
        {
          name: object.metadata.name,
          group: target.type.group,
          kind: target.type.plural,
        },
      );
    }
    delete object.status;
    // The uid comes before the create strategy, as on the real server: a Job's selector uses it.
    const prepared = this.prepare(target.type, {
      ...object,
      metadata: { ...object.metadata, uid: randomUUID() },
    });
    prepared.metadata.managedFields = [
      managedFieldsEntry(
        manager,
        operation,
        target.type,
        leavesOf(withoutKind(object)),
      ),
    ];
    if (dryRun) return prepared;
    const created = this.store.create(typeKey, prepared);
    if (target.type.kind === 'CustomResourceDefinition')
      this.establish(created);
    return created;
  }

  private replace(
    target: Target,
    body: unknown,
    dryRun: boolean,
    manager: string,
  ) {
    const object = this.validateBody(target, body);
    if (object.metadata.name !== target.name) {
      throw new StatusError(
        400,
        'BadRequest',
        `the name of the object (${object.metadata.name}) does not match the name on the URL (${target.name})`,
      );
    }
    const current = this.read(target);
    if (
      object.metadata.resourceVersion &&
      object.metadata.resourceVersion !== current.metadata.resourceVersion
    ) {
      throw this.conflict(target);
    }
    let next: Record<string, any>;
    if (target.subresource === 'status') {
      next = { ...structuredClone(current), status: object.status };
    } else {
      next = { ...object, status: current.status };
      // Allocated addresses survive an update that leaves them out, as on a real server.
      if (target.type.kind === 'Service' && next.spec && !next.spec.clusterIP) {
        next.spec = {
          ...next.spec,
          clusterIP: current.spec?.clusterIP,
          clusterIPs: current.spec?.clusterIPs,
        };
      }
      next.metadata = {
        ...object.metadata,
        managedFields: current.metadata.managedFields,
      };
    }
    return this.commit(
      target,
      current,
      this.prepare(target.type, next),
      dryRun,
      manager,
      leavesOf(withoutKind(object)),
    );
  }

  private patch(
    target: Target,
    contentType: string,
    body: unknown,
    query: URLSearchParams,
    dryRun: boolean,
    req: IncomingMessage,
  ) {
    const typeKey = typeKeyOf(target.type);
    const current = this.store.get(typeKey, target.namespace, target.name!);
    if (
      contentType === 'application/apply-patch+yaml' ||
      contentType === 'application/apply-patch+cbor'
    ) {
      const manager = query.get('fieldManager');
      if (!manager)
        throw new StatusError(
          400,
          'BadRequest',
          'PATCH, application/apply-patch+yaml requests must supply fieldManager',
        );
      return this.apply(
        target,
        current,
        body,
        manager,
        query.get('force') === 'true',
        dryRun,
      );
    }
    if (!current)
      throw notFound(
        qualifiedResource(target.type),
        target.name!,
        target.type.plural,
        target.type.group,
      );
    let patched: unknown;
    if (contentType === 'application/merge-patch+json')
      patched = mergePatch(current, body);
    else if (contentType === 'application/strategic-merge-patch+json')
      patched = strategicMergePatch(current, body);
    else patched = jsonPatch(current, body);
    const object = patched as Record<string, any>;
    if (
      object?.metadata?.resourceVersion &&
      object.metadata.resourceVersion !== current.metadata.resourceVersion
    ) {
      throw this.conflict(target);
    }
    const manager = query.get('fieldManager') ?? managerFromAgent(req);
    const owned = Array.isArray(body)
      ? leavesOf(withoutKind(object))
      : leavesOf(body);
    return {
      object: this.commit(
        target,
        current,
        this.prepare(target.type, object),
        dryRun,
        manager,
        owned,
      ),
      created: false,
    };
  }

  /** Server-side apply: the manager's fields become what it applied; conflicts unless forced. */
  private apply(
    target: Target,
    current: Record<string, any> | undefined,
    body: unknown,
    manager: string,
    force: boolean,
    dryRun: boolean,
  ) {
    const applied = this.validateBody(target, body);
    if (applied.metadata.managedFields) {
      throw new StatusError(
        400,
        'BadRequest',
        'metadata.managedFields must be nil',
      );
    }
    const appliedLeaves = leavesOf(applied);
    if (!current) {
      const created = this.create(target, applied, dryRun, manager, 'Apply');
      return { object: created, created: true };
    }
    const entries: any[] = structuredClone(
      current.metadata.managedFields ?? [],
    );
    const appliedIds = new Set(appliedLeaves.map(pathId));
    const conflicts: Array<{ manager: string; path: FieldPath }> = [];
    for (const entry of entries) {
      if (entry.manager === manager && entry.operation === 'Apply') continue;
      for (const path of fromFieldsV1(entry.fieldsV1)) {
        if (
          appliedIds.has(pathId(path)) &&
          JSON.stringify(valueAt(current, path)) !==
            JSON.stringify(valueAt(applied, path))
        ) {
          conflicts.push({ manager: entry.manager, path });
        }
      }
    }
    if (conflicts.length > 0 && !force) {
      const causes = conflicts.map(c => ({
        type: 'FieldManagerConflict',
        message: `conflict with "${c.manager}"`,
        field: pathText(c.path),
      }));
      throw new StatusError(
        409,
        'Conflict',
        `Apply failed with ${conflicts.length} conflict${
          conflicts.length > 1 ? 's' : ''
        }: ${causes.map(c => `${c.message}: ${c.field}`).join('\n')}`,
        {
          name: target.name,
          group: target.type.group,
          kind: target.type.plural,
          causes,
        },
      );
    }
    const previous = entries.find(
      e => e.manager === manager && e.operation === 'Apply',
    );
    const ownedByOthers = new Set(
      entries
        .filter(e => e !== previous)
        .flatMap(e => fromFieldsV1(e.fieldsV1).map(pathId)),
    );
    const next: Record<string, any> = strategicMergePatch(
      current,
      withoutKind(applied),
    ) as Record<string, any>;
    // Fields this manager applied before, applies no longer, and nobody else owns are removed.
    for (const path of previous ? fromFieldsV1(previous.fieldsV1) : []) {
      if (!appliedIds.has(pathId(path)) && !ownedByOthers.has(pathId(path)))
        removeAt(next, path);
    }
    const otherEntries = entries
      .filter(e => e !== previous)
      .map(e => ({
        ...e,
        fieldsV1: toFieldsV1(
          fromFieldsV1(e.fieldsV1).filter(p => !appliedIds.has(pathId(p))),
        ),
      }))
      .filter(e => Object.keys(e.fieldsV1).length > 0);
    const prepared = this.prepare(target.type, next);
    prepared.metadata.managedFields = [
      ...otherEntries,
      managedFieldsEntry(manager, 'Apply', target.type, appliedLeaves),
    ];
    if (unchanged(current, prepared))
      return { object: current, created: false };
    if (dryRun) return { object: prepared, created: false };
    return {
      object: this.store.update(typeKeyOf(target.type), prepared),
      created: false,
    };
  }

  private commit(
    target: Target,
    current: Record<string, any>,
    next: Record<string, any>,
    dryRun: boolean,
    manager: string,
    owned: FieldPath[],
    subresource?: string,
  ) {
    const ownedIds = new Set(owned.map(pathId));
    const entries = (current.metadata.managedFields ?? [])
      .filter(
        (e: any) =>
          !(
            e.manager === manager &&
            e.operation === 'Update' &&
            e.subresource === subresource
          ),
      )
      .map((e: any) => ({
        ...e,
        fieldsV1: toFieldsV1(
          fromFieldsV1(e.fieldsV1).filter(p => !ownedIds.has(pathId(p))),
        ),
      }))
      .filter((e: any) => Object.keys(e.fieldsV1).length > 0);
    next.metadata.managedFields = [
      ...entries,
      managedFieldsEntry(manager, 'Update', target.type, owned, subresource),
    ];
    next.metadata.deletionTimestamp = current.metadata.deletionTimestamp;
    if (unchanged(current, next)) return current;
    if (dryRun) return next;
    if (
      next.metadata.deletionTimestamp &&
      !(next.metadata.finalizers ?? []).length
    ) {
      return this.store.remove(
        typeKeyOf(target.type),
        target.namespace,
        target.name!,
      );
    }
    return this.store.update(typeKeyOf(target.type), next);
  }

  private remove(target: Target, dryRun: boolean) {
    const current = this.read(target);
    const typeKey = typeKeyOf(target.type);
    if ((current.metadata.finalizers ?? []).length > 0) {
      if (current.metadata.deletionTimestamp || dryRun) return current;
      const marked = structuredClone(current);
      marked.metadata.deletionTimestamp = new Date()
        .toISOString()
        .replace(/\.\d+Z$/, 'Z');
      marked.metadata.deletionGracePeriodSeconds = 0;
      return this.store.update(typeKey, marked);
    }
    if (dryRun) return current;
    if (target.type.kind === 'Namespace') {
      for (const type of this.registry.all().filter(t => t.namespaced)) {
        for (const object of this.store.list(typeKeyOf(type), target.name)) {
          this.store.remove(typeKeyOf(type), target.name, object.metadata.name);
        }
      }
    }
    if (target.type.kind === 'CustomResourceDefinition')
      this.registry.removeCustomResourceDefinition(current);
    return this.store.remove(typeKey, target.namespace, target.name!);
  }

  /**
   * deletecollection: deletes (or, with finalizers, marks) what a list with the same query finds,
   * and answers with that list as it was before, as the API server's generic store does.
   */
  private removeCollection(
    target: Target,
    query: URLSearchParams,
    dryRun: boolean,
  ) {
    // Namespaces have no deletecollection, and the all-namespaces path of a namespaced kind
    // serves only list and watch.
    if (
      !verbsOf(target.type).includes('deletecollection') ||
      (target.type.namespaced && target.namespace === undefined)
    ) {
      throw new StatusError(
        405,
        'MethodNotAllowed',
        'the server does not allow this method on the requested resource',
      );
    }
    const list = this.list(target, query);
    for (const item of list.items as Record<string, any>[]) {
      this.remove(
        {
          ...target,
          namespace: item.metadata.namespace,
          name: item.metadata.name,
        },
        dryRun,
      );
    }
    return list;
  }

  private establish(crd: Record<string, any>) {
    this.registry.addCustomResourceDefinition(crd);
    const now = crd.metadata.creationTimestamp;
    this.store.update('apiextensions.k8s.io/customresourcedefinitions', {
      ...crd,
      status: {
        acceptedNames: crd.spec.names,
        storedVersions: (crd.spec.versions ?? [])
          .filter((v: any) => v.storage)
          .map((v: any) => v.name),
        conditions: [
          {
            type: 'NamesAccepted',
            status: 'True',
            reason: 'NoConflicts',
            message: 'no conflicts found',
            lastTransitionTime: now,
          },
          {
            type: 'Established',
            status: 'True',
            reason: 'InitialNamesAccepted',
            message: 'the initial names have been accepted',
            lastTransitionTime: now,
          },
        ],
      },
    });
  }

  /** Server defaults, the namespace from the URL, and kind/apiVersion. */
  private prepare(
    type: ResourceType,
    object: Record<string, any>,
  ): Record<string, any> {
    const prepared = applyServerDefaults(
      { ...object, apiVersion: groupVersionOf(type), kind: type.kind },
      {
        group: type.group,
        kind: type.kind,
        allocateClusterIP: () =>
          `10.96.${Math.floor(this.nextClusterIP / 250)}.${
            this.nextClusterIP++ % 250
          }`,
      },
    );
    if (!type.namespaced) delete prepared.metadata.namespace;
    return prepared;
  }

  private validateBody(target: Target, body: unknown): Record<string, any> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new StatusError(
        400,
        'BadRequest',
        'the body of the request must be an object',
      );
    }
    const object = structuredClone(body) as Record<string, any>;
    const expected = groupVersionOf(target.type);
    if (object.apiVersion !== undefined && object.apiVersion !== expected) {
      throw new StatusError(
        400,
        'BadRequest',
        `the API version in the data (${object.apiVersion}) does not match the expected API version (${expected})`,
      );
    }
    if (object.kind !== undefined && object.kind !== target.type.kind) {
      throw new StatusError(
        400,
        'BadRequest',
        `the kind in the data (${object.kind}) does not match the expected kind (${target.type.kind})`,
      );
    }
    object.metadata =
      typeof object.metadata === 'object' && object.metadata
        ? object.metadata
        : {};
    if (target.type.namespaced) {
      if (
        object.metadata.namespace &&
        target.namespace &&
        object.metadata.namespace !== target.namespace
      ) {
        throw new StatusError(
          400,
          'BadRequest',
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      }
      object.metadata.namespace =
        target.namespace ?? object.metadata.namespace ?? 'default';
    }
    if (target.name !== undefined && object.metadata.name === undefined)
      object.metadata.name = target.name;
    return object;
  }

  private validateName(type: ResourceType, name: unknown) {
    if (typeof name !== 'string' || name.length === 0) {
      throw new StatusError(
        422,
        'Invalid',
        `${type.kind} "" is invalid: metadata.name: Required value: name or generateName is required`,
      );
    }
    if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
      throw new StatusError(
        422,
        'Invalid',
        `${type.kind}${
          type.group ? `.${type.group}` : ''
        } "${name}" is invalid: metadata.name: Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
        {
          name,
          group: type.group,
          kind: type.kind,
          causes: [{ reason: 'FieldValueInvalid', field: 'metadata.name' }],
        },
      );
    }
  }

  private requireNamespace(namespace: string) {
    const found = this.store.get('/namespaces', undefined, namespace);
    if (!found) throw notFound('namespaces', namespace, 'namespaces');
    if (found.metadata.deletionTimestamp) {
      throw new StatusError(
        403,
        'Forbidden',
        `unable to create new content in namespace ${namespace} because it is being terminated`,
      );
    }
  }

  private conflict(target: Target) {
    return new StatusError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualifiedResource(target.type)} "${
        target.name
      }": the object has been modified; please apply your changes to the latest version and try again`,
      { name: target.name, group: target.type.group, kind: target.type.plural },
    );
  }

  private async body(req: IncomingMessage): Promise<unknown> {
    const limit = this.options.maxBodyBytes ?? DEFAULT_MAX_BODY;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += chunk.length;
      if (size > 4 * limit) {
        req.destroy(); // a client that keeps sending gets cut off
        break;
      }
      // Over the limit: keep draining (so the client can read the answer), but keep nothing.
      if (size <= limit) chunks.push(chunk);
    }
    if (size > limit) {
      throw new StatusError(
        413,
        'RequestEntityTooLarge',
        `Request entity too large: limit is ${limit}`,
      );
    }
    const text = Buffer.concat(chunks).toString('utf8');
    const contentType = (req.headers['content-type'] ?? '')
      .split(';')[0]
      .trim();
    try {
      return contentType.includes('yaml')
        ? parseYaml(text, { maxAliasCount: 100 })
        : JSON.parse(text);
    } catch (error) {
      throw new StatusError(
        400,
        'BadRequest',
        `the body of the request could not be decoded: ${
          (error as Error).message.split('\n')[0]
        }`,
      );
    }
  }

  private withKind(type: ResourceType, object: Record<string, any>) {
    return {
      apiVersion: groupVersionOf(type),
      kind: type.kind,
      ...withoutKind(object),
    };
  }

  private send(res: ServerResponse, code: number, body: unknown) {
    res
      .writeHead(code, { 'content-type': 'application/json' })
      .end(JSON.stringify(body));
  }

  private fail(res: ServerResponse, error: unknown) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof StatusError) {
      this.send(
        res,
        error.code,
        statusBody(error.code, error.reason, error.message, error.details),
      );
    } else {
      this.send(
        res,
        500,
        statusBody(
          500,
          'InternalError',
          `Internal error occurred: ${(error as Error)?.message ?? error}`,
        ),
      );
    }
  }
}

function withoutKind(object: Record<string, any>) {
  const { apiVersion: _a, kind: _k, ...rest } = object;
  return rest;
}

/**
 * Whether a write changes nothing but managedFields timestamps: the real server then keeps the
 * stored object as it is (no new resourceVersion, no event, timestamps kept).
 */
function unchanged(
  current: Record<string, any>,
  next: Record<string, any>,
): boolean {
  const comparable = (object: Record<string, any>) => {
    const { managedFields = [], ...metadata } = object.metadata;
    return canonicalJson({
      ...object,
      metadata,
      managedFields: managedFields
        .map(({ time: _time, ...entry }: any) => canonicalJson(entry))
        .sort(),
    });
  };
  return comparable(current) === comparable(next);
}

/** JSON with object keys sorted, for comparing values built in different orders. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value)
      .filter(key => (value as any)[key] !== undefined)
      .sort()
      .map(
        key => `${JSON.stringify(key)}:${canonicalJson((value as any)[key])}`,
      )
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function managerFromAgent(req: IncomingMessage): string {
  return (req.headers['user-agent'] ?? 'unknown').split('/')[0] || 'unknown';
}

function managedFieldsEntry(
  manager: string,
  operation: 'Apply' | 'Update',
  type: ResourceType,
  leaves: FieldPath[],
  subresource?: string,
) {
  return {
    manager,
    operation,
    apiVersion: groupVersionOf(type),
    time: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    fieldsType: 'FieldsV1',
    fieldsV1: toFieldsV1(leaves),
    ...(subresource ? { subresource } : {}),
  };
}

/** 415 for a PATCH whose content type is not a patch type the kind accepts. */
function assertPatchType(req: IncomingMessage, type: ResourceType) {
  const accepted = [
    'application/json-patch+json',
    'application/merge-patch+json',
    // Custom resources have no patch strategies to merge by.
    ...(type.custom ? [] : ['application/strategic-merge-patch+json']),
    'application/apply-patch+yaml',
    'application/apply-patch+cbor',
  ];
  const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim();
  if (!accepted.includes(contentType)) {
    throw new StatusError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: ${accepted.join(
        ', ',
      )}`,
    );
  }
}

function parseOrBadRequest<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw new StatusError(400, 'BadRequest', (error as Error).message);
  }
}

/** The group/version a discovery path asks about ("v1", "apps/v1", or a bare group), if any. */
function discoveryGroupVersion(segments: string[]): string | undefined {
  if (segments[0] === 'api' && segments.length === 2) return segments[1];
  if (segments[0] === 'apis' && segments.length === 3)
    return `${segments[1]}/${segments[2]}`;
  if (segments[0] === 'apis' && segments.length === 2) return segments[1];
  return undefined;
}
