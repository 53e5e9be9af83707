import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestRuntime } from '../../test/support/engines.js';
import { appendAudits, verifyAudit } from '../services/audit.service.js';
import { SYSTEM_ACTOR, type AppContext } from '../services/context.js';
import { appendEvents } from '../services/events/events.service.js';
import { requestFanOuts } from '../services/outbox/fanout.js';

/*
 * A burst (1,000 injects fired at one instant) writes its audit entries, live events and fan-outs as
 * one statement of arrays on PostgreSQL. Array literals have their own quoting, so every awkward
 * text must come back exactly as written, and the audit chain still verifies.
 */

const AWKWARD = [
  'plain',
  '',
  'NULL',
  'null',
  '"quoted" and \\backslashed\\',
  '{braces, commas}',
  "it's",
  'Жасанды жер сілкінісі: Алматы',
  'Учение, учение, учение',
  'line\nbreak\ttab',
  '😀 astral',
];

describe.each(ENGINES)('a batch written in one statement on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const runtime = await openTestRuntime(engine);
    ctx = runtime.ctx;
    drop = runtime.drop;
  });
  afterAll(() => drop());

  it('keeps every audit entry’s text as given, and the chain verifies', async () => {
    const before = (await ctx.db.kysely.selectFrom('audit_log').select('seq').execute()).length;
    const entries = Array.from({ length: 450 }, (_, i) => ({
      action: 'inject.fired' as const,
      subjectType: 'inject',
      subjectId: AWKWARD[i % AWKWARD.length]!,
      detail: { text: AWKWARD[(i + 3) % AWKWARD.length], i },
    }));
    await ctx.db.kysely.transaction().execute((trx) => appendAudits(ctx, trx, SYSTEM_ACTOR, entries));
    const rows = await ctx.db.kysely
      .selectFrom('audit_log')
      .select(['seq', 'subject_id', 'detail', 'actor_id'])
      .where('action', '=', 'inject.fired')
      .orderBy('seq')
      .execute();
    expect(rows).toHaveLength(450);
    expect(rows.map((r) => r.subject_id)).toEqual(entries.map((e) => e.subjectId));
    expect(rows.map((r) => JSON.parse(r.detail))).toEqual(entries.map((e) => e.detail));
    expect(rows.map((r) => Number(r.seq))).toEqual(entries.map((_, i) => before + i + 1));
    expect(await verifyAudit(ctx)).toMatchObject({ ok: true });
  });

  it('keeps every live event’s fields as given, nulls as nulls', async () => {
    const events = Array.from({ length: 300 }, (_, i) => ({
      type: 'inject.changed' as const,
      exerciseId: i % 2 ? `ex-${i}` : null,
      subjectType: 'inject',
      subjectId: AWKWARD[i % AWKWARD.length]!,
      payload: { status: AWKWARD[(i + 5) % AWKWARD.length] },
      forUserId: i % 3 ? null : `user-${i}`,
    }));
    const seqs = await ctx.db.kysely.transaction().execute((trx) => appendEvents(ctx, trx, events));
    const rows = await ctx.db.kysely
      .selectFrom('events')
      .selectAll()
      .where('seq', '>=', seqs[0]!)
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => Number(r.seq))).toEqual(seqs);
    expect(rows.map((r) => [r.exercise_id, r.subject_id, JSON.parse(r.payload), r.user_id])).toEqual(
      events.map((e) => [e.exerciseId, e.subjectId, e.payload, e.forUserId]),
    );
  });

  it('writes each fan-out once when the same burst is requested again', async () => {
    const requests = Array.from({ length: 40 }, (_, i) => ({
      sourceKind: 'inject' as const,
      sourceId: `run-${AWKWARD[i % AWKWARD.length]}-${i}`,
      sequence: 1,
      mode: 'exercise' as const,
      exerciseId: 'ex-1',
    }));
    await ctx.db.kysely.transaction().execute((trx) => requestFanOuts(ctx, trx, requests));
    await ctx.db.kysely.transaction().execute((trx) => requestFanOuts(ctx, trx, requests));
    const rows = await ctx.db.kysely
      .selectFrom('fanouts')
      .select(['source_id', 'status', 'priority', 'attempts'])
      .where('exercise_id', '=', 'ex-1')
      .orderBy('source_id')
      .execute();
    expect(rows.map((r) => r.source_id)).toEqual(requests.map((r) => r.sourceId).sort());
    expect(new Set(rows.map((r) => `${r.status} ${r.priority} ${r.attempts}`))).toEqual(
      new Set(['pending 0 0']),
    );
  });
});
