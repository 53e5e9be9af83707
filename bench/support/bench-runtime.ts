import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config/config.js';
import type { Channel } from '../../src/channels/channel.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import type { AppContext } from '../../src/services/context.js';

export type BenchEngine = 'sqlite' | 'postgres';

export const PG_URL = process.env.DABYL_BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** Where one run's data lives: its SQLite folder, or its PostgreSQL schema. */
export interface BenchPlace {
  dir: string;
  schema: string;
}

/**
 * Runs `body` on a runtime of its own: a fresh data folder for SQLite, or a PostgreSQL schema of its
 * own, both removed afterwards whatever happens, so runs never see each other's rows.
 */
export async function withBenchRuntime<T>(
  engine: BenchEngine,
  name: string,
  body: (rt: Runtime, place: BenchPlace) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), `dabyl-bench-${name}-`));
  const schema = `bench_${name.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
  const admin = engine === 'postgres' ? new pg.Client({ connectionString: PG_URL }) : null;
  await admin?.connect();
  await admin?.query(`create schema ${schema}`);
  try {
    const rt = await openRuntime(
      loadConfig({
        DABYL_DATA_DIR: dir,
        DABYL_LOG_LEVEL: 'silent',
        ...(engine === 'postgres' ? { DABYL_DATABASE_URL: PG_URL } : {}),
      }),
      engine === 'postgres' ? { schema } : {},
    );
    try {
      return await body(rt, { dir, schema });
    } finally {
      await rt.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await admin?.query(`drop schema ${schema} cascade`);
    await admin?.end();
  }
}

/** The runtime's context with e-mail handed to `channel` (a counting sink) instead of SMTP. */
export const withEmailChannel = (rt: Runtime, channel: Channel): AppContext => ({
  ...rt.ctx,
  channels: { byName: new Map([['email', channel]]), sink: rt.ctx.channels.sink, close: async () => {} },
});
