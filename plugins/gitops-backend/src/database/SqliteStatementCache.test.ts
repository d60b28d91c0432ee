import knexFactory, { Knex } from 'knex';
import { SqliteStatementCache } from './SqliteStatementCache';

describe('SqliteStatementCache', () => {
  let knex: Knex;

  beforeEach(async () => {
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: ':memory:' },
      useNullAsDefault: true,
    });
    await knex.schema.createTable('t', table => {
      table.string('name');
      table.integer('n');
    });
    await knex('t').insert([
      { name: 'a', n: 1 },
      { name: 'b', n: 2 },
      { name: 'a', n: 3 },
    ]);
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await knex.destroy();
  });

  it('answers as knex does, preparing each query shape once', async () => {
    const cache = SqliteStatementCache.forKnex(knex)!;
    // SQLite pools hold one connection: the one the cache will use.
    const connection = await knex.client.acquireConnection();
    await knex.client.releaseConnection(connection);
    const prepare = jest.spyOn(connection, 'prepare');
    const query = (name: string) =>
      knex('t').select().where({ name }).orderBy('n');
    expect(await cache.all(query('a'))).toEqual(await query('a'));
    prepare.mockClear();
    expect(await cache.all(query('b'))).toEqual([{ name: 'b', n: 2 }]);
    expect(await cache.all(query('a'))).toEqual([
      { name: 'a', n: 1 },
      { name: 'a', n: 3 },
    ]);
    expect(prepare).not.toHaveBeenCalled();
  });

  it('refuses a query that writes', async () => {
    const cache = SqliteStatementCache.forKnex(knex)!;
    await expect(
      cache.all(knex('t').insert({ name: 'c', n: 4 }) as any),
    ).rejects.toThrow(/^Not a read: insert into/);
    expect(await knex('t').where({ name: 'c' })).toEqual([]);
  });

  it('waits for a transaction that holds the connection', async () => {
    const cache = SqliteStatementCache.forKnex(knex)!;
    let read: Promise<unknown[]> | undefined;
    let readDuringTransaction = false;
    await knex.transaction(async tx => {
      await tx('t').insert({ name: 'c', n: 4 });
      read = cache.all(knex('t').select('n').where({ name: 'c' }));
      read.then(() => {
        readDuringTransaction = true;
      });
      await new Promise(resolve => setTimeout(resolve, 20));
      expect(readDuringTransaction).toBe(false);
    });
    expect(await read).toEqual([{ n: 4 }]);
  });

  it('is for better-sqlite3 only', async () => {
    const pg = knexFactory({ client: 'pg' });
    expect(SqliteStatementCache.forKnex(pg)).toBeUndefined();
    await pg.destroy();
  });
});
