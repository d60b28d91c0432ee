import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  DeploymentHistoryEntry,
  DeploymentStatus,
  ResourceStatus,
} from '@shipshape/plugin-gitops-common';
import { act } from '@testing-library/react';
import { ReactElement } from 'react';
import { GitopsApi } from '@shipshape/plugin-gitops-common';
import { gitopsApiRef } from '../api';

/**
 * Test files that use {@link allowPermissions} mock usePermission (SWR caches its answers
 * across tests, so the real hook would leak one test's permissions into the next):
 *
 * ```ts
 * jest.mock('@backstage/plugin-permission-react', () => ({
 *   ...jest.requireActual('@backstage/plugin-permission-react'),
 *   usePermission: jest.fn(),
 * }));
 * ```
 */
export function allowPermissions(names: 'all' | string[]) {
  const mock = usePermission as jest.MockedFunction<typeof usePermission>;
  mock.mockImplementation(({ permission }) => ({
    loading: false,
    allowed: names === 'all' || names.includes(permission.name),
  }));
  return mock;
}

/** A GitopsApi whose methods reject until a test gives them an answer. */
export function mockGitopsApi(
  overrides: Partial<GitopsApi> = {},
): jest.Mocked<GitopsApi> {
  const notMocked = (name: string) =>
    jest.fn(() => Promise.reject(new Error(`${name} is not mocked`)));
  return {
    getStatus: notMocked('getStatus'),
    getResources: notMocked('getResources'),
    getDiff: notMocked('getDiff'),
    getHistory: notMocked('getHistory'),
    getEnvironment: notMocked('getEnvironment'),
    refresh: notMocked('refresh'),
    getTeamSummary: notMocked('getTeamSummary'),
    listChangeRequests: notMocked('listChangeRequests'),
    registerChangeRequest: notMocked('registerChangeRequest'),
    plan: notMocked('plan'),
    ...overrides,
  } as jest.Mocked<GitopsApi>;
}

type SignalListener = Parameters<SignalApi['subscribe']>[1];
type SignalMessage = Parameters<SignalListener>[0];

/** An in-memory signals API: tests publish to the channels components subscribed to. */
export class FakeSignalApi implements SignalApi {
  private readonly listeners = new Map<string, Set<SignalListener>>();

  subscribe<T extends SignalMessage>(
    channel: string,
    onMessage: (message: T) => void,
  ) {
    const listener = onMessage as SignalListener;
    const set = this.listeners.get(channel) ?? new Set();
    set.add(listener);
    this.listeners.set(channel, set);
    return {
      unsubscribe: () => {
        set.delete(listener);
      },
    };
  }

  /** The channels with at least one subscriber. */
  channels(): string[] {
    return [...this.listeners.entries()]
      .filter(([, set]) => set.size > 0)
      .map(([channel]) => channel);
  }

  publish(channel: string, message: SignalMessage) {
    act(() => {
      this.listeners.get(channel)?.forEach(listener => listener(message));
    });
  }
}

/** Renders `element` on the page of `entity` with a GitOps API (and optionally signals). */
export async function renderWithGitops(
  element: ReactElement,
  options: { entity: Entity; gitopsApi: GitopsApi; signalApi?: SignalApi },
) {
  const page = (
    <EntityProvider entity={options.entity}>{element}</EntityProvider>
  );
  return renderInTestApp(
    options.signalApi ? (
      <TestApiProvider
        apis={[
          [gitopsApiRef, options.gitopsApi],
          [signalApiRef, options.signalApi],
        ]}
      >
        {page}
      </TestApiProvider>
    ) : (
      <TestApiProvider apis={[[gitopsApiRef, options.gitopsApi]]}>
        {page}
      </TestApiProvider>
    ),
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/** The error GitopsClient throws for a failed request with a Backstage error body. */
export function responseError(
  status: number,
  name: string,
  message: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
      }),
      { status, headers: { 'content-type': 'application/json' } },
    ),
  );
}

/** A promise with its resolve function, for holding a request open. */
export function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>(r => {
    resolve = r;
  });
  return { promise, resolve };
}

export const ordersEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders' },
  spec: { type: 'service', owner: 'team-orders', lifecycle: 'production' },
};

export const prodEntity: Entity = {
  apiVersion: 'gitops.shipshape.dev/v1alpha1',
  kind: 'Environment',
  metadata: { name: 'prod' },
  spec: { type: 'production', owner: 'team-platform', clusters: [] },
};

export function deploymentStatus(
  overrides: Partial<DeploymentStatus> = {},
): DeploymentStatus {
  return {
    entityRef: 'component:default/orders',
    environmentRef: 'environment:default/prod',
    clusterRef: 'resource:default/cluster-eu-west',
    namespace: 'shop-prod',
    sync: 'Synced',
    health: 'Healthy',
    revision: '0123456789abcdef0123456789abcdef01234567',
    resourceCount: 4,
    driftCount: 0,
    syncSince: '2026-12-20T00:00:00Z',
    healthSince: '2026-12-20T00:00:00Z',
    updatedAt: '2026-12-20T00:00:00Z',
    ...overrides,
  };
}

export function resourceStatus(
  overrides: Partial<ResourceStatus> = {},
): ResourceStatus {
  const kind = overrides.kind ?? 'Deployment';
  const namespace = overrides.namespace ?? 'shop-prod';
  const name = overrides.name ?? 'orders';
  return {
    key: `apps/${kind}/${namespace}/${name}`,
    apiVersion: 'apps/v1',
    kind,
    namespace,
    name,
    sync: 'Synced',
    health: { status: 'Healthy' },
    changes: [],
    updatedAt: '2026-12-20T00:00:00Z',
    ...overrides,
  };
}

export function historyEntry(
  overrides: Partial<DeploymentHistoryEntry> & { id: string; at: string },
): DeploymentHistoryEntry {
  return {
    entityRef: 'component:default/orders',
    environmentRef: 'environment:default/prod',
    clusterRef: 'resource:default/cluster-eu-west',
    field: 'sync',
    from: 'Synced',
    to: 'OutOfSync',
    ...overrides,
  };
}
