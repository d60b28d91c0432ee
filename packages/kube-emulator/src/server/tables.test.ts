import { IncomingMessage } from 'node:http';
import { age, tableOf, wantsTable } from './tables';

const request = (accept?: string) =>
  ({ headers: accept ? { accept } : {} } as IncomingMessage);

describe('wantsTable', () => {
  it('answers what kubectl get asks for, not plain clients', () => {
    expect(
      wantsTable(
        request(
          'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json',
        ),
      ),
    ).toBe(true);
    expect(wantsTable(request('application/json'))).toBe(false);
    expect(wantsTable(request())).toBe(false);
    expect(
      wantsTable(request('application/json;as=Table;v=v1beta1;g=meta.k8s.io')),
    ).toBe(false);
    expect(
      wantsTable(
        request(
          'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io',
        ),
      ),
    ).toBe(false);
  });
});

describe('age', () => {
  const now = Date.parse('2026-06-01T12:00:00Z');
  const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

  it('prints as kubectl does', () => {
    expect(age(ago(5), now)).toBe('5s');
    expect(age(ago(119), now)).toBe('119s');
    expect(age(ago(150), now)).toBe('2m30s');
    expect(age(ago(300), now)).toBe('5m');
    expect(age(ago(45 * 60), now)).toBe('45m');
    expect(age(ago(4 * 3600 + 7 * 60), now)).toBe('4h7m');
    expect(age(ago(30 * 3600), now)).toBe('30h');
    expect(age(ago(3 * 86400 + 5 * 3600), now)).toBe('3d5h');
    expect(age(ago(40 * 86400), now)).toBe('40d');
    expect(age(ago(3 * 365 * 86400 + 10 * 86400), now)).toBe('3y10d');
    expect(age(undefined, now)).toBe('<unknown>');
  });
});

describe('tableOf', () => {
  const deployment = {
    metadata: {
      name: 'web',
      namespace: 'shop',
      labels: { app: 'web' },
      creationTimestamp: new Date().toISOString(),
    },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        spec: {
          containers: [
            { name: 'app', image: 'example.com/web:1' },
            { name: 'proxy', image: 'example.com/proxy:2' },
          ],
        },
      },
    },
    status: { readyReplicas: 1, updatedReplicas: 3, availableReplicas: 1 },
  };

  it('has the columns of the server’s Deployment printer, wide ones at priority 1', () => {
    const table = tableOf(
      'Deployment',
      [deployment],
      { resourceVersion: '9' },
      null,
      'apps/v1',
    );
    expect(table).toMatchObject({
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: '9' },
    });
    expect(
      table.columnDefinitions.map(c => [c.name, c.type, c.priority]),
    ).toEqual([
      ['Name', 'string', 0],
      ['Ready', 'string', 0],
      ['Up-to-date', 'integer', 0],
      ['Available', 'integer', 0],
      ['Age', 'string', 0],
      ['Containers', 'string', 1],
      ['Images', 'string', 1],
      ['Selector', 'string', 1],
    ]);
    expect(table.rows[0].cells).toEqual([
      'web',
      '1/3',
      3,
      1,
      expect.stringMatching(/^\d+s$/),
      'app,proxy',
      'example.com/web:1,example.com/proxy:2',
      'app=web',
    ]);
  });

  it('includes metadata by default, the object or nothing on request', () => {
    const row = (includeObject: string | null) =>
      tableOf('Deployment', [deployment], {}, includeObject, 'apps/v1').rows[0];
    expect(row(null).object).toEqual({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: deployment.metadata,
    });
    expect(row('Metadata').object).toEqual(row(null).object);
    expect(row('Object').object).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      ...deployment,
    });
    expect(row('None').object).toBeUndefined();
  });

  it('prints Name and Age for kinds without a printer', () => {
    const table = tableOf(
      'Widget',
      [
        {
          metadata: { name: 'w', creationTimestamp: new Date().toISOString() },
        },
      ],
      {},
      'None',
      'example.com/v1',
    );
    expect(table.columnDefinitions.map(c => c.name)).toEqual(['Name', 'Age']);
    expect(table.rows[0].cells[0]).toBe('w');
  });
});
