import { applyClock } from '../../core/conduct/clock.js';
import type { Actor } from '../../core/policy/policy.js';
import { AppError, badField } from '../../errors.js';
import { conductRepository } from '../../store/conduct.repository.js';
import type { ExerciseRow } from '../../store/schema.js';
import { appendAudit } from '../audit.service.js';
import type { ActorInfo, AppContext } from '../context.js';
import { appendEvent } from '../events/events.service.js';
import { cleanText } from '../text.js';
import { getClock, type ClockView } from './clock.service.js';
import { readingOf, replan, takeConduct, type Conduct } from './conduct.js';

/** NO PLAY as everyone in the exercise sees it: since when, why, and who switched it on. */
export interface NoPlay {
  since: string;
  reason: string;
  by: string | null;
}

export const noPlayOf = (
  row: Pick<ExerciseRow, 'no_play_at' | 'no_play_reason' | 'no_play_by'>,
): NoPlay | null =>
  row.no_play_at ? { since: row.no_play_at, reason: row.no_play_reason ?? '', by: row.no_play_by } : null;

/**
 * Switches NO PLAY on (`on`) or lifts it, for a real emergency during a drill (decision 0019). Both
 * need a reason. In one transaction under the exercise's clock lock: the clock's history records the
 * halt (exercise time stands still, no inject fires, other clock commands are refused), the exercise
 * row carries the switch the outbox dispatcher reads (every delivery of the exercise waits), the
 * audit log keeps who and why, and the live stream tells every screen of the exercise, players'
 * included. Lifting it re-plans the waiting injects under the pause policy, so what was due goes
 * out in order, never in a burst; the held deliveries go out as the dispatcher next looks.
 * A second NO PLAY, or a resume with none on, is refused with its reason.
 */
export async function switchNoPlay(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  on: boolean,
  reasonText: string | null | undefined,
): Promise<ClockView> {
  const reason = reasonText?.trim() ? cleanText(reasonText, 'reason', 500) : '';
  if (!reason) throw badField('reason', on ? 'say_why_play_stops' : 'say_why_play_resumes');
  const kind = on ? 'no-play' : 'resume-play';
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const c = await takeConduct(ctx, trx, exerciseId, policy);
    const at = Math.max(c.now, Number.isFinite(c.state.lastAt) ? c.state.lastAt : c.now);
    const next = applyClock(c.state, { at, command: { kind } });
    if ('refused' in next) throw new AppError(next.refused.code, 409, next.refused.reason);
    const atIso = new Date(at).toISOString();
    await trx
      .updateTable('exercises')
      .set(
        on
          ? { no_play_at: atIso, no_play_reason: reason, no_play_by: actor.name }
          : { no_play_at: null, no_play_reason: null, no_play_by: null },
      )
      .where('id', '=', exerciseId)
      .execute();
    await conductRepository.appendEvent(trx, {
      exercise_id: exerciseId,
      seq: c.events.length + 1,
      command: kind,
      at: atIso,
      speed: null,
      to_seconds: null,
      scenario_seconds: null,
      actor_id: actor.userId,
      actor_name: actor.name,
      reason,
    });
    const after: Conduct = { ...c, state: next.state, now: at };
    const planned = on ? null : await replan(ctx, trx, after);
    const reading = readingOf(after, at);
    await appendAudit(ctx, trx, actor, {
      action: on ? 'exercise.no_play' : 'exercise.resume_play',
      subjectType: 'exercise',
      subjectId: exerciseId,
      detail: {
        reason,
        exerciseTime: reading.exercise,
        ...(planned ? { released: planned.released, held: planned.held.length } : {}),
      },
    });
    await appendEvent(ctx, trx, {
      type: 'no_play.changed',
      organisationId: c.exercise.lead_organisation_id,
      exerciseId,
      subjectType: 'exercise',
      subjectId: exerciseId,
      payload: { on, reason, by: actor.name, at: atIso, phase: reading.phase, exercise: reading.exercise },
    });
  });
  return getClock(ctx, policy, exerciseId);
}
