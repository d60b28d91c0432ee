import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/**
 * Where the plugin's knex migrations live (in the package, beside `src/`).
 *
 * @internal
 */
export function migrationsDirectory(): string {
  return resolvePackagePath('@shipshape/plugin-gitops-backend', 'migrations');
}

/**
 * Brings the plugin's database schema up to date.
 *
 * @internal
 */
export async function applyDatabaseMigrations(knex: Knex): Promise<void> {
  await knex.migrate.latest({ directory: migrationsDirectory() });
}
