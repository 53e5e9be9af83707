/**
 * `dabyl participants import|export` and `dabyl venues import|export` through the real binary, on a
 * temporary SQLite folder where the exercise was created with the service first.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dabylInProcess } from '../support/dabyl-bin.js';
import { loadConfig } from '../../src/config/config.js';
import { openRuntime } from '../../src/runtime.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { createExercise } from '../../src/services/planning/exercises.service.js';

const BIN = fileURLToPath(new URL('../../bin/dabyl.js', import.meta.url));

function dabyl(
  args: string[],
  dir: string,
): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DABYL_')));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...env, DABYL_LOG_LEVEL: 'silent', DABYL_DATA_DIR: dir },
    });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr }));
  });
}

/** Further calls of a command family: the same `main`, in this process (see test/support/dabyl-bin.ts). */
async function inProcess(args: string[], dir: string) {
  const run = await dabylInProcess(args, { DABYL_DATA_DIR: dir });
  return { ...run, stdout: Buffer.from(run.stdout) };
}

describe('dabyl participants and dabyl venues', { timeout: 120_000 }, () => {
  let dir = '';
  let id = '';

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dabyl-cli-sheets-'));
    const rt = await openRuntime(loadConfig({ DABYL_DATA_DIR: dir, DABYL_LOG_LEVEL: 'silent' }));
    id = (
      await createExercise(rt.ctx, SYSTEM_ACTOR, {
        name: 'Karaganda CLI',
        type: 'full-scale',
        timeZone: 'Asia/Almaty',
        startex: '2026-10-25T09:00:00+05:00',
        endex: '2026-10-25T17:00:00+05:00',
      })
    ).id;
    await rt.close();
    writeFileSync(
      path.join(dir, 'people.csv'),
      'ФИО;Роль в учении;Команда\nАхметов Серик;Руководитель учения;\nНурланов Ерлан;Обучаемый;СОБР\n',
    );
    writeFileSync(
      path.join(dir, 'venues.csv'),
      'Атауы;Түрі;Ендік;Бойлық\nСары-Арқа әуежайы;Әуежай;49.6708;73.3344\nМектеп;Мектеп;73.085;49.806\n',
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports participants after a dry run, creating the team they name, and exports them', async () => {
    const file = path.join(dir, 'people.csv');
    const refused = await dabyl(['participants', 'import', file, '--exercise', id, '--dry-run'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stdout.toString()).toMatch(/ERROR\s+row 3 Team: team "СОБР" does not exist/);
    const dry = await inProcess(
      ['participants', 'import', file, '--exercise', id, '--dry-run', '--create-teams'],
      dir,
    );
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout.toString()).toMatch(/dry run: 2 rows would be imported .*nothing written/);
    const ok = await inProcess(['participants', 'import', file, '--exercise', id, '--create-teams'], dir);
    expect(ok.code, ok.stderr + ok.stdout.toString()).toBe(0);
    expect(ok.stdout.toString()).toMatch(/teams created: СОБР/);
    expect(ok.stdout.toString()).toMatch(/imported 2 rows/);
    const csv = await inProcess(['participants', 'export', '--exercise', id, '--format', 'csv'], dir);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout.toString('utf8').split('\r\n').filter(Boolean)).toEqual([
      '\uFEFFName,Exercise role,Team,Organisation,Contact',
      'Ахметов Серик,director,,,',
      'Нурланов Ерлан,player,СОБР,,',
    ]);
  });

  it('refuses venues with swapped axes and writes none, then imports the fixed file and exports XLSX', async () => {
    const file = path.join(dir, 'venues.csv');
    const bad = await dabyl(['venues', 'import', file, '--exercise', id, '--json'], dir);
    expect(bad.code).toBe(1);
    const report = JSON.parse(bad.stdout.toString()) as { imported: number; issues: { row: number }[] };
    expect(report).toMatchObject({ ok: false, imported: 0, issues: [{ row: 3, field: 'lat' }] });
    writeFileSync(file, readFileSync(file, 'utf8').replace('73.085;49.806', '49.806;73.085'));
    const ok = await inProcess(['venues', 'import', file, '--exercise', id], dir);
    expect(ok.code, ok.stderr + ok.stdout.toString()).toBe(0);
    expect(ok.stdout.toString()).toMatch(/imported 2 rows/);
    const out = path.join(dir, 'venues.xlsx');
    const xlsx = await inProcess(['venues', 'export', '--exercise', id, '--out', out], dir);
    expect(xlsx.code, xlsx.stderr).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const csv = await inProcess(['venues', 'export', '--exercise', id, '--format', 'csv'], dir);
    expect(csv.stdout.toString()).toContain('Мектеп,school,,49.806,73.085');
  });

  it('has no --create-teams for venues', async () => {
    const res = await inProcess(['venues', 'import', 'x.csv', '--exercise', id, '--create-teams'], dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/unknown option/);
  });
});
