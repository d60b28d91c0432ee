import { execFile } from 'node:child_process';
import https from 'node:https';
import http from 'node:http';
import { promisify } from 'node:util';
import { parse as parseYaml, parseAllDocuments } from 'yaml';

const run = promisify(execFile);

/**
 * The annotation on an Environment (environment.yaml) that opts it into the demo's automated sync,
 * as Argo CD's `syncPolicy.automated` does for an Application: every new revision of the
 * environment is applied. Environments without it are never touched, so the demo's deliberate
 * drift stays visible.
 */
export const SYNC_POLICY_ANNOTATION = 'gitops.shipshape.dev/sync-policy';

/** Where the agent applies: one demo cluster, through its API with a bearer token. */
export interface DemoSyncAgentOptions {
  /** A git repository (bare or not) laid out as examples/gitops-repo. */
  repository: string;
  branch: string;
  /** The cluster's catalog name, e.g. `cluster-dev`: environments placed elsewhere are skipped. */
  cluster: string;
  server: { url: string; token: string; ca?: string };
  /**
   * How long a new revision waits before it is applied, as an operator's sync interval would make
   * it (Argo CD polls every 3 minutes by default): the portal shows the environment syncing first.
   */
  delayMs?: number;
  log?: (line: string) => void;
}

/** What one environment's sync did. */
export interface DemoSyncResult {
  environment: string;
  namespace: string;
  applied: string[];
  errors: string[];
  /** Objects deleted because Git no longer declares them (`Kind/name`). */
  pruned?: string[];
}

/** An object the agent applied, to prune it when Git drops it. */
interface DeployedObject {
  label: string;
  path: string;
}

interface ApiResource {
  /** `/api/v1` or `/apis/<group>/<version>`. */
  base: string;
  /** The plural resource name, e.g. `deployments`. */
  name: string;
  namespaced: boolean;
}

/**
 * The demo's stand-in for a GitOps operator (Argo CD or Flux with automated sync, or `kubectl
 * apply` in CI): it follows a branch of the GitOps repository and applies the environments that
 * ask for automated sync to its cluster with server-side apply, through the Kubernetes API like
 * any client. Without self-heal: live drift is corrected only when the environment's files change.
 */
export class DemoSyncAgent {
  private lastHead?: string;
  /** A new revision seen but not applied yet, and since when. */
  private pending?: { head: string; since: number };
  /** Per environment, the git tree id last applied. */
  private readonly applied = new Map<string, string>();
  /** Per automated environment: its namespace and the objects last applied. */
  private readonly deployed = new Map<
    string,
    { namespace: string; objects: DeployedObject[] }
  >();
  private readonly resources = new Map<string, ApiResource>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  private constructor(private readonly options: DemoSyncAgentOptions) {}

  static create(options: DemoSyncAgentOptions): DemoSyncAgent {
    return new DemoSyncAgent(options);
  }

  /** Syncs now, then polls the branch every `intervalMs`. */
  start(intervalMs = 2000): void {
    const tick = () => {
      this.running = this.syncOnce()
        .catch(error => this.log(`sync failed: ${messageOf(error)}`))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Applies every automated environment of this cluster whose files changed since last time. */
  async syncOnce(): Promise<DemoSyncResult[]> {
    const head = await this.git(
      'rev-parse',
      '--verify',
      '-q',
      `refs/heads/${this.options.branch}`,
    ).catch(() => undefined);
    if (!head || head === this.lastHead) return [];
    if (this.pending?.head !== head) this.pending = { head, since: Date.now() };
    if (Date.now() - this.pending.since < (this.options.delayMs ?? 0))
      return [];
    const results: DemoSyncResult[] = [];
    const environments = await this.environmentsAt(head);
    for (const environment of environments) {
      const tree = await this.git(
        'rev-parse',
        `${head}:environments/${environment}`,
      );
      if (this.applied.get(environment) === tree) continue;
      const placement = await this.automatedPlacement(head, environment);
      if (!placement) {
        this.applied.set(environment, tree);
        continue;
      }
      const result = await this.applyEnvironment(head, environment, placement);
      results.push(result);
      // Failed objects are retried with the next revision only, as an operator's sync would be.
      this.applied.set(environment, tree);
      this.log(
        `${environment} @ ${head.slice(0, 7)}: applied ${
          result.applied.length
        } object(s) to ${placement}${
          result.errors.length
            ? `; ${result.errors.length} failed: ${result.errors.join('; ')}`
            : ''
        }`,
      );
    }
    // Environments removed from Git (e.g. an expired preview): delete what was applied, as an
    // operator with pruning does.
    for (const [environment, { namespace, objects }] of this.deployed) {
      if (environments.includes(environment)) continue;
      const result: DemoSyncResult = {
        environment,
        namespace,
        applied: [],
        errors: [],
        pruned: [],
      };
      await this.prune(objects, result);
      await this.request('DELETE', `/api/v1/namespaces/${namespace}`);
      this.deployed.delete(environment);
      this.applied.delete(environment);
      results.push(result);
      this.log(
        `${environment} @ ${head.slice(0, 7)}: removed from Git; pruned ${
          result.pruned!.length
        } object(s) and namespace ${namespace}`,
      );
    }
    this.lastHead = head;
    return results;
  }

  private async prune(objects: DeployedObject[], result: DemoSyncResult) {
    for (const object of objects) {
      const response = await this.request('DELETE', object.path);
      if (response.status < 300 || response.status === 404) {
        (result.pruned ??= []).push(object.label);
      } else {
        result.errors.push(`${object.label}: HTTP ${response.status}`);
      }
    }
  }

  private async environmentsAt(head: string): Promise<string[]> {
    const out = await this.git(
      'ls-tree',
      '--name-only',
      '-d',
      `${head}:environments`,
    ).catch(() => '');
    return out.split('\n').filter(Boolean);
  }

  /** The namespace on this cluster of an environment with automated sync, if it is one. */
  private async automatedPlacement(
    head: string,
    environment: string,
  ): Promise<string | undefined> {
    const text = await this.git(
      'show',
      `${head}:environments/${environment}/environment.yaml`,
    ).catch(() => undefined);
    if (!text) return undefined;
    let entity: any;
    try {
      entity = parseYaml(text, { maxAliasCount: 100 });
    } catch (error) {
      this.log(
        `${environment}: environment.yaml does not parse: ${messageOf(error)}`,
      );
      return undefined;
    }
    if (entity?.metadata?.annotations?.[SYNC_POLICY_ANNOTATION] !== 'automated')
      return undefined;
    for (const entry of entity?.spec?.clusters ?? []) {
      const name = String(entry?.cluster ?? '').replace(/^.*[:/]/, '');
      if (
        name === this.options.cluster &&
        typeof entry.namespace === 'string'
      ) {
        return entry.namespace;
      }
    }
    return undefined;
  }

  private async applyEnvironment(
    head: string,
    environment: string,
    namespace: string,
  ): Promise<DemoSyncResult> {
    const result: DemoSyncResult = {
      environment,
      namespace,
      applied: [],
      errors: [],
    };
    const deployed: DeployedObject[] = [];
    await this.ensureNamespace(namespace, environment);
    const files = (
      await this.git(
        'ls-tree',
        '-r',
        '--name-only',
        head,
        `environments/${environment}/`,
      )
    )
      .split('\n')
      .filter(file =>
        /\/[^/]+\/[^/]+\.ya?ml$/.test(
          file.slice(`environments/${environment}`.length),
        ),
      );
    for (const file of files) {
      const text = await this.git('show', `${head}:${file}`);
      for (const document of parseAllDocuments(text)) {
        const object = document.errors.length
          ? undefined
          : document.toJS({ maxAliasCount: 100 });
        if (!object?.kind || !object?.metadata?.name) continue;
        const label = `${object.kind}/${object.metadata.name}`;
        try {
          deployed.push({ label, path: await this.apply(object, namespace) });
          result.applied.push(label);
        } catch (error) {
          result.errors.push(`${label}: ${messageOf(error)}`);
        }
      }
    }
    const previous = this.deployed.get(environment)?.objects ?? [];
    const kept = new Set(deployed.map(object => object.path));
    const dropped = previous.filter(object => !kept.has(object.path));
    if (dropped.length > 0) await this.prune(dropped, result);
    this.deployed.set(environment, { namespace, objects: deployed });
    return result;
  }

  private async ensureNamespace(namespace: string, environment: string) {
    const existing = await this.request(
      'GET',
      `/api/v1/namespaces/${namespace}`,
    );
    if (existing.status === 200) return;
    const created = await this.request(
      'POST',
      '/api/v1/namespaces',
      'application/json',
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: namespace,
          labels: { 'gitops.shipshape.dev/environment': environment },
        },
      },
    );
    if (created.status !== 201 && created.status !== 409) {
      throw new Error(
        `creating namespace ${namespace}: HTTP ${created.status}`,
      );
    }
  }

  /** Server-side applies an object; returns its path. */
  private async apply(
    object: Record<string, any>,
    namespace: string,
  ): Promise<string> {
    const resource = await this.resourceOf(object.apiVersion, object.kind);
    const body = {
      ...object,
      metadata: {
        ...object.metadata,
        ...(resource.namespaced && { namespace }),
      },
    };
    const path = `${resource.base}${
      resource.namespaced ? `/namespaces/${namespace}` : ''
    }/${resource.name}/${encodeURIComponent(object.metadata.name)}`;
    const response = await this.request(
      'PATCH',
      path,
      'application/apply-patch+yaml',
      body,
      '?fieldManager=shipshape-demo-sync&force=true',
    );
    if (response.status >= 300) {
      throw new Error(`HTTP ${response.status} ${response.body.slice(0, 200)}`);
    }
    return path;
  }

  /** The resource path of a kind, from the server's discovery (as kubectl finds it). */
  private async resourceOf(
    apiVersion: string,
    kind: string,
  ): Promise<ApiResource> {
    const key = `${apiVersion}/${kind}`;
    const cached = this.resources.get(key);
    if (cached) return cached;
    const base = apiVersion.includes('/')
      ? `/apis/${apiVersion}`
      : `/api/${apiVersion}`;
    const discovery = await this.request('GET', base);
    if (discovery.status !== 200)
      throw new Error(`${apiVersion} is not served (HTTP ${discovery.status})`);
    const list = JSON.parse(discovery.body) as {
      resources: Array<{ name: string; kind: string; namespaced: boolean }>;
    };
    const found = list.resources.find(
      r => r.kind === kind && !r.name.includes('/'),
    );
    if (!found) throw new Error(`${kind} is not served by ${apiVersion}`);
    const resource = { base, name: found.name, namespaced: found.namespaced };
    this.resources.set(key, resource);
    return resource;
  }

  private request(
    method: string,
    path: string,
    contentType?: string,
    body?: unknown,
    query = '',
  ): Promise<{ status: number; body: string }> {
    const url = new URL(`${path}${query}`, this.options.server.url);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = transport.request(
        url,
        {
          method,
          ca: this.options.server.ca,
          headers: {
            authorization: `Bearer ${this.options.server.token}`,
            accept: 'application/json',
            ...(contentType && { 'content-type': contentType }),
          },
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', chunk => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  private async git(...args: string[]): Promise<string> {
    const { stdout } = await run(
      'git',
      ['-C', this.options.repository, ...args],
      {
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    return stdout.trim();
  }

  private log(line: string) {
    (
      this.options.log ??
      (l => process.stderr.write(`demo sync (${this.options.cluster}): ${l}\n`))
    )(line);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
