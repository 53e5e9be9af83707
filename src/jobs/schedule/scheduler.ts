/**
 * The scheduling port: "wake key K of topic T at time A". A service books the wake inside its own
 * transaction, atomically with the state change it belongs to; a scheduler (embedded or BullMQ) later
 * calls the topic's handler, never before `at`. The database decides, the timer only wakes: the
 * handler must itself change state with a conditional write (fire inject 12 only if it is still
 * pending in clock epoch 3), because a wake can be superseded or cancelled while its handler runs,
 * and a handler whose holder died mid-run is run again.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { onPostgres } from '../../store/pg-arrays.js';
import type { Database } from '../../store/schema.js';
import { wakeKey, wakeRepository, type NewWake } from '../../store/wake.repository.js';
import { mapInTurns, nextTurn, SLICE } from '../../store/turns.js';

type Q = Kysely<Database>;

/** What a service asks for. Booking a key again supersedes its earlier booking. */
export interface WakeBooking<P = unknown> {
  /** Names the handler, e.g. `clock.inject`; the same safe shape as job names. */
  readonly topic: string;
  /** Identifies the thing to wake within the topic, e.g. `<exercise id>/<inject id>`. */
  readonly key: string;
  /** Not before this instant. A past instant means "as soon as possible". */
  readonly at: Date;
  /** JSON-serialisable; handed to the handler as booked (e.g. the clock epoch it was booked in). */
  readonly payload?: P;
}

/** The booking as stored: its generation tells it apart from the key's earlier and later ones. */
export interface BookedWake {
  readonly topic: string;
  readonly key: string;
  readonly at: Date;
  readonly generation: number;
}

/** What a handler is given. */
export interface Wake<P = unknown> extends BookedWake {
  readonly payload: P;
  /** 1 on the first try of this generation. */
  readonly attempt: number;
}

/**
 * Resolves when the work is done. A throw (or rejection) is retried with back-off, without end: a
 * wake is never dropped. Must be idempotent, by a conditional write of its own.
 */
export type WakeHandler<P = unknown> = (wake: Wake<P>) => Promise<void>;

export interface HandleOptions {
  /**
   * Wakes whose keys name the same lane run one after another in a process, not side by side.
   * A burst of an exercise's injects is claimed 32 at a time: the first fires them all under the
   * exercise's clock lock, and the others, each holding a pooled connection while it waited for
   * that lock, left the rest of the process none (the outbox's sends and renders, the screens).
   */
  laneOf?: (key: string) => string;
}

/** The contract both adapters meet; `testing/scheduler.contract.ts` is its executable form. */
export interface Scheduler {
  readonly kind: 'embedded' | 'bullmq';
  /** Declares the handler of a topic; every process declares the same ones at start-up. */
  handle<P>(topic: string, handler: WakeHandler<P>, options?: HandleOptions): void;
  /** Begins waking; wakes already overdue run at once. Only the `all` and `worker` roles call it. */
  start(): Promise<void>;
  /** Stops waking and waits for running handlers; the database stays open. Open a new one to restart. */
  stop(): Promise<void>;
  /** Look at the wakes now (bookWake does this for schedulers in its own process). */
  nudge(): void;
}

const TOPIC = /^[a-z][a-z0-9._-]{0,99}$/;

export function checkTopic(topic: string): void {
  if (!TOPIC.test(topic)) throw new Error(`wake topic "${topic}" must match ${TOPIC.source}`);
}

function checkKey(key: string): void {
  if (key === '' || key.length > 200) throw new Error(`wake key must be 1–200 characters`);
}

/*
 * In-process hints: a booking tells the schedulers of its own process when it falls due, so they
 * can arm their timer at once. A hint carries no authority (the row may not be committed yet, or
 * may be rolled back): the scheduler still asks the database. On PostgreSQL a booking also sends a
 * NOTIFY on WAKES_CHANNEL, which PostgreSQL delivers at commit (once per transaction, however many
 * bookings it made) to schedulers in every process; on SQLite, one process with one handle, a look
 * the hint starts waits for the transaction to end anyway. The periodic poll is the safety net.
 */

/** The PostgreSQL NOTIFY channel of committed bookings. */
export const WAKES_CHANNEL = 'dabyl_wakes';

const listeners = new Set<(at: Date) => void>();

/** Calls `listener` with the time of every wake booked in this process; returns the undo. */
export function onWakeBooked(listener: (at: Date) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Books a wake in the caller's transaction (or on the database directly, outside one). Booking the
 * same topic and key again replaces the earlier booking, whatever state it is in: one wake, at the
 * latest booking's time, with its payload.
 */
export async function bookWake<P>(trx: Q, booking: WakeBooking<P>): Promise<BookedWake> {
  const [booked] = await bookWakes(trx, [booking]);
  return booked as BookedWake;
}

/**
 * Books many wakes in a few statements, as bookWake does each (a clock start books every inject).
 * Where a key appears more than once, the last booking of it is the one kept; the result has one
 * entry per booking given, in order, each with the generation its key ended up with.
 */
export async function bookWakes<P>(trx: Q, bookings: readonly WakeBooking<P>[]): Promise<BookedWake[]> {
  if (!bookings.length) return [];
  // Each key's last booking, in the order of last appearance; checked and written slice by slice
  // so that a clock start of thousands of injects never holds the event loop for long.
  const kept = new Map<string, number>();
  for (let i = 0; i < bookings.length; i++) {
    if (i > 0 && i % SLICE === 0) await nextTurn();
    const { topic, key, at } = bookings[i]!;
    checkTopic(topic);
    checkKey(key);
    if (!(at instanceof Date) || Number.isNaN(at.getTime()))
      throw new Error('wake time must be a valid Date');
    const k = wakeKey(topic, key);
    kept.delete(k);
    kept.set(k, i);
  }
  const now = new Date().toISOString();
  const order = [...kept.values()];
  const generations = new Map<string, number>();
  let earliest = Infinity;
  for (let i = 0; i < order.length; i += SLICE) {
    // On SQLite a statement does not let the loop turn; this does.
    if (i > 0) await nextTurn();
    const wakes = order.slice(i, i + SLICE).map((j): NewWake => {
      const { topic, key, at, payload } = bookings[j]!;
      earliest = Math.min(earliest, at.getTime());
      return { id: randomUUID(), topic, key, at: at.toISOString(), payload: JSON.stringify(payload ?? null) };
    });
    for (const [k, generation] of await wakeRepository.book(trx, wakes, now)) generations.set(k, generation);
  }
  // An empty payload: PostgreSQL folds a transaction's identical notifications into one.
  if (onPostgres(trx)) await sql`select pg_notify(${WAKES_CHANNEL}, '')`.execute(trx);
  for (const listener of listeners) listener(new Date(earliest));
  return mapInTurns(bookings, ({ topic, key }) => {
    const k = wakeKey(topic, key);
    return { topic, key, at: bookings[kept.get(k)!]!.at, generation: generations.get(k) ?? 0 };
  });
}

/**
 * Cancels the key's booking in the caller's transaction; false if nothing was pending or running.
 * A handler already running for it is not interrupted: its own conditional write decides.
 */
export async function cancelWake(trx: Q, topic: string, key: string): Promise<boolean> {
  return wakeRepository.cancel(trx, topic, key, new Date().toISOString());
}

/**
 * Cancels the pending bookings of many keys of one topic in the caller's transaction, in a few
 * statements; how many were pending. Unlike cancelWake it leaves a wake a scheduler has already
 * claimed alone: its handler runs and its own conditional write decides.
 */
export async function cancelPendingWakes(trx: Q, topic: string, keys: readonly string[]): Promise<number> {
  if (!keys.length) return 0;
  return wakeRepository.cancelPending(trx, topic, keys, new Date().toISOString());
}

/** Where a key's wake stands, for screens and tests; undefined if it was never booked. */
export async function readWake(
  db: Q,
  topic: string,
  key: string,
): Promise<(BookedWake & { status: 'pending' | 'running' | 'done' | 'cancelled' }) | undefined> {
  const row = await wakeRepository.get(db, topic, key);
  if (!row) return undefined;
  return {
    topic,
    key,
    at: new Date(row.at),
    generation: row.generation,
    status: row.status as 'pending' | 'running' | 'done' | 'cancelled',
  };
}

/** Wait before the try after failed try `attempt` (1-based): doubling from `baseMs`, at most `maxMs`. */
export const wakeRetryDelay = (attempt: number, baseMs: number, maxMs: number): number =>
  Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, 30));
