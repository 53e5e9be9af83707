import { randomUUID } from 'node:crypto';
import { exerciseMsAt, formatExerciseTime, isTicking } from '../../core/conduct/clock.js';
import { parseExerciseTime } from '../../core/conduct/startex.js';
import type { Actor } from '../../core/policy/policy.js';
import { DELIVERY_METHODS } from '../../contract/enums.js';
import { AppError, badField } from '../../errors.js';
import { conductRepository } from '../../store/conduct.repository.js';
import { appendAudit } from '../audit.service.js';
import type { ActorInfo, AppContext, Q } from '../context.js';
import { cleanText } from '../text.js';
import { fireRun, injectChanged, takeConduct } from './conduct.js';
import { bookOnTime, toRun, type InjectRun } from './injects.service.js';

/** An inject a controller adds while the exercise runs. */
export interface InjectAddInput {
  title: string;
  content?: string | undefined;
  /** Empty or left out: every player of the exercise. */
  toTeamIds?: string[] | undefined;
  method?: string | undefined;
  /** The exercise time it fires at, "H+01:15"; left out: now. */
  at?: string | undefined;
  reason?: string | null | undefined;
}

/** Refuses team ids that are not teams of the exercise, naming them. */
export async function checkTeams(trx: Q, exerciseId: string, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  const teams = await trx.selectFrom('teams').select('id').where('exercise_id', '=', exerciseId).execute();
  const known = new Set(teams.map((t) => t.id));
  const unknown = ids.filter((t) => !known.has(t));
  if (unknown.length) throw badField('toTeamIds', 'not_teams_of_exercise', { ids: unknown.join(', ') });
}

/**
 * Adds an inject on the fly to a running (or paused) exercise: numbered "+1", "+2"… after the MSEL's,
 * fired at once when it is due now and the clock runs, else booked for its exercise time (which must
 * be ahead: a time already passed is "now"). Under NO PLAY or a pause, "now" waits for play to go on,
 * like every inject that came due. Audited, and shown live on the controllers' timeline.
 */
export async function addInject(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  input: InjectAddInput,
): Promise<InjectRun> {
  const title = cleanText(input.title ?? '', 'title', 300);
  if (!title) throw badField('title', 'not_empty');
  // The text may run over several lines; cleanText refuses line breaks, so each line is checked.
  const content = (input.content ?? '')
    .split(/\r?\n/)
    .map((line) => (line.trim() ? cleanText(line, 'content', 10_000) : ''))
    .join('\n')
    .trim();
  if (content.length > 10_000) throw badField('content', 'max_length', { max: 10_000 });
  const method = input.method ?? 'in-app';
  if (!(DELIVERY_METHODS as readonly string[]).includes(method))
    throw badField('method', 'one_of', { allowed: DELIVERY_METHODS.join(', ') });
  const atSeconds = input.at === undefined ? null : parseExerciseTime(input.at);
  if (input.at !== undefined && atSeconds === null) throw badField('at', 'exercise_time_or_now');
  const reason = input.reason?.trim() ? cleanText(input.reason, 'reason', 500) : null;
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const c = await takeConduct(ctx, trx, exerciseId, policy);
    if (c.state.phase === 'before')
      throw new AppError('clock_not_started', 409, 'the clock has not started: give STARTEX first');
    if (c.state.phase === 'ended') throw new AppError('clock_ended', 409, 'the exercise has ended (ENDEX)');
    await checkTeams(trx, exerciseId, input.toTeamIds ?? []);
    const nowSeconds = Math.floor(exerciseMsAt(c.state, c.now) / 1000);
    if (atSeconds !== null && atSeconds <= nowSeconds)
      throw new AppError(
        'inject_time_passed',
        422,
        `exercise time is already ${formatExerciseTime(nowSeconds * 1000)}; leave the time out to fire it now`,
        'at',
      );
    const runs = await conductRepository.runs(trx, exerciseId);
    const added = runs.filter((r) => r.event_id === null).length;
    const at = new Date(c.now).toISOString();
    const id = randomUUID();
    await conductRepository.insertRuns(trx, [
      {
        id,
        exercise_id: exerciseId,
        event_id: null,
        number: `+${added + 1}`,
        position: Math.max(0, ...runs.map((r) => r.position)) + 1,
        title,
        content,
        method,
        to_team_ids: JSON.stringify(input.toTeamIds ?? []),
        due_seconds: atSeconds ?? nowSeconds,
        contingency: 0,
        status: 'scheduled',
        release_at: null,
        fired_at: null,
        fired_how: null,
        changed_by_id: actor.userId,
        changed_by_name: actor.name,
        edited_at: null,
        updated_at: at,
      },
    ]);
    const run = (await conductRepository.run(trx, id))!;
    await appendAudit(ctx, trx, actor, {
      action: 'inject.added',
      subjectType: 'inject',
      subjectId: id,
      detail: { exerciseId, number: run.number, at: formatExerciseTime(run.due_seconds * 1000), reason },
    });
    if (atSeconds === null && isTicking(c.state))
      await fireRun(ctx, trx, c, run, 'controller', actor, reason);
    else {
      await bookOnTime(trx, c, run);
      await injectChanged(ctx, trx, c, id, 'scheduled');
    }
    return toRun((await conductRepository.run(trx, id))!, c, c.now);
  });
}
