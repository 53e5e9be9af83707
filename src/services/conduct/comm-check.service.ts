import { randomUUID } from 'node:crypto';
import { can, type Actor } from '../../core/policy/policy.js';
import { shown, viewerOf } from '../../core/policy/visibility.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import { readableExercise } from '../planning/exercises.service.js';
import type { CommCheckRow } from '../../store/conduct-tables.js';
import { appendAudit } from '../audit.service.js';
import type { ActorInfo, AppContext, Q } from '../context.js';
import { appendEvent } from '../events/events.service.js';
import { requestFanOut } from '../outbox/fanout.js';
import { failureText, type MessageLang } from '../../core/messages/messages.js';
import { takeConduct } from './conduct.js';

/**
 * Where one way of reaching a player stands in the latest round: still on its way, handed to the
 * channel (an e-mail accepted by its server), delivered (an SMS receipt, an inbox), confirmed by the
 * player in the player view, or failed with the channel's reason.
 */
export type CommCheckState = 'waiting' | 'sent' | 'delivered' | 'confirmed' | 'failed' | 'not_in_round';

export interface CommCheckWay {
  /** inapp for the player's Dabyl inbox, else the phone book's channel. */
  channel: string;
  /** The address, for those who may see how to reach people; null otherwise and for the inbox. */
  address: string | null;
  state: CommCheckState;
  /** When it reached that state. */
  at: string | null;
  problem: string | null;
}

export interface CommCheckPerson {
  personId: string;
  name: string;
  team: string | null;
  /** Received on at least one way (sent, delivered or confirmed). */
  reached: boolean;
  ways: CommCheckWay[];
}

export interface CommCheckView {
  exerciseId: string;
  round: { id: string; number: number; startedAt: string; startedBy: string | null } | null;
  counts: { people: number; reached: number; unreachable: number } & Record<CommCheckState, number>;
  people: CommCheckPerson[];
}

const ended = () =>
  new AppError(
    'comm_check_ended',
    409,
    'The exercise has ended: a communication check is for before and during play',
  );

/**
 * Starts a round of the communication check: one test message to every player's inbox and every
 * player contact of the phone book, through the outbox as the exercise's test traffic (rehearsal
 * traffic when the exercise is set to rehearse, so nothing reaches a real address). The round, its
 * fan-out, the audit entry and the control room's event commit together, under the clock's lock, so
 * two controllers starting one at once make rounds 1 and 2, never two round 1s.
 */
export async function startCommCheck(
  ctx: AppContext,
  info: ActorInfo,
  actor: Actor,
  exerciseId: string,
  lang: MessageLang = 'en',
): Promise<CommCheckView> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const c = await takeConduct(ctx, trx, exerciseId, actor);
    if (c.state.phase === 'ended') throw ended();
    const last = await latestRound(trx, exerciseId);
    const round: CommCheckRow = {
      id: randomUUID(),
      exercise_id: exerciseId,
      round: (last?.round ?? 0) + 1,
      started_at: ctx.clock.now().toISOString(),
      started_by: info.userId,
      started_by_name: info.name,
    };
    await trx.insertInto('comm_checks').values(round).execute();
    await requestFanOut(ctx, trx, {
      sourceKind: 'comm_check',
      sourceId: round.id,
      sequence: 1,
      mode: c.clock.traffic_mode === 'rehearsal' ? 'rehearsal' : 'test',
      exerciseId,
    });
    await appendAudit(ctx, trx, info, {
      action: 'comm_check.started',
      subjectType: 'exercise',
      subjectId: exerciseId,
      detail: { exerciseId, round: round.round },
    });
    await changed(ctx, trx, c.exercise.lead_organisation_id, exerciseId, round.id, 'started');
  });
  return commCheck(ctx, actor, exerciseId, lang);
}

/** The latest round and, per player, each way of reaching them and where it stands. */
export async function commCheck(
  ctx: AppContext,
  actor: Actor,
  exerciseId: string,
  lang: MessageLang = 'en',
): Promise<CommCheckView> {
  const db = ctx.db.kysely;
  const c = await takeConduct(ctx, db, exerciseId, actor, 'read');
  const viewer = viewerOf(actor, { exerciseId, organisationId: c.exercise.lead_organisation_id });
  const last = await latestRound(db, exerciseId);
  const [people, contacts, deliveries, fanout] = await Promise.all([
    db
      .selectFrom('exercise_people as p')
      .leftJoin('teams as t', 't.id', 'p.team_id')
      .leftJoin('users as u', 'u.id', 'p.user_id')
      .select(['p.id', 'p.name', 'p.user_id', 'u.disabled', 't.name as team'])
      .where('p.exercise_id', '=', exerciseId)
      .where('p.role', '=', 'player')
      .orderBy('t.name')
      .orderBy('p.name')
      .execute(),
    db
      .selectFrom('exercise_contacts')
      .select(['id', 'person_id', 'channel', 'address'])
      .where('exercise_id', '=', exerciseId)
      .orderBy('channel')
      .orderBy('id')
      .execute(),
    last
      ? db
          .selectFrom('deliveries as d')
          .leftJoin('inbox_messages as m', 'm.delivery_id', 'd.id')
          .select([
            'd.recipient_id',
            'd.channel',
            'd.status',
            'd.handed_at',
            'd.delivered_at',
            'd.last_error',
            'd.last_reason',
            'd.created_at',
            'm.acknowledged_at',
            'm.delivered_at as inbox_at',
          ])
          .where('d.source_kind', '=', 'comm_check')
          .where('d.source_id', '=', last.id)
          .execute()
      : [],
    last
      ? db
          .selectFrom('fanouts')
          .select('status')
          .where('source_kind', '=', 'comm_check')
          .where('source_id', '=', last.id)
          .executeTakeFirst()
      : undefined,
  ]);
  const expanded = fanout?.status === 'done' || fanout?.status === 'failed';
  const byRecipient = new Map(deliveries.map((d) => [`${d.channel}\n${d.recipient_id}`, d]));
  const wayOf = (channel: string, recipientId: string, address: string | null): CommCheckWay => {
    const d = byRecipient.get(`${channel}\n${recipientId}`);
    const base = { channel, address: address === null ? null : shown(viewer, 'person', 'contact', address) };
    if (!last) return { ...base, state: 'not_in_round', at: null, problem: null };
    if (!d) return { ...base, state: expanded ? 'not_in_round' : 'waiting', at: null, problem: null };
    if (d.acknowledged_at) return { ...base, state: 'confirmed', at: d.acknowledged_at, problem: null };
    const problem = failureText(lang, d.last_error, d.last_reason);
    if (d.status === 'dead') return { ...base, state: 'failed', at: null, problem };
    // An inbox is delivered when it lands there; other channels when their receipt comes back.
    const delivered = d.inbox_at ?? d.delivered_at;
    if (delivered) return { ...base, state: 'delivered', at: delivered, problem: null };
    if (d.status === 'sent') return { ...base, state: 'sent', at: d.handed_at, problem: null };
    return { ...base, state: 'waiting', at: d.created_at, problem };
  };
  const result: CommCheckPerson[] = people.map((p) => {
    const ways: CommCheckWay[] = [];
    if (p.user_id && !p.disabled) ways.push(wayOf('inapp', p.id, null));
    for (const k of contacts.filter((k) => k.person_id === p.id))
      ways.push(wayOf(k.channel, k.id, k.address));
    const reached = ways.some(
      (w) => w.state === 'sent' || w.state === 'delivered' || w.state === 'confirmed',
    );
    return { personId: p.id, name: p.name, team: p.team, reached, ways };
  });
  const counts: CommCheckView['counts'] = {
    people: result.length,
    reached: result.filter((p) => p.reached).length,
    unreachable: result.filter((p) => p.ways.length === 0).length,
    waiting: 0,
    sent: 0,
    delivered: 0,
    confirmed: 0,
    failed: 0,
    not_in_round: 0,
  };
  for (const p of result) for (const w of p.ways) counts[w.state] += 1;
  return {
    exerciseId,
    round: last
      ? {
          id: last.id,
          number: Number(last.round),
          startedAt: last.started_at,
          startedBy: last.started_by_name,
        }
      : null,
    counts,
    people: result,
  };
}

/** The latest round in a player's own inbox, as they see it; null when none reached them. */
export interface PlayerCommCheck {
  round: number;
  title: string;
  body: string;
  deliveredAt: string;
  confirmedAt: string | null;
}

export async function playerCommCheck(
  db: Q,
  exerciseId: string,
  userId: string,
): Promise<(PlayerCommCheck & { deliveryId: string; checkId: string }) | null> {
  const row = await db
    .selectFrom('inbox_messages as m')
    .innerJoin('comm_checks as c', 'c.id', 'm.source_id')
    .select(['m.delivery_id', 'c.id', 'c.round', 'm.title', 'm.body', 'm.delivered_at', 'm.acknowledged_at'])
    .where('m.user_id', '=', userId)
    .where('m.source_kind', '=', 'comm_check')
    .where('c.exercise_id', '=', exerciseId)
    .orderBy('c.round', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row
    ? {
        deliveryId: row.delivery_id,
        checkId: row.id,
        round: Number(row.round),
        title: row.title,
        body: row.body,
        deliveredAt: row.delivered_at,
        confirmedAt: row.acknowledged_at,
      }
    : null;
}

/**
 * A player says the latest round reached them. Twice is a no-op answering the first time; a player
 * whom no round reached is told so. It needs the player seat in this exercise, nothing more: a
 * communication check comes before play, and is how a controller knows a player is there.
 */
export async function confirmCommCheck(
  ctx: AppContext,
  info: ActorInfo,
  actor: Actor,
  exerciseId: string,
): Promise<PlayerCommCheck> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    // Players of every organisation taking part, not only the lead's, confirm.
    const { row: exercise, scope } = await readableExercise(trx, actor, exerciseId);
    if (!can(actor, 'exercises:play', scope)) throw forbidden('You do not play in this exercise');
    const mine = await playerCommCheck(trx, exerciseId, actor.userId);
    if (!mine) throw notFound('A communication check for you');
    const { deliveryId, checkId, ...view } = mine;
    if (view.confirmedAt) return view;
    const at = ctx.clock.now().toISOString();
    const done = await trx
      .updateTable('inbox_messages')
      .set({ acknowledged_at: at })
      .where('delivery_id', '=', deliveryId)
      .where('acknowledged_at', 'is', null)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) return view;
    await appendAudit(ctx, trx, info, {
      action: 'comm_check.confirmed',
      subjectType: 'exercise',
      subjectId: exerciseId,
      detail: { exerciseId, round: view.round },
    });
    await changed(ctx, trx, exercise.lead_organisation_id, exerciseId, checkId, 'confirmed');
    await appendEvent(ctx, trx, { type: 'inbox.changed', exerciseId, forUserId: actor.userId });
    return { ...view, confirmedAt: at };
  });
}

const latestRound = (db: Q, exerciseId: string) =>
  db
    .selectFrom('comm_checks')
    .selectAll()
    .where('exercise_id', '=', exerciseId)
    .orderBy('round', 'desc')
    .limit(1)
    .executeTakeFirst();

const changed = (
  ctx: AppContext,
  trx: Q,
  organisationId: string | null,
  exerciseId: string,
  checkId: string,
  what: string,
) =>
  appendEvent(ctx, trx, {
    type: 'comm_check.changed',
    organisationId,
    exerciseId,
    subjectType: 'comm_check',
    subjectId: checkId,
    payload: { what },
  });
