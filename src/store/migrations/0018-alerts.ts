import { sql, type Kysely } from 'kysely';

/*
 * Public alerts and the second factor that approves them (docs/decisions/0018-public-alerts.md).
 *
 * `second_factors` holds one TOTP secret per person, encrypted with the installation's secrets key
 * (never in the database), and the last time step a code was accepted at, so a code is never
 * accepted twice. `alerts` holds one row per CAP message: the original and each Update or Cancel
 * made from it share a thread and are numbered in it, which is also how the outbox knows them
 * (source `alert`, id the thread, sequence the number), so a Cancel can reach everyone an earlier
 * message of the thread reached. The checks make the safety rules hold even for a careless query:
 * an Actual alert names no exercise, an Exercise or Test one always names its exercise.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('second_factors')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('last_step', 'bigint')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('thread_id', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('msg_type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('exercise_id', 'text', (c) => c.references('exercises.id'))
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('hazard', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('texts', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('drafters', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('cap_identifier', 'text')
    .addColumn('cap_sent', 'text')
    .addColumn('cap_xml', 'text')
    .addColumn('sign_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('alerts_thread_sequence', ['thread_id', 'sequence'])
    .addCheckConstraint('alerts_actual_is_real', sql`status <> 'Actual' or exercise_id is null`)
    .addCheckConstraint(
      'alerts_drill_names_exercise',
      sql`status not in ('Exercise', 'Test') or exercise_id is not null`,
    )
    .execute();
  await db.schema.createIndex('alerts_state').on('alerts').columns(['state', 'updated_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Dabyl migrations only go forward; restore a backup to go back');
}
