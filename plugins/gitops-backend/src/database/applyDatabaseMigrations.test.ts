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
      const directory = migrationsDirectory();
      const deployment = {
        entity_ref: 'component:default/checkout',
        environment_ref: 'environment:default/staging',
        cluster_ref: 'resource:default/cluster-eu-west',
      };
      const storeTables = [
        'resource_status',
        'deployment_history',
        'notification_episodes',
        'refresh_requests',
      ];

      // 20261121000000_deployment_status
      await knex.migrate.up({ directory });
      await knex('deployment_status').insert({
        ...deployment,
        sync_status: 'Synced',
        health_status: 'Healthy',
      });
      expect(await knex('deployment_status').select()).toEqual([
        expect.objectContaining({
          entity_ref: 'component:default/checkout',
          sync_status: 'Synced',
          revision: null,
        }),
      ]);

      // 20261122000000_reconciler_store, through applyDatabaseMigrations
      await applyDatabaseMigrations(knex);
      for (const table of storeTables) {
        expect(await knex.schema.hasTable(table)).toBe(true);
      }
      expect(await knex.schema.hasColumn('deployment_status', 'details')).toBe(
        false,
      );
      const at = '2026-11-22T10:00:00.000Z';
      const row = {
        ...deployment,
        namespace: 'shop',
        sync_status: 'Synced',
        health_status: 'Healthy',
        resource_count: 0,
        drift_count: 0,
        sync_since: at,
        health_since: at,
        updated_at: at,
        hash: 'h',
      };
      await knex('deployment_status').insert(row);
      // The primary keys keep one row per deployment, per resource, per episode.
      await expect(
        knex('deployment_status').insert({ ...row, sync_status: 'OutOfSync' }),
      ).rejects.toThrow();
      const resource = {
        ...deployment,
        resource_key: `apps/Deployment/shop/${'x'.repeat(480)}`,
        api_version: 'apps/v1',
        kind: 'Deployment',
        name: 'api',
        sync_status: 'Synced',
        changes: '[]',
        diff: '',
        hash: 'h',
        updated_at: at,
      };
      await knex('resource_status').insert(resource);
      await expect(knex('resource_status').insert(resource)).rejects.toThrow();
      const episode = { ...deployment, problem: 'Degraded', since: at };
      await knex('notification_episodes').insert(episode);
      await expect(
        knex('notification_episodes').insert(episode),
      ).rejects.toThrow();
      await knex('deployment_history').insert([
        { ...deployment, field: 'sync', to_value: 'Synced', at },
        { ...deployment, field: 'health', to_value: 'Healthy', at },
      ]);
      const ids = (await knex('deployment_history').orderBy('id')).map(r =>
        Number(r.id),
      );
      expect(ids[1]).toBeGreaterThan(ids[0]);
      await knex('refresh_requests').insert({
        entity_ref: deployment.entity_ref,
        requested_at: at,
      });

      // 20261123000000_change_requests
      const changeRequest = {
        id: 'acme/gitops#7',
        repository: 'acme/gitops',
        number: 7,
        title: 'Create environment preview-7',
        url: 'https://github.com/acme/gitops/pull/7',
        state: 'open',
        draft: false,
        action: 'create',
        environment_ref: 'environment:default/preview-7',
        entity_refs: '["component:default/checkout"]',
        reviewers: '[]',
        reviews: '{}',
        checks: '{}',
        head_branch: 'preview-7',
        base_branch: 'main',
        created_at: at,
        state_since: at,
        updated_at: at,
      };
      await knex('change_requests').insert(changeRequest);
      await expect(
        knex('change_requests').insert(changeRequest),
      ).rejects.toThrow();
      expect(await knex('change_requests').select()).toEqual([
        expect.objectContaining({ id: 'acme/gitops#7', notified_at: null }),
      ]);
      await knex.migrate.down({ directory });
      expect(await knex.schema.hasTable('change_requests')).toBe(false);
      for (const table of storeTables) {
        expect(await knex.schema.hasTable(table)).toBe(true);
      }

      // Down one step: the previous table, as it was.
      await knex.migrate.down({ directory });
      for (const table of storeTables) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }
      expect(await knex.schema.hasColumn('deployment_status', 'details')).toBe(
        true,
      );
      await knex('deployment_status').insert({
        ...deployment,
        sync_status: 'Synced',
        health_status: 'Healthy',
      });

      await knex.migrate.rollback({ directory }, true);
      expect(await knex.schema.hasTable('deployment_status')).toBe(false);

      // And up again, from scratch.
      await applyDatabaseMigrations(knex);
      expect(await knex.schema.hasTable('deployment_status')).toBe(true);
      expect(await knex.schema.hasTable('resource_status')).toBe(true);
      expect(await knex.schema.hasTable('change_requests')).toBe(true);
      await knex.destroy();
    },
    60_000,
  );
});
