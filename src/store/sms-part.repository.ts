import { CompiledQuery, sql, type Kysely } from 'kysely';
import { messageReceipt, type ReceiptState } from '../core/sms/receipt.js';
import type { Engine } from './db.js';
import type { Database } from './schema.js';

type Q = Kysely<Database>;

// 7 columns a row at most: well within both engines' bound parameters.
const ROWS_PER_STATEMENT = 1000;

const texts = new Map<string, string>();

/**
 * The text of a multi-row statement, made once per engine, kind and row count and sent with its
 * parameters as it is: on the hot path of every SMS, building it through the query builder cost
 * more than the database's own work (as for the outbox's inserts).
 */
function statement(engine: Engine, kind: 'begin' | 'accept' | 'hand', count: number): string {
  const key = `${engine}:${kind}:${count}`;
  let text = texts.get(key);
  if (text) return text;
  if (kind === 'hand') {
    // The instant once, then (delivery_id, round, part) triples: one statement for a turn's parts.
    const triples = Array.from({ length: count }, (_, row) =>
      engine === 'sqlite'
        ? '(?,?,?)'
        : `($${row * 3 + 2}::text,$${row * 3 + 3}::integer,$${row * 3 + 4}::integer)`,
    ).join(',');
    text =
      `update sms_parts set handed_at = ${engine === 'sqlite' ? '?' : '$1'} ` +
      `where handed_at is null and (delivery_id, round, part) in (values ${triples})`;
    if (texts.size < 256) texts.set(key, text);
    return text;
  }
  const width = kind === 'begin' ? 5 : 7;
  const tuples = Array.from({ length: count }, (_, row) =>
    engine === 'sqlite'
      ? `(${Array(width).fill('?').join(',')})`
      : `(${Array.from({ length: width }, (_, c) => `$${row * width + c + 1}`).join(',')})`,
  ).join(',');
  text =
    kind === 'begin'
      ? `insert into sms_parts (delivery_id, part, submitted_at, destination, reference) values ${tuples} ` +
        'on conflict (delivery_id, round, part) do nothing returning delivery_id, part'
      : 'insert into sms_parts (delivery_id, round, part, submitted_at, handed_at, message_id, accepted_at) ' +
        `values ${tuples} on conflict (delivery_id, round, part) do update set message_id = excluded.message_id, ` +
        'accepted_at = excluded.accepted_at, handed_at = coalesce(sms_parts.handed_at, excluded.handed_at)';
  if (texts.size < 256) texts.set(key, text);
  return text;
}

/** A delivery about to submit its parts (1 … parts). */
export interface PartsStart {
  deliveryId: string;
  parts: number;
  at: string;
  /** The number it goes to; with it a multi-part message gets a reference of its own there. */
  destination?: string;
  /** The reference to take when the number has never had it (0–255). */
  preferred?: number;
}

/** A part about to be written to the SMSC's connection. */
export interface PartHanded {
  deliveryId: string;
  round: number;
  part: number;
}

/** What the ledger knows of one delivery's parts as a try begins. */
export interface PartsKnown {
  /** Rows just written: parts nobody has submitted. */
  fresh: number[];
  /** Parts handed to the SMSC before: their message_id, or null when the answer was lost. */
  known: Map<number, string | null>;
  /** Rows of an earlier try whose parts never left (it stopped before their turn came). */
  unsent: number[];
  /**
   * The concatenation reference every try of the message uses; null when none was kept (a
   * single part, no number given, or rows from before migration 0041).
   */
  reference: number | null;
  /** The sending these parts belong to: the delivery's latest (migration 0044). */
  round: number;
}

/** A new sending of a whole message, under a reference of its own. */
export interface NewRound {
  round: number;
  reference: number | null;
}

/** The SMSC's answer to one part. */
export interface PartAnswer {
  deliveryId: string;
  round: number;
  part: number;
  messageId: string;
  at: string;
}

const REFERENCES = 256;

/**
 * The concatenation reference of each multi-part message about to begin: the one its latest
 * sending kept, or, for a message new to the ledger (or sent again, `again`), one its number has
 * gone longest without (a handset puts parts together by sender and reference, and may hold a
 * first part for as long as a restart takes before the rest comes). A reference under which a
 * message to the number was left incomplete, or is still under way, is taken only when every
 * other one was: a handset may still hold that message's parts. Null for rows kept before there
 * was a reference, whose parts went out under the hash the channel still uses for them.
 */
async function referencesFor(
  db: Q,
  items: readonly PartsStart[],
  again = false,
): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>();
  const multi = items.filter((it) => it.parts > 1 && it.destination);
  if (!multi.length) return out;
  if (!again) {
    const kept = await db
      .selectFrom('sms_parts')
      .select(['delivery_id', 'reference', 'round'])
      .where('delivery_id', 'in', [...new Set(multi.map((it) => it.deliveryId))])
      .execute();
    const latest = new Map<string, number>();
    for (const k of kept) {
      const round = Number(k.round);
      if ((latest.get(k.delivery_id) ?? 0) > round) continue;
      latest.set(k.delivery_id, round);
      out.set(k.delivery_id, k.reference === null ? null : Number(k.reference));
    }
  }
  const fresh = multi.filter((it) => !out.has(it.deliveryId));
  if (!fresh.length) return out;
  const used = await db
    .selectFrom('sms_parts')
    .select(['destination', 'reference'])
    .select((eb) => [
      eb.fn.max('submitted_at').as('last'),
      eb.fn.max(sql<number>`case when message_id is null then 1 else 0 end`).as('open'),
    ])
    .where('destination', 'in', [...new Set(fresh.map((it) => it.destination!))])
    .where('reference', 'is not', null)
    .groupBy(['destination', 'reference'])
    .execute();
  // The order to reuse a reference in: clean ones first, then by their last use.
  const lastUse = new Map<string, Map<number, string>>();
  for (const u of used) {
    const byRef = lastUse.get(u.destination!) ?? new Map<number, string>();
    byRef.set(Number(u.reference), `${Number(u.open)}${String(u.last)}`);
    lastUse.set(u.destination!, byRef);
  }
  for (const it of fresh) {
    const byRef = lastUse.get(it.destination!) ?? new Map<number, string>();
    const start = (it.preferred ?? 0) % REFERENCES;
    let pick = -1;
    let oldest: string | undefined;
    for (let k = 0; k < REFERENCES; k++) {
      const ref = (start + k) % REFERENCES;
      const last = byRef.get(ref);
      if (last === undefined) {
        pick = ref;
        break;
      }
      if (oldest === undefined || last < oldest) {
        oldest = last;
        pick = ref;
      }
    }
    out.set(it.deliveryId, pick);
    // Another message to the same number in this batch takes a different one.
    byRef.set(pick, '\uffff');
    lastUse.set(it.destination!, byRef);
  }
  return out;
}

/**
 * The parts of SMS deliveries that went to the SMSC (migration 0015). A row is written before its
 * part's first submit, stamped `handed_at` just before the part is written to the connection
 * (migration 0039), and completed with the SMSC's message_id from the answer; a handed row without
 * one that nobody is awaiting is a part that may have arrived (its answer was lost), never resent
 * automatically, while a row never handed is a part that never left, and is sent. Receipts find their delivery here by message_id.
 */
export const smsPartRepository = {
  /**
   * Before parts are submitted, for several deliveries at once: writes a row for every part that
   * has none, and says per delivery which parts were new and what is known of the others.
   */
  begin: async (db: Q, engine: Engine, items: readonly PartsStart[]): Promise<PartsKnown[]> => {
    const references = await referencesFor(db, items);
    const rows: unknown[][] = [];
    for (const it of items)
      for (let p = 1; p <= it.parts; p++)
        rows.push([it.deliveryId, p, it.at, it.destination ?? null, references.get(it.deliveryId) ?? null]);
    const inserted = new Set<string>();
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const part = rows.slice(i, i + ROWS_PER_STATEMENT);
      const r = await db.executeQuery<{ delivery_id: string; part: number }>(
        CompiledQuery.raw(statement(engine, 'begin', part.length), part.flat()),
      );
      for (const w of r.rows) inserted.add(`${w.delivery_id}#${Number(w.part)}`);
    }
    const partial = items.filter((it) => {
      for (let p = 1; p <= it.parts; p++) if (!inserted.has(`${it.deliveryId}#${p}`)) return true;
      return false;
    });
    const existing = partial.length
      ? await db
          .selectFrom('sms_parts')
          .select(['delivery_id', 'round', 'part', 'message_id', 'handed_at'])
          .where('delivery_id', 'in', [...new Set(partial.map((p) => p.deliveryId))])
          .execute()
      : [];
    // Only the latest sending counts: an earlier one was given up whole (migration 0044).
    const latest = new Map<string, number>();
    for (const e of existing)
      latest.set(e.delivery_id, Math.max(latest.get(e.delivery_id) ?? 1, Number(e.round)));
    return items.map((it) => {
      const round = latest.get(it.deliveryId) ?? 1;
      const fresh: number[] = [];
      const unsent: number[] = [];
      const known = new Map<number, string | null>();
      for (let p = 1; p <= it.parts; p++) if (inserted.has(`${it.deliveryId}#${p}`)) fresh.push(p);
      for (const e of existing)
        if (
          e.delivery_id === it.deliveryId &&
          Number(e.round) === round &&
          !(round === 1 && inserted.has(`${it.deliveryId}#${Number(e.part)}`))
        ) {
          if (e.message_id === null && e.handed_at === null) unsent.push(Number(e.part));
          else known.set(Number(e.part), e.message_id);
        }
      return { fresh, known, unsent, reference: references.get(it.deliveryId) ?? null, round };
    });
  },

  /**
   * Begins a new sending of a whole message under a reference its number has not had lately, after
   * an earlier one was given up because it could never be shown whole. Fails on a key conflict when
   * another process began the same round first.
   */
  nextRound: async (db: Q, item: PartsStart): Promise<NewRound> => {
    const last = await db
      .selectFrom('sms_parts')
      .select((eb) => eb.fn.max('round').as('round'))
      .where('delivery_id', '=', item.deliveryId)
      .executeTakeFirst();
    const round = Number(last?.round ?? 0) + 1;
    const reference = (await referencesFor(db, [item], true)).get(item.deliveryId) ?? null;
    await db
      .insertInto('sms_parts')
      .values(
        Array.from({ length: item.parts }, (_, k) => ({
          delivery_id: item.deliveryId,
          round,
          part: k + 1,
          submitted_at: item.at,
          destination: item.destination ?? null,
          reference,
        })),
      )
      .execute();
    return { round, reference };
  },

  /**
   * Parts about to be written to the SMSC's connection: from here a part may be at the SMSC, and
   * no try submits it again without its answer. Committed before the writes.
   */
  handMany: async (db: Q, engine: Engine, parts: readonly PartHanded[], at: string): Promise<void> => {
    for (let i = 0; i < parts.length; i += ROWS_PER_STATEMENT) {
      const chunk = parts.slice(i, i + ROWS_PER_STATEMENT);
      await db.executeQuery(
        CompiledQuery.raw(statement(engine, 'hand', chunk.length), [
          at,
          ...chunk.flatMap((p) => [p.deliveryId, p.round, p.part]),
        ]),
      );
    }
  },

  /** The SMSC's answers; written even where a person's retry forgot the row meanwhile. */
  acceptMany: async (db: Q, engine: Engine, answers: readonly PartAnswer[]): Promise<void> => {
    for (let i = 0; i < answers.length; i += ROWS_PER_STATEMENT) {
      const part = answers.slice(i, i + ROWS_PER_STATEMENT);
      await db.executeQuery(
        CompiledQuery.raw(
          statement(engine, 'accept', part.length),
          part.flatMap((a) => [a.deliveryId, a.round, a.part, a.at, a.at, a.messageId, a.at]),
        ),
      );
    }
  },

  /**
   * The SMSC refused the part, or it was never written: it is not there, and a later try of the
   * same sending submits it. The row stays, so a sending keeps a row for every part.
   */
  refused: async (db: Q, deliveryId: string, round: number, part: number): Promise<void> => {
    await db
      .updateTable('sms_parts')
      .set({ handed_at: null })
      .where('delivery_id', '=', deliveryId)
      .where('round', '=', round)
      .where('part', '=', part)
      .where('message_id', 'is', null)
      .execute();
  },

  /**
   * Records a part's receipt and, when it settles the whole message of the delivery's latest
   * sending, the delivery's: delivered once every part is, failed at the first part that failed
   * for good. A sending given up stays on its parts only. Returns the delivery's id, or null when
   * no part has that message_id (yet).
   */
  receipt: async (db: Q, messageId: string, state: ReceiptState, at: string): Promise<string | null> => {
    const hit = await db
      .updateTable('sms_parts')
      .set({ receipt: state, receipt_at: at })
      .where('message_id', '=', messageId)
      .returning(['delivery_id', 'round'])
      .executeTakeFirst();
    if (!hit) return null;
    const rows = await db
      .selectFrom('sms_parts')
      .select(['round', 'receipt', 'receipt_at'])
      .where('delivery_id', '=', hit.delivery_id)
      .execute();
    if (rows.some((r) => Number(r.round) > Number(hit.round))) return hit.delivery_id;
    const parts = rows.filter((r) => Number(r.round) === Number(hit.round));
    const whole = messageReceipt(parts.map((p) => p.receipt as ReceiptState | null));
    if (whole)
      await db
        .updateTable('deliveries')
        .set({
          receipt: whole,
          delivered_at:
            whole === 'DELIVRD'
              ? parts
                  .map((p) => p.receipt_at!)
                  .sort()
                  .at(-1)!
              : null,
        })
        .where('id', '=', hit.delivery_id)
        .execute();
    return hit.delivery_id;
  },
};
