import { CompiledQuery, createQueryId, sql, type KyselyPlugin, type RootOperationNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryRepository } from '../../src/store/delivery.repository.js';
import { openTestRuntime } from '../support/engines.js';

type Runtime = Awaited<ReturnType<typeof openTestRuntime>>;

/*
 * Migration 0042 took two indexes off the outbox's insert path. These are the reads they served:
 * each must still go along an index, not through the whole table (SQLite's planner, whose choice
 * does not depend on table statistics the way PostgreSQL's does).
 */
describe('the outbox reads the fewer delivery indexes serve', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await openTestRuntime('sqlite');
  });
  afterAll(async () => {
    await rt?.drop();
  });

  const plan = async (query: string): Promise<string> => {
    const r = await sql.raw<{ detail: string }>(`explain query plan ${query}`).execute(rt.ctx.db.kysely);
    return r.rows.map((row) => row.detail).join('\n');
  };

  it('finds one exercise’s acknowledged deliveries through the exercise-only index', async () => {
    const p = await plan(
      `select source_id, min(acknowledged_at) from deliveries where exercise_id = 'x' and source_kind = 'inject'
       and acknowledged_at is not null group by source_id`,
    );
    expect(p).toMatch(/USING (COVERING )?INDEX deliveries_exercise_source/);
  });

  it('finds a source sequence’s deliveries through the one-per-source key', async () => {
    const p = await plan(
      `select id from deliveries where source_kind = 'notice' and source_id = 'n' and sequence = 1`,
    );
    expect(p).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_deliveries_\d+|deliveries_one_per_source/);
    expect(p).not.toMatch(/SCAN deliveries\b(?! USING)/);
  });

  it('renews a claim’s lease by the claimed rows’ keys, not by a scan for its owner', async () => {
    // The statement the repository runs, caught on its way to the database, then planned.
    let node: RootOperationNode | undefined;
    const catcher: KyselyPlugin = {
      transformQuery: (args) => (node = args.node),
      transformResult: async (args) => args.result,
    };
    const db = rt.ctx.db.kysely.withPlugin(catcher);
    await deliveryRepository.renew(db, ['d-1', 'd-2'], { owner: 'o', until: '2026-12-06T00:00:00.000Z' });
    const renew = db.getExecutor().compileQuery(node!, createQueryId());
    const r = await rt.ctx.db.kysely.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${renew.sql}`, [...renew.parameters]),
    );
    const p = r.rows.map((row) => row.detail).join('\n');
    expect(p).toMatch(/SEARCH deliveries USING INDEX sqlite_autoindex_deliveries_\d+ \(id=\?\)/);
    expect(p).not.toMatch(/SCAN deliveries/);
  });

  it('keeps public deliveries, which have no exercise, out of the exercise index', async () => {
    const r = await sql<{
      sql: string;
    }>`select sql from sqlite_master where name = 'deliveries_exercise_source'`.execute(rt.ctx.db.kysely);
    expect(r.rows[0]?.sql).toMatch(/where "exercise_id" is not null/i);
    const gone = await sql<{
      n: number;
    }>`select count(*) as n from sqlite_master where name = 'deliveries_source'`.execute(rt.ctx.db.kysely);
    expect(gone.rows[0]?.n).toBe(0);
  });
});
