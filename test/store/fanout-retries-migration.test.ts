import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { fanOutRepository } from '../../src/store/fanout.repository.js';
import { ENGINES } from '../support/engines.js';
import { openAtMigration, type DbAtMigration } from '../support/migration-db.js';

/*
 * Migration 0013 on fan-outs as 0012 left them: one waiting, one written out, one that failed
 * under the old rule. After it, the waiting one is claimed at once, the written one stays done,
 * and the old failure keeps its state for a person to retry, rather than going out late unasked.
 */

const AT = '2026-10-20T06:00:00.000Z';
const fanout = (id: string, status: string, lastError: string | null = null) => ({
  id,
  source_kind: 'notice',
  source_id: id,
  sequence: 1,
  mode: 'actual',
  exercise_id: null,
  priority: 0,
  status,
  attempts: status === 'pending' ? 0 : 1,
  last_error: lastError,
  created_at: AT,
  finished_at: status === 'pending' ? null : AT,
});

describe.each(ENGINES)('migration 0013 (fan-out retries) on %s', (engine) => {
  let migration: DbAtMigration;
  let db: Db;

  beforeAll(async () => {
    migration = await openAtMigration(engine, '0012-sign-in-throttle');
    db = migration.db;
    // Only the columns that existed before 0013.
    await db.kysely
      .insertInto('fanouts')
      .values([
        fanout('waiting', 'pending'),
        fanout('written', 'done'),
        fanout('old-failure', 'failed', 'connection terminated unexpectedly'),
      ])
      .execute();
    await migration.toLatest();
  });
  afterAll(() => migration.drop());

  it('keeps every fan-out as it was, with no retry pending', async () => {
    const rows = await db.kysely
      .selectFrom('fanouts')
      .select(['id', 'status', 'last_error', 'next_attempt_at', 'retrying_since'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      {
        id: 'old-failure',
        status: 'failed',
        last_error: 'connection terminated unexpectedly',
        next_attempt_at: null,
        retrying_since: null,
      },
      { id: 'waiting', status: 'pending', last_error: null, next_attempt_at: null, retrying_since: null },
      { id: 'written', status: 'done', last_error: null, next_attempt_at: null, retrying_since: null },
    ]);
  });

  it('lets a worker claim the waiting one at once, and only that one', async () => {
    const lease = { owner: 'w', until: '2026-10-20T06:01:00.000Z' };
    expect((await fanOutRepository.claim(db.kysely, AT, lease))?.id).toBe('waiting');
    expect(await fanOutRepository.claim(db.kysely, AT, { ...lease, owner: 'w2' })).toBeUndefined();
  });
});
