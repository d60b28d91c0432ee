import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CachedTeamCatalog } from './CachedTeamCatalog';

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name },
  spec: {},
});

describe('CachedTeamCatalog', () => {
  function setup() {
    let entities = [group('a')];
    let now = 0;
    const getEntities = jest.fn(async () => ({ items: entities }));
    const catalog = CachedTeamCatalog.create({
      catalog: catalogServiceMock.mock({ getEntities }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      ttlMs: 1000,
      maxStaleMs: 10_000,
      now: () => now,
    });
    return {
      catalog,
      getEntities,
      setEntities: (next: Entity[]) => {
        entities = next;
      },
      advance: (ms: number) => {
        now += ms;
      },
    };
  }

  it('reads the catalog once per time to live, with the plugin own credentials', async () => {
    const { catalog, getEntities, advance } = setup();
    const [first, second] = await Promise.all([
      catalog.snapshot(),
      catalog.snapshot(),
    ]);
    expect(first).toBe(second);
    advance(999);
    expect(await catalog.snapshot()).toBe(first);
    expect(getEntities).toHaveBeenCalledTimes(1);
    const [request, options] = getEntities.mock.calls[0] as any[];
    expect(request.filter).toEqual([
      { kind: 'Group' },
      { kind: 'Component' },
      { kind: 'Resource' },
      { kind: 'Environment' },
    ]);
    expect(options.credentials.principal.type).toBe('service');
  });

  it('serves an expired copy while a fresh one loads, and waits for a copy that is too old', async () => {
    const { catalog, getEntities, setEntities, advance } = setup();
    const first = await catalog.snapshot();
    setEntities([group('a'), group('b')]);
    advance(1500);
    const stale = await catalog.snapshot();
    expect(stale).toBe(first);
    expect(stale.get('group:default/b')).toBeUndefined();
    await new Promise(resolve => setImmediate(resolve));
    const fresh = await catalog.snapshot();
    expect(fresh.get('group:default/b')).toBeDefined();
    expect(getEntities).toHaveBeenCalledTimes(2);

    setEntities([group('c')]);
    advance(20_000);
    const waited = await catalog.snapshot();
    expect(waited.get('group:default/c')).toBeDefined();
  });

  it('fails the first read when the catalog does, and tries again on the next', async () => {
    const { catalog, getEntities } = setup();
    getEntities.mockRejectedValueOnce(new Error('catalog down'));
    await expect(catalog.snapshot()).rejects.toThrow('catalog down');
    expect((await catalog.snapshot()).get('group:default/a')).toBeDefined();
  });
});
