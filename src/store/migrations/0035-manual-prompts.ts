import type { Kysely } from 'kysely';

/*
 * The manual channel (radio, phone, in person): a delivery becomes a prompt on the controllers'
 * screen, with what to say and to whom, until a controller presses "delivered". One row per
 * delivery, so sending twice writes one prompt.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('manual_prompts')
    .addColumn('delivery_id', 'text', (c) => c.primaryKey())
    .addColumn('exercise_id', 'text', (c) => c.references('exercises.id').onDelete('cascade'))
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('script', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .addColumn('delivered_by', 'text')
    .execute();
  await db.schema
    .createIndex('manual_prompts_by_exercise')
    .on('manual_prompts')
    .columns(['exercise_id'])
    .execute();
}
