/**
 * Exercise metrics over an event log of 1,000,000 events on SQLite: 200 fired injects to 2,000
 * players in 10 teams, each inject's in-app delivery to each player (400,000), the player's inbox
 * message (400,000; 70 % acknowledged) and a report of action from half of them (200,000). Ours is
 * `exerciseMetrics` (the three aggregates of store/metrics.repository.ts, then the folding and
 * judging in core/evaluation/metrics.ts, with the plan and the critical tasks read too); the
 * baseline is one hand-written SQL statement giving the same figure, per inject and team the first
 * delivery, acknowledgement and action and the time from firing to each.
 * Target (PERFORMANCE.md): ours ≤ 1.5× the baseline's time.
 * Run: npx tsx bench/metrics.bench.ts   (EVENTS=… to change the size, RUNS=… the repeats)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { loadConfig } from '../src/config/config.js';
import { openRuntime } from '../src/runtime.js';
import { exerciseMetrics } from '../src/services/evaluation/metrics.service.js';

const EVENTS = Number(process.env.EVENTS ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 5);
const INJECTS = 200;
const TEAMS = 10;
/** Each player gets a delivery and an inbox message per inject and reports on half: 2.5 events. */
const PLAYERS = Math.round(EVENTS / INJECTS / 2.5);
const T0 = Date.parse('2026-10-25T04:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

const BASELINE = `
select r.id as inject, x.team as team,
  min(x.delivered) as delivered, min(x.acked) as acked, min(x.acted) as acted,
  (julianday(min(x.delivered)) - julianday(r.fired_at)) * 86400000.0 as to_delivered,
  (julianday(min(x.acked)) - julianday(r.fired_at)) * 86400000.0 as to_acked,
  (julianday(min(x.acted)) - julianday(r.fired_at)) * 86400000.0 as to_acted
from inject_runs r
join (
  select d.source_id as inj, p.team_id as team, min(d.acknowledged_at) as delivered, null as acked, null as acted
    from deliveries d
    left join exercise_contacts c on c.id = d.recipient_id
    left join exercise_people p on p.id = coalesce(c.person_id, d.recipient_id)
    where d.exercise_id = @ex and d.source_kind = 'inject' and d.acknowledged_at is not null
    group by 1, 2
  union all
  select m.source_id, p.team_id, null, min(m.acknowledged_at), null
    from inbox_messages m
    join deliveries d on d.id = m.delivery_id
    left join exercise_people p on p.id = d.recipient_id
    where m.exercise_id = @ex and m.source_kind = 'inject' and m.acknowledged_at is not null
    group by 1, 2
  union all
  select inject_run_id, team_id, null, null, min(created_at) from player_reports where exercise_id = @ex
    group by 1, 2
) x on x.inj = r.id
where r.exercise_id = @ex and r.fired_at is not null
group by r.id, x.team`;

function seed(file: string, exerciseId: string): number {
  const db = new SQLite(file);
  // The users of the inbox rows are not created: the figure does not read them.
  db.pragma('foreign_keys = OFF');
  const now = iso(T0);
  db.prepare(
    `insert into exercises (id, name, type, status, time_zone, startex, endex, city, msel_approval, version, created_at, updated_at)
     values (?, 'Karaganda full-scale', 'full-scale', 'active', 'Asia/Almaty', ?, ?, 'Karaganda', 'approved', 1, ?, ?)`,
  ).run(exerciseId, now, iso(T0 + 8 * 3600_000), now, now);
  const teams = Array.from({ length: TEAMS }, (_, i) => ({ id: randomUUID(), name: `Team ${i + 1}` }));
  const team = db.prepare('insert into teams (id, exercise_id, name) values (?, ?, ?)');
  const person = db.prepare(
    `insert into exercise_people (id, exercise_id, user_id, name, role, team_id) values (?, ?, ?, ?, 'player', ?)`,
  );
  const run = db.prepare(
    `insert into inject_runs (id, exercise_id, number, position, title, content, method, to_team_ids, due_seconds, contingency, status, fired_at, updated_at)
     values (?, ?, ?, ?, ?, '', 'inapp', '[]', ?, 0, 'fired', ?, ?)`,
  );
  const delivery = db.prepare(
    `insert into deliveries (id, source_kind, source_id, sequence, recipient_kind, recipient_id, channel, address, language, mode, exercise_id, priority, status, attempts, next_attempt_at, created_at, handed_at, acknowledged_at)
     values (?, 'inject', ?, 1, 'participant', ?, 'inapp', ?, 'ru', 'exercise', ?, 0, 'sent', 1, ?, ?, ?, ?)`,
  );
  const inbox = db.prepare(
    `insert into inbox_messages (delivery_id, user_id, exercise_id, source_kind, source_id, title, body, delivered_at, acknowledged_at)
     values (?, ?, ?, 'inject', ?, 'Inject', '', ?, ?)`,
  );
  const report = db.prepare(
    `insert into player_reports (id, exercise_id, inject_run_id, user_id, person_id, team_id, author_name, text, created_at)
     values (?, ?, ?, ?, ?, ?, 'Player', 'Cordon set', ?)`,
  );
  let events = 0;
  db.transaction(() => {
    for (const t of teams) team.run(t.id, exerciseId, t.name);
    const people = Array.from({ length: PLAYERS }, (_, i) => ({
      id: randomUUID(),
      user: randomUUID(),
      team: teams[i % TEAMS]!.id,
    }));
    for (const [i, p] of people.entries()) person.run(p.id, exerciseId, p.user, `Player ${i}`, p.team);
    for (let n = 0; n < INJECTS; n++) {
      const runId = randomUUID();
      const fired = T0 + n * 120_000;
      run.run(runId, exerciseId, String(n + 1), n, `Inject ${n + 1}`, n * 120, iso(fired), iso(fired));
      for (const [i, p] of people.entries()) {
        const d = randomUUID();
        const delivered = iso(fired + 1_000 + ((i * 37 + n) % 5_000));
        delivery.run(d, runId, p.id, p.user, exerciseId, iso(fired), iso(fired), delivered, delivered);
        const acked = (i + n) % 10 < 7 ? iso(fired + 30_000 + ((i * 53 + n * 7) % 600_000)) : null;
        inbox.run(d, p.user, exerciseId, runId, delivered, acked);
        events += 2;
        if ((i + n) % 2 === 0) {
          report.run(
            randomUUID(),
            exerciseId,
            runId,
            p.user,
            p.id,
            p.team,
            iso(fired + 120_000 + ((i * 11) % 900_000)),
          );
          events++;
        }
      }
    }
  })();
  db.exec('analyze');
  db.close();
  return events;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dabyl-metrics-bench-'));
  const rt = await openRuntime(loadConfig({ DABYL_DATA_DIR: dataDir, DABYL_LOG_LEVEL: 'silent' }));
  try {
    const exerciseId = randomUUID();
    const started = performance.now();
    const events = seed(path.join(dataDir, 'dabyl.sqlite'), exerciseId);
    console.log(
      `seeded ${events.toLocaleString('en')} events (${INJECTS} injects × ${PLAYERS} players in ${TEAMS} teams) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const raw = new SQLite(path.join(dataDir, 'dabyl.sqlite'), { readonly: true });
    const baseline = raw.prepare(BASELINE);
    const ours: number[] = [];
    const theirs: number[] = [];
    let check = { ours: 0, baseline: 0 };
    for (let i = 0; i <= RUNS; i++) {
      let t = performance.now();
      const m = await exerciseMetrics(rt.ctx, exerciseId);
      const a = performance.now() - t;
      t = performance.now();
      const rows = baseline.all({ ex: exerciseId }) as unknown[];
      const b = performance.now() - t;
      check = { ours: m.injects.reduce((s, x) => s + x.teams.length, 0), baseline: rows.length };
      if (i === 0) continue; // warm-up
      ours.push(a);
      theirs.push(b);
    }
    raw.close();
    if (check.ours !== check.baseline)
      throw new Error(`ours gave ${check.ours} inject-team rows, the baseline ${check.baseline}`);
    const o = median(ours);
    const b = median(theirs);
    console.log(`inject-team rows: ${check.ours}; medians of ${RUNS} runs after a warm-up`);
    console.log(`baseline (hand-written SQL aggregate): ${b.toFixed(0)} ms`);
    console.log(`ours (exerciseMetrics):                ${o.toFixed(0)} ms`);
    console.log(`ratio ours / baseline: ${(o / b).toFixed(2)}× (target ≤ 1.5×)`);
  } finally {
    await rt.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
