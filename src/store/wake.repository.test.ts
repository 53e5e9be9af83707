import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestRuntime } from '../../test/support/engines.js';
import type { Db } from './db.js';
import { wakeRepository } from './wake.repository.js';

/*
 * A claim leases at most what the scheduler has room for. A burst booked at one instant (STARTEX of
 * a large MSEL) is claimed a few at a time, so the wakes of injects a batch already fired are still
 * pending when the batch cancels them, and a second process gets its share.
 */

const NOW = '2026-12-01T10:00:00.000Z';
const lease = (owner: string) => ({ owner, until: '2026-12-01T10:05:00.000Z' });

describe.each(ENGINES)('claiming due wakes on %s', (engine) => {
  let db: Db;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const runtime = await openTestRuntime(engine);
    db = runtime.ctx.db;
    drop = runtime.drop;
  });
  afterAll(() => drop());

  /** A burst due at one instant, written just now: the table has no statistics for it yet. */
  const bookBurst = async (topic: string, n: number) => {
    const rows = Array.from({ length: n }, (_, i) => ({
      id: randomUUID(),
      topic,
      key: `burst/${i}`,
      at: '2026-12-01T09:59:00.000Z',
      payload: 'null',
    }));
    for (let i = 0; i < rows.length; i += 200)
      await wakeRepository.book(db.kysely, rows.slice(i, i + 200), NOW);
  };

  it('leases no more than the limit of a burst of 600 due at one instant, earliest first', async () => {
    await bookBurst('claim-limit', 600);
    const first = await wakeRepository.claimDue(db.kysely, engine, ['claim-limit'], 32, NOW, lease('a'));
    expect(first).toHaveLength(32);
    expect(new Set(first.map((w) => w.status))).toEqual(new Set(['running']));
    const running = await db.kysely
      .selectFrom('wakes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('topic', '=', 'claim-limit')
      .where('status', '=', 'running')
      .executeTakeFirstOrThrow();
    expect(Number(running.n)).toBe(32);
  });

  it('gives every wake of the burst to exactly one of two claimers taking turns', async () => {
    await bookBurst('claim-share', 300);
    const seen = new Map<string, string>();
    for (let round = 0; round < 20; round++) {
      for (const owner of ['a', 'b']) {
        const got = await wakeRepository.claimDue(db.kysely, engine, ['claim-share'], 10, NOW, lease(owner));
        expect(got.length).toBeLessThanOrEqual(10);
        for (const w of got) {
          expect(seen.has(w.id)).toBe(false);
          seen.set(w.id, owner);
        }
      }
    }
    expect(seen.size).toBe(300);
    expect([...seen.values()].filter((o) => o === 'a')).toHaveLength(150);
  });
});
