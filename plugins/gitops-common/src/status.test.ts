import { HealthStatus, worstHealth } from './status';

describe('worstHealth', () => {
  it.each<[HealthStatus[], HealthStatus]>([
    [[], 'Healthy'],
    [['Healthy', 'Healthy'], 'Healthy'],
    [['Healthy', 'Progressing'], 'Progressing'],
    [['Suspended', 'Healthy'], 'Suspended'],
    [['Progressing', 'Degraded', 'Healthy'], 'Degraded'],
    [['Missing', 'Progressing'], 'Missing'],
    [['Degraded', 'Unknown'], 'Unknown'],
  ])('of %j is %s', (statuses, expected) => {
    expect(worstHealth(statuses)).toBe(expected);
  });
});
