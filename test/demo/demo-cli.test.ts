/**
 * `dabyl demo load --as-of`, run as the real binary from the sources against a temporary SQLite
 * store, then read back through the services on the same store.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import type { Actor } from '../../src/core/policy/policy.js';
import { openRuntime } from '../../src/runtime.js';
import { listExercises } from '../../src/services/planning/exercises.service.js';

const BIN = fileURLToPath(new URL('../../bin/dabyl.js', import.meta.url));
const ADMIN: Actor = { userId: 'test', grants: [{ role: 'admin', organisationId: null, exerciseId: null }] };

function dabyl(
  args: string[],
  dataDir: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // The developer's own DABYL_* settings must not reach the binary under test.
  const env = Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => !!e[1] && !e[0].startsWith('DABYL_')),
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: {
        ...env,
        DABYL_LOG_LEVEL: 'silent',
        DABYL_DEMO_DATA: 'false',
        DABYL_DATA_DIR: dataDir,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('dabyl demo load --as-of', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'dabyl-demo-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('places the series on the seed dates when loaded a week before them', async () => {
    const run = await dabyl(['demo', 'load', '--as-of', '2026-10-14', '--json'], dataDir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(result).toMatchObject({ alreadyLoaded: false, programmes: 1, exercises: 6 });
    expect(result.mselEvents).toBeGreaterThanOrEqual(40);
    expect(result.firstDrill).toBe('2026-10-21T04:00:00.000Z');

    const runtime = await openRuntime(loadConfig({ DABYL_DATA_DIR: dataDir, DABYL_LOG_LEVEL: 'silent' }));
    try {
      const local = Object.fromEntries(
        (await listExercises(runtime.ctx, ADMIN)).map((e) => [e.name.split(' ')[0], e.startexLocal]),
      );
      expect(local).toMatchObject({
        Karaganda: '2026-10-25 07:00 (UTC+05:00)',
        Pavlodar: '2026-10-21 10:00 (UTC+05:00)',
        Baikonur: '2026-10-27 10:00 (UTC+05:00)',
        Kokshetau: '2026-10-28 10:00 (UTC+05:00)',
        'Counter-terrorism': '2026-11-03 10:00 (UTC+05:00)',
      });
    } finally {
      await runtime.close();
    }
  });

  it('refuses an as-of that is not a date, before touching the store', async () => {
    const bad = await dabyl(['demo', 'load', '--as-of', '2026-02-31'], dataDir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--as-of: "2026-02-31" is not a date/);
  });
});
