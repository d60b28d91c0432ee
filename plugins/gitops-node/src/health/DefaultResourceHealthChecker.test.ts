import { DefaultResourceHealthChecker } from './DefaultResourceHealthChecker';
import { KubernetesObject } from './types';

const widget: KubernetesObject = {
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: { name: 'w', namespace: 'shop', generation: 1 },
  status: { state: 'broken' },
};

describe('DefaultResourceHealthChecker', () => {
  it('calls an object that is not in the cluster Missing', () => {
    expect(DefaultResourceHealthChecker.create().check(undefined)).toEqual({
      status: 'Missing',
      message: 'The resource does not exist in the cluster',
    });
  });

  it('calls an object being deleted Progressing, before any kind check', () => {
    const checker = DefaultResourceHealthChecker.create({
      checks: [
        {
          group: 'example.com',
          kind: 'Widget',
          check: () => ({ status: 'Degraded', message: 'broken' }),
        },
      ],
    });
    expect(
      checker.check({
        ...widget,
        metadata: {
          ...widget.metadata,
          deletionTimestamp: '2026-11-21T10:00:00Z',
        },
      }),
    ).toEqual({ status: 'Progressing', message: 'Pending deletion' });
  });

  it('uses an added check for its group and kind only', () => {
    const checker = DefaultResourceHealthChecker.create({
      checks: [
        {
          group: 'example.com',
          kind: 'Widget',
          check: object => ({
            status: object.status.state === 'broken' ? 'Degraded' : 'Healthy',
            message: `state ${object.status.state}`,
          }),
        },
      ],
    });
    expect(checker.check(widget)).toEqual({
      status: 'Degraded',
      message: 'state broken',
    });
    expect(
      checker.check({ ...widget, apiVersion: 'other.example.com/v1' }),
    ).not.toEqual({
      status: 'Degraded',
      message: 'state broken',
    });
  });

  it('lets an added check replace a built-in one', () => {
    const checker = DefaultResourceHealthChecker.create({
      checks: [
        {
          group: 'apps',
          kind: 'Deployment',
          check: () => ({ status: 'Suspended', message: 'ours' }),
        },
      ],
    });
    expect(
      checker.check({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'd' },
      }),
    ).toEqual({ status: 'Suspended', message: 'ours' });
  });
});
