// @ts-check

/**
 * The reconciler's store: current status of each deployment and of each of its resources, the
 * history of their transitions, notification episodes and refresh requests.
 *
 * `deployment_status` of the previous migration is replaced: it only ever held state the
 * reconciler recomputes on its next pass, so its rows are not carried over.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.dropTable('deployment_status');

  /**
   * The three refs that identify a deployment (a component in an environment on a cluster).
   *
   * @param {import('knex').Knex.CreateTableBuilder} table
   */
  function deploymentKey(table) {
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('Catalog ref of the deployed component');
    table
      .string('environment_ref', 255)
      .notNullable()
      .comment('Catalog ref of the environment');
    table
      .string('cluster_ref', 255)
      .notNullable()
      .comment('Catalog ref of the cluster resource');
  }

  await knex.schema.createTable('deployment_status', table => {
    table.comment('Latest reconciled state of each deployment');
    deploymentKey(table);
    table
      .string('namespace', 253)
      .notNullable()
      .comment('Kubernetes namespace the deployment lives in');
    table
      .string('sync_status', 32)
      .notNullable()
      .comment('Synced, OutOfSync or Unknown');
    table
      .string('health_status', 32)
      .notNullable()
      .comment('Healthy, Degraded, ...');
    table
      .text('reason')
      .nullable()
      .comment('Why the status is Unknown or Degraded, when known');
    table
      .string('revision', 255)
      .nullable()
      .comment('Git commit the desired state was read from');
    table
      .integer('resource_count')
      .notNullable()
      .comment('Number of resources of the deployment');
    table
      .integer('drift_count')
      .notNullable()
      .comment('Number of resources that are not Synced');
    table
      .timestamp('sync_since', { useTz: true })
      .notNullable()
      .comment('When sync_status last changed to its current value');
    table
      .timestamp('health_since', { useTz: true })
      .notNullable()
      .comment('When health_status last changed to its current value');
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .comment('When anything of this row last changed');
    table
      .string('hash', 64)
      .notNullable()
      .comment('Hash of the reconciled content, to skip unchanged writes');
    table.primary(['entity_ref', 'environment_ref', 'cluster_ref']);
    table.index(['environment_ref'], 'deployment_status_environment_idx');
  });

  await knex.schema.createTable('resource_status', table => {
    table.comment('Latest reconciled state of each resource of a deployment');
    deploymentKey(table);
    table
      .string('resource_key', 512)
      .notNullable()
      .comment('group/kind/namespace/name of the Kubernetes object');
    table.string('api_version', 255).notNullable().comment('apiVersion');
    table.string('kind', 255).notNullable().comment('Kubernetes kind');
    table
      .string('namespace', 253)
      .nullable()
      .comment('Namespace, none for cluster-scoped objects');
    table.string('name', 253).notNullable().comment('metadata.name');
    table
      .string('sync_status', 32)
      .notNullable()
      .comment('Synced, OutOfSync, Missing or Extraneous');
    table
      .string('health_status', 32)
      .nullable()
      .comment('Healthy, Degraded, ..., none when not assessed');
    table.text('health_message').nullable().comment('Why, in one sentence');
    table
      .text('changes')
      .notNullable()
      .comment('JSON: the fields that differ between Git and the cluster');
    table
      .text('desired')
      .nullable()
      .comment('Normalized desired object as YAML, secrets masked');
    table
      .text('live')
      .nullable()
      .comment('Normalized live object as YAML, secrets masked');
    table
      .text('diff')
      .notNullable()
      .comment('Unified diff, empty when in sync');
    table
      .string('hash', 64)
      .notNullable()
      .comment('Hash of the reconciled content, to skip unchanged writes');
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .comment('When this row last changed');
    // The primary key's prefix is the index by deployment.
    table.primary([
      'entity_ref',
      'environment_ref',
      'cluster_ref',
      'resource_key',
    ]);
  });

  await knex.schema.createTable('deployment_history', table => {
    table.comment('Transitions of sync, health and revision of deployments');
    table.bigIncrements('id').comment('Increasing entry id');
    deploymentKey(table);
    table
      .string('field', 16)
      .notNullable()
      .comment('What changed: sync, health or revision');
    table
      .string('from_value', 255)
      .nullable()
      .comment('Value before, none on the first appearance');
    table.string('to_value', 255).notNullable().comment('Value after');
    table
      .string('revision', 255)
      .nullable()
      .comment('Git commit reconciled at the transition');
    table
      .timestamp('at', { useTz: true })
      .notNullable()
      .comment('When the transition was seen');
    table.index(['entity_ref', 'at'], 'deployment_history_entity_idx');
    table.index(
      ['environment_ref', 'at'],
      'deployment_history_environment_idx',
    );
    table.index(['at'], 'deployment_history_at_idx');
  });

  await knex.schema.createTable('notification_episodes', table => {
    table.comment(
      'Problems of deployments (OutOfSync, Degraded) that may deserve a notification',
    );
    deploymentKey(table);
    table.string('problem', 32).notNullable().comment('OutOfSync or Degraded');
    table
      .timestamp('since', { useTz: true })
      .notNullable()
      .comment('When the problem began');
    table
      .timestamp('notified_at', { useTz: true })
      .nullable()
      .comment('When the owners were told, none while they were not');
    table
      .timestamp('recovered_at', { useTz: true })
      .nullable()
      .comment('When the problem ended; the recovery is yet to be sent');
    table.primary(['entity_ref', 'environment_ref', 'cluster_ref', 'problem']);
  });

  await knex.schema.createTable('refresh_requests', table => {
    table.comment('Pending requests to reconcile an entity now');
    table
      .string('entity_ref', 255)
      .primary()
      .comment('Catalog ref of the entity to refresh');
    table
      .timestamp('requested_at', { useTz: true })
      .notNullable()
      .comment('When the oldest pending request was made');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('refresh_requests');
  await knex.schema.dropTable('notification_episodes');
  await knex.schema.dropTable('deployment_history');
  await knex.schema.dropTable('resource_status');
  await knex.schema.dropTable('deployment_status');

  // The table as 20261121000000_deployment_status.js created it.
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
