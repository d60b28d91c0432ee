import { randomUUID } from 'node:crypto';
import http, { IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo, isIP } from 'node:net';
import { ApiRequest, RestApi } from './api/RestApi';
import { GitRepository } from './git/GitRepository';
import { EmulatorState, now } from './model/EmulatorState';
import { Shapes } from './model/Shapes';
import { FaultInjector, GithubEmulatorFault } from './server/FaultInjector';
import { HttpError } from './server/HttpError';
import { WebUi } from './ui/WebUi';
import {
  GithubEmulatorDelivery,
  GithubEmulatorWebhook,
  WebhookDispatcher,
} from './webhooks/WebhookDispatcher';

/** @public */
export interface GithubEmulatorRepository {
  name: string;
  /** A local git repository directory, bare or with a work tree. */
  path: string;
  /** Default "main". */
  defaultBranch?: string;
  description?: string;
}

/** @public */
export interface GithubEmulatorUser {
  login: string;
  name?: string;
  email?: string;
}

/** @public */
export interface GithubEmulatorTeam {
  slug: string;
  name?: string;
  description?: string;
  /** Logins. */
  members: string[];
}

/** @public */
export interface GithubEmulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** The organization owning every repository (its login). */
  organization: string;
  repositories: GithubEmulatorRepository[];
  /** The organization's members, all collaborators of its repositories. */
  users?: GithubEmulatorUser[];
  teams?: GithubEmulatorTeam[];
  /** Accepted tokens and the login each authenticates; any other token gets 401. */
  tokens?: Record<string, string>;
  webhooks?: GithubEmulatorWebhook[];
  faults?: GithubEmulatorFault[];
  /** Largest request body (default 10 MiB); larger ones get 413. */
  maxBodyBytes?: number;
  /** Where failures (webhook deliveries, 5xx) are reported; default stderr. */
  logger?: (message: string) => void;
}

const DEFAULT_MAX_BODY = 10 * 1024 * 1024;
const RATE_LIMIT = 5000;
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::']);
const USER_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

/**
 * A GitHub REST API emulator (as GitHub Enterprise Server serves it, under /api/v3) backed by
 * real git repositories: pull requests, reviews, merges as real merge commits, statuses, check
 * runs, signed webhooks and a minimal pull request web page. For development, demos and tests.
 *
 * @public
 */
export class GithubEmulator {
  static create(options: GithubEmulatorOptions): GithubEmulator {
    if (!options.organization || !USER_LOGIN.test(options.organization))
      throw new Error(
        `invalid organization login ${JSON.stringify(options.organization)}`,
      );
    const names = new Set<string>();
    for (const repo of options.repositories ?? []) {
      if (
        !/^[A-Za-z0-9._-]+$/.test(repo.name) ||
        repo.name === '.' ||
        repo.name === '..'
      )
        throw new Error(`invalid repository name ${JSON.stringify(repo.name)}`);
      if (names.has(repo.name.toLowerCase()))
        throw new Error(`repository ${repo.name} is configured twice`);
      names.add(repo.name.toLowerCase());
    }
    for (const user of options.users ?? [])
      if (!USER_LOGIN.test(user.login))
        throw new Error(`invalid user login ${JSON.stringify(user.login)}`);
    return new GithubEmulator(options);
  }

  private readonly state: EmulatorState;
  private readonly shapes: Shapes;
  private readonly hooks: WebhookDispatcher;
  private readonly api: RestApi;
  private readonly ui: WebUi;
  private readonly faultInjector = new FaultInjector();
  private readonly log: (message: string) => void;
  private server?: http.Server;
  private readonly rateLimits = new Map<
    string,
    { used: number; reset: number }
  >();

  private constructor(private readonly options: GithubEmulatorOptions) {
    this.log =
      options.logger ??
      (message => process.stderr.write(`github-emulator: ${message}\n`));
    this.state = new EmulatorState({
      id: 100,
      login: options.organization,
      type: 'Organization',
    });
    let nextUserId = 1001;
    const addUser = (login: string, name?: string, email?: string) => {
      if (this.state.user(login)) return;
      this.state.users.set(login.toLowerCase(), {
        id: nextUserId++,
        login,
        name,
        email,
        type: login.endsWith('[bot]') ? 'Bot' : 'User',
      });
    };
    for (const u of options.users ?? []) addUser(u.login, u.name, u.email);
    for (const login of Object.values(options.tokens ?? {})) addUser(login);
    let nextTeamId = 201;
    for (const t of options.teams ?? []) {
      for (const m of t.members) addUser(m);
      this.state.teams.set(t.slug.toLowerCase(), {
        id: nextTeamId++,
        slug: t.slug.toLowerCase(),
        name: t.name ?? t.slug,
        description: t.description,
        members: t.members.map(m => this.state.user(m)!.login),
      });
    }
    this.shapes = new Shapes(this.state, () => this.url);
    this.hooks = new WebhookDispatcher(options.webhooks ?? [], this.log);
    this.api = new RestApi(this.state, this.shapes, this.hooks);
    this.ui = new WebUi(this.state, this.shapes, this.api);
    this.faultInjector.add(options.faults ?? []);
  }

  /** Opens the repositories and listens. */
  async start(): Promise<{ url: string; apiBaseUrl: string }> {
    let nextRepoId = 301;
    for (const config of this.options.repositories ?? []) {
      const git = await GitRepository.open(config.path);
      const defaultBranch = config.defaultBranch ?? 'main';
      if (!(await git.readRef(`refs/heads/${defaultBranch}`)))
        throw new Error(`${config.path} has no branch ${defaultBranch}`);
      const at = now();
      this.state.repos.set(config.name.toLowerCase(), {
        id: nextRepoId++,
        name: config.name,
        description: config.description,
        defaultBranch,
        git,
        createdAt: at,
        pushedAt: at,
        pulls: [],
        nextNumber: 1,
        reviews: [],
        labels: new Map(),
        statuses: [],
        checkRuns: [],
      });
    }
    const server = http.createServer((req, res) => {
      this.handle(req, res).catch(error => this.fail(res, error));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(
        this.options.port ?? 0,
        this.options.host ?? '127.0.0.1',
        () => resolve(),
      );
    });
    this.server = server;
    return { url: this.url, apiBaseUrl: this.apiBaseUrl };
  }

  /** Stops at once: open connections are cut. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>(resolve => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  get url(): string {
    if (!this.server) throw new Error('the GitHub emulator is not started');
    const { port } = this.server.address() as AddressInfo;
    const host = this.options.host ?? '127.0.0.1';
    const reachable = WILDCARD_HOSTS.has(host) ? '127.0.0.1' : host;
    return `http://${
      isIP(reachable) === 6 ? `[${reachable}]` : reachable
    }:${port}`;
  }

  get apiBaseUrl(): string {
    return `${this.url}/api/v3`;
  }

  /** Adds faults, answered before the real responses until their counts are used up. */
  addFaults(faults: GithubEmulatorFault[]): void {
    this.faultInjector.add(faults);
  }

  clearFaults(): void {
    this.faultInjector.clear();
  }

  /** Every webhook delivery so far, oldest first, with its outcome. */
  deliveries(): GithubEmulatorDelivery[] {
    return this.hooks.deliveries;
  }

  /** Resolves when every webhook delivery queued so far is done. */
  webhooksIdle(): Promise<void> {
    return this.hooks.idle();
  }

  // ---------------------------------------------------------------------------------------

  private rateLimitHeaders(
    key: string,
    count: boolean,
  ): Record<string, string> {
    const nowSeconds = Math.floor(Date.now() / 1000);
    let entry = this.rateLimits.get(key);
    if (!entry || entry.reset <= nowSeconds) {
      entry = { used: 0, reset: nowSeconds + 3600 };
      this.rateLimits.set(key, entry);
    }
    if (count) entry.used = Math.min(RATE_LIMIT, entry.used + 1);
    return {
      'x-ratelimit-limit': String(RATE_LIMIT),
      'x-ratelimit-remaining': String(RATE_LIMIT - entry.used),
      'x-ratelimit-reset': String(entry.reset),
      'x-ratelimit-used': String(entry.used),
      'x-ratelimit-resource': 'core',
    };
  }

  private authenticate(req: IncomingMessage): string | undefined {
    const header = req.headers.authorization;
    if (!header) return undefined;
    const match = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header);
    const login = match ? this.options.tokens?.[match[1]] : undefined;
    if (
      !login ||
      !Object.prototype.hasOwnProperty.call(this.options.tokens, match![1])
    )
      throw new HttpError(401, 'Bad credentials');
    return this.state.user(login)!.login;
  }

  private async readBody(req: IncomingMessage): Promise<Buffer> {
    const max = this.options.maxBodyBytes ?? DEFAULT_MAX_BODY;
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > max)
      throw new HttpError(413, 'Request body too large', undefined, undefined, {
        connection: 'close',
      });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += chunk.length;
      if (size > max)
        throw new HttpError(
          413,
          'Request body too large',
          undefined,
          undefined,
          { connection: 'close' },
        );
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  }

  private async handle(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const requestId = randomUUID().replace(/-/g, '').slice(0, 20).toUpperCase();
    res.setHeader('x-github-request-id', requestId);
    res.setHeader('x-github-media-type', 'github.v3; format=json');
    const url = new URL(req.url ?? '/', 'http://emulator');
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      throw new HttpError(400, 'Malformed URL');
    }
    const method = req.method ?? 'GET';
    if (path.startsWith('/_emulator/')) {
      for (const [k, v] of Object.entries(
        this.rateLimitHeaders('emulator', false),
      ))
        res.setHeader(k, v);
      await this.control(method, path, req, res);
      return;
    }
    if (!path.startsWith('/api/v3/') && path !== '/api/v3') {
      for (const [k, v] of Object.entries(this.rateLimitHeaders('web', false)))
        res.setHeader(k, v);
      const form =
        method === 'POST' ? (await this.readBody(req)).toString('utf8') : '';
      const page = await this.ui.handle(method, path, url.searchParams, form);
      res.writeHead(page.status, {
        'content-type': page.contentType ?? 'text/html; charset=utf-8',
        'x-content-type-options': 'nosniff',
        'content-security-policy':
          "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'",
        ...(page.location ? { location: page.location } : {}),
      });
      res.end(page.body);
      return;
    }
    const apiPath = path.slice('/api/v3'.length) || '/';
    let actor: string | undefined;
    try {
      actor = this.authenticate(req);
    } catch (error) {
      for (const [k, v] of Object.entries(
        this.rateLimitHeaders('anonymous', true),
      ))
        res.setHeader(k, v);
      throw error;
    }
    const limits = this.rateLimitHeaders(actor ?? 'anonymous', true);
    for (const [k, v] of Object.entries(limits)) res.setHeader(k, v);
    const fault = this.faultInjector.take(method, apiPath);
    if (fault) {
      this.answerFault(fault, res, requestId, actor);
      return;
    }
    const raw =
      method === 'GET' || method === 'HEAD'
        ? Buffer.alloc(0)
        : await this.readBody(req);
    let body: unknown;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new HttpError(400, 'Problems parsing JSON');
      }
    }
    const request: ApiRequest = {
      method,
      path: apiPath,
      query: url.searchParams,
      body,
      actor,
      accept: req.headers.accept,
    };
    const response = await this.api.handle(request);
    const headers: Record<string, string> = { ...response.headers };
    if (response.raw) {
      res.writeHead(response.status, {
        ...headers,
        'content-type': 'application/vnd.github.raw; charset=utf-8',
      });
      res.end(response.raw);
      return;
    }
    if (response.body === undefined) {
      res.writeHead(response.status, headers);
      res.end();
      return;
    }
    res.writeHead(response.status, {
      ...headers,
      'content-type': 'application/json; charset=utf-8',
    });
    res.end(JSON.stringify(response.body));
  }

  private answerFault(
    fault: GithubEmulatorFault,
    res: ServerResponse,
    requestId: string,
    actor: string | undefined,
  ) {
    const docs =
      'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';
    if (fault.type === 'primary-rate-limit') {
      const reset =
        Math.floor(Date.now() / 1000) + (fault.retryAfterSeconds ?? 60);
      const id = actor ? this.state.user(actor)?.id : undefined;
      res.setHeader('x-ratelimit-remaining', '0');
      res.setHeader('x-ratelimit-used', String(RATE_LIMIT));
      res.setHeader('x-ratelimit-reset', String(reset));
      this.sendJson(res, 403, {
        message: `API rate limit exceeded for ${
          id ? `user ID ${id}` : 'anonymous requests'
        }. If you reach out to GitHub Support for help, please include the request ID ${requestId} and timestamp ${now()}.`,
        documentation_url: docs,
        status: '403',
      });
      return;
    }
    if (fault.type === 'secondary-rate-limit') {
      res.setHeader('retry-after', String(fault.retryAfterSeconds ?? 60));
      this.sendJson(res, 429, {
        message: `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
        documentation_url: `${docs}#about-secondary-rate-limits`,
        status: '429',
      });
      return;
    }
    const status = fault.status ?? 502;
    this.sendJson(res, status, {
      message:
        status === 502
          ? 'Server Error'
          : http.STATUS_CODES[status] ?? 'Server Error',
      documentation_url: 'https://docs.github.com/rest',
      status: String(status),
    });
    return;
  }

  private async control(
    method: string,
    path: string,
    req: IncomingMessage,
    res: ServerResponse,
  ) {
    const avatar = /^\/_emulator\/avatars\/([^/]+)\.svg$/.exec(path);
    if (method === 'GET' && avatar) {
      const letter = (avatar[1][0] ?? '?')
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, '?');
      let hue = 0;
      for (const c of avatar[1]) hue = (hue * 31 + c.charCodeAt(0)) % 360;
      res.writeHead(200, { 'content-type': 'image/svg+xml' });
      res.end(
        `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="hsl(${hue},50%,45%)"/><text x="20" y="27" font-size="20" text-anchor="middle" fill="#fff" font-family="sans-serif">${letter}</text></svg>`,
      );
      return;
    }
    if (path === '/_emulator/health' && method === 'GET') {
      this.sendJson(res, 200, { status: 'ok' });
      return;
    }
    if (path === '/_emulator/faults') {
      if (method === 'GET') {
        this.sendJson(res, 200, this.faultInjector.list());
        return;
      }
      if (method === 'DELETE') {
        this.faultInjector.clear();
        res.writeHead(204).end();
        return;
      }
      if (method === 'POST') {
        let input: unknown;
        try {
          input = JSON.parse((await this.readBody(req)).toString('utf8'));
        } catch {
          throw new HttpError(400, 'Problems parsing JSON');
        }
        this.faultInjector.add(
          Array.isArray(input)
            ? (input as GithubEmulatorFault[])
            : [input as GithubEmulatorFault],
        );
        this.sendJson(res, 201, this.faultInjector.list());
        return;
      }
    }
    if (path === '/_emulator/deliveries' && method === 'GET') {
      this.sendJson(res, 200, this.hooks.deliveries);
      return;
    }
    throw new HttpError(404, 'Not Found');
  }

  private sendJson(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
    });
    res.end(JSON.stringify(body));
  }

  private fail(res: ServerResponse, error: unknown) {
    const httpError =
      error instanceof HttpError ? error : new HttpError(500, 'Server Error');
    if (!(error instanceof HttpError))
      this.log(`internal error: ${(error as Error)?.stack ?? error}`);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(httpError.status, {
      'content-type': 'application/json; charset=utf-8',
      ...httpError.headers,
    });
    res.end(JSON.stringify(httpError.body()));
  }
}
