import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { SirenRow, SirenTable } from './siren-tables.js';

type Q = Kysely<Database>;

/** The siren registry, and the outbox deliveries that carry siren commands. */
export const sirenRepository = {
  list: (db: Q, organisationIds?: readonly string[]): Promise<SirenRow[]> => {
    let q = db.selectFrom('sirens').selectAll();
    if (organisationIds) {
      if (!organisationIds.length) return Promise.resolve([]);
      q = q.where('organisation_id', 'in', organisationIds);
    }
    return q.orderBy('name_en').orderBy('id').execute();
  },
  get: (db: Q, id: string): Promise<SirenRow | undefined> =>
    db.selectFrom('sirens').selectAll().where('id', '=', id).executeTakeFirst(),
  byPrefix: (db: Q, prefix: string): Promise<SirenRow | undefined> =>
    db.selectFrom('sirens').selectAll().where('topic_prefix', '=', prefix).executeTakeFirst(),
  prefixes: async (db: Q): Promise<string[]> =>
    (await db.selectFrom('sirens').select('topic_prefix').execute()).map((r) => r.topic_prefix),
  insert: async (db: Q, row: SirenTable): Promise<void> => {
    await db.insertInto('sirens').values(row).execute();
  },
  /** Writes only over the version the editor saw; answers false when someone else wrote first. */
  update: async (db: Q, id: string, version: number, patch: Partial<SirenTable>): Promise<boolean> => {
    const r = await db
      .updateTable('sirens')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  recordStatus: async (
    db: Q,
    prefix: string,
    status: { battery: number | null; mains: boolean | null; fault: string | null },
    at: string,
  ): Promise<boolean> => {
    const r = await db
      .updateTable('sirens')
      .set({
        battery: status.battery,
        mains: status.mains === null ? null : status.mains ? 1 : 0,
        fault: status.fault,
        status_at: at,
        last_seen_at: at,
      })
      .where('topic_prefix', '=', prefix)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  seen: async (db: Q, prefix: string, at: string): Promise<void> => {
    await db.updateTable('sirens').set({ last_seen_at: at }).where('topic_prefix', '=', prefix).execute();
  },
  /**
   * A controller's acknowledgement of one command: the delivery's first acknowledgement is kept,
   * a second one changes nothing (answers false). Only the siren the command went to can
   * acknowledge it: the topic it came on must be that delivery's address.
   */
  acknowledge: async (
    db: Q,
    deliveryId: string,
    prefix: string,
    receipt: string,
    at: string,
  ): Promise<boolean> => {
    const r = await db
      .updateTable('deliveries')
      .set({ delivered_at: at, receipt })
      .where('id', '=', deliveryId)
      .where('channel', '=', 'siren')
      .where('address', '=', prefix)
      .where('delivered_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  /** The commands an alert thread gave, with the siren each went to. */
  commandsOf: (db: Q, threadId: string) =>
    db
      .selectFrom('deliveries as d')
      .leftJoin('sirens as s', 's.id', 'd.recipient_id')
      .select([
        'd.id',
        'd.sequence',
        'd.recipient_id as siren_id',
        'd.address',
        'd.status',
        'd.mode',
        'd.created_at',
        'd.handed_at',
        'd.acknowledged_at',
        'd.delivered_at',
        'd.receipt',
        'd.last_error',
        'd.last_reason',
        's.name_kk',
        's.name_ru',
        's.name_en',
        's.battery',
        's.mains',
        's.fault',
        's.last_seen_at',
      ])
      .where('d.source_kind', '=', 'alert')
      .where('d.source_id', '=', threadId)
      .where('d.channel', '=', 'siren')
      .orderBy('d.sequence')
      .orderBy('s.name_en')
      .execute(),
  /** The sirens that got a command of the thread before `sequence` (a Cancel reaches them all). */
  earlierOf: async (db: Q, threadId: string, sequence: number): Promise<string[]> =>
    (
      await db
        .selectFrom('deliveries')
        .select('recipient_id')
        .distinct()
        .where('source_kind', '=', 'alert')
        .where('source_id', '=', threadId)
        .where('channel', '=', 'siren')
        .where('sequence', '<', sequence)
        .execute()
    )
      .map((r) => r.recipient_id)
      .filter((id): id is string => id !== null),
};
