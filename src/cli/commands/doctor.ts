import { existsSync, statfsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { sql } from 'kysely';
import { loadConfig } from '../../config/config.js';
import { redisProbe } from '../../runtime.js';
import { openDb } from '../../store/db.js';
import { pendingMigrations } from '../../store/migrate.js';
import { CliFailure, EXIT, printJson } from '../output.js';

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

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
    checks.push({
      name: 'database',
      ok: true,
      detail: `${db.engine} at ${db.location} answered in ${Date.now() - started} ms`,
    });
    const pending = await pendingMigrations(db);
    checks.push({
      name: 'migrations',
      ok: pending.length === 0,
      detail: pending.length ? `pending: ${pending.join(', ')} (run: npx dabyl migrate)` : 'up to date',
    });
    const dbNow = Date.parse(String(row.rows[0]?.now ?? ''));
    if (Number.isFinite(dbNow)) {
      const skew = Math.abs(dbNow - Date.now());
      checks.push({
        name: 'clock',
        ok: skew < 2000,
        detail: `this machine and the database differ by ${skew} ms${skew >= 2000 ? ' — inject timing needs synchronised clocks (NTP)' : ''}`,
      });
    } else {
      checks.push({
        name: 'clock',
        ok: false,
        detail: `cannot read the database's time "${row.rows[0]?.now}"`,
      });
    }
  } catch (err) {
    checks.push({ name: 'database', ok: false, detail: `${db.location}: ${(err as Error).message}` });
  } finally {
    await db.close();
  }
  // Kazakhstan moved to one zone, UTC+5, on 1 March 2024; an older time-zone database gets Almaty wrong.
  const almaty = offsetAt('Asia/Almaty', new Date('2024-06-01T00:00:00Z'));
  checks.push({
    name: 'time zones',
    ok: almaty === 'GMT+05:00',
    detail: `Asia/Almaty in June 2024 is ${almaty}${almaty === 'GMT+05:00' ? '' : ' — update the time-zone data (Node.js / ICU) so Kazakhstan shows UTC+5'}`,
  });
  if (config.redisUrl) {
    const redis = redisProbe(config.redisUrl);
    try {
      await redis.probe.check();
      checks.push({ name: 'redis', ok: true, detail: `${new URL(config.redisUrl).host} answered` });
    } catch (err) {
      checks.push({
        name: 'redis',
        ok: false,
        detail: `${new URL(config.redisUrl).host}: ${(err as Error).message}`,
      });
    } finally {
      redis.close();
    }
  } else {
    checks.push({ name: 'redis', ok: true, detail: 'not configured: jobs run embedded in this process' });
  }
  try {
    // On PostgreSQL nothing may have created the data folder yet: measure the disk it will live on.
    let folder = config.dataDir;
    while (!existsSync(folder) && path.dirname(folder) !== folder) folder = path.dirname(folder);
    const fs = statfsSync(folder);
    const freeMb = Math.floor((fs.bavail * fs.bsize) / 1024 / 1024);
    const where = folder === config.dataDir ? folder : `${folder} (${config.dataDir} is not created yet)`;
    checks.push({
      name: 'disk',
      ok: freeMb > 500,
      detail: `${freeMb} MB free in ${where}${freeMb > 500 ? '' : ' — less than 500 MB'}`,
    });
  } catch (err) {
    checks.push({ name: 'disk', ok: false, detail: `${config.dataDir}: ${(err as Error).message}` });
  }
  return checks;
}

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check the database, migrations, Redis (when configured), disk space, clock and time zones')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const checks = await runChecks();
      if (opts.json) printJson(checks);
      else
        for (const c of checks)
          process.stdout.write(`${c.ok ? 'ok  ' : 'FAIL'}  ${c.name.padEnd(11)} ${c.detail}\n`);
      if (checks.some((c) => !c.ok))
        throw new CliFailure(`${checks.filter((c) => !c.ok).length} check(s) failed`, EXIT.failed);
    });
}
