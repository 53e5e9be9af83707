import { randomUUID } from 'node:crypto';
import type { ClockReading } from '../../core/conduct/clock.js';
import { pointProblem, type Point } from '../../core/play/location.js';
import { checkPhoto, MAX_PHOTO_BYTES, type PhotoType } from '../../core/play/photo.js';
import { can, type Actor } from '../../core/policy/policy.js';
import { AppError, notFound } from '../../errors.js';
import { injectLinkRepository } from '../../store/inject-link.repository.js';
import { playRepository, type InboxInjectRow } from '../../store/play.repository.js';
import type { PlayerReportRow } from '../../store/play-tables.js';
import type { ExerciseRow } from '../../store/schema.js';
import { appendAudit } from '../audit.service.js';
import { branchingRepository } from '../../store/branching.repository.js';
import type { InjectDecisionRow } from '../../store/conduct-tables.js';
import { conductRepository } from '../../store/conduct.repository.js';
import { applyDecision, runDecision } from '../conduct/branching.service.js';
import { readingOf, takeConduct } from '../conduct/conduct.js';
import { playerCommCheck, type PlayerCommCheck } from '../conduct/comm-check.service.js';
import { inboxInjectIn } from '../conduct/inject.source.js';
import type { MessageLang } from '../../core/messages/messages.js';
import type { ActorInfo, AppContext, Q } from '../context.js';
import { appendEvent } from '../events/events.service.js';

/** A player's place in an exercise: who they are in it and their team. */
interface Seat {
  userId: string;
  personId: string;
  name: string;
  teamId: string | null;
  teamName: string | null;
  exercise: ExerciseRow;
}

export interface PlayerReport {
  id: string;
  author: string;
  text: string;
  hasPhoto: boolean;
  latitude: number | null;
  longitude: number | null;
  createdAt: string;
}

/** A fired inject as its player sees it: the delivered text, and what they did about it. */
export interface PlayerInject {
  id: string;
  number: string;
  title: string;
  body: string;
  firedAt: string | null;
  deliveredAt: string;
  acknowledgedAt: string | null;
  reports: PlayerReport[];
  /** The question the inject puts to the team, and the team's choice once taken. */
  decision: { question: string; options: string[]; chosen: string | null; by: string | null } | null;
}

export interface PlayerView {
  exerciseId: string;
  name: string;
  timeZone: string;
  player: string;
  team: { id: string; name: string } | null;
  clock: ClockReading;
  /** Set while the exercise is under NO PLAY: play is hidden and halted. */
  noPlay: { at: string; reason: string | null } | null;
  injects: PlayerInject[];
  /** The latest communication check in the player's inbox, to confirm it arrived. */
  commCheck: PlayerCommCheck | null;
}

export interface NewReport {
  text: string;
  photo?: { type: string; data: string } | null | undefined;
  location?: { latitude: number; longitude: number } | null | undefined;
}

const notAPlayer = () =>
  new AppError('not_a_player', 403, 'You do not play in this exercise: its player view is for its players');
const injectNotFound = () => notFound('The inject');
/** Play is halted: what every player action answers under NO PLAY. */
export const halted = (reason: string | null) =>
  new AppError(
    'no_play',
    409,
    `The exercise is under NO PLAY${reason ? ` (${reason})` : ''}: play is halted until the controllers resume it`,
    undefined,
    undefined,
    { reason: reason ?? '' },
  );

async function seatOf(db: Q, actor: Actor, exerciseId: string): Promise<Seat> {
  const exercise = await db
    .selectFrom('exercises')
    .selectAll()
    .where('id', '=', exerciseId)
    .executeTakeFirst();
  if (!exercise) throw notFound('Exercise');
  const person = await playRepository.seat(db, exerciseId, actor.userId);
  if (!person) throw notAPlayer();
  return {
    userId: actor.userId,
    personId: person.id,
    name: person.name,
    teamId: person.team_id,
    teamName: person.team_name,
    exercise,
  };
}

/**
 * The player's injects: what the in-app channel put in their inbox, of injects that fired, for
 * their team or for every player. Nothing else reaches this list, so neither a future inject nor
 * another team's can be read through it, even by asking for its id.
 */
async function injectsOf(db: Q, seat: Seat, runId?: string, lang?: MessageLang): Promise<PlayerInject[]> {
  const rows = (await playRepository.inboxInjects(db, seat.exercise.id, seat.userId, runId)).filter((r) =>
    forTeam(r, seat.teamId),
  );
  const reports = await playRepository.reports(
    db,
    rows.map((r) => r.id),
    seat.teamId,
    seat.userId,
  );
  const decided = new Map(
    (
      await branchingRepository.decisionsOf(
        db,
        rows.filter((r) => r.decision).map((r) => r.id),
      )
    ).map((d) => [d.run_id, d]),
  );
  const run = (r: InboxInjectRow) => ({ number: r.number, title: r.run_title, content: r.run_content });
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    ...(lang ? inboxInjectIn(r, run(r), lang, seat.exercise.name) : { title: r.title, body: r.body }),
    firedAt: r.fired_at,
    deliveredAt: r.delivered_at,
    acknowledgedAt: r.acknowledged_at,
    reports: reports.filter((p) => p.inject_run_id === r.id).map(reportView),
    decision: playerDecision(r, decided.get(r.id)),
  }));
}

/** What players see of a decision: the question, the options and the choice; never what each leads to. */
function playerDecision(r: InboxInjectRow, d: InjectDecisionRow | undefined): PlayerInject['decision'] {
  const asked = runDecision(r, d);
  return asked
    ? { question: asked.question, options: asked.options, chosen: asked.chosen, by: asked.by }
    : null;
}

/** A player moved to another team after delivery no longer sees the old team's injects. */
function forTeam(row: InboxInjectRow, teamId: string | null): boolean {
  const teams = JSON.parse(row.to_team_ids) as string[];
  return teams.length === 0 || (teamId !== null && teams.includes(teamId));
}

/** The player view: the three clocks, NO PLAY, and the player's own team's fired injects. */
export async function playerView(
  ctx: AppContext,
  actor: Actor,
  exerciseId: string,
  lang?: MessageLang,
): Promise<PlayerView> {
  const db = ctx.db.kysely;
  const seat = await seatOf(db, actor, exerciseId);
  const conduct = await takeConduct(ctx, db, exerciseId, null, 'read');
  const ex = seat.exercise;
  const noPlay = ex.no_play_at ? { at: ex.no_play_at, reason: ex.no_play_reason } : null;
  return {
    exerciseId,
    name: ex.name,
    timeZone: ex.time_zone,
    player: seat.name,
    team: seat.teamId ? { id: seat.teamId, name: seat.teamName ?? '' } : null,
    clock: readingOf(conduct, conduct.now),
    noPlay,
    // Under NO PLAY the view shows the banner only: play is hidden, not just frozen.
    injects: noPlay ? [] : await injectsOf(db, seat, undefined, lang),
    commCheck: await ownCommCheck(db, exerciseId, seat.userId),
  };
}

async function ownCommCheck(db: Q, exerciseId: string, userId: string): Promise<PlayerCommCheck | null> {
  const mine = await playerCommCheck(db, exerciseId, userId);
  if (!mine) return null;
  const { deliveryId: _delivery, checkId: _check, ...view } = mine;
  return view;
}

/** Tells the player's screens and the controllers' table that an inject's progress moved. */
async function progressed(ctx: AppContext, trx: Q, seat: Seat, runId: string, what: string): Promise<void> {
  await appendEvent(ctx, trx, {
    type: 'inject.progress',
    organisationId: seat.exercise.lead_organisation_id,
    exerciseId: seat.exercise.id,
    subjectType: 'inject',
    subjectId: runId,
    payload: { what },
  });
  await appendEvent(ctx, trx, {
    type: 'inbox.changed',
    exerciseId: seat.exercise.id,
    forUserId: seat.userId,
  });
}

/**
 * Acknowledges a fired inject in the player's inbox. Twice is a no-op answering the same (the first
 * acknowledgement's time); an inject not in their inbox, another team's or a future one, is not found.
 */
export async function acknowledgeInject(
  ctx: AppContext,
  who: ActorInfo,
  actor: Actor,
  exerciseId: string,
  runId: string,
  lang?: MessageLang,
): Promise<PlayerInject> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const seat = await seatOf(trx, actor, exerciseId);
    const [inject] = await injectsOf(trx, seat, runId, lang);
    if (!inject) throw injectNotFound();
    if (seat.exercise.no_play_at) throw halted(seat.exercise.no_play_reason);
    if (inject.acknowledgedAt) return inject;
    const at = ctx.clock.now().toISOString();
    if (!(await playRepository.acknowledge(trx, seat.userId, runId, at))) return inject;
    await appendAudit(ctx, trx, who, {
      action: 'inject.acknowledged',
      subjectType: 'inject',
      subjectId: runId,
      detail: { exerciseId, number: inject.number, team: seat.teamName },
    });
    await progressed(ctx, trx, seat, runId, 'acknowledged');
    return { ...inject, acknowledgedAt: at };
  });
}

/**
 * A player takes the decision an inject of theirs asks: the first answer of anyone it reached counts
 * (the same choice again is a no-op), and the branch it chose is released. Refused under NO PLAY.
 */
export async function decideOnInject(
  ctx: AppContext,
  who: ActorInfo,
  actor: Actor,
  exerciseId: string,
  runId: string,
  option: string,
  lang?: MessageLang,
): Promise<PlayerInject> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const seat = await seatOf(trx, actor, exerciseId);
    if (!(await injectsOf(trx, seat, runId))[0]) throw injectNotFound();
    // Then the clock's lock: a decision releases injects as a controller's command would.
    const c = await takeConduct(ctx, trx, exerciseId, null);
    if (c.exercise.no_play_at) throw halted(c.exercise.no_play_reason);
    if (c.state.phase === 'ended') throw new AppError('clock_ended', 409, 'the exercise has ended (ENDEX)');
    const run = (await conductRepository.run(trx, runId))!;
    // Controllers know players by their names in the exercise, not their accounts.
    const named = { userId: who.userId, name: seat.name };
    await applyDecision(ctx, trx, c, run, option, { actor: named, via: 'player', teamId: seat.teamId });
    return (await injectsOf(trx, seat, runId, lang))[0]!;
  });
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function photoOf(photo: NewReport['photo']): { type: PhotoType; bytes: Buffer } | null {
  if (!photo) return null;
  const data = photo.data.replace(/\s+/g, '');
  if (!BASE64.test(data) || data.length % 4 !== 0)
    throw new AppError('invalid_input', 422, 'photo.data: is not base64', 'photo.data');
  const bytes = Buffer.from(data, 'base64');
  const problem = checkPhoto(bytes, photo.type);
  if (!problem) return { type: photo.type as PhotoType, bytes };
  switch (problem.kind) {
    case 'empty':
      throw new AppError('invalid_input', 422, 'photo.data: the photo is empty', 'photo.data');
    case 'too_large':
      throw new AppError(
        'photo_too_large',
        413,
        `photo.data: the photo is ${problem.bytes} bytes; at most ${MAX_PHOTO_BYTES} (5 MiB) are taken`,
        'photo.data',
        undefined,
        { bytes: String(problem.bytes), limit: String(MAX_PHOTO_BYTES) },
      );
    case 'not_a_picture':
      throw new AppError('photo_type', 415, 'photo.data: not a JPEG, PNG or WebP picture', 'photo.data');
    case 'type_mismatch':
      throw new AppError(
        'photo_type',
        415,
        `photo.type: the picture is ${problem.found}, not ${problem.said}`,
        'photo.type',
      );
  }
}

/** A stored report as players and controllers see it: the photo is fetched on its own. */
export const reportView = (
  p: Pick<
    PlayerReportRow,
    'id' | 'author_name' | 'text' | 'photo_type' | 'latitude' | 'longitude' | 'created_at'
  >,
): PlayerReport => ({
  id: p.id,
  author: p.author_name,
  text: p.text,
  hasPhoto: p.photo_type !== null,
  latitude: p.latitude,
  longitude: p.longitude,
  createdAt: p.created_at,
});

/** The longest report a player may send, as the API's schema says too. */
export const MAX_REPORT_CHARS = 4000;

/** The report's place, checked: both coordinates finite and within range, or no place. */
function locationOf(location: NewReport['location']): Point | null {
  if (!location) return null;
  const problem = pointProblem(location);
  if (!problem) return { latitude: location.latitude, longitude: location.longitude };
  const field = `location.${problem.field}`;
  const range = problem.field === 'latitude' ? 'from -90 to 90' : 'from -180 to 180';
  throw new AppError('invalid_input', 422, `${field}: degrees ${range}`, field);
}

/** A report's text, photo and place, checked; what is wrong is named by its field. */
export function cleanReport(report: NewReport): {
  text: string;
  photo: { type: PhotoType; bytes: Buffer } | null;
  location: Point | null;
} {
  const text = report.text.trim();
  if (!text) throw new AppError('invalid_input', 422, 'text: say what was done', 'text');
  if (text.length > MAX_REPORT_CHARS)
    throw new AppError('invalid_input', 422, `text: at most ${MAX_REPORT_CHARS} characters`, 'text');
  return { text, photo: photoOf(report.photo), location: locationOf(report.location) };
}

/** Records what a player did about a fired inject of theirs: text, and a photo and a point if given. */
export async function reportOnInject(
  ctx: AppContext,
  who: ActorInfo,
  actor: Actor,
  exerciseId: string,
  runId: string,
  report: NewReport,
): Promise<PlayerReport> {
  const { text, photo, location } = cleanReport(report);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const seat = await seatOf(trx, actor, exerciseId);
    const [inject] = await injectsOf(trx, seat, runId);
    if (!inject) throw injectNotFound();
    if (seat.exercise.no_play_at) throw halted(seat.exercise.no_play_reason);
    const row = {
      id: randomUUID(),
      exercise_id: exerciseId,
      inject_run_id: runId,
      user_id: seat.userId,
      person_id: seat.personId,
      team_id: seat.teamId,
      author_name: seat.name,
      text,
      photo_type: photo?.type ?? null,
      photo: photo?.bytes ?? null,
      latitude: location?.latitude ?? null,
      longitude: location?.longitude ?? null,
      created_at: ctx.clock.now().toISOString(),
    };
    await playRepository.insertReport(trx, row);
    await appendAudit(ctx, trx, who, {
      action: 'inject.reported',
      subjectType: 'inject',
      subjectId: runId,
      detail: {
        exerciseId,
        number: inject.number,
        team: seat.teamName,
        report: row.id,
        photo: photo !== null,
      },
    });
    await progressed(ctx, trx, seat, runId, 'reported');
    return reportView(row);
  });
}

/**
 * A report's photo: for those who watch the exercise's injects (controllers, evaluators), and for
 * the players of the team that reported it; to anyone else it does not exist.
 */
export async function reportPhoto(
  ctx: AppContext,
  actor: Actor,
  exerciseId: string,
  reportId: string,
): Promise<{ type: string; bytes: Buffer }> {
  const db = ctx.db.kysely;
  const exercise = await db
    .selectFrom('exercises')
    .select('lead_organisation_id')
    .where('id', '=', exerciseId)
    .executeTakeFirst();
  if (!exercise) throw notFound('Exercise');
  const row = await playRepository.photo(db, exerciseId, reportId);
  if (!row?.photo || !row.photo_type) throw notFound('The photo');
  if (!can(actor, 'msel:read', { exerciseId, organisationId: exercise.lead_organisation_id })) {
    const seat = await seatOf(db, actor, exerciseId);
    const ours = row.team_id ? row.team_id === seat.teamId : row.user_id === seat.userId;
    if (!ours) throw notFound('The photo');
  }
  return { type: row.photo_type, bytes: Buffer.from(row.photo) };
}

/** For each fired inject, what the controllers follow: fired → delivered → acknowledged → first action. */
export interface InjectProgress {
  injectId: string;
  firedAt: string;
  deliveries: number;
  delivered: number;
  deliveredAt: string | null;
  acknowledged: number;
  acknowledgedAt: string | null;
  /** Players without an account: how many were sent a link to the inject, and how many opened it. */
  links: { sent: number; opened: number };
  reports: number;
  firstAction: { at: string; author: string; text: string; reportId: string; hasPhoto: boolean } | null;
}

export async function injectProgress(
  ctx: AppContext,
  actor: Actor,
  exerciseId: string,
): Promise<InjectProgress[]> {
  const db = ctx.db.kysely;
  await takeConduct(ctx, db, exerciseId, actor, 'read');
  return progressOf(db, exerciseId);
}

/**
 * The progress of every fired inject, with no access check: the caller has made its own (the
 * control room above, the evaluation guides in services/evaluation).
 */
export async function progressOf(db: Q, exerciseId: string): Promise<InjectProgress[]> {
  const [runs, deliveries, acks, linkAcks, links, reports] = await Promise.all([
    db
      .selectFrom('inject_runs')
      .select(['id', 'fired_at'])
      .where('exercise_id', '=', exerciseId)
      .where('fired_at', 'is not', null)
      .orderBy('position')
      .execute(),
    playRepository.deliveryProgress(db, exerciseId),
    playRepository.acknowledgementProgress(db, exerciseId),
    injectLinkRepository.acknowledgementProgress(db, exerciseId),
    injectLinkRepository.linkProgress(db, exerciseId),
    playRepository.reportProgress(db, exerciseId),
  ]);
  const d = new Map(deliveries.map((r) => [r.source_id, r]));
  const a = new Map(acks.map((r) => [r.source_id, r]));
  // Players without an account acknowledge through the link their e-mail or SMS carried.
  const l = new Map(linkAcks.map((r) => [r.run_id, r]));
  const k = new Map(links.map((r) => [r.run_id, r]));
  return runs.map((run) => {
    const dr = d.get(run.id);
    const ar = a.get(run.id);
    const lr = l.get(run.id);
    const rr = reports.get(run.id);
    return {
      injectId: run.id,
      firedAt: run.fired_at!,
      deliveries: Number(dr?.total ?? 0),
      delivered: Number(dr?.sent ?? 0),
      deliveredAt: dr?.first_sent_at ?? null,
      acknowledged: Number(ar?.acknowledged ?? 0) + Number(lr?.acknowledged ?? 0),
      acknowledgedAt: earliest(ar?.first_acknowledged_at ?? null, lr?.first_acknowledged_at ?? null),
      links: { sent: Number(k.get(run.id)?.sent ?? 0), opened: Number(k.get(run.id)?.opened ?? 0) },
      reports: rr?.count ?? 0,
      firstAction: rr
        ? {
            at: rr.first.created_at,
            author: rr.first.author_name,
            text: rr.first.text,
            reportId: rr.first.id,
            hasPhoto: rr.first.photo_type !== null,
          }
        : null,
    };
  });
}

const earliest = (a: string | null, b: string | null): string | null => (a && b ? (a < b ? a : b) : (a ?? b));
