import type { Actor } from '../../core/policy/policy.js';
import { notFound } from '../../errors.js';
import { appendAudit } from '../audit.service.js';
import type { ActorInfo, AppContext } from '../context.js';
import { appendEvent } from '../events/events.service.js';
import { takeConduct } from './conduct.js';

/** A radio or phone call a controller is to make: to whom, how, what to say, and whether it was. */
export interface ManualPrompt {
  deliveryId: string;
  /** The person as the phone book names them; null when the contact was removed since. */
  name: string | null;
  address: string;
  script: string;
  /** What it carries: an inject, a communication check, a survey. */
  sourceKind: string;
  createdAt: string;
  deliveredAt: string | null;
  deliveredBy: string | null;
}

/** The exercise's prompts, those still to make first, oldest first; whoever watches the injects reads them. */
export async function manualPrompts(
  ctx: AppContext,
  actor: Actor,
  exerciseId: string,
): Promise<ManualPrompt[]> {
  const db = ctx.db.kysely;
  await takeConduct(ctx, db, exerciseId, actor, 'read');
  const rows = await db
    .selectFrom('manual_prompts as m')
    .innerJoin('deliveries as d', 'd.id', 'm.delivery_id')
    .leftJoin('exercise_contacts as c', 'c.id', 'd.recipient_id')
    .select([
      'm.delivery_id',
      'c.name',
      'm.address',
      'm.script',
      'm.source_kind',
      'm.created_at',
      'm.delivered_at',
      'm.delivered_by',
    ])
    .where('m.exercise_id', '=', exerciseId)
    .orderBy('m.created_at')
    .orderBy('m.delivery_id')
    .execute();
  const prompts = rows.map((r) => ({
    deliveryId: r.delivery_id,
    name: r.name,
    address: r.address,
    script: r.script,
    sourceKind: r.source_kind,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
    deliveredBy: r.delivered_by,
  }));
  return [...prompts.filter((p) => !p.deliveredAt), ...prompts.filter((p) => p.deliveredAt)];
}

/**
 * A controller made the call: the prompt and its delivery are stamped delivered (the inject's
 * progress and the metrics count it), audited with who. Twice answers the first time.
 */
export async function markPromptDelivered(
  ctx: AppContext,
  info: ActorInfo,
  actor: Actor,
  exerciseId: string,
  deliveryId: string,
): Promise<ManualPrompt> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const c = await takeConduct(ctx, trx, exerciseId, actor);
    const prompt = await trx
      .selectFrom('manual_prompts')
      .selectAll()
      .where('delivery_id', '=', deliveryId)
      .where('exercise_id', '=', exerciseId)
      .executeTakeFirst();
    if (!prompt) throw notFound('The prompt');
    if (prompt.delivered_at) return;
    const at = ctx.clock.now().toISOString();
    await trx
      .updateTable('manual_prompts')
      .set({ delivered_at: at, delivered_by: info.name })
      .where('delivery_id', '=', deliveryId)
      .where('delivered_at', 'is', null)
      .execute();
    await trx
      .updateTable('deliveries')
      .set({ delivered_at: at, receipt: `delivered by ${info.name}` })
      .where('id', '=', deliveryId)
      .where('delivered_at', 'is', null)
      .execute();
    await appendAudit(ctx, trx, info, {
      action: 'manual.delivered',
      subjectType: 'delivery',
      subjectId: deliveryId,
      detail: { exerciseId, source: prompt.source_kind, sourceId: prompt.source_id },
    });
    await appendEvent(ctx, trx, {
      type: 'manual.prompted',
      organisationId: c.exercise.lead_organisation_id,
      exerciseId,
      subjectType: 'delivery',
      subjectId: deliveryId,
      payload: { what: 'delivered' },
    });
  });
  return (await manualPrompts(ctx, actor, exerciseId)).find((p) => p.deliveryId === deliveryId)!;
}
