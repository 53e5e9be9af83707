import { dayOf, reminderSequence } from '../../core/improvement/improvement.js';
import { improvementRepository } from '../../store/improvement.repository.js';
import type { AppContext } from '../context.js';
import { requestFanOut } from '../outbox/fanout.js';
import { IMPROVEMENT_SOURCE } from './improvement.source.js';

/**
 * Asks the outbox to remind the owner of every overdue item still to be done. The fan-out's key is
 * (improvement, item, day), so running this any number of times a day, on any number of instances,
 * sends each item's reminder once that day. Returns how many items were due a reminder.
 */
export async function remindOverdue(ctx: AppContext): Promise<number> {
  const today = dayOf(ctx.clock.now());
  const sequence = reminderSequence(today);
  const overdue = await improvementRepository.overdue(ctx.db.kysely, today);
  for (const item of overdue)
    await ctx.db.kysely.transaction().execute((trx) =>
      requestFanOut(ctx, trx, {
        sourceKind: IMPROVEMENT_SOURCE,
        sourceId: item.id,
        sequence,
        mode: 'exercise',
        exerciseId: item.exercise_id,
      }),
    );
  return overdue.length;
}
