import { randomUUID } from 'node:crypto';
import {
  applyClock,
  clockFrom,
  isSpeed,
  type ClockCommand,
  type ClockCommandKind,
  type ClockReading,
  type NoPlayCommandKind,
} from '../../core/conduct/clock.js';
import type { PausePolicy } from '../../core/conduct/pause-policy.js';
import { checkStartex, parseExerciseTime, type UnapprovedChoice } from '../../core/conduct/startex.js';
import { canTransition, type ExerciseStatus } from '../../core/exercise/exercise.js';
import { formatLocal } from '../../core/msel/time.js';
import { can, type Actor } from '../../core/policy/policy.js';
import { AppError, badField, forbidden, notFound } from '../../errors.js';
import { conductRepository } from '../../store/conduct.repository.js';
import { exerciseRepository } from '../../store/exercise.repository.js';
import { appendAudit } from '../audit.service.js';
import type { ActorInfo, AppContext, Q } from '../context.js';
import type { MselEventRow } from '../../store/schema.js';
import { appendEvent } from '../events/events.service.js';
import { sendSurveyAtEndex } from '../survey/survey.service.js';
import { cleanText } from '../text.js';
import { mapInTurns, nextTurn } from '../../store/turns.js';
import { branchingAtStart } from './branching.service.js';
import { noPlayOf, type NoPlay } from './no-play.service.js';
import { historyOf, policyOf, readingOf, replan, takeConduct, type Conduct } from './conduct.js';

/** What a controller sends: one command, and why. */
export interface ClockCommandInput {
  /** NO PLAY is not one of them: it also holds the exercise's traffic (no-play.service.ts). */
  command: Exclude<ClockCommandKind, NoPlayCommandKind>;
  reason?: string | null | undefined;
  /** speed: ×1, ×2, ×10 or ×60. */
  speed?: number | undefined;
  /** jump: the exercise time to go to, "H+02:30". */
  to?: string | undefined;
  /** move: how far scenario time goes ahead, in minutes. */
  scenarioMinutes?: number | undefined;
  /** STARTEX: the confirmation (decision 0014), and how it runs. */
  confirmName?: string | undefined;
  plannedStart?: string | undefined;
  rehearsal?: boolean | undefined;
  /**
   * STARTEX while injects await approval: hold them for the controller, or play them as written.
   * Unasked, STARTEX refuses and names them (an unreviewed inject once reached players unseen).
   */
  unapproved?: UnapprovedChoice | undefined;
}

/** An inject of the MSEL not approved yet, as STARTEX names it. */
export interface UnapprovedInject {
  id: string;
  number: string;
  title: string;
  approval: string;
}

/**
 * Every command carries a reason into the audit log, but STARTEX within the hour of the planned
 * start: the plan it confirms is its reason (checkStartex asks for one further off).
 */
const NEEDS_REASON: readonly ClockCommandKind[] = ['pause', 'resume', 'endex', 'speed', 'jump', 'move'];

/** What each command does to the exercise's life cycle. */
const STATUS_AFTER: Partial<Record<ClockCommandKind, ExerciseStatus>> = {
  startex: 'running',
  pause: 'paused',
  resume: 'running',
  endex: 'ended',
};

export interface ClockView {
  exerciseId: string;
  name: string;
  timeZone: string;
  plannedStart: string;
  plannedStartLocal: string;
  reading: ClockReading;
  pausePolicy: PausePolicy;
  scenarioStart: string | null;
  trafficMode: 'exercise' | 'rehearsal';
  /** NO PLAY, when on: deliveries wait, the clock stands still, players see the banner. */
  noPlay: NoPlay | null;
  /** Before STARTEX: the injects still awaiting approval, which STARTEX asks about. */
  unapproved: UnapprovedInject[];
  history: {
    seq: number;
    command: string;
    at: string;
    speed: number | null;
    toSeconds: number | null;
    scenarioSeconds: number | null;
    by: string | null;
    reason: string | null;
  }[];
}

function commandFrom(input: ClockCommandInput): ClockCommand {
  switch (input.command) {
    case 'speed':
      if (input.speed === undefined || !isSpeed(input.speed))
        throw badField('speed', 'one_of', { allowed: '1, 2, 10, 60' });
      return { kind: 'speed', speed: input.speed };
    case 'jump': {
      const seconds = input.to === undefined ? null : parseExerciseTime(input.to);
      if (seconds === null) throw badField('to', 'exercise_time');
      return { kind: 'jump', toSeconds: seconds };
    }
    case 'move':
      if (!Number.isInteger(input.scenarioMinutes) || input.scenarioMinutes! <= 0)
        throw badField('scenarioMinutes', 'whole_positive_minutes');
      return { kind: 'move', scenarioSeconds: input.scenarioMinutes! * 60 };
    default:
      return { kind: input.command };
  }
}

/**
 * The MSEL's injects, a page at a time with a turn of the event loop between pages: on SQLite one
 * read of 10,000 held the loop for over 100 ms.
 */
async function injectsInPages(trx: Q, exerciseId: string): Promise<MselEventRow[]> {
  const out: MselEventRow[] = [];
  for (;;) {
    const last = out.at(-1);
    // Along the (exercise_id, position) index; the id orders events that share a position.
    let page = trx
      .selectFrom('msel_events')
      .selectAll()
      .where('exercise_id', '=', exerciseId)
      .where('kind', '=', 'inject')
      .orderBy('position')
      .orderBy('id')
      .limit(EVENT_PAGE);
    if (last)
      page = page.where((eb) =>
        eb.or([
          eb('position', '>', last.position),
          eb.and([eb('position', '=', last.position), eb('id', '>', last.id)]),
        ]),
      );
    const rows = await page.execute();
    out.push(...rows);
    if (rows.length < EVENT_PAGE) return out;
    await nextTurn();
  }
}

const EVENT_PAGE = 1000;

/**
 * Creates the inject runs of the MSEL at STARTEX: contingency injects wait for the controller, and
 * conditional ones for the decision or milestone their branching names.
 */
async function startRuns(
  ctx: AppContext,
  trx: Q,
  exerciseId: string,
  actor: ActorInfo,
  unapproved: UnapprovedChoice | undefined,
): Promise<number> {
  const events = await injectsInPages(trx, exerciseId);
  const notApproved = events.filter((e) => e.offset_minutes >= 0 && e.approval !== 'approved');
  if (notApproved.length && !unapproved)
    throw badField('unapproved', 'injects_not_approved', {
      events: notApproved.map((e) => e.number).join(', '),
    });
  const heldUnapproved = unapproved === 'hold' ? new Set(notApproved.map((e) => e.id)) : new Set();
  const branching = await branchingAtStart(trx, exerciseId, events);
  const at = ctx.clock.now().toISOString();
  await conductRepository.insertRuns(
    trx,
    await mapInTurns(
      events.filter((e) => e.offset_minutes >= 0),
      (e) => ({
        id: randomUUID(),
        exercise_id: exerciseId,
        event_id: e.id,
        number: e.number,
        position: e.position,
        title: e.title,
        content: e.content,
        method: e.method,
        to_team_ids: e.to_team_ids,
        due_seconds: e.offset_minutes * 60,
        contingency: e.contingency,
        status:
          e.contingency || branching.get(e.id)?.waits || heldUnapproved.has(e.id) ? 'held' : 'scheduled',
        decision: branching.get(e.id)?.decision ?? null,
        release_on: branching.get(e.id)?.release_on ?? null,
        release_at: null,
        fired_at: null,
        fired_how: null,
        // Who held an unapproved inject at STARTEX, on the controller's list.
        changed_by_id: heldUnapproved.has(e.id) ? actor.userId : null,
        changed_by_name: heldUnapproved.has(e.id) ? actor.name : null,
        edited_at: null,
        updated_at: at,
      }),
    ),
  );
  return notApproved.length;
}

/**
 * Applies one clock command: refused with a reason when it is out of order, else recorded in the
 * history with who gave it and why, the exercise moved along its life cycle, every waiting inject
 * re-planned and its wake booked, audited and announced on the live stream — one transaction.
 */
export async function clockCommand(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  input: ClockCommandInput,
): Promise<ClockView> {
  const command = commandFrom(input);
  const reason = input.reason?.trim() ? cleanText(input.reason, 'reason', 500) : null;
  if (NEEDS_REASON.includes(command.kind) && !reason) throw badField('reason', 'reason_required');
  let unapprovedAtStart = 0;
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const c = await takeConduct(ctx, trx, exerciseId, policy);
    const at = Math.max(c.now, Number.isFinite(c.state.lastAt) ? c.state.lastAt : c.now);
    if (command.kind === 'startex') {
      const problems = checkStartex(c.exercise, input, at);
      if (problems.length)
        throw new AppError(
          'startex_unconfirmed',
          422,
          problems.map((p) => p.problem).join('; '),
          problems[0]!.field,
          problems,
        );
    }
    const next = applyClock(c.state, { at, command });
    if ('refused' in next) throw new AppError(next.refused.code, 409, next.refused.reason, 'command');
    const to = STATUS_AFTER[command.kind];
    if (to && c.exercise.status !== to) {
      if (!canTransition(c.exercise.status as ExerciseStatus, to))
        throw new AppError(
          'exercise_not_ready',
          409,
          `${command.kind.toUpperCase()} needs the exercise ready; it is ${c.exercise.status}`,
          'command',
        );
      const moved = await exerciseRepository.update(trx, exerciseId, c.exercise.version, {
        status: to,
        updated_at: new Date(at).toISOString(),
      });
      if (!moved)
        throw new AppError('stale_version', 409, 'The exercise changed meanwhile; try again', 'command');
    }
    await conductRepository.appendEvent(trx, {
      exercise_id: exerciseId,
      seq: c.events.length + 1,
      command: command.kind,
      at: new Date(at).toISOString(),
      speed: command.kind === 'speed' ? command.speed : null,
      to_seconds: command.kind === 'jump' ? command.toSeconds : null,
      scenario_seconds: command.kind === 'move' ? command.scenarioSeconds : null,
      actor_id: actor.userId,
      actor_name: actor.name,
      reason,
    });
    let clock = c.clock;
    if (command.kind === 'startex') {
      const scenarioStart = clock.scenario_start ?? localStart(c.exercise.startex, c.exercise.time_zone);
      const mode = input.rehearsal ? 'rehearsal' : 'exercise';
      await conductRepository.updateClock(trx, exerciseId, {
        scenario_start: scenarioStart,
        traffic_mode: mode,
      });
      clock = { ...clock, scenario_start: scenarioStart, traffic_mode: mode };
      unapprovedAtStart = await startRuns(ctx, trx, exerciseId, actor, input.unapproved);
    }
    // The hot-wash survey goes out with ENDEX: one fan-out record in the same transaction.
    if (command.kind === 'endex')
      await sendSurveyAtEndex(
        ctx,
        trx,
        exerciseId,
        clock.traffic_mode === 'rehearsal' ? 'rehearsal' : 'exercise',
      );
    const after: Conduct = { ...c, clock, state: next.state, now: at };
    const planned =
      command.kind === 'pause' || command.kind === 'endex' || command.kind === 'move'
        ? null
        : await replan(ctx, trx, after);
    const reading = readingOf(after, at);
    await appendAudit(ctx, trx, actor, {
      action: `clock.${command.kind}`,
      subjectType: 'exercise',
      subjectId: exerciseId,
      detail: {
        reason,
        exerciseTime: reading.exercise,
        scenarioTime: reading.scenario,
        ...(command.kind === 'speed' ? { speed: command.speed } : {}),
        ...(command.kind === 'jump' ? { to: input.to } : {}),
        ...(command.kind === 'move' ? { scenarioMinutes: input.scenarioMinutes } : {}),
        ...(planned ? { released: planned.released, held: planned.held.length } : {}),
        ...(command.kind === 'startex'
          ? {
              mode: clock.traffic_mode,
              plannedStart: c.exercise.startex,
              ...(unapprovedAtStart
                ? { unapproved: unapprovedAtStart, unapprovedChoice: input.unapproved }
                : {}),
            }
          : {}),
      },
    });
    await appendEvent(ctx, trx, {
      type: 'clock.changed',
      organisationId: c.exercise.lead_organisation_id,
      exerciseId,
      subjectType: 'exercise',
      subjectId: exerciseId,
      payload: { command: command.kind, ...reading },
    });
  });
  return getClock(ctx, policy, exerciseId);
}

/** The scenario starts, unless set otherwise, at STARTEX's local date and hour in the exercise's zone. */
function localStart(startex: string, zone: string): string {
  const local = formatLocal(new Date(startex), zone); // "2026-10-25 09:00 (UTC+05:00)"
  return `${local.slice(0, 10)}T${local.slice(11, 16)}:00`;
}

/** The exercise, if the actor may watch its conduct (whoever reads the MSEL). */
export async function readable(ctx: AppContext, policy: Actor, exerciseId: string) {
  const exercise = await ctx.db.kysely
    .selectFrom('exercises')
    .selectAll()
    .where('id', '=', exerciseId)
    .executeTakeFirst();
  if (!exercise) throw notFound('The exercise');
  if (!can(policy, 'msel:read', { exerciseId, organisationId: exercise.lead_organisation_id }))
    throw forbidden('You may not see this exercise’s conduct');
  return exercise;
}

/** The clock of an exercise as its controllers see it: the three clocks, the policy, the history. */
export async function getClock(ctx: AppContext, policy: Actor, exerciseId: string): Promise<ClockView> {
  const exercise = await readable(ctx, policy, exerciseId);
  const rows = await conductRepository.events(ctx.db.kysely, exerciseId);
  const clock = (await conductRepository.clock(ctx.db.kysely, exerciseId)) ?? {
    pause_policy: 'release',
    release_interval_seconds: 60,
    scenario_start: null,
    traffic_mode: 'exercise',
  };
  const state = clockFrom(historyOf(rows));
  const now = ctx.clock.now().getTime();
  return {
    exerciseId,
    name: exercise.name,
    timeZone: exercise.time_zone,
    plannedStart: exercise.startex,
    plannedStartLocal: formatLocal(new Date(exercise.startex), exercise.time_zone),
    reading: readingOf({ state, clock: { scenario_start: clock.scenario_start } as Conduct['clock'] }, now),
    pausePolicy: policyOf(clock),
    scenarioStart: clock.scenario_start,
    trafficMode: clock.traffic_mode === 'rehearsal' ? 'rehearsal' : 'exercise',
    noPlay: noPlayOf(exercise),
    unapproved: rows.length ? [] : await unapprovedInjects(ctx.db.kysely, exerciseId),
    history: rows.map((r) => ({
      seq: r.seq,
      command: r.command,
      at: r.at,
      speed: r.speed,
      toSeconds: r.to_seconds,
      scenarioSeconds: r.scenario_seconds,
      by: r.actor_name,
      reason: r.reason,
    })),
  };
}

/** The injects STARTEX would play that are not approved yet, in MSEL order. */
async function unapprovedInjects(q: Q, exerciseId: string): Promise<UnapprovedInject[]> {
  const rows = await q
    .selectFrom('msel_events')
    .select(['id', 'number', 'title', 'approval'])
    .where('exercise_id', '=', exerciseId)
    .where('kind', '=', 'inject')
    .where('offset_minutes', '>=', 0)
    .where('approval', '!=', 'approved')
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows;
}
