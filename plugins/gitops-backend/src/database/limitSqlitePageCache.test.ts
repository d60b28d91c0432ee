import knexFactory, { Knex } from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  limitSqlitePageCache,
  SQLITE_PAGE_CACHE_KIB,
} from './limitSqlitePageCache';

const cacheSize = async (knex: Knex) =>
  (await knex.raw('PRAGMA cache_size'))[0].cache_size;

describe('limitSqlitePageCache', () => {
  let directory: string;
  let knex: Knex;

  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-sqlite-'));
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(directory, 'gitops.sqlite') },
      useNullAsDefault: true,
      // Idle connections are closed at once, so that the next query opens a new one.
      pool: { min: 0, max: 1, idleTimeoutMillis: 1, reapIntervalMillis: 10 },
    });
  });

  afterEach(async () => {
    await knex.destroy();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('sets the page cache on the open connection and on every new one', async () => {
    expect(await cacheSize(knex)).toBe(-16000); // better-sqlite3's default
    await limitSqlitePageCache(knex);
    expect(await cacheSize(knex)).toBe(-SQLITE_PAGE_CACHE_KIB);

    const opened: unknown[] = [];
    knex.client.pool.on('createSuccess', (_: unknown, c: unknown) =>
      opened.push(c),
    );
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(await cacheSize(knex)).toBe(-SQLITE_PAGE_CACHE_KIB);
    expect(opened).toHaveLength(1); // the pool did open a new connection
  });

  it('leaves other databases alone', async () => {
    // Nothing listens on port 1: any query would fail.
    const pg = knexFactory({
      client: 'pg',
      connection: 'postgres://postgres@127.0.0.1:1/none',
      log: { error: () => {} },
    });
    await expect(pg.raw('select 1')).rejects.toThrow();
    await expect(limitSqlitePageCache(pg)).resolves.toBeUndefined();
    await pg.destroy();
  });
});
