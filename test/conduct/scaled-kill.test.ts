/**
 * Scaled mode under a crash: two `dabyl serve --role api` and two `--role worker` processes on
 * PostgreSQL and Redis, as real processes on loopback, run one exercise at ×60 with a real SMTP
 * server as the players' mail. One worker is SIGKILLed while injects are firing, and a new one
 * started later. Every inject due must fire exactly once (one firing, one audit entry), and every
 * player's e-mail of each inject must arrive: none lost, none doubled in a way a reader would see
 * (a resend after the kill carries the delivery's own Message-ID, so mail clients show it once).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { deleteRedisPrefix, testPrefix } from '../../src/jobs/testing/redis.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { createUser } from '../../src/services/users.service.js';
import { testRedisUrl } from '../setup/engines.js';
import { buildConductExercise, PLANNED_START, type ConductFixture } from '../support/conduct.js';
import { createTestDatabase, dropTestDatabase } from '../support/database.js';
import { serveBin, type Served } from '../support/dabyl-bin.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';

const PASSWORD = 'scaled kill test passphrase';
/** X1…X30 one a minute from H+00:02, and the fixture's 1, 2, 3 at H+00:10, 00:20, 00:30. */
const EXTRA = 30;

describe('a worker killed mid-exercise in scaled mode', () => {
  let database: { name: string; url: string };
  let dataDir: string;
  let prefix: string;
  let smtp: TestSmtp;
  let runtime: Runtime;
  let fx: ConductFixture;
  let env: Record<string, string>;
  const servers: Served[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('dabyl_kill');
    dataDir = mkdtempSync(path.join(tmpdir(), 'dabyl-kill-'));
    prefix = testPrefix();
    smtp = await startTestSmtp();
    env = {
      DABYL_DATABASE_URL: database.url,
      DABYL_DATA_DIR: dataDir,
      DABYL_REDIS_URL: testRedisUrl(),
      DABYL_REDIS_PREFIX: prefix,
      DABYL_SMTP_URL: smtp.url,
      DABYL_DEMO_DATA: 'false',
    };
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await runtime?.close();
    await smtp?.close();
    if (prefix) await deleteRedisPrefix(prefix);
    if (database) await dropTestDatabase(database.name);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('fires every inject exactly once and delivers every e-mail, none lost', async () => {
    // Two API processes behind what would be a load balancer: the controller's commands reach both.
    const apis = [serveBin(env, ['--role', 'api']), serveBin(env, ['--role', 'api'])];
    servers.push(...apis);
    const bases = await Promise.all(apis.map((a) => a.url));
    const base = bases[0]!;
    const workers = [serveBin(env, ['--role', 'worker']), serveBin(env, ['--role', 'worker'])];
    servers.push(...workers);
    await Promise.all(workers.map((w) => w.url));

    runtime = await openRuntime(loadConfig(env), { migrate: false });
    const ctx = runtime.ctx;
    fx = await buildConductExercise(ctx, 'Karaganda scaled kill test', EXTRA);
    await createUser(ctx, SYSTEM_ACTOR, null, {
      username: 'director',
      displayName: 'Director',
      password: PASSWORD,
      grants: [{ role: 'director' }],
    });
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'director', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    let sent = 0;
    const command = async (body: Record<string, unknown>) => {
      // One after the other through each API process, as a balancer would spread them.
      const through = bases[sent++ % bases.length]!;
      const res = await fetch(`${through}/api/v1/exercises/${fx.exerciseId}/clock/commands`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
        body: JSON.stringify(body),
      });
      expect(res.status, await res.clone().text()).toBe(200);
    };
    await command({
      command: 'startex',
      confirmName: fx.name,
      plannedStart: PLANNED_START,
      reason: 'crash drill of the control room',
    });
    await command({ command: 'speed', speed: 60, reason: 'rehearse the whole MSEL in a minute' });

    // Injects fire one a second; kill a worker in the middle of it, and start another later.
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    workers[0]!.child.kill('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    const replacement = serveBin(env, ['--role', 'worker']);
    servers.push(replacement);
    await replacement.url;

    const db = ctx.db.kysely;
    const due = ['1', '2', '3', ...Array.from({ length: EXTRA }, (_, i) => `X${i + 1}`)];
    await vi.waitFor(
      async () => {
        const fired = await db
          .selectFrom('inject_runs')
          .select('number')
          .where('exercise_id', '=', fx.exerciseId)
          .where('status', '=', 'fired')
          .execute();
        expect(due.every((n) => fired.some((r) => r.number === n))).toBe(true);
      },
      { timeout: 90_000, interval: 500 },
    );
    const runs = await db
      .selectFrom('inject_runs')
      .select(['id', 'number', 'to_team_ids'])
      .where('exercise_id', '=', fx.exerciseId)
      .where('number', 'in', due)
      .execute();

    // Exactly once: one firing recorded per inject, however many processes woke for it.
    const firings = await db
      .selectFrom('audit_log')
      .select(['subject_id'])
      .where('action', '=', 'inject.fired')
      .where(
        'subject_id',
        'in',
        runs.map((r) => r.id),
      )
      .execute();
    const perRun = new Map<string, number>();
    for (const f of firings) perRun.set(f.subject_id!, (perRun.get(f.subject_id!) ?? 0) + 1);
    expect(runs.filter((r) => perRun.get(r.id) !== 1).map((r) => r.number)).toEqual([]);

    // Every player's e-mail of every inject: 3 players (2 in the patrol, 1 medic), each once.
    const expected = runs.reduce((n, r) => {
      const teams = JSON.parse(r.to_team_ids) as string[];
      if (teams.length === 0) return n + 3;
      return n + (teams.includes(fx.teams.patrol) ? 2 : 0) + (teams.includes(fx.teams.medics) ? 1 : 0);
    }, 0);
    await vi.waitFor(
      async () => {
        const sent = await db
          .selectFrom('deliveries')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('source_kind', '=', 'inject')
          .where('channel', '=', 'email')
          .where(
            'source_id',
            'in',
            runs.map((r) => r.id),
          )
          .where('status', '=', 'sent')
          .executeTakeFirstOrThrow();
        expect(Number(sent.n)).toBe(expected);
      },
      { timeout: 90_000, interval: 500 },
    );
    // The inject's label is in the player's language: Inject, Вводная, Кіріспе.
    const numberOf = (subject: string | undefined) =>
      /(?:Inject|Вводная|Кіріспе) (\S+):/.exec(subject ?? '')?.[1];
    const ours = smtp.mails.filter((m) => due.includes(numberOf(m.subject) ?? ''));
    const byMessage = new Map<string, string>();
    for (const m of ours) byMessage.set(m.messageId!, `${(m.to as { text: string }).text} ${m.subject}`);
    // None lost: each delivery's own message arrived.
    expect(byMessage.size).toBe(expected);
    // None doubled as a reader would see it: one Message-ID per player and inject.
    expect(new Set(byMessage.values()).size).toBe(expected);
  }, 240_000);
});
