import { existsSync, statfsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { sql } from 'kysely';
import { loadConfig } from '../../config/config.js';
import { redisProbe } from '../../runtime.js';
import { openDb } from '../../store/db.js';
import { pendingMigrations } from '../../store/migrate.js';
import type { MessageLang } from '../../core/messages/messages.js';
import { CLI_WORDS } from '../cli.texts.js';
import { CliFailure, EXIT, printJson } from '../output.js';
import { DOCTOR_WORDS, type CheckName, type DoctorWords } from './doctor.texts.js';

/** One check; its detail is worded when shown (--json keeps the English one). */
interface Check {
  name: CheckName;
  ok: boolean;
  detail: (w: DoctorWords) => string;
}

const as = (text: string) => () => text;

/** UTC offset of a zone at an instant, from the runtime's time-zone database. */
function offsetAt(zone: string, at: Date): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? '?';
}

async function runChecks(): Promise<Check[]> {
  const config = loadConfig();
  const checks: Check[] = [];
  const db = openDb({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
  });
  try {
    const started = Date.now();
    // ISO 8601 in UTC from both engines: PostgreSQL's now()::text ends in "+00", which Date.parse refuses.
    const now =
      db.engine === 'postgres'
        ? `to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
        : "strftime('%Y-%m-%dT%H:%M:%fZ','now')";
    const row = await sql<{ now: string }>`select ${sql.raw(now)} as now`.execute(db.kysely);
    const ms = Date.now() - started;
    checks.push({
      name: 'database',
      ok: true,
      detail: (w) => w.answered(db.engine, db.location, ms),
    });
    const pending = await pendingMigrations(db);
    checks.push({
      name: 'migrations',
      ok: pending.length === 0,
      detail: (w) => (pending.length ? w.pending(pending.join(', ')) : w.upToDate),
    });
    const dbNow = Date.parse(String(row.rows[0]?.now ?? ''));
    if (Number.isFinite(dbNow)) {
      const skew = Math.abs(dbNow - Date.now());
      checks.push({
        name: 'clock',
        ok: skew < 2000,
        detail: (w) => w.skew(skew, skew >= 2000),
      });
    } else {
      checks.push({
        name: 'clock',
        ok: false,
        detail: (w) => w.unreadableTime(String(row.rows[0]?.now)),
      });
    }
  } catch (err) {
    checks.push({ name: 'database', ok: false, detail: as(`${db.location}: ${(err as Error).message}`) });
  } finally {
    await db.close();
  }
  // Kazakhstan moved to one zone, UTC+5, on 1 March 2024; an older time-zone database gets Almaty wrong.
  const almaty = offsetAt('Asia/Almaty', new Date('2024-06-01T00:00:00Z'));
  checks.push({
    name: 'time zones',
    ok: almaty === 'GMT+05:00',
    detail: (w) => w.almaty(almaty, almaty === 'GMT+05:00'),
  });
  if (config.redisUrl) {
    const redis = redisProbe(config.redisUrl);
    try {
      await redis.probe.check();
      const host = new URL(config.redisUrl).host;
      checks.push({ name: 'redis', ok: true, detail: (w) => w.redisAnswered(host) });
    } catch (err) {
      checks.push({
        name: 'redis',
        ok: false,
        detail: as(`${new URL(config.redisUrl).host}: ${(err as Error).message}`),
      });
    } finally {
      redis.close();
    }
  } else {
    checks.push({ name: 'redis', ok: true, detail: (w) => w.redisUnset });
  }
  try {
    // On PostgreSQL nothing may have created the data folder yet: measure the disk it will live on.
    let folder = config.dataDir;
    while (!existsSync(folder) && path.dirname(folder) !== folder) folder = path.dirname(folder);
    const fs = statfsSync(folder);
    const freeMb = Math.floor((fs.bavail * fs.bsize) / 1024 / 1024);
    const dataDir = config.dataDir;
    const where = (w: DoctorWords) => (folder === dataDir ? folder : w.notCreated(folder, dataDir));
    checks.push({
      name: 'disk',
      ok: freeMb > 500,
      detail: (w) => w.free(freeMb, where(w), freeMb > 500),
    });
  } catch (err) {
    checks.push({ name: 'disk', ok: false, detail: as(`${config.dataDir}: ${(err as Error).message}`) });
  }
  return checks;
}

export function registerDoctor(program: Command, lang: MessageLang): void {
  const w = DOCTOR_WORDS[lang];
  program
    .command('doctor')
    .description(w.doctor)
    .option('--json', CLI_WORDS[lang].json)
    .action(async (opts: { json?: boolean }) => {
      const checks = await runChecks();
      if (opts.json) printJson(checks.map((c) => ({ ...c, detail: c.detail(DOCTOR_WORDS.en) })));
      else
        for (const c of checks)
          process.stdout.write(`${c.ok ? w.ok : w.fail}  ${w.names[c.name].padEnd(11)} ${c.detail(w)}\n`);
      if (checks.some((c) => !c.ok))
        throw new CliFailure(w.failed(checks.filter((c) => !c.ok).length), EXIT.failed);
    });
}
