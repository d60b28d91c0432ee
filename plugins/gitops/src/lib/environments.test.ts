import { Entity } from '@backstage/catalog-model';
import { DateTime } from 'luxon';
import {
  environmentTypeRank,
  parseExpiry,
  readEnvironment,
  relationTargetRefs,
} from './environments';

function withSpec(spec: unknown, namespace?: string): Entity {
  return {
    apiVersion: 'gitops.shipshape.dev/v1alpha1',
    kind: 'Environment',
    metadata: { name: 'env', namespace },
    spec: spec as Entity['spec'],
  };
}

describe('readEnvironment', () => {
  it('reads a valid spec, resolving short refs in the entity namespace', () => {
    const view = readEnvironment(
      withSpec(
        {
          type: 'staging',
          owner: 'team-a',
          lifecycle: 'production',
          clusters: [{ cluster: 'cluster-1', namespace: 'shop-staging' }],
          promotesFrom: 'dev',
          expiresAt: '2026-12-31T00:00:00Z',
          approval: { requiredApprovals: 1, approvers: ['group:other/team-b'] },
          deployments: [{ component: 'orders', path: 'environments/x/orders' }],
        },
        'shop',
      ),
    );

    expect(view).toEqual({
      type: 'staging',
      owner: { kind: 'group', namespace: 'shop', name: 'team-a' },
      lifecycle: 'production',
      clusters: [
        {
          cluster: { kind: 'resource', namespace: 'shop', name: 'cluster-1' },
          raw: 'cluster-1',
          namespace: 'shop-staging',
        },
      ],
      promotesFrom: { kind: 'environment', namespace: 'shop', name: 'dev' },
      expiresAt: '2026-12-31T00:00:00Z',
      approval: {
        requiredApprovals: 1,
        approvers: [{ kind: 'group', namespace: 'other', name: 'team-b' }],
      },
      deployments: [
        {
          component: { kind: 'component', namespace: 'shop', name: 'orders' },
          path: 'environments/x/orders',
        },
      ],
    });
  });

  it('does not throw on a malformed spec and skips what it cannot read', () => {
    const view = readEnvironment(
      withSpec({
        type: 42,
        owner: '',
        clusters: ['cluster-1', null, { cluster: 7, namespace: 'ns' }],
        approval: { requiredApprovals: 'two', approvers: 'team-a' },
        deployments: [{ component: 'orders' }, { path: 'x' }],
      }),
    );

    expect(view).toEqual({
      type: undefined,
      owner: undefined,
      lifecycle: undefined,
      clusters: [{ cluster: undefined, raw: '', namespace: 'ns' }],
      promotesFrom: undefined,
      expiresAt: undefined,
      approval: { requiredApprovals: 0, approvers: [] },
      deployments: [],
    });
    expect(readEnvironment(withSpec(undefined)).clusters).toEqual([]);
  });
});

describe('relationTargetRefs', () => {
  it('returns the unique targets of one relation type', () => {
    expect(
      relationTargetRefs(
        {
          ...withSpec({}),
          relations: [
            { type: 'hasDeployment', targetRef: 'component:default/a' },
            { type: 'ownedBy', targetRef: 'group:default/team-a' },
            { type: 'hasDeployment', targetRef: 'component:default/b' },
            { type: 'hasDeployment', targetRef: 'component:default/a' },
          ],
        },
        'hasDeployment',
      ),
    ).toEqual(['component:default/a', 'component:default/b']);
  });
});

describe('environmentTypeRank', () => {
  it('orders development, staging, production, preview, then unknown types', () => {
    const types = ['preview', 'custom', 'production', undefined, 'development'];
    expect(
      [...types].sort(
        (a, b) => environmentTypeRank(a) - environmentTypeRank(b),
      ),
    ).toEqual(['development', 'production', 'preview', 'custom', undefined]);
    expect(environmentTypeRank('staging')).toBe(1);
  });
});

describe('parseExpiry', () => {
  const now = DateTime.fromISO('2026-12-21T00:00:00Z');

  it('describes a future expiry', () => {
    const expiry = parseExpiry('2026-12-31T00:00:00Z', now);
    expect(expiry?.expired).toBe(false);
    expect(expiry?.relative).toBe('in 10 days');
    expect(expiry?.date.toUTC().toISO()).toBe('2026-12-31T00:00:00.000Z');
  });

  it('describes a past expiry', () => {
    const expiry = parseExpiry('2026-12-19T00:00:00Z', now);
    expect(expiry?.expired).toBe(true);
    expect(expiry?.relative).toBe('expired 2 days ago');
  });

  it('rejects values that are not ISO 8601 timestamps', () => {
    expect(parseExpiry('next tuesday', now)).toBeUndefined();
  });
});
