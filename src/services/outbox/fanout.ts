import type { TrafficMode } from '../../core/outbox/traffic.js';
import { fanOutRepository } from '../../store/fanout.repository.js';
import type { AppContext, Q } from '../context.js';
import { outboxWritten } from './wake.js';

/** What a state change asks the outbox for: one source sequence, to everyone it reaches. */
export interface FanOutRequest {
  sourceKind: string;
  sourceId: string;
  sequence: number;
  mode: TrafficMode;
  exerciseId?: string | null;
  /** Higher goes first; corrections and cancellations overtake what they correct. */
  priority?: number;
}

/** Corrections and cancellations: sent ahead of first publications still going out. */
export const CORRECTION_PRIORITY = 10;

/**
 * Writes the one fan-out record of a state change inside the caller's transaction, so the change
 * and the promise to tell everyone commit together, however large the audience: workers expand it
 * into deliveries afterwards. A second request for the same source sequence is a no-op.
 */
export async function requestFanOut(ctx: AppContext, trx: Q, request: FanOutRequest): Promise<void> {
  await requestFanOuts(ctx, trx, [request]);
}

/** Several fan-out records in one statement, each as requestFanOut writes it. */
export async function requestFanOuts(
  ctx: AppContext,
  trx: Q,
  requests: readonly FanOutRequest[],
): Promise<void> {
  if (!requests.length) return;
  const at = ctx.clock.now().toISOString();
  await fanOutRepository.insert(
    trx,
    requests.map((request) => ({
      id: `${request.sourceKind}-${request.sourceId}-${request.sequence}`,
      source_kind: request.sourceKind,
      source_id: request.sourceId,
      sequence: request.sequence,
      mode: request.mode,
      exercise_id: request.exerciseId ?? null,
      priority: request.priority ?? 0,
      status: 'pending',
      created_at: at,
    })),
  );
  await outboxWritten(ctx.db, trx);
}
