/**
 * `dabyl improvement list|add|set-status|test-in` through the real binary, on a temporary SQLite
 * folder holding two exercises of one headquarters, the later one to test the fix in.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { openRuntime } from '../../src/runtime.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { createOrganisation } from '../../src/services/organisations.service.js';
import { exerciseRow } from '../support/exercise-row.js';

const BIN = fileURLToPath(new URL('../../bin/dabyl.js', import.meta.url));

function dabyl(args: string[], dir: string, lang = 'en') {
  const env = Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => !!e[1] && !e[0].startsWith('DABYL_')),
  );
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: {
        ...env,
        DABYL_LOG_LEVEL: 'silent',
        DABYL_DATA_DIR: dir,
        DABYL_LANG: lang,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const exercise = (id: string, name: string, startex: string) =>
  exerciseRow({
    id,
    name,
    type: 'tabletop',
    startex,
    endex: startex.replace('T04', 'T10'),
    city: 'Pavlodar',
  });

describe('dabyl improvement', { timeout: 300_000 }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dabyl-improvement-cli-'));
  const first = randomUUID();
  const later = randomUUID();
  const capability = randomUUID();
  let organisation = '';

  beforeAll(async () => {
    const rt = await openRuntime(loadConfig({ DABYL_DATA_DIR: dir, DABYL_LOG_LEVEL: 'silent' }));
    try {
      organisation = (await createOrganisation(rt.ctx, SYSTEM_ACTOR, { name: 'Pavlodar HQ', kind: 'police' }))
        .id;
      await rt.ctx.db.kysely
        .insertInto('exercises')
        .values([
          exercise(first, 'Pavlodar power plant', '2026-10-21T04:00:00.000Z'),
          exercise(later, 'Pavlodar power plant, again', '2027-04-21T04:00:00.000Z'),
        ])
        .execute();
      await rt.ctx.db.kysely
        .insertInto('core_capabilities')
        .values({
          id: capability,
          name: 'Operational coordination',
          mission_area: 'response',
          description: '',
          builtin: 0,
        })
        .execute();
    } finally {
      await rt.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** `improvement add` for the first exercise, with `extra` options after the usual ones. */
  const add = (element: string, issue: string, action: string, extra: string[] = []) =>
    dabyl(
      [
        'improvement',
        'add',
        '--exercise',
        first,
        '--capability',
        capability,
        '--element',
        element,
        '--issue',
        issue,
        '--action',
        action,
        '--organisation',
        organisation,
        '--owner',
        'Someone',
        '--start',
        '2026-11-01',
        '--due',
        '2027-02-01',
        ...extra,
      ],
      dir,
    );

  it('adds an item, moves it, proposes it to the later exercise and lists it', async () => {
    const added = await add(
      'organisation',
      'Two command posts gave conflicting orders',
      'Name one incident commander',
      ['--owner', 'Colonel Serik Abenov', '--json'],
    );
    expect(added.code, added.stderr).toBe(0);
    const item = JSON.parse(added.stdout) as { id: string; status: string };
    expect(item.status).toBe('open');

    const moved = await dabyl(['improvement', 'set-status', item.id, 'in_progress', '--json'], dir);
    expect(moved.code, moved.stderr).toBe(0);
    expect(JSON.parse(moved.stdout)).toMatchObject({ status: 'in_progress' });

    const tested = await dabyl(['improvement', 'test-in', item.id, later, '--json'], dir);
    expect(tested.code, tested.stderr).toBe(0);
    expect(JSON.parse(tested.stdout)).toMatchObject({ testIn: { exerciseId: later, state: 'proposed' } });

    const list = await dabyl(['improvement', 'list', '--status', 'in_progress'], dir);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain('Name one incident commander');
    expect(list.stdout).toContain('Pavlodar power plant, again (proposed)');
    expect(list.stdout).toMatch(/^ID\s+STATUS\s+OVERDUE\s+DUE\s+EXERCISE/);
    expect(list.stdout).toContain('In progress');

    // The table in the reader's language: headings, status and the proposal worded, no raw codes.
    const ru = await dabyl(['improvement', 'list', '--status', 'in_progress', '--lang', 'ru'], dir);
    expect(ru.code, ru.stderr).toBe(0);
    expect(ru.stdout).toMatch(/^ID\s+СОСТОЯНИЕ\s+ПРОСРОЧКА\s+СРОК\s+УЧЕНИЕ\s+БАЗОВАЯ СПОСОБНОСТЬ/);
    expect(ru.stdout).toContain('В работе');
    expect(ru.stdout).toContain('Pavlodar power plant, again (предложено)');
    expect(ru.stdout).not.toContain('in_progress');
    const kk = await dabyl(['improvement', 'list', '--status', 'cancelled', '--lang', 'kk'], dir);
    expect(kk).toMatchObject({ code: 0, stdout: 'Сәйкес жетілдіру тармақтары жоқ.\n' });
  });

  it('refuses bad input naming the field, and a bad status as a usage error', async () => {
    const bad = await add('luck', 'x', 'y');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('element');
    const usage = await dabyl(['improvement', 'list', '--status', 'finished'], dir);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--status');
    const kk = await dabyl(['improvement', 'list', '--status', 'finished', '--lang', 'kk'], dir);
    expect(kk.code).toBe(2);
    expect(kk.stderr).toContain('--status мынаның бірі болуы керек');

    // A bad --lang is refused before anything is written: no item to find afterwards.
    const before = JSON.parse((await dabyl(['improvement', 'list', '--json'], dir)).stdout) as unknown[];
    const badLang = await add(
      'training',
      'Radios failed in the stairwell',
      'Issue repeaters to the entry teams',
      ['--lang', 'de'],
    );
    expect(badLang.code).toBe(2);
    expect(badLang.stderr).toContain('--lang must be one of kk, ru, en');
    // Refused in the language the reader would otherwise have had.
    const russian = await dabyl(['improvement', 'list', '--lang', 'de'], dir, 'ru');
    expect(russian.code).toBe(2);
    expect(russian.stderr).toContain('--lang должен быть одним из: kk, ru, en');
    const after = JSON.parse((await dabyl(['improvement', 'list', '--json'], dir)).stdout) as unknown[];
    expect(after).toHaveLength(before.length);
  });
});
