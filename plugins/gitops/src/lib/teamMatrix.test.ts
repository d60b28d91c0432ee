import {
  TeamSummaryCell,
  TeamSummaryService,
} from '@shipshape/plugin-gitops-common';
import { DateTime } from 'luxon';
import {
  csvField,
  driftAgeText,
  filterMatrix,
  formatAge,
  matrixToCsv,
} from './teamMatrix';

const now = DateTime.fromISO('2026-11-10T12:00:00Z');

function cell(overrides: Partial<TeamSummaryCell>): TeamSummaryCell {
  return {
    environmentRef: 'environment:default/prod',
    sync: 'Synced',
    health: 'Healthy',
    driftCount: 0,
    resourceCount: 4,
    clusterRefs: ['resource:default/cluster-a'],
    ...overrides,
  };
}

function service(
  name: string,
  cells: TeamSummaryCell[],
  title?: string,
): TeamSummaryService {
  return {
    entityRef: `component:default/${name}`,
    ...(title ? { title } : {}),
    ownerRef: 'group:default/payments',
    sync: 'Synced',
    health: 'Healthy',
    cells,
  };
}

const environments = [
  { environmentRef: 'environment:default/dev', type: 'development' },
  {
    environmentRef: 'environment:default/prod',
    type: 'production',
    title: 'Production',
  },
];

describe('formatAge and driftAgeText', () => {
  it('says how long in the largest whole unit', () => {
    expect(formatAge('2026-11-07T09:00:00Z', now)).toBe('3 days');
    expect(formatAge('2026-11-09T12:00:00Z', now)).toBe('1 day');
    expect(formatAge('2026-11-10T07:30:00Z', now)).toBe('4 hours');
    expect(formatAge('2026-11-10T11:48:00Z', now)).toBe('12 minutes');
    expect(formatAge('2026-11-10T11:59:30Z', now)).toBe('less than a minute');
    expect(formatAge('not a date', now)).toBeUndefined();
  });

  it('names each problem of a cell with its age', () => {
    expect(
      driftAgeText(cell({ outOfSyncSince: '2026-11-07T12:00:00Z' }), now),
    ).toBe('out of sync for 3 days');
    expect(
      driftAgeText(
        cell({
          outOfSyncSince: '2026-11-07T12:00:00Z',
          degradedSince: '2026-11-10T10:00:00Z',
        }),
        now,
      ),
    ).toBe('degraded for 2 hours, out of sync for 3 days');
    expect(driftAgeText(cell({}), now)).toBeUndefined();
  });
});

describe('filterMatrix', () => {
  const summary = {
    environments,
    services: [
      service('api', [
        cell({ environmentRef: 'environment:default/dev', sync: 'OutOfSync' }),
        cell({}),
      ]),
      service('web', [cell({ health: 'Degraded' })]),
      service('docs', [cell({ environmentRef: 'environment:default/dev' })]),
      service('batch', [cell({ health: 'Progressing' })]),
    ],
  };

  it('keeps everything without filters', () => {
    const view = filterMatrix(summary, { problemsOnly: false });
    expect(view.environments).toHaveLength(2);
    expect(view.services).toHaveLength(4);
  });

  it('keeps the environments of a type, and problems in those only', () => {
    const view = filterMatrix(summary, {
      environmentType: 'production',
      problemsOnly: true,
    });
    expect(view.environments.map(e => e.environmentRef)).toEqual([
      'environment:default/prod',
    ]);
    // api's problem is in dev, hidden; batch is only Progressing.
    expect(view.services.map(s => s.entityRef)).toEqual([
      'component:default/web',
    ]);
    const all = filterMatrix(summary, { problemsOnly: true });
    expect(all.services.map(s => s.entityRef)).toEqual([
      'component:default/api',
      'component:default/web',
    ]);
  });
});

describe('CSV', () => {
  it('quotes fields with commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField(3)).toBe('3');
    expect(csvField(undefined)).toBe('');
  });

  it('writes a header row and a row per service, blank where not deployed', () => {
    const csv = matrixToCsv(
      {
        environments,
        services: [
          service(
            'api',
            [
              cell({
                sync: 'OutOfSync',
                driftCount: 2,
                revision: '0123456789abcdef0123456789abcdef01234567',
                outOfSyncSince: '2026-11-07T12:00:00Z',
              }),
            ],
            'API, public',
          ),
        ],
      },
      now,
    );
    expect(csv.split('\r\n')).toEqual([
      'Service,Owner,dev sync,dev health,dev drifted resources,dev revision,dev problem age,Production sync,Production health,Production drifted resources,Production revision,Production problem age',
      '"API, public",payments,,,,,,OutOfSync,Healthy,2,0123456,out of sync for 3 days',
      '',
    ]);
  });
});
