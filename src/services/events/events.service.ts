import type { Permission } from '../../core/policy/policy.js';
import type { Db } from '../../store/db.js';
import type { EventRow } from '../../store/event-tables.js';
import { eventRepository } from '../../store/event.repository.js';
import type { AppContext, Q } from '../context.js';

/**
 * The event types Dabyl writes, with the permission a reader needs to see each. A new type is
 * added here and in docs/events.md; the stream itself carries any type.
 */
export const EVENT_TYPES = {
  /** A resident's comment arrived and waits for moderation. Payload: `{ noticeId }`. */
  'comment.posted': 'comments:moderate',
  /** A comment was approved, rejected or its address blocked. Payload: `{ noticeId, status }`. */
  'comment.moderated': 'comments:moderate',
  /** Deliveries changed state. Payload: `{ channel?, counts? }`. */
  'outbox.changed': 'outbox:manage',
  /** An exercise's clock changed (a command). Payload: the three clocks, `{ phase, speed, exercise, scenario… }`. */
  'clock.changed': 'exercises:read',
  /**
   * NO PLAY was switched on or lifted: every screen of the exercise, players' included, shows or drops
   * its banner. Payload: `{ on, reason, by, at, phase, exercise }`.
   */
  'no_play.changed': 'exercises:read',
  /** An inject of a running exercise changed state. Payload: `{ status }`. Controllers' side only. */
  'inject.changed': 'msel:read',
  /** An alert message was drafted, edited, submitted, returned, approved or cancelled. Payload: `{ thread, state, status }`. */
  'alert.changed': 'alerts:read',
  /** Deliveries of an alert's messages moved (sent, delivered, failed). Payload: `{ thread }`. */
  'alert.deliveries': 'alerts:read',
  /** An evaluator recorded an observation. Payload: `{ exerciseTime }`. Evaluators and directors only. */
  'observation.recorded': 'observations:read',
  /** An evaluator rated a capability target or core capability. Payload: `{ rating, version }`. */
  'rating.recorded': 'ratings:read',
  /**
   * A player's own inbox changed (a message arrived, they acknowledged one). For that player only
   * (`forUserId`); the payload is empty, so not even the player's own inject travels on the stream.
   */
  'inbox.changed': 'exercises:play',
  /** A player acknowledged an inject or reported on it. Payload: `{ what }`. Controllers' side only. */
  'inject.progress': 'msel:read',
  /**
   * A communication check was started, a delivery of it moved, or a player confirmed it. Payload:
   * `{ what }`. Controllers' side only.
   */
  'comm_check.changed': 'msel:read',
  /** A radio or phone prompt appeared on the control room's screen, or was marked delivered. */
  'manual.prompted': 'msel:read',
} as const satisfies Record<string, Permission>;
export type EventType = keyof typeof EVENT_TYPES;

export interface NewEvent {
  type: EventType;
  organisationId?: string | null;
  exerciseId?: string | null;
  subjectType?: string;
  subjectId?: string;
  /** Small: it travels to every reader allowed to see it. Over 2 KB is a programming error. */
  payload?: Record<string, unknown>;
  /** The one person who may see it (beside holding its permission); unset: everyone the permission lets. */
  forUserId?: string | null;
}

/** An event as the stream carries it. */
export interface StreamEvent {
  seq: number;
  at: string;
  type: string;
  permission: string;
  organisationId: string | null;
  exerciseId: string | null;
  subjectType: string | null;
  subjectId: string | null;
  payload: Record<string, unknown>;
  userId: string | null;
}

const MAX_PAYLOAD = 2048;
/** How long events stay for a reconnecting reader to resume from. */
export const EVENT_RETENTION_MS = 7 * 24 * 3_600_000;

/** The LISTEN/NOTIFY channel: one per schema, so databases sharing a server never wake each other. */
export const notifyChannel = (db: Db): string => (db.schema ? `dabyl_events_${db.schema}` : 'dabyl_events');

/*
 * On SQLite there is one process, so a write wakes this process's hub directly. The nudge belongs to
 * the database handle (the hub of that handle listens), hence a WeakMap keyed by it.
 */
const localListeners = new WeakMap<Db, Set<() => void>>();

/** Registers `wake` to be called when an event is written through `db` in this process. */
export function onLocalEvent(db: Db, wake: () => void): () => void {
  let set = localListeners.get(db);
  if (!set) localListeners.set(db, (set = new Set()));
  set.add(wake);
  return () => set.delete(wake);
}

/**
 * Appends an event inside the caller's transaction, so it exists if and only if the change it
 * tells of commits. Call it last in the transaction: it takes the append lock (the audit chain's,
 * held until commit), which is what makes numbers commit in order (docs/decisions/0009).
 */
export async function appendEvent(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  trx: Q,
  event: NewEvent,
): Promise<number> {
  return (await appendEvents(ctx, trx, [event]))[0]!;
}

/**
 * Appends several events in order, numbered as appendEvent would number them one by one, under one
 * lock, in few statements and with one wake-up (a batch of injects fired together); their numbers.
 */
export async function appendEvents(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  trx: Q,
  events: readonly NewEvent[],
): Promise<number[]> {
  if (!events.length) return [];
  const payloads = events.map((event) => {
    const payload = JSON.stringify(event.payload ?? {});
    if (payload.length > MAX_PAYLOAD)
      throw new Error(`event ${event.type}: payload over ${MAX_PAYLOAD} bytes`);
    return payload;
  });
  await eventRepository.lockForAppend(trx, ctx.db.engine);
  const first = (await eventRepository.lastSeq(trx)) + 1;
  const at = ctx.clock.now().toISOString();
  const rows = events.map((event, i) => ({
    seq: first + i,
    at,
    type: event.type,
    permission: EVENT_TYPES[event.type],
    organisation_id: event.organisationId ?? null,
    exercise_id: event.exerciseId ?? null,
    subject_type: event.subjectType ?? null,
    subject_id: event.subjectId ?? null,
    payload: payloads[i]!,
    user_id: event.forUserId ?? null,
  }));
  await eventRepository.insert(trx, rows);
  const last = first + rows.length - 1;
  if (ctx.db.engine === 'postgres') await eventRepository.notify(trx, notifyChannel(ctx.db), last);
  // The hub's read queues behind this transaction on SQLite's one connection, so it sees the commit.
  else for (const wake of localListeners.get(ctx.db) ?? []) wake();
  return rows.map((r) => r.seq);
}

/** Coalescing: at most one write per type and scope in this window; the newest payload wins. */
export const PUBLISH_WINDOW_MS = 250;

interface Pending {
  event: NewEvent;
  done: Promise<void>;
}
interface Lane {
  lastAt: number;
  pending: Pending | null;
}
const lanes = new WeakMap<Db, Map<string, Lane>>();

/**
 * Publishes an event outside any transaction (for code whose change has already committed, like
 * the outbox dispatcher's state changes), coalesced: within PUBLISH_WINDOW_MS of the last write of
 * the same type and scope, the events merge into one written at the window's end, carrying the
 * newest payload. Resolves once the write that carries this event has committed.
 */
export function publishEvent(ctx: AppContext, event: NewEvent): Promise<void> {
  let byKey = lanes.get(ctx.db);
  if (!byKey) lanes.set(ctx.db, (byKey = new Map()));
  const key = `${event.type}\u0000${event.organisationId ?? ''}\u0000${event.exerciseId ?? ''}`;
  let lane = byKey.get(key);
  if (!lane) byKey.set(key, (lane = { lastAt: -Infinity, pending: null }));
  if (lane.pending) {
    lane.pending.event = event;
    return lane.pending.done;
  }
  const write = (e: NewEvent) =>
    ctx.db.kysely.transaction().execute(async (trx) => {
      await appendEvent(ctx, trx, e);
    });
  const wait = lane.lastAt + PUBLISH_WINDOW_MS - Date.now();
  const l = lane;
  if (wait <= 0) {
    l.lastAt = Date.now();
    return quiet(write(event));
  }
  const pending: Pending = { event, done: Promise.resolve() };
  pending.done = quiet(
    new Promise<void>((resolve, reject) => {
      setTimeout(() => {
        l.pending = null;
        l.lastAt = Date.now();
        write(pending.event).then(resolve, reject);
      }, wait).unref();
    }),
  );
  l.pending = pending;
  return pending.done;
}

/** A promise a caller may ignore without an unhandled rejection; awaiting it still throws. */
function quiet(p: Promise<void>): Promise<void> {
  p.catch(() => undefined);
  return p;
}

export const toStreamEvent = (r: EventRow): StreamEvent => ({
  seq: Number(r.seq),
  at: r.at,
  type: r.type,
  permission: r.permission,
  organisationId: r.organisation_id,
  exerciseId: r.exercise_id,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  payload: JSON.parse(r.payload) as Record<string, unknown>,
  userId: r.user_id,
});

/** Events after `seq`, oldest first. */
export async function readEventsAfter(ctx: AppContext, seq: number, limit = 500): Promise<StreamEvent[]> {
  return (await eventRepository.after(ctx.db.kysely, seq, limit)).map(toStreamEvent);
}

/** The oldest and newest numbers kept (0 and 0 when there are none yet). */
export async function eventWindow(ctx: AppContext): Promise<{ first: number; last: number }> {
  const db = ctx.db.kysely;
  const [first, last] = await Promise.all([eventRepository.firstSeq(db), eventRepository.lastSeq(db)]);
  return { first: first ?? last + 1, last };
}

/** Deletes events older than the retention (keeping the newest, which carries the numbering on). */
export async function pruneEvents(ctx: AppContext, retentionMs = EVENT_RETENTION_MS): Promise<number> {
  const before = new Date(ctx.clock.now().getTime() - retentionMs).toISOString();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    // Under the append lock, so the newest cannot change between reading it and deleting below it.
    await eventRepository.lockForAppend(trx, ctx.db.engine);
    return eventRepository.pruneBefore(trx, before);
  });
}
