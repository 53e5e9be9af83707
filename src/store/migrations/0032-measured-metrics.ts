import type { Kysely } from 'kysely';

/*
 * Measured metrics (docs/decisions/0029-measured-metrics.md). A critical task may carry a measurable
 * criterion (JSON, core/evaluation/metrics.ts `Criterion`); null: judged by evaluators only. The
 * indexes let the metrics read one exercise's history without scanning the whole outbox, inbox or
 * report tables: each holds the exercise, the source and the time the aggregate takes its minimum of.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('critical_tasks').addColumn('criterion', 'text').execute();
  await db.schema
    .createIndex('deliveries_exercise_source')
    .on('deliveries')
    .columns(['exercise_id', 'source_kind', 'source_id', 'acknowledged_at'])
    .execute();
  await db.schema
    .createIndex('inbox_messages_exercise')
    .on('inbox_messages')
    .columns(['exercise_id', 'source_kind', 'source_id', 'acknowledged_at'])
    .execute();
  await db.schema
    .createIndex('player_reports_exercise')
    .on('player_reports')
    .columns(['exercise_id', 'inject_run_id', 'team_id', 'created_at'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Dabyl migrations only go forward; restore a backup to go back');
}
