/**
 * Inject crash: an exercise of INJECTS injects (default 2,000) over MINUTES minutes of exercise
 * time (default 100) run at ×10, served by a real `dabyl serve` process (embedded mode, SQLite by
 * default), which is SIGKILLed KILLS times (default 50) at random moments and restarted each time.
 * Three players take part, each reached by e-mail (a real SMTP server) and SMS (a real SMPP server).
 * Counted: injects due but never fired, injects fired twice, e-mails and SMS lost or doubled at the
 * receivers, and after each restart how long until the injects that fell due meanwhile have fired.
 * Baseline in the same run: the same exercise served by one process that is never killed (what
 * arrives, and how long after the last inject's time the last delivery lands).
 *
 * Targets (../shared/PERFORMANCE.md): 0 lost, 0 doubled; overdue injects fire within 1 s of a restart.
 *
 * Run: npx tsx bench/inject-crash.bench.ts
 *   INJECTS=2000 MINUTES=100 KILLS=50 ENGINE=sqlite|postgres
 *   DABYL_TEST_DATABASE_URL (PostgreSQL server; a database of its own is made and dropped)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/config.js';
import { openRuntime, type Runtime } from '../src/runtime.js';
import { SYSTEM_ACTOR, type AppContext } from '../src/services/context.js';
import { setClockSettings } from '../src/services/conduct/settings.service.js';
import { createUser } from '../src/services/users.service.js';
import { buildConductExercise, PLANNED_START } from '../test/support/conduct.js';
import { serveBin, type Served } from '../test/support/dabyl-bin.js';
import { createTestDatabase, dropTestDatabase } from '../test/support/database.js';
import { startTestSmsc } from '../test/support/smsc.js';
import { startTestSmtp } from '../test/support/smtp.js';
import {
  CONTROLLER,
  firings,
  ms,
  printTable,
  replaceMsel,
  sleep,
  summary,
  type Firing,
} from './support/conduct-bench.js';
import { tally, type Player, type Tally } from './support/crash-tally.js';

const INJECTS = Number(process.env.INJECTS ?? 2000);
const MINUTES = Number(process.env.MINUTES ?? 100);
const KILLS = Number(process.env.KILLS ?? 50);
const ENGINE = process.env.ENGINE ?? 'sqlite';
/**
 * What the exercise does with injects that fell due during an outage longer than its grace (30 s):
 * the default, release one a minute, would take hours to drain a run of 50 kills; retime fires
 * them from the restart on, keeping their spacing.
 */
const POLICY = (process.env.POLICY ?? 'retime') as 'release' | 'retime' | 'hold';
const SPEED = 10;
const PASSWORD = 'inject crash bench passphrase';
/** Wall time of the whole MSEL at ×10. */
const SPAN_MS = (MINUTES * 60_000) / SPEED;
/** Longest wait for the last injects and deliveries once the MSEL's time has passed. */
/** How long after the MSEL's end the count waits for the outbox to drain (`SETTLE_SECONDS`). */
const SETTLE_MS = Number(process.env.SETTLE_SECONDS ?? 300) * 1000;

interface Restart {
  killedAt: number;
  spawnedAt: number;
  readyAt: number;
}

interface Outcome {
  tally: Tally;
  restarts: Restart[];
  /** Last delivery handed to its receiver, after the last inject's exercise time (wall ms). */
  tailMs: number;
  /** For each restart with injects overdue: from listening again to the first and last of them firing. */
  catchUp: { first: number; last: number }[];
  /** Injects re-planned by the pause policy after an outage longer than its grace. */
  replanned: number;
  /** Still under way when the count stopped waiting. */
  unsettled: Unsettled;
}

/** Gives each of the fixture's players an SMS number beside their e-mail. */
async function playersWithSms(ctx: AppContext, exerciseId: string): Promise<Player[]> {
  const db = ctx.db.kysely;
  const contacts = await db
    .selectFrom('exercise_contacts as c')
    .innerJoin('exercise_people as p', 'p.id', 'c.person_id')
    .select(['c.person_id', 'c.name', 'c.address', 'c.language'])
    .where('c.exercise_id', '=', exerciseId)
    .where('p.role', '=', 'player')
    .where('c.channel', '=', 'email')
    .orderBy('c.address')
    .execute();
  const at = new Date().toISOString();
  return Promise.all(
    contacts.map(async (c, i) => {
      const phone = `+7701555000${i + 1}`;
      await db
        .insertInto('exercise_contacts')
        .values({
          id: randomUUID(),
          exercise_id: exerciseId,
          person_id: c.person_id,
          name: c.name,
          channel: 'sms',
          address: phone,
          language: c.language,
          verified_at: at,
          created_at: at,
        })
        .execute();
      return { email: c.address, phone };
    }),
  );
}

/** Logs in over the API and gives STARTEX and ×10, as a controller does from the console. */
async function startAtTen(base: string, exerciseId: string, name: string): Promise<number> {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'director', password: PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const command = async (body: Record<string, unknown>) => {
    const res = await fetch(`${base}/api/v1/exercises/${exerciseId}/clock/commands`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify(body),
    });
    if (res.status !== 200) throw new Error(`${String(body.command)}: ${res.status} ${await res.text()}`);
  };
  await command({
    command: 'startex',
    confirmName: name,
    plannedStart: PLANNED_START,
    reason: 'crash bench',
  });
  await command({ command: 'speed', speed: SPEED, reason: 'the whole MSEL in a tenth of its time' });
  return Date.now();
}

/** SIGKILLs the process and starts a new one on the same data; the times of each step. */
async function killAndRestart(
  served: Served,
  env: Record<string, string>,
): Promise<{ next: Served; at: Restart }> {
  const gone = new Promise((resolve) => served.child.once('exit', resolve));
  const killedAt = Date.now();
  served.child.kill('SIGKILL');
  await gone;
  const spawnedAt = Date.now();
  const next = serveBin(env);
  await next.url;
  return { next, at: { killedAt, spawnedAt, readyAt: Date.now() } };
}

/** Waits until every inject due has fired and the outbox holds nothing unsent for them. */
/** What was still under way when the wait ended: a miss of the drain, not (yet) a loss. */
interface Unsettled {
  injects: number;
  fanouts: number;
  deliveries: number;
}

async function settle(
  ctx: AppContext,
  exerciseId: string,
  end: number,
): Promise<{ runs: Firing[]; unsettled: Unsettled }> {
  const db = ctx.db.kysely;
  const deadline = end + SETTLE_MS;
  for (;;) {
    const runs = await firings(ctx, exerciseId);
    const waiting = runs.filter((r) => r.dueAt !== null && r.dueAt <= end && r.status !== 'fired');
    const open = await db
      .selectFrom('deliveries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('exercise_id', '=', exerciseId)
      .where('status', 'in', ['pending', 'sending'])
      .executeTakeFirstOrThrow();
    const fanouts = await db
      .selectFrom('fanouts')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('exercise_id', '=', exerciseId)
      .where('status', 'not in', ['done', 'failed'])
      .executeTakeFirstOrThrow();
    if ((!waiting.length && Number(open.n) === 0 && Number(fanouts.n) === 0) || Date.now() > deadline) {
      // What a receiver accepted just before the row said so is already counted; a breath for the rest.
      await sleep(2000);
      return {
        runs,
        unsettled: { injects: waiting.length, fanouts: Number(fanouts.n), deliveries: Number(open.n) },
      };
    }
    await sleep(1000);
  }
}

/**
 * For each restart that found injects overdue (due before it listened, not fired when the last
 * process died): from listening to the first of them firing, and to the last.
 */
function catchUp(runs: readonly Firing[], restarts: readonly Restart[]): { first: number; last: number }[] {
  return restarts.flatMap((r) => {
    const overdue = runs.filter(
      (x) => x.dueAt !== null && x.dueAt <= r.readyAt && (x.firedAt === null || x.firedAt > r.killedAt),
    );
    if (!overdue.length) return [];
    const fired = overdue.map((x) => (x.firedAt ?? Infinity) - r.readyAt);
    return [{ first: Math.min(...fired), last: Math.max(...fired) }];
  });
}

async function scenario(kills: number): Promise<Outcome> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dabyl-bench-crash-'));
  const database = ENGINE === 'postgres' ? await createTestDatabase('dabyl_bench_crash') : null;
  const smtp = await startTestSmtp();
  const smsc = await startTestSmsc();
  smsc.receipts = false;
  const env: Record<string, string> = {
    DABYL_DATA_DIR: dataDir,
    ...(database ? { DABYL_DATABASE_URL: database.url } : {}),
    DABYL_SMTP_URL: smtp.url,
    DABYL_SMPP_URL: smsc.url,
    DABYL_SMPP_RATE: '200',
    DABYL_DEMO_DATA: 'false',
  };
  let served = serveBin(env);
  let rt: Runtime | undefined;
  try {
    const base = await served.url;
    rt = await openRuntime(loadConfig({ ...env, DABYL_LOG_LEVEL: 'silent' }), { migrate: false });
    const ctx = rt.ctx;
    const fx = await buildConductExercise(ctx, 'Karaganda prison crash drill', 0);
    await replaceMsel(ctx, fx.exerciseId, INJECTS, MINUTES);
    const players = await playersWithSms(ctx, fx.exerciseId);
    await createUser(ctx, SYSTEM_ACTOR, null, {
      username: 'director',
      displayName: 'Director',
      password: PASSWORD,
      grants: [{ role: 'director' }],
    });
    await setClockSettings(ctx, SYSTEM_ACTOR, CONTROLLER, fx.exerciseId, {
      pausePolicy: POLICY,
      ...(POLICY === 'release' ? { releaseIntervalSeconds: 1 } : {}),
    });
    const t0 = await startAtTen(base, fx.exerciseId, fx.name);
    const end = t0 + SPAN_MS;
    const moments = Array.from({ length: kills }, () => 2000 + Math.random() * (SPAN_MS - 2000)).sort(
      (a, b) => a - b,
    );
    const restarts: Restart[] = [];
    for (const m of moments) {
      const wait = t0 + m - Date.now();
      // Behind the plan (restarts take seconds): still a random moment, within 2 s of listening.
      await sleep(wait > 0 ? wait : Math.random() * 2000);
      const { next, at } = await killAndRestart(served, env);
      served = next;
      restarts.push(at);
    }
    await sleep(Math.max(0, end - Date.now()));
    const { runs, unsettled } = await settle(ctx, fx.exerciseId, end);
    // A delivery is handed over once the receiver has it (the SMTP and SMPP servers keep it first).
    const last = await ctx.db.kysely
      .selectFrom('deliveries')
      .select((eb) => eb.fn.max('handed_at').as('at'))
      .where('exercise_id', '=', fx.exerciseId)
      .executeTakeFirst();
    return {
      tally: await tally(ctx, runs, end, players, smtp.mails, smsc.messages, smsc.parts),
      restarts,
      tailMs: (last?.at ? Date.parse(last.at) : NaN) - end,
      catchUp: catchUp(runs, restarts),
      replanned: runs.filter((r) => r.releaseAt !== null).length,
      unsettled,
    };
  } finally {
    served.child.kill('SIGKILL');
    await rt?.close();
    await smtp.close();
    await smsc.close();
    if (database) await dropTestDatabase(database.name);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const plain = await scenario(0);
const crashed = await scenario(KILLS);
const row = (label: string, pick: (t: Tally) => number | string, target = '') => [
  label,
  String(pick(crashed.tally)),
  String(pick(plain.tally)),
  target,
];
console.log(
  `\n${ENGINE === 'postgres' ? 'PostgreSQL' : 'SQLite'}: ${INJECTS} injects over H+00:01…H+${MINUTES} min at ×${SPEED} ` +
    `(${Math.round(SPAN_MS / 1000)} s), 3 players by e-mail and SMS`,
);
printTable(
  ['measured', `${KILLS} SIGKILLs`, 'never killed', 'target'],
  [
    row('injects due / fired', (t) => `${t.due} / ${t.fired}`),
    row('injects lost (due, never fired)', (t) => t.lost, '0'),
    row('injects fired twice', (t) => t.firedTwice, '0'),
    row('e-mails expected / received', (t) => `${t.mailExpected} / ${t.mailReceived}`),
    row('e-mails lost', (t) => t.mailLost, '0'),
    row('e-mails again with the same Message-ID', (t) => t.mailSameIdAgain, '0'),
    row('e-mails twice under two Message-IDs', (t) => t.mailDistinctTwice, '0'),
    row('SMS expected / received', (t) => `${t.smsExpected} / ${t.smsReceived}`),
    row('SMS lost', (t) => t.smsLost, '0'),
    row('SMS shown twice', (t) => t.smsTwice, '0'),
    row('SMS put together from two messages', (t) => t.smsGarbled, '0'),
    row('deliveries dead-lettered', (t) => t.dead, '0'),
    ['last delivery after the last inject’s time', ms(crashed.tailMs), ms(plain.tailMs), ''],
    [
      `still under way ${SETTLE_MS / 1000} s after it (injects / fan-outs / deliveries)`,
      ...[crashed, plain].map(
        (r) => `${r.unsettled.injects} / ${r.unsettled.fanouts} / ${r.unsettled.deliveries}`,
      ),
      '0 / 0 / 0',
    ],
  ],
);
const first = summary(crashed.catchUp.map((c) => c.first));
const last = summary(crashed.catchUp.map((c) => c.last));
const startup = summary(crashed.restarts.map((r) => r.readyAt - r.spawnedAt));
const down = summary(crashed.restarts.map((r) => r.readyAt - r.killedAt));
printTable(
  ['after a restart (from listening again)', 'p50', 'max', 'over 1 s', 'target'],
  [
    [
      'first overdue inject fired',
      ms(first.p50),
      ms(first.max),
      `${crashed.catchUp.filter((c) => c.first > 1000).length} of ${first.n}`,
      '≤ 1 s',
    ],
    [
      'last overdue inject fired',
      ms(last.p50),
      ms(last.max),
      `${crashed.catchUp.filter((c) => c.last > 1000).length} of ${last.n}`,
      '≤ 1 s',
    ],
    ['kill to listening again', ms(down.p50), ms(down.max), '', ''],
    ['spawn to listening', ms(startup.p50), ms(startup.max), '', ''],
  ],
);
// Past a few dozen, the lines say no more than the count does.
for (const line of crashed.tally.smsLostDetail.slice(0, 40)) console.log(`  SMS lost: ${line}`);
if (crashed.tally.smsLostDetail.length > 40)
  console.log(`  … and ${crashed.tally.smsLostDetail.length - 40} more lines on SMS lost`);
for (const line of plain.tally.smsLostDetail) console.log(`  SMS lost (never killed): ${line}`);
console.log(
  `  injects re-planned by the pause policy (${POLICY}) after an outage over its grace: ${crashed.replanned}`,
);
