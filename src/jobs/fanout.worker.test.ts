import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestRuntime } from '../../test/support/engines.js';
import { buildApp } from '../http/app.js';
import { contextFor } from '../runtime.js';
import { SYSTEM_ACTOR, type AppContext } from '../services/context.js';
import { inBatches } from '../services/outbox/audience.js';
import { requestFanOut } from '../services/outbox/fanout.js';
import { fanOuts } from '../services/outbox/outbox.service.js';
import type { AudienceMember, OutboxSource } from '../services/outbox/source.js';
import { outboxSources } from '../services/outbox/sources.js';
import { createUser } from '../services/users.service.js';
import { FanOutWorker } from './fanout.worker.js';

/*
 * A fan-out whose expansion throws (the database went away mid-query, the audience could not be
 * read) waits with a growing back-off and is tried again until the retry horizon; only then is it
 * failed, where the Deliveries screen and GET /api/v1/outbox/fanouts show it, and a person can
 * send it again. On both engines.
 */

const HOUR = 3_600_000;

/** A source whose audience query fails while `failing` is set, and then reaches three people. */
function flakySource(state: { failing: boolean; calls: number }): OutboxSource {
  return {
    kind: 'flaky',
    load: async () => ({}),
    render: async () => ({ kind: 'email', subject: 's', text: 't', html: '<p>t</p>' }),
    audience: async function* () {
      state.calls += 1;
      if (state.failing) throw new Error('connection terminated unexpectedly');
      const people: AudienceMember[] = ['a', 'b', 'c'].map((n) => ({
        recipientKind: 'subscriber',
        recipientId: `person-${n}`,
        channel: 'email',
        address: `${n}@example.kz`,
        language: 'ru',
      }));
      yield people;
    },
  };
}

describe.each(ENGINES)('a fan-out whose expansion fails, on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  let now = new Date('2026-10-25T05:00:00.000Z');
  const flaky = { failing: true, calls: 0 };
  const logged: string[] = [];
  let worker: FanOutWorker;
  let admin: { cookie: string; csrf: string };

  const request = (sourceId: string) =>
    ctx.db.kysely
      .transaction()
      .execute((trx) =>
        requestFanOut(ctx, trx, { sourceKind: 'flaky', sourceId, sequence: 1, mode: 'actual' }),
      );
  const record = (sourceId: string) =>
    ctx.db.kysely
      .selectFrom('fanouts')
      .selectAll()
      .where('source_id', '=', sourceId)
      .executeTakeFirstOrThrow();
  const later = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  const listed = async (sourceId: string) => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/outbox/fanouts',
      headers: { cookie: admin.cookie },
    });
    expect(res.statusCode).toBe(200);
    return (res.json() as { items: { sourceId: string }[] }).items.find((f) => f.sourceId === sourceId);
  };

  /** Signs the administrator in (again: a session ages with the test's clock). */
  async function signIn() {
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'fan-out retry passphrase' },
    });
    const c = login.cookies.find((k) => k.name === 'dabyl_session')!;
    admin = { cookie: `${c.name}=${c.value}`, csrf: (login.json() as { csrfToken: string }).csrfToken };
  }

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    ctx = {
      ...contextFor(rt.ctx.db, rt.ctx.config, { now: () => now }),
      sources: new Map([...outboxSources(), ['flaky', flakySource(flaky)]]),
    };
    worker = new FanOutWorker(ctx, {
      backoffMs: 5_000,
      maxBackoffMs: 10 * 60_000,
      log: (level, m) => logged.push(`${level} ${m}`),
    });
    await createUser(ctx, SYSTEM_ACTOR, null, {
      username: 'admin',
      displayName: 'Administrator',
      password: 'fan-out retry passphrase',
      grants: [{ role: 'admin' }],
    });
    app = (await buildApp(ctx, { logger: false })).app;
    await signIn();
  });
  afterAll(async () => {
    await app.close();
    await ctx.channels.close();
    await drop();
  });

  it('goes back to waiting with a doubling back-off, then writes everyone once the fault passes', async () => {
    await request('passing-fault');
    expect(await worker.drain()).toBe(1);
    expect(await record('passing-fault')).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: 'connection terminated unexpectedly',
      next_attempt_at: new Date(now.getTime() + 5_000).toISOString(),
      retrying_since: now.toISOString(),
      finished_at: null,
    });
    expect(logged.at(-1)).toMatch(/^warn fan-out flaky-passing-fault-1: try 1 failed/);
    // Not before its time.
    later(4_999);
    expect(await worker.drain()).toBe(0);
    later(1);
    expect(await worker.drain()).toBe(1);
    expect(await record('passing-fault')).toMatchObject({
      status: 'pending',
      attempts: 2,
      next_attempt_at: new Date(now.getTime() + 10_000).toISOString(),
    });
    expect(await listed('passing-fault')).toMatchObject({
      status: 'pending',
      attempts: 2,
      lastError: 'connection terminated unexpectedly',
      nextAttemptAt: new Date(now.getTime() + 10_000).toISOString(),
      finishedAt: null,
    });
    flaky.failing = false;
    later(10_000);
    expect(await worker.drain()).toBe(1);
    expect(await record('passing-fault')).toMatchObject({
      status: 'done',
      attempts: 3,
      matched: 3,
      written: 3,
      last_error: null,
      next_attempt_at: null,
      retrying_since: null,
    });
    const written = await ctx.db.kysely
      .selectFrom('deliveries')
      .select('recipient_id')
      .where('source_id', '=', 'passing-fault')
      .execute();
    expect(written.map((d) => d.recipient_id).sort()).toEqual(['person-a', 'person-b', 'person-c']);
  });

  it('is failed only after the retry horizon, shown as such, and a person can send it again', async () => {
    flaky.failing = true;
    await request('long-fault');
    const began = now.getTime();
    expect(await worker.drain()).toBe(1);
    // The waits double up to the ceiling; keep trying through the day.
    let tries = 1;
    while (now.getTime() - began < 24 * HOUR) {
      const { next_attempt_at, status } = await record('long-fault');
      expect(status).toBe('pending');
      now = new Date(next_attempt_at!);
      expect(await worker.drain()).toBe(1);
      tries += 1;
    }
    expect(tries).toBeGreaterThan(24 * 6);
    await signIn();
    const failed = await record('long-fault');
    expect(failed).toMatchObject({ status: 'failed', attempts: tries, next_attempt_at: null });
    expect(failed.last_error).toBe('gave up after 24 h: connection terminated unexpectedly');
    expect(logged.filter((l) => l.startsWith('error')).at(-1)).toMatch(
      /fan-out flaky-long-fault-1 failed: gave up/,
    );
    expect(await listed('long-fault')).toMatchObject({
      status: 'failed',
      lastError: 'gave up after 24 h: connection terminated unexpectedly',
      nextAttemptAt: null,
      finishedAt: now.toISOString(),
    });
    expect((await fanOuts(ctx)).find((f) => f.sourceId === 'long-fault')).toMatchObject({ status: 'failed' });
    // A Kazakh reader is told it in Kazakh; the database's own words stay as it said them.
    expect((await fanOuts(ctx, 20, 'kk')).find((f) => f.sourceId === 'long-fault')).toMatchObject({
      lastError: '24 сағаттан кейін әрекеттер тоқтатылды: қате: connection terminated unexpectedly',
    });
    later(HOUR);
    expect(await worker.drain()).toBe(0);

    // Sent again by hand: due at once, with a fresh horizon; a second retry of a running one is refused.
    const retry = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/outbox/fanouts/flaky-long-fault-1/retry',
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      });
    expect((await retry()).statusCode).toBe(204);
    expect((await retry()).json()).toMatchObject({ status: 409, code: 'conflict' });
    flaky.failing = false;
    expect(await worker.drain()).toBe(1);
    expect(await record('long-fault')).toMatchObject({ status: 'done', written: 3 });
    const audit = await ctx.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'subject_id'])
      .where('action', '=', 'fanout.retried')
      .execute();
    expect(audit).toEqual([{ action: 'fanout.retried', subject_id: 'flaky-long-fault-1' }]);
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/outbox/fanouts/no-such-fanout/retry',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('a fan-out resumed after its worker died is not one of its failures', async () => {
    flaky.failing = false;
    await request('crashed');
    await ctx.db.kysely
      .updateTable('fanouts')
      .set({ status: 'expanding', lease_until: new Date(now.getTime() - 1).toISOString(), attempts: 1 })
      .where('source_id', '=', 'crashed')
      .execute();
    expect(await worker.drain()).toBe(1);
    expect(await record('crashed')).toMatchObject({ status: 'done', retrying_since: null, last_error: null });
  });
});

describe.each(ENGINES)('a fan-out whose audience takes longer than a lease to work out, on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  /** Reads for four seconds before its first batch, as a million places are read for the index. */
  const slowSource: OutboxSource = {
    kind: 'slow',
    load: async () => ({}),
    render: async () => ({ kind: 'email', subject: 's', text: 't', html: '<p>t</p>' }),
    audience: async function* () {
      await sleep(4000);
      yield ['a', 'b', 'c'].map((n) => ({
        recipientKind: 'subscriber' as const,
        recipientId: `person-${n}`,
        channel: 'email',
        address: `${n}@example.kz`,
        language: 'ru',
      }));
    },
  };

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    // The real clock: the leases below run out in real time.
    ctx = { ...contextFor(rt.ctx.db, rt.ctx.config), sources: new Map([['slow', slowSource]]) };
  });
  afterAll(async () => {
    await ctx.channels.close();
    await drop();
  });

  it('keeps its lease while it works, so no other worker takes the expansion over and starts it again', async () => {
    await ctx.db.kysely
      .transaction()
      .execute((trx) =>
        requestFanOut(ctx, trx, { sourceKind: 'slow', sourceId: 'big', sequence: 1, mode: 'actual' }),
      );
    const first = new FanOutWorker(ctx, { leaseMs: 1500 });
    const second = new FanOutWorker(ctx, { leaseMs: 1500 });
    const working = first.runOnce();
    // Twice past the lease's length, the expansion is still first's.
    await sleep(2500);
    expect(await second.runOnce()).toBe(0);
    await sleep(1000);
    expect(await second.runOnce()).toBe(0);
    expect(await working).toBe(1);
    expect(
      await ctx.db.kysely
        .selectFrom('fanouts')
        .select(['status', 'attempts', 'written'])
        .where('source_id', '=', 'big')
        .executeTakeFirstOrThrow(),
    ).toMatchObject({ status: 'done', attempts: 1, written: 3 });
  });
});

describe.each(ENGINES)('a fan-out of many batches, on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let now = new Date('2026-10-25T05:00:00.000Z');
  const N = 12_000;
  /** Whether the third chunk carries a member no row can be written for (a channel of null). */
  const state = { broken: true };

  const member = (i: number): AudienceMember => ({
    recipientKind: 'subscriber',
    recipientId: `person-${String(i).padStart(5, '0')}`,
    channel: 'email',
    address: `p${i}@example.kz`,
    language: 'kk',
  });
  /** Twelve chunks of 1,000: batches of 500, 5,000, 5,000 and 1,500, two at a time on PostgreSQL. */
  async function* chunks() {
    for (let c = 0; c < N / 1000; c++) {
      const chunk = Array.from({ length: 1000 }, (_, k) => member(c * 1000 + k));
      if (state.broken && c === 7) chunk[500] = { ...chunk[500]!, channel: null as unknown as string };
      yield chunk;
    }
  }
  const manySource: OutboxSource = {
    kind: 'many',
    load: async () => ({}),
    render: async () => ({ kind: 'email', subject: 's', text: 't', html: '<p>t</p>' }),
    audience: () => inBatches(chunks()),
  };

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    ctx = {
      ...contextFor(rt.ctx.db, rt.ctx.config, { now: () => now }),
      sources: new Map([['many', manySource]]),
    };
  });
  afterAll(async () => {
    await ctx.channels.close();
    await drop();
  });

  const written = () =>
    ctx.db.kysely
      .selectFrom('deliveries')
      .select(['id', 'recipient_id'])
      .where('source_kind', '=', 'many')
      .execute();

  it('writes everyone once though batches commit out of order, and a batch that fails costs a retry, not a doubled or lost row', async () => {
    await ctx.db.kysely
      .transaction()
      .execute((trx) =>
        requestFanOut(ctx, trx, { sourceKind: 'many', sourceId: 'all', sequence: 1, mode: 'actual' }),
      );
    const logged: string[] = [];
    const worker = new FanOutWorker(ctx, { backoffMs: 1000, log: (l, m) => logged.push(`${l} ${m}`) });

    expect(await worker.runOnce()).toBe(1);
    const failed = await ctx.db.kysely
      .selectFrom('fanouts')
      .select(['status', 'written', 'last_error'])
      .where('source_id', '=', 'all')
      .executeTakeFirstOrThrow();
    expect(failed.status).toBe('pending');
    expect(failed.last_error).toBeTruthy();
    // What committed before the fault is kept, each person once; the failed batch left nothing.
    const before = await written();
    expect(before.length).toBe(failed.written);
    expect(before.length).toBeLessThan(N);
    expect(new Set(before.map((r) => r.recipient_id)).size).toBe(before.length);

    state.broken = false;
    now = new Date(now.getTime() + 60_000);
    expect(await worker.runOnce()).toBe(1);
    const done = await ctx.db.kysely
      .selectFrom('fanouts')
      .select(['status', 'matched', 'written'])
      .where('source_id', '=', 'all')
      .executeTakeFirstOrThrow();
    expect(done).toMatchObject({ status: 'done', matched: N, written: N });
    const after = await written();
    expect(after.length).toBe(N);
    expect(new Set(after.map((r) => r.recipient_id)).size).toBe(N);
    // Ids in time order: version 7 UUIDs, the retry's after the first try's.
    for (const r of after)
      expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const first = new Set(before.map((r) => r.id));
    const maxFirst = [...first].sort().at(-1)!;
    for (const r of after) if (!first.has(r.id)) expect(r.id > maxFirst).toBe(true);
  }, 60_000);
});
