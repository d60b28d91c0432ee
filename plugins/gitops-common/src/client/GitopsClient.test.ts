import { ResponseError } from '@backstage/errors';
import { GitopsClient } from './GitopsClient';

const BASE_URL = 'http://backstage.test/api/gitops';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

function errorResponse(status: number, name: string, message: string) {
  return jsonResponse(status, {
    error: { name, message },
    request: { method: 'GET', url: '/api/gitops/status' },
    response: { statusCode: status },
  });
}

function setup(response: () => Response) {
  const fetch = jest.fn(
    async (_input: RequestInfo | URL, _init?: RequestInit) => response(),
  );
  const getBaseUrl = jest.fn(async (_pluginId: string) => BASE_URL);
  const client = new GitopsClient({
    discoveryApi: { getBaseUrl },
    fetchApi: { fetch },
  });
  /** The URL of the nth request, parsed. */
  const requestUrl = (index = 0) => new URL(String(fetch.mock.calls[index][0]));
  return { client, fetch, getBaseUrl, requestUrl };
}

const deployment = {
  entityRef: 'component:default/orders',
  environmentRef: 'environment:default/prod',
  clusterRef: 'resource:default/cluster-eu-west',
};

describe('GitopsClient', () => {
  it('reads the status of an entity from the gitops base URL', async () => {
    const body = {
      entityRef: 'component:default/orders',
      summary: { sync: 'Synced', health: 'Healthy' },
      deployments: [],
    };
    const { client, fetch, getBaseUrl, requestUrl } = setup(() =>
      jsonResponse(200, body),
    );

    await expect(
      client.getStatus({ entityRef: 'component:default/orders' }),
    ).resolves.toEqual(body);

    expect(getBaseUrl).toHaveBeenCalledWith('gitops');
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(String(fetch.mock.calls[0][0])).toBe(
      `${BASE_URL}/status?entityRef=component%3Adefault%2Forders`,
    );
    expect(requestUrl().searchParams.get('entityRef')).toBe(
      'component:default/orders',
    );
  });

  it('encodes refs and resource keys so that they survive the query string', async () => {
    const { client, requestUrl } = setup(() =>
      jsonResponse(200, { resource: {}, diff: '' }),
    );

    await client.getDiff({
      entityRef: 'component:my-ns/a&b=c',
      environmentRef: 'environment:default/pr #7',
      clusterRef: 'resource:default/cluster+1',
      resource: 'apps/Deployment/shop-prod/orders?x=1',
    });

    const url = requestUrl();
    expect(url.origin + url.pathname).toBe(`${BASE_URL}/diff`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      entityRef: 'component:my-ns/a&b=c',
      environmentRef: 'environment:default/pr #7',
      clusterRef: 'resource:default/cluster+1',
      resource: 'apps/Deployment/shop-prod/orders?x=1',
    });
    expect(url.search).not.toContain('&b=c');
    expect(url.search).not.toContain(' ');
  });

  it('asks for the resources of one deployment', async () => {
    const { client, requestUrl } = setup(() =>
      jsonResponse(200, { deployment: {}, resources: [] }),
    );

    await client.getResources(deployment);

    const url = requestUrl();
    expect(url.pathname).toBe('/api/gitops/resources');
    expect(Object.fromEntries(url.searchParams)).toEqual(deployment);
  });

  it('leaves out history parameters that are not given', async () => {
    const { client, requestUrl } = setup(() =>
      jsonResponse(200, { items: [] }),
    );

    await client.getHistory({ entityRef: 'component:default/orders' });
    await client.getHistory({
      entityRef: 'component:default/orders',
      environmentRef: 'environment:default/prod',
      limit: 20,
      before: '2026-12-21T00:00:00.000Z',
    });

    expect(Object.fromEntries(requestUrl(0).searchParams)).toEqual({
      entityRef: 'component:default/orders',
    });
    expect(Object.fromEntries(requestUrl(1).searchParams)).toEqual({
      entityRef: 'component:default/orders',
      environmentRef: 'environment:default/prod',
      limit: '20',
      before: '2026-12-21T00:00:00.000Z',
    });
  });

  it('reads an environment summary', async () => {
    const { client, requestUrl } = setup(() =>
      jsonResponse(200, { environmentRef: 'environment:default/prod' }),
    );

    await client.getEnvironment({ environmentRef: 'environment:default/prod' });

    expect(requestUrl().pathname).toBe('/api/gitops/environment');
    expect(requestUrl().searchParams.get('environmentRef')).toBe(
      'environment:default/prod',
    );
  });

  it('posts refresh requests as JSON', async () => {
    const { client, fetch } = setup(() =>
      jsonResponse(202, { accepted: true }),
    );

    await expect(
      client.refresh({ entityRef: 'component:default/orders' }),
    ).resolves.toEqual({ accepted: true });

    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(`${BASE_URL}/refresh`);
    expect(init?.method).toBe('POST');
    expect(new Headers(init?.headers).get('content-type')).toBe(
      'application/json',
    );
    expect(JSON.parse(String(init?.body))).toEqual({
      entityRef: 'component:default/orders',
    });
  });

  it.each([
    [403, 'NotAllowedError', 'You may not read the status of orders'],
    [404, 'NotFoundError', 'No deployments of component:default/nothing'],
    [500, 'Error', 'Database unavailable'],
  ])(
    'rejects a %i answer with a ResponseError carrying the server error',
    async (status, name, message) => {
      const { client } = setup(() => errorResponse(status, name, message));

      const error = await client
        .getStatus({ entityRef: 'component:default/orders' })
        .catch(e => e);

      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(status);
      expect(error.cause.name).toBe(name);
      expect(error.cause.message).toBe(message);
    },
  );

  it('rejects a failed refresh with a ResponseError', async () => {
    const { client } = setup(() =>
      errorResponse(403, 'NotAllowedError', 'Refresh not allowed'),
    );

    const error = await client
      .refresh({ entityRef: 'component:default/orders' })
      .catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.cause.name).toBe('NotAllowedError');
  });

  it('rejects a failure without a JSON body with the status', async () => {
    const { client } = setup(
      () => new Response('upstream timed out', { status: 502 }),
    );

    const error = await client.getResources(deployment).catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(502);
    expect(error.cause.message).toContain('upstream timed out');
  });
});

describe('GitopsClient change requests and plan', () => {
  it('lists change requests with only the filters given', async () => {
    const { client, requestUrl } = setup(() =>
      jsonResponse(200, { items: [] }),
    );

    await expect(
      client.listChangeRequests({
        awaitingApprovalBy: 'group:default/platform',
        state: 'all',
      }),
    ).resolves.toEqual({ items: [] });

    const url = requestUrl();
    expect(url.pathname).toBe('/api/gitops/change-requests');
    expect(url.searchParams.get('awaitingApprovalBy')).toBe(
      'group:default/platform',
    );
    expect(url.searchParams.get('state')).toBe('all');
    expect(url.searchParams.has('entityRef')).toBe(false);
  });

  it('registers a change request with a JSON POST', async () => {
    const { client, fetch } = setup(() =>
      jsonResponse(201, { id: 'acme/gitops#4', state: 'open' }),
    );
    const body = {
      repository: 'acme/gitops',
      number: 4,
      action: 'create' as const,
      environmentRef: 'environment:default/preview-1',
      entityRefs: ['component:default/orders'],
    };

    await expect(client.registerChangeRequest(body)).resolves.toEqual({
      id: 'acme/gitops#4',
      state: 'open',
    });
    expect(String(fetch.mock.calls[0][0])).toBe(`${BASE_URL}/change-requests`);
    expect(fetch.mock.calls[0][1]?.method).toBe('POST');
    expect(JSON.parse(String(fetch.mock.calls[0][1]?.body))).toEqual(body);
  });

  it('rejects a failed plan with the server error', async () => {
    const { client, fetch } = setup(() =>
      errorResponse(400, 'InputError', 'Unknown cluster resource:default/x'),
    );

    const error = await client
      .plan({ clusterRef: 'resource:default/x', manifests: [] })
      .catch(e => e);
    expect(String(fetch.mock.calls[0][0])).toBe(`${BASE_URL}/plan`);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(error.cause.message).toContain('Unknown cluster');
  });
});

describe('GitopsClient.getTeamSummary', () => {
  it('asks for a group, passing includeSubgroups only when given', async () => {
    const fetch = jest.fn(
      async (_input: RequestInfo | URL, _init?: RequestInit) =>
        new Response(JSON.stringify({ groupRef: 'group:default/payments' }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
    );
    const client = new GitopsClient({
      discoveryApi: {
        getBaseUrl: async () => 'http://backstage.test/api/gitops',
      },
      fetchApi: { fetch },
    });
    await client.getTeamSummary({ groupRef: 'group:default/payments' });
    await client.getTeamSummary({
      groupRef: 'group:default/payments',
      includeSubgroups: false,
    });
    const urls = fetch.mock.calls.map(([url]) => new URL(String(url)));
    expect(urls[0].pathname).toBe('/api/gitops/team-summary');
    expect(Object.fromEntries(urls[0].searchParams)).toEqual({
      groupRef: 'group:default/payments',
    });
    expect(Object.fromEntries(urls[1].searchParams)).toEqual({
      groupRef: 'group:default/payments',
      includeSubgroups: 'false',
    });
  });
});
