import { createHash, createHmac, hkdfSync, randomUUID } from 'node:crypto';
import type { ClockReading } from '../../core/conduct/clock.js';
import { AppError } from '../../errors.js';
import { branchingRepository } from '../../store/branching.repository.js';
import { conductRepository } from '../../store/conduct.repository.js';
import type { InjectRunRow } from '../../store/conduct-tables.js';
import { injectLinkRepository, type LinkSeatRow } from '../../store/inject-link.repository.js';
import { appendAudit } from '../audit.service.js';
import { applyDecision, runDecision } from '../conduct/branching.service.js';
import { readingOf, takeConduct, type Conduct } from '../conduct/conduct.js';
import type { ActorInfo, AppContext, Q } from '../context.js';
import { appendEvent } from '../events/events.service.js';
import { secretsKey } from '../keys/secrets.js';
import { cleanReport, halted, reportView, type NewReport, type PlayerReport } from './play.service.js';

/*
 * A player without an account is reached by e-mail or SMS only; each such delivery of an inject
 * carries a link that opens that one inject for that one person, with no sign-in: they acknowledge
 * it, answer its question and report what they did, and it is logged against the inject as an
 * account's would be. The token is an HMAC of the delivery id (so a resent message carries the same
 * link), 128 bits, kept in the database only as its SHA-256. It opens nothing else: not the
 * exercise, not another inject, not another team's reports. It lapses a day after ENDEX, when the
 * person leaves the exercise or stops being a player, and when they are moved to a team the inject
 * was not for.
 */

/** How long after ENDEX a link still opens its inject, for a late report. */
export const LINK_AFTER_ENDEX_MS = 24 * 3600_000;

/** The path of a link's page on the installation's public address. */
export const injectLinkPath = (token: string) => `/i/${token}`;

const TOKEN = /^[A-Za-z0-9_-]{22}$/;

function linkKey(ctx: AppContext): Buffer {
  return Buffer.from(hkdfSync('sha256', secretsKey(ctx.config), 'dabyl', 'inject-link', 32));
}

/** The delivery's token: the same on every try, unguessable without the installation's key. */
export const injectLinkToken = (ctx: AppContext, deliveryId: string): string =>
  createHmac('sha256', linkKey(ctx)).update(deliveryId).digest().subarray(0, 16).toString('base64url');

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** A delivery of an inject by e-mail or SMS to a contact of the exercise's phone book. */
export interface LinkedDelivery {
  deliveryId: string;
  contactId: string;
}

/** Deliveries handled by one read and one write, within every engine's limit on parameters. */
const LINKS_AT_ONCE = 500;

/**
 * The links deliveries of an inject carry, by delivery id: null where the contact's person signs
 * in to Dabyl (the inject is in their inbox) or is not a player. Recorded the first time they are
 * rendered; the dispatcher asks for a claim's deliveries together.
 */
export async function injectLinksFor(
  ctx: AppContext,
  run: Pick<InjectRunRow, 'id' | 'exercise_id'>,
  deliveries: readonly LinkedDelivery[],
): Promise<Map<string, string | null>> {
  const db = ctx.db.kysely;
  const base = ctx.config.publicUrl.replace(/\/$/, '');
  const links = new Map<string, string | null>();
  for (let i = 0; i < deliveries.length; i += LINKS_AT_ONCE) {
    const slice = deliveries.slice(i, i + LINKS_AT_ONCE);
    const people = await injectLinkRepository.peopleOfContacts(db, run.exercise_id, [
      ...new Set(slice.map((d) => d.contactId)),
    ]);
    const byContact = new Map(people.map((p) => [p.contact_id, p]));
    const at = ctx.clock.now().toISOString();
    const rows = [];
    for (const d of slice) {
      const person = byContact.get(d.contactId);
      if (!person || person.user_id !== null || person.role !== 'player') {
        links.set(d.deliveryId, null);
        continue;
      }
      const token = injectLinkToken(ctx, d.deliveryId);
      rows.push({
        token_hash: hashOf(token),
        delivery_id: d.deliveryId,
        exercise_id: run.exercise_id,
        run_id: run.id,
        person_id: person.id,
        created_at: at,
        opened_at: null,
        acknowledged_at: null,
      });
      links.set(d.deliveryId, `${base}${injectLinkPath(token)}`);
    }
    if (rows.length) await injectLinkRepository.record(db, rows);
  }
  return links;
}

/** What a link opens: one inject, for one person, and what their team did about it. */
export interface LinkedInject {
  exerciseName: string;
  timeZone: string;
  player: string;
  team: string | null;
  /** The language of the message that carried the link. */
  language: string;
  clock: ClockReading;
  noPlay: { at: string; reason: string | null } | null;
  inject: {
    number: string;
    title: string;
    body: string;
    firedAt: string | null;
    acknowledgedAt: string | null;
    decision: { question: string; options: string[]; chosen: string | null; by: string | null } | null;
  } | null;
  reports: PlayerReport[];
  /** Until when the link opens the inject; null while the exercise runs. */
  expiresAt: string | null;
}

const invalid = () =>
  new AppError(
    'inject_link_invalid',
    404,
    'This link does not open an inject: it is mistyped, or its exercise ended more than a day ago',
  );

interface Opened {
  seat: LinkSeatRow;
  run: InjectRunRow;
  conduct: Conduct;
}

/** The link's seat, checked: still a player, still of a team the inject was for, not lapsed. */
async function openSeat(ctx: AppContext, db: Q, token: string, need: 'conduct' | 'read'): Promise<Opened> {
  if (!TOKEN.test(token)) throw invalid();
  const seat = await injectLinkRepository.seat(db, hashOf(token));
  if (!seat || seat.role !== 'player' || seat.user_id !== null) throw invalid();
  const run = await conductRepository.run(db, seat.run_id);
  if (!run || run.status !== 'fired') throw invalid();
  const teams = JSON.parse(run.to_team_ids) as string[];
  if (teams.length > 0 && (seat.team_id === null || !teams.includes(seat.team_id))) throw invalid();
  const conduct =
    need === 'conduct'
      ? await takeConduct(ctx, db, seat.exercise_id, null)
      : await takeConduct(ctx, db, seat.exercise_id, null, 'read');
  const ended = conduct.state.endedAt;
  if (ended !== null && conduct.now > ended + LINK_AFTER_ENDEX_MS) throw invalid();
  return { seat, run, conduct };
}

async function viewOf(db: Q, o: Opened, acknowledgedAt: string | null): Promise<LinkedInject> {
  const ex = o.conduct.exercise;
  const noPlay = ex.no_play_at ? { at: ex.no_play_at, reason: ex.no_play_reason } : null;
  const [decided] = o.run.decision ? await branchingRepository.decisionsOf(db, [o.run.id]) : [];
  const asked = runDecision(o.run, decided);
  const reports = noPlay
    ? []
    : await injectLinkRepository.reports(db, o.run.id, o.seat.team_id, o.seat.person_id);
  const ended = o.conduct.state.endedAt;
  return {
    exerciseName: ex.name,
    timeZone: ex.time_zone,
    player: o.seat.person_name,
    team: o.seat.team_name,
    language: o.seat.language,
    clock: readingOf(o.conduct, o.conduct.now),
    noPlay,
    // Under NO PLAY the page shows the banner only: play is hidden, not just frozen.
    inject: noPlay
      ? null
      : {
          number: o.run.number,
          title: o.run.title,
          body: o.run.content,
          firedAt: o.run.fired_at,
          acknowledgedAt,
          decision: asked
            ? { question: asked.question, options: asked.options, chosen: asked.chosen, by: asked.by }
            : null,
        },
    reports: reports.map(reportView),
    expiresAt: ended !== null ? new Date(ended + LINK_AFTER_ENDEX_MS).toISOString() : null,
  };
}

/** Opens a link's inject; the first opening is stamped, so controllers see the link was used. */
export async function openInjectLink(ctx: AppContext, token: string): Promise<LinkedInject> {
  const db = ctx.db.kysely;
  const o = await openSeat(ctx, db, token, 'read');
  if (!o.seat.opened_at)
    await injectLinkRepository.opened(db, o.seat.token_hash, ctx.clock.now().toISOString());
  return viewOf(db, o, o.seat.acknowledged_at);
}

/** The person as the audit log and the controllers know them: by their name in the exercise. */
const actorOf = (seat: LinkSeatRow): ActorInfo => ({ userId: null, name: seat.person_name });

async function progressed(ctx: AppContext, trx: Q, o: Opened, what: string): Promise<void> {
  await appendEvent(ctx, trx, {
    type: 'inject.progress',
    organisationId: o.conduct.exercise.lead_organisation_id,
    exerciseId: o.seat.exercise_id,
    subjectType: 'inject',
    subjectId: o.run.id,
    payload: { what },
  });
}

/** Acknowledges the link's inject once; again is a no-op answering the first time. */
export async function acknowledgeByLink(ctx: AppContext, token: string): Promise<LinkedInject> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const o = await openSeat(ctx, trx, token, 'read');
    if (o.conduct.exercise.no_play_at) throw halted(o.conduct.exercise.no_play_reason);
    if (o.seat.acknowledged_at) return viewOf(trx, o, o.seat.acknowledged_at);
    const at = ctx.clock.now().toISOString();
    if (await injectLinkRepository.acknowledge(trx, o.run.id, o.seat.person_id, at)) {
      await appendAudit(ctx, trx, actorOf(o.seat), {
        action: 'inject.acknowledged',
        subjectType: 'inject',
        subjectId: o.run.id,
        detail: { exerciseId: o.seat.exercise_id, number: o.run.number, team: o.seat.team_name, via: 'link' },
      });
      await progressed(ctx, trx, o, 'acknowledged');
    }
    return viewOf(trx, o, at);
  });
}

/** Logs what the person did about the inject against it, with their team, as a player's report. */
export async function reportByLink(ctx: AppContext, token: string, report: NewReport): Promise<PlayerReport> {
  const { text, photo, location } = cleanReport(report);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const o = await openSeat(ctx, trx, token, 'read');
    if (o.conduct.exercise.no_play_at) throw halted(o.conduct.exercise.no_play_reason);
    const row = {
      id: randomUUID(),
      exercise_id: o.seat.exercise_id,
      inject_run_id: o.run.id,
      user_id: null,
      person_id: o.seat.person_id,
      team_id: o.seat.team_id,
      author_name: o.seat.person_name,
      text,
      photo_type: photo?.type ?? null,
      photo: photo?.bytes ?? null,
      latitude: location?.latitude ?? null,
      longitude: location?.longitude ?? null,
      created_at: ctx.clock.now().toISOString(),
    };
    await injectLinkRepository.insertReport(trx, row);
    await appendAudit(ctx, trx, actorOf(o.seat), {
      action: 'inject.reported',
      subjectType: 'inject',
      subjectId: o.run.id,
      detail: {
        exerciseId: o.seat.exercise_id,
        number: o.run.number,
        team: o.seat.team_name,
        report: row.id,
        photo: photo !== null,
        via: 'link',
      },
    });
    await progressed(ctx, trx, o, 'reported');
    return reportView(row);
  });
}

/** Answers the inject's question, on the same rules as a player in the console: the first answer counts. */
export async function decideByLink(ctx: AppContext, token: string, option: string): Promise<LinkedInject> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const o = await openSeat(ctx, trx, token, 'conduct');
    if (o.conduct.exercise.no_play_at) throw halted(o.conduct.exercise.no_play_reason);
    if (o.conduct.state.phase === 'ended')
      throw new AppError('clock_ended', 409, 'the exercise has ended (ENDEX)');
    await applyDecision(ctx, trx, o.conduct, o.run, option, {
      actor: actorOf(o.seat),
      via: 'player',
      teamId: o.seat.team_id,
    });
    const run = (await conductRepository.run(trx, o.run.id))!;
    return viewOf(trx, { ...o, run }, o.seat.acknowledged_at);
  });
}
