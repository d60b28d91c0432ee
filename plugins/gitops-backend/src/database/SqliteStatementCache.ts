import { Knex } from 'knex';

/** Statements kept per connection; queries of other shapes are prepared each time. */
const MAX_STATEMENTS = 64;

interface SqliteStatement {
  reader: boolean;
  all(...bindings: unknown[]): unknown[];
}

interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}

interface BetterSqliteClient {
  acquireConnection(): Promise<SqliteConnection>;
  releaseConnection(connection: SqliteConnection): Promise<unknown>;
  _formatBindings(bindings: readonly unknown[]): unknown[];
}

/**
 * Runs the store's frequent reads on better-sqlite3 with prepared statements kept per SQL text.
 * knex prepares every query anew: on SQLite, preparing and knex's own work per query were about
 * a third of the CPU of the status route under load. Only for reads, and only on better-sqlite3;
 * the connection still comes from knex's pool, so a read waits for a transaction that holds it.
 */
export class SqliteStatementCache {
  static forKnex(knex: Knex): SqliteStatementCache | undefined {
    const config = knex.client.config;
    // Rows as knex would return them: only without a response hook.
    return config?.client === 'better-sqlite3' && !config.postProcessResponse
      ? new SqliteStatementCache(knex.client as BetterSqliteClient)
      : undefined;
  }

  private readonly statements = new WeakMap<
    SqliteConnection,
    Map<string, SqliteStatement>
  >();

  private constructor(private readonly client: BetterSqliteClient) {}

  async all<T>(query: Knex.QueryBuilder): Promise<T[]> {
    const { sql, bindings } = query.toSQL();
    const connection = await this.client.acquireConnection();
    try {
      let kept = this.statements.get(connection);
      if (!kept) this.statements.set(connection, (kept = new Map()));
      let statement = kept.get(sql);
      if (!statement) {
        statement = connection.prepare(sql);
        if (!statement.reader) {
          throw new Error(`Not a read: ${sql}`);
        }
        if (kept.size < MAX_STATEMENTS) kept.set(sql, statement);
      }
      return statement.all(...this.client._formatBindings(bindings)) as T[];
    } finally {
      await this.client.releaseConnection(connection);
    }
  }
}
