import { HealthStatus } from '@shipshape/plugin-gitops-common';
import { aggregateHealth } from './aggregateHealth';

const of = (...statuses: Array<HealthStatus | undefined>) =>
  aggregateHealth(
    statuses.map(status => (status ? { status, message: '' } : undefined)),
  );

describe('aggregateHealth', () => {
  it.each<[Array<HealthStatus | undefined>, HealthStatus]>([
    [[], 'Healthy'],
    [[undefined, undefined], 'Healthy'],
    [['Healthy', undefined], 'Healthy'],
    [['Healthy', 'Suspended'], 'Suspended'],
    [['Suspended', 'Progressing'], 'Progressing'],
    [['Progressing', 'Degraded', 'Healthy'], 'Degraded'],
    [['Degraded', 'Unknown'], 'Unknown'],
    // A missing resource does not make the others worse ...
    [['Healthy', 'Missing'], 'Healthy'],
    [['Progressing', 'Missing'], 'Progressing'],
    // ... but all missing is Missing.
    [['Missing', 'Missing'], 'Missing'],
    [['Missing', undefined], 'Missing'],
  ])('of %j is %s', (statuses, expected) => {
    expect(of(...statuses)).toBe(expected);
  });
});
