/**
 * `dabyl exercise ics|doc|export|import`, spawned as a person runs them, on a SQLite store of their
 * own (the services under them are tested on both engines in this folder).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dabylInProcess } from '../support/dabyl-bin.js';
import type { Actor } from '../../src/core/policy/policy.js';
import { loadConfig } from '../../src/config/config.js';
import { openRuntime } from '../../src/runtime.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { createExercise } from '../../src/services/planning/exercises.service.js';
import { addEvent } from '../../src/services/planning/msel.service.js';
import { addVenue } from '../../src/services/planning/plan.service.js';
import { parseIcs, prop, children } from './ical.js';

const BIN = fileURLToPath(new URL('../../bin/dabyl.js', import.meta.url));
const ADMIN: Actor = { userId: 'test', grants: [{ role: 'admin', organisationId: null, exerciseId: null }] };

function dabyl(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: Buffer; stderr: string }>((resolve, reject) => {
    const clean = Object.fromEntries(
      Object.entries(process.env).filter((e): e is [string, string] => !!e[1] && !e[0].startsWith('DABYL_')),
    );
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...clean, DABYL_LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr }));
  });
}

/** Further calls of the command family: the same `main`, in this process (see test/support/dabyl-bin.ts). */
async function inProcess(args: string[], env: Record<string, string>) {
  const run = await dabylInProcess(args, env);
  return { ...run, stdout: Buffer.from(run.stdout) };
}

// Spawned processes take seconds each on a busy machine.
describe('dabyl exercise ics, doc, export and import', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dabyl-exercise-cli-'));
  const env = { DABYL_DATA_DIR: dir };
  let id = '';

  beforeAll(async () => {
    const rt = await openRuntime(loadConfig({ ...env, DABYL_LOG_LEVEL: 'silent' }));
    try {
      id = (
        await createExercise(rt.ctx, SYSTEM_ACTOR, {
          name: 'Kokshetau drill',
          type: 'drill',
          timeZone: 'Asia/Almaty',
          startex: '2026-10-28T10:00:00+05:00',
          endex: '2026-10-28T14:00:00+05:00',
          handling: 'For official use only',
          scenario: 'SECRET-SCENARIO',
        })
      ).id;
      await addVenue(rt.ctx, SYSTEM_ACTOR, ADMIN, id, {
        name: 'Kokshetau railway station',
        kind: 'railway-station',
        point: { lon: 69.3846, lat: 53.2948 },
      });
      await addEvent(rt.ctx, SYSTEM_ACTOR, ADMIN, id, {
        number: '1',
        kind: 'inject',
        offsetMinutes: 15,
        method: 'phone',
        title: 'Unattended bag on platform 2',
        content: 'The station duty officer calls the police.',
        controllerNotes: 'CONTROLLER-ONLY',
      });
    } finally {
      await rt.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the iCalendar to standard output', async () => {
    const run = await dabyl(['exercise', 'ics', id], env);
    expect(run.code, run.stderr).toBe(0);
    const cal = parseIcs(run.stdout.toString());
    const [event] = children(cal, 'VEVENT');
    expect(prop(event!, 'UID')!.value).toBe(`${id}@dabyl`);
    expect(prop(event!, 'DTSTART')!.value).toBe('20261028T100000');
  });

  it('writes the handbook as DOCX and the ExPlan as HTML', async () => {
    const out = path.join(dir, 'handbook.docx');
    const run = await inProcess(
      ['exercise', 'doc', id, '--kind', 'handbook', '--format', 'docx', '--out', out],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(out));
    expect(await zip.file('word/document.xml')!.async('string')).toContain('CONTROLLER-ONLY');
    const html = await inProcess(['exercise', 'doc', id, '--kind', 'explan'], env);
    expect(html.stdout.toString()).toContain('Kokshetau railway station');
    expect(html.stdout.toString()).not.toContain('SECRET-SCENARIO');
    const bad = await inProcess(['exercise', 'doc', id, '--kind', 'msel'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--kind must be one of');
  });

  it('writes the fixed text in the language asked for, and refuses one it does not know', async () => {
    const ru = await inProcess(['exercise', 'doc', id, '--kind', 'explan', '--lang', 'ru'], env);
    expect(ru.code, ru.stderr).toBe(0);
    expect(ru.stdout.toString()).toContain('<html lang="ru">');
    expect(ru.stdout.toString()).toContain('<h2>Это учение</h2>');
    expect(ru.stdout.toString()).toContain('Kokshetau railway station');
    const kk = await inProcess(['exercise', 'doc', id, '--kind', 'explan', '--lang', 'kk'], env);
    expect(kk.stdout.toString()).toContain('<h2>Бұл оқу-жаттығу</h2>');
    const de = await inProcess(['exercise', 'doc', id, '--kind', 'explan', '--lang', 'de'], env);
    expect(de.code).toBe(2);
    expect(de.stderr).toContain('--lang must be one of kk, ru, en');
  });

  it('exports a bundle and imports it as a new exercise', async () => {
    const file = path.join(dir, 'bundle.json');
    expect((await inProcess(['exercise', 'export', id, '--out', file], env)).code).toBe(0);
    const imported = await dabyl(['exercise', 'import', file], env);
    expect(imported.code, imported.stderr).toBe(0);
    const copy = imported.stdout.toString().trim();
    expect(copy).toMatch(/^[0-9a-f-]{36}$/);
    const again = JSON.parse((await inProcess(['exercise', 'export', copy], env)).stdout.toString()) as {
      msel: { title: string }[];
      venues: { name: string }[];
    };
    expect(again.msel.map((e) => e.title)).toEqual(['Unattended bag on platform 2']);
    expect(again.venues.map((v) => v.name)).toEqual(['Kokshetau railway station']);
    const missing = await inProcess(['exercise', 'export', '00000000-0000-4000-8000-000000000000'], env);
    expect(missing.code).toBe(4);
  });
});
