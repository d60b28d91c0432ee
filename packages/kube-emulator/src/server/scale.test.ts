import { replicasOf, scaleOf, selectorText } from './scale';

describe('selectorText', () => {
  it('writes a LabelSelector as the server does in Scale.status.selector', () => {
    expect(selectorText({ matchLabels: { app: 'web', tier: 'front' } })).toBe(
      'app=web,tier=front',
    );
    expect(
      selectorText({
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['prod', 'dev'] },
          { key: 'canary', operator: 'DoesNotExist' },
          { key: 'track', operator: 'NotIn', values: ['beta'] },
          { key: 'owner', operator: 'Exists' },
        ],
      }),
    ).toBe('!canary,app=web,env in (dev,prod),owner,track notin (beta)');
    expect(selectorText(undefined)).toBe('');
  });
});

describe('scaleOf', () => {
  it('shows desired replicas in spec and observed ones in status', () => {
    const deployment = {
      metadata: {
        name: 'web',
        namespace: 'shop',
        uid: 'u-1',
        resourceVersion: '7',
        creationTimestamp: '2026-01-01T00:00:00Z',
        labels: { app: 'web' },
      },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } } },
      status: { replicas: 2 },
    };
    expect(scaleOf(deployment)).toEqual({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name: 'web',
        namespace: 'shop',
        uid: 'u-1',
        resourceVersion: '7',
        creationTimestamp: '2026-01-01T00:00:00Z',
      },
      spec: { replicas: 3 },
      status: { replicas: 2, selector: 'app=web' },
    });
  });
});

describe('replicasOf', () => {
  it('takes a non-negative integer and refuses anything else with 422', () => {
    expect(replicasOf({ spec: { replicas: 4 } }, 'web')).toBe(4);
    expect(replicasOf({ spec: {} }, 'web')).toBe(0);
    for (const replicas of [-1, 1.5, '3']) {
      expect(() => replicasOf({ spec: { replicas } }, 'web')).toThrow(
        expect.objectContaining({
          code: 422,
          reason: 'Invalid',
          message: expect.stringContaining(
            'Scale.autoscaling "web" is invalid: spec.replicas',
          ),
        }),
      );
    }
  });
});
