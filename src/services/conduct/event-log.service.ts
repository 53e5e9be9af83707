import { can, type Actor } from '../../core/policy/policy.js';
import { toAuditEntry, type AuditEntry } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { takeConduct } from './conduct.js';

export const LOG_PAGE = 100;

/**
 * The exercise's log for the control room, newest first: every clock command, inject fired, held,
 * released, skipped, added or edited, NO PLAY, each acknowledgement, report and radio or phone call
 * made, and (for those who
 * may read observations) each observation recorded, read from the audit log, which keeps them all
 * with who did it and why. Pages go back with `before` (an entry's seq).
 */
export async function exerciseLog(
  ctx: AppContext,
  actor: Actor,
  exerciseId: string,
  page: { before?: number | undefined; limit?: number | undefined } = {},
): Promise<AuditEntry[]> {
  let query = (await logQuery(ctx, actor, exerciseId))
    .orderBy('seq', 'desc')
    .limit(Math.min(page.limit ?? LOG_PAGE, LOG_PAGE));
  if (page.before !== undefined) query = query.where('seq', '<', page.before);
  return (await query.execute()).map(toAuditEntry);
}

/** Far more than any exercise logs; a bound all the same, so one answer stays bounded. */
export const REPLAY_LIMIT = 20_000;

/**
 * What a replay is rebuilt from: the whole log, oldest first, and the injects as they are now
 * (the log says when each was fired, held, added). Read-only: nothing here changes the past.
 */
export async function exerciseReplay(ctx: AppContext, actor: Actor, exerciseId: string) {
  const entries = (
    await (await logQuery(ctx, actor, exerciseId)).orderBy('seq').limit(REPLAY_LIMIT).execute()
  ).map(toAuditEntry);
  const injects = await ctx.db.kysely
    .selectFrom('inject_runs')
    .select(['id', 'number', 'title', 'due_seconds', 'contingency', 'release_on'])
    .where('exercise_id', '=', exerciseId)
    .orderBy('position')
    .execute();
  return {
    entries,
    injects: injects.map((i) => ({
      id: i.id,
      number: i.number,
      title: i.title,
      dueSeconds: i.due_seconds,
      contingency: i.contingency === 1,
      waits: i.release_on !== null,
    })),
  };
}

async function logQuery(ctx: AppContext, actor: Actor, exerciseId: string) {
  const db = ctx.db.kysely;
  const conduct = await takeConduct(ctx, db, exerciseId, actor, 'read');
  const scope = { exerciseId, organisationId: conduct.exercise.lead_organisation_id };
  // A delivery's entry is a radio or phone call a controller made (the manual channel).
  const kinds = can(actor, 'observations:read', scope)
    ? ['inject', 'delivery', 'observation']
    : ['inject', 'delivery'];
  // Entries about an inject, a delivery or an observation name their exercise in their detail, written by
  // JSON.stringify, so its exact text is known.
  const marker = `%${JSON.stringify({ exerciseId }).slice(1, -1)}%`;
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('subject_type', '=', 'exercise'), eb('subject_id', '=', exerciseId)]),
        eb.and([eb('subject_type', 'in', kinds), eb('detail', 'like', marker)]),
      ]),
    );
}
