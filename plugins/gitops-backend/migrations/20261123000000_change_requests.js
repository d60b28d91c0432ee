// @ts-check

/**
 * Change requests: pull requests on the GitOps repository, followed from "opened" to "the
 * environment is healthy" (webhooks and polling keep them current).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('change_requests', table => {
    table.comment(
      'Pull requests on the GitOps repository that Shipshape tracks',
    );
    table
      .string('id', 300)
      .primary()
      .comment('<owner>/<repo>#<number>, lower-case owner and repo');
    table.string('repository', 255).notNullable().comment('<owner>/<repo>');
    table.integer('number').notNullable().comment('Pull request number');
    table.text('title').notNullable().comment('Pull request title');
    table.text('url').notNullable().comment('Pull request page');
    table
      .string('state', 32)
      .notNullable()
      .comment(
        'open, changes_requested, approved, merged, syncing, healthy, failed, closed',
      );
    table.boolean('draft').notNullable().comment('Whether it is a draft');
    table
      .string('action', 16)
      .notNullable()
      .comment('create or update (an environment)');
    table
      .string('environment_ref', 255)
      .notNullable()
      .comment('Environment entity the request changes');
    table
      .text('entity_refs')
      .notNullable()
      .comment('JSON: component refs whose deployments it changes');
    table
      .string('requester', 255)
      .nullable()
      .comment('User ref notified when it is healthy or failed');
    table
      .text('reviewers')
      .notNullable()
      .comment('JSON: group and user refs asked to review');
    table
      .text('reviews')
      .notNullable()
      .comment('JSON: latest review state per GitHub login');
    table
      .text('checks')
      .notNullable()
      .comment('JSON: check run and status results per commit and name');
    table.string('head_branch', 255).notNullable().comment('Head branch');
    table.string('base_branch', 255).notNullable().comment('Base branch');
    table.string('head_sha', 64).nullable().comment('Head commit');
    table
      .string('merge_commit_sha', 64)
      .nullable()
      .comment('Merge commit, once merged');
    table
      .timestamp('merged_at', { useTz: true })
      .nullable()
      .comment('When it was merged (the health timeout counts from it)');
    table.text('reason').nullable().comment('Why it failed');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When the pull request was opened');
    table
      .timestamp('state_since', { useTz: true })
      .notNullable()
      .comment('When state last changed');
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .comment('When anything of the row last changed');
    table
      .timestamp('notified_at', { useTz: true })
      .nullable()
      .comment(
        'When the requester was told of the final outcome (claimed once)',
      );
    table.index(['state'], 'change_requests_state_idx');
    table.index(['environment_ref'], 'change_requests_environment_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('change_requests');
};
