// @ts-check

/**
 * One row per deployment (a component in an environment on a cluster): the latest sync and
 * health the reconciler computed, written only when they change.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('deployment_status', table => {
    table.comment('Latest reconciled state of each deployment');
    table
      .string('entity_ref')
      .notNullable()
      .comment('Catalog ref of the deployed component');
    table
      .string('environment_ref')
      .notNullable()
      .comment('Catalog ref of the environment');
    table
      .string('cluster_ref')
      .notNullable()
      .comment('Catalog ref of the cluster resource');
    table.string('sync_status').notNullable().comment('Synced, OutOfSync, ...');
    table
      .string('health_status')
      .notNullable()
      .comment('Healthy, Degraded, ...');
    table
      .string('revision')
      .nullable()
      .comment('Git commit the desired state was read from');
    table
      .text('details')
      .nullable()
      .comment('JSON: per-resource sync, health and diff summary');
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.primary(['entity_ref', 'environment_ref', 'cluster_ref']);
    table.index(['environment_ref'], 'deployment_status_environment_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('deployment_status');
};
