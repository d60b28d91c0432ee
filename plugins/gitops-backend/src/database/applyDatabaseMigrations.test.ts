import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import {
  applyDatabaseMigrations,
  migrationsDirectory,
} from './applyDatabaseMigrations';

const POSTGRES_IDS: TestDatabaseId[] = [
  'POSTGRES_18',
  'POSTGRES_17',
  'POSTGRES_16',
  'POSTGRES_15',
  'POSTGRES_14',
  'POSTGRES_13',
];

// PostgreSQL runs where BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING points at a
// server (scripts/test.sh sets it); SQLite always runs.
const databases = TestDatabases.create({
  ids: [...POSTGRES_IDS, 'SQLITE_3'],
  disableDocker: true,
});

describe('database migrations', () => {
  // In CI a missing PostgreSQL is a failure, not a silent SQLite-only run.
  it('run on PostgreSQL whenever CI is set', () => {
    const runsOnPostgres = POSTGRES_IDS.some(id => databases.supports(id));
    expect({ ci: process.env.CI === 'true', runsOnPostgres }).not.toEqual({
      ci: true,
      runsOnPostgres: false,
    });
  });

  it.each(databases.eachSupportedId())(
    'go up and down on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);

      await applyDatabaseMigrations(knex);
      await knex('deployment_status').insert({
        entity_ref: 'component:default/checkout',
        environment_ref: 'environment:default/staging',
        cluster_ref: 'resource:default/cluster-eu-west',
        sync_status: 'Synced',
        health_status: 'Healthy',
      });
      const rows = await knex('deployment_status').select();
      expect(rows).toEqual([
        expect.objectContaining({
          entity_ref: 'component:default/checkout',
          sync_status: 'Synced',
          revision: null,
        }),
      ]);
      // The primary key keeps one row per deployment.
      await expect(
        knex('deployment_status').insert({
          entity_ref: 'component:default/checkout',
          environment_ref: 'environment:default/staging',
          cluster_ref: 'resource:default/cluster-eu-west',
          sync_status: 'OutOfSync',
          health_status: 'Healthy',
        }),
      ).rejects.toThrow();

      await knex.migrate.rollback({ directory: migrationsDirectory() }, true);
      expect(await knex.schema.hasTable('deployment_status')).toBe(false);

      // And up again, from scratch.
      await applyDatabaseMigrations(knex);
      expect(await knex.schema.hasTable('deployment_status')).toBe(true);
      await knex.destroy();
    },
    60_000,
  );
});
