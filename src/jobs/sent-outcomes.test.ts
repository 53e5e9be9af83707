import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestRuntime } from '../../test/support/engines.js';
import type { AppContext } from '../services/context.js';
import { deliveryRepository, type NewDelivery, type SentOutcome } from '../store/delivery.repository.js';
import { SentOutcomes } from './sent-outcomes.js';

const AT = '2026-10-25T05:00:00.000Z';

describe('accepted sends written by group commit', () => {
  it('writes the sends of one moment in one statement, and those that came during it in the next', async () => {
    const statements: string[][] = [];
    let release = (): void => undefined;
    const outcomes = new SentOutcomes(async (batch) => {
      statements.push(batch.map((o) => o.id));
      // The first write stays under way until the test lets it go, as a slow commit would.
      if (statements.length === 1) await new Promise<void>((r) => (release = r));
    });
    const record = (id: string) => outcomes.record({ id, owner: 'a', providerId: null, at: AT });
    const first = [record('1'), record('2'), record('3')];
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    const later = [record('4'), record('5')];
    release();
    await Promise.all([...first, ...later]);
    expect(statements).toEqual([
      ['1', '2', '3'],
      ['4', '5'],
    ]);
    // Quiet again: the next one is written on its own, without waiting for company.
    await record('6');
    expect(statements.at(-1)).toEqual(['6']);
  });

  it('fails every send of a statement that could not be written, and writes the next ones', async () => {
    let fail = true;
    const outcomes = new SentOutcomes(async () => {
      if (fail) throw new Error('database is locked');
    });
    const record = (id: string) => outcomes.record({ id, owner: 'a', providerId: null, at: AT });
    const failed = await Promise.allSettled([record('1'), record('2')]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(record('3')).resolves.toBeUndefined();
  });
});

describe.each(ENGINES)('sends written together on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;

  const delivery = (): NewDelivery => ({
    id: randomUUID(),
    source_kind: 'notice',
    source_id: 'n-1',
    sequence: 1,
    recipient_kind: 'subscriber',
    recipient_id: randomUUID(),
    channel: 'email',
    address: 'resident@example.kz',
    language: 'kk',
    mode: 'actual',
    exercise_id: null,
    priority: 0,
    status: 'pending',
    next_attempt_at: AT,
    created_at: AT,
  });

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    ctx = rt.ctx;
    drop = rt.drop;
  });
  afterAll(async () => drop());

  it('marks each delivery sent with its own provider id, only while its claim is still held', async () => {
    const rows = Array.from({ length: 1200 }, delivery);
    await deliveryRepository.insertMany(ctx.db.kysely, ctx.db.engine, rows);
    const lease = { owner: randomUUID(), until: '2026-10-25T05:00:15.000Z' };
    const claimed = await deliveryRepository.claim(ctx.db.kysely, ctx.db.engine, 'email', 1200, AT, lease);
    expect(claimed).toHaveLength(1200);
    // One claim ran out and another dispatcher holds it now: its outcome is that one's to write.
    const taken = claimed[0]!.id;
    await ctx.db.kysely
      .updateTable('deliveries')
      .set({ lease_owner: 'other' })
      .where('id', '=', taken)
      .execute();
    const outcomes: SentOutcome[] = claimed.map((d, i) => ({
      id: d.id,
      owner: lease.owner,
      providerId: i % 2 ? `<${d.id}@dabyl>` : null,
      at: '2026-10-25T05:00:01.000Z',
    }));
    expect(await deliveryRepository.finishSent(ctx.db.kysely, ctx.db.engine, outcomes)).toBe(1199);
    expect(await deliveryRepository.byId(ctx.db.kysely, taken)).toMatchObject({
      status: 'sending',
      lease_owner: 'other',
    });
    const second = await deliveryRepository.byId(ctx.db.kysely, claimed[1]!.id);
    expect(second).toMatchObject({
      status: 'sent',
      provider_id: `<${claimed[1]!.id}@dabyl>`,
      acknowledged_at: '2026-10-25T05:00:01.000Z',
      lease_owner: null,
      lease_until: null,
      last_error: null,
    });
    expect(await deliveryRepository.byId(ctx.db.kysely, claimed[2]!.id)).toMatchObject({
      status: 'sent',
      provider_id: null,
    });
    // Written twice (a retry of the statement): the second finds no claim left and changes nothing.
    expect(await deliveryRepository.finishSent(ctx.db.kysely, ctx.db.engine, outcomes)).toBe(0);
  });
});
