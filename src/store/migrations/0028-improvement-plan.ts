import type { Kysely } from 'kysely';

/*
 * The improvement plan (docs/decisions/0031-improvement-plan.md): one row per corrective action,
 * raised in one exercise (and, when it came from one, linked to the observation), owned by a
 * responsible organisation and a person (a user, or only a name), with its HSEEP capability element,
 * dates as calendar days ("2026-12-03"), and a status whose every move is audited. `version` makes
 * each change a conditional write. An item may be proposed to be tested in a later exercise:
 * `test_in_exercise_id`, and there `proposal_state` (proposed, accepted, dismissed) and the objective
 * the planner made of it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('improvement_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('exercise_id', 'text', (c) => c.notNull().references('exercises.id').onDelete('cascade'))
    .addColumn('observation_id', 'text', (c) => c.references('observations.id').onDelete('set null'))
    .addColumn('capability_id', 'text', (c) => c.notNull().references('core_capabilities.id'))
    .addColumn('element', 'text', (c) => c.notNull())
    .addColumn('issue', 'text', (c) => c.notNull())
    .addColumn('corrective_action', 'text', (c) => c.notNull())
    .addColumn('responsible_organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('contact_email', 'text')
    .addColumn('owner_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('owner_name', 'text', (c) => c.notNull())
    .addColumn('start_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_changed_at', 'text', (c) => c.notNull())
    .addColumn('test_in_exercise_id', 'text', (c) => c.references('exercises.id').onDelete('set null'))
    .addColumn('proposal_state', 'text')
    .addColumn('proposal_objective_id', 'text', (c) => c.references('objectives.id').onDelete('set null'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('improvement_items_by_exercise')
    .on('improvement_items')
    .column('exercise_id')
    .execute();
  await db.schema
    .createIndex('improvement_items_by_test_in')
    .on('improvement_items')
    .column('test_in_exercise_id')
    .execute();
  await db.schema
    .createIndex('improvement_items_due')
    .on('improvement_items')
    .columns(['status', 'due_on'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('improvement_items').execute();
}
