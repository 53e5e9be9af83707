/**
 * `dabyl msel import|export`, `dabyl exercise list|show --json`, `dabyl exercise no-play|resume-play`
 * `dabyl exercise comm-check` and `dabyl exercise milestones` through the real binary, on a
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
import { messyMselXlsx } from '../support/spreadsheets.js';

const BIN = fileURLToPath(new URL('../../bin/dabyl.js', import.meta.url));

function dabyl(
  args: string[],
  dir: string,
  lang = 'en',
): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DABYL_')));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...env, DABYL_LOG_LEVEL: 'silent', DABYL_DATA_DIR: dir, DABYL_LANG: lang },
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
  const run = await dabylInProcess(args, { DABYL_DATA_DIR: dir, DABYL_LANG: 'en' });
  return { ...run, stdout: Buffer.from(run.stdout) };
}

describe('dabyl msel and dabyl exercise', { timeout: 120_000 }, () => {
  let dir = '';
  let id = '';

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dabyl-cli-msel-'));
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
    writeFileSync(path.join(dir, 'plan.xlsx'), await messyMselXlsx());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists and shows exercises as JSON', async () => {
    const list = await dabyl(['exercise', 'list', '--json'], dir);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout.toString())).toContainEqual(
      expect.objectContaining({ id, name: 'Karaganda CLI' }),
    );
    const show = await inProcess(['exercise', 'show', id, '--json'], dir);
    expect(JSON.parse(show.stdout.toString())).toMatchObject({ exercise: { id, timeZone: 'Asia/Almaty' } });
  });

  it('reports per row and exits 1 when teams are missing, then imports with --create-teams', async () => {
    const file = path.join(dir, 'plan.xlsx');
    const refused = await dabyl(['msel', 'import', file, '--exercise', id, '--dry-run'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stdout.toString()).toMatch(
      /ERROR\s+row 6 To \(teams\): team "Дежурная часть" does not exist/,
    );
    expect(refused.stdout.toString()).toMatch(/nothing imported/);
    // The same report to a Russian-speaking planner: the columns, the finding and the outcome in Russian.
    const russian = await dabyl(['msel', 'import', file, '--exercise', id, '--dry-run'], dir, 'ru');
    expect(russian.code).toBe(1);
    const said = russian.stdout.toString();
    expect(said).toMatch(/^лист «.*», заголовки в строке \d+, время: Алматы/);
    expect(said).toMatch(/ОШИБКА\s+строка 6 Кому: команды «Дежурная часть» в этих учениях нет/);
    expect(said).toMatch(/ошибок: 5; ничего не импортировано/);
    expect(said).not.toMatch(/\b(row|team|does not|nothing|ERROR)\b/);
    expect(russian.stderr).toMatch(/ошибок: 5; ничего не импортировано/);
    const ok = await inProcess(['msel', 'import', file, '--exercise', id, '--create-teams'], dir);
    expect(ok.code, ok.stderr + ok.stdout.toString()).toBe(0);
    expect(ok.stdout.toString()).toMatch(/imported 5 rows/);
  });

  it('exports CSV to standard output and XLSX to a file', async () => {
    const csv = await inProcess(['msel', 'export', '--exercise', id, '--format', 'csv'], dir);
    expect(csv.code, csv.stderr).toBe(0);
    const text = csv.stdout.toString('utf8');
    expect(text.startsWith('\uFEFFNumber,Kind,Offset (H+)')).toBe(true);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(6);
    const out = path.join(dir, 'out.xlsx');
    const xlsx = await inProcess(['msel', 'export', '--exercise', id, '--format', 'xlsx', '--out', out], dir);
    expect(xlsx.code, xlsx.stderr).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });

  it('exports in Russian or Kazakh with --lang, a sheet the import finds unchanged, and refuses other languages', async () => {
    for (const [lang, head] of [
      ['ru', '\uFEFFНомер,Тип события,Время Ч+'],
      ['kk', '\uFEFFНөмірі,Түрі,Уақыт С+'],
    ] as const) {
      const out = await inProcess(
        ['msel', 'export', '--exercise', id, '--format', 'csv', '--lang', lang],
        dir,
      );
      expect(out.code, out.stderr).toBe(0);
      expect(out.stdout.toString('utf8').startsWith(head)).toBe(true);
      const file = path.join(dir, `msel-${lang}.csv`);
      writeFileSync(file, out.stdout);
      const dry = await inProcess(['msel', 'import', file, '--exercise', id, '--dry-run'], dir);
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stdout.toString()).toMatch(
        /matched by number: 5 unchanged \(approvals kept\), 0 to change, 0 to add/,
      );
    }
    const bad = await inProcess(['msel', 'export', '--exercise', id, '--lang', 'de'], dir);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--lang must be one of kk, ru, en/);
  });

  it('re-imports an edited MSEL by number: lists changes and missing events, removes them only when told', async () => {
    const exported = await inProcess(['msel', 'export', '--exercise', id, '--format', 'csv'], dir);
    const lines = exported.stdout.toString('utf8').split('\r\n').filter(Boolean);
    // Drop event 3 and change event 5's title.
    const edited = lines
      .filter((l) => !/^3,/.test(l))
      .map((l) => l.replace(/^5,(.*?),Оповещение[^,]*/, '5,$1,Отбой'));
    const file = path.join(dir, 'edited.csv');
    writeFileSync(file, edited.join('\r\n'));
    const dry = await inProcess(['msel', 'import', file, '--exercise', id, '--dry-run'], dir);
    const said = dry.stdout.toString();
    expect(dry.code, dry.stderr + said).toBe(0);
    expect(said).toMatch(/matched by number: 3 unchanged \(approvals kept\), 1 to change, 0 to add/);
    expect(said).toMatch(/changed 5 \(row \d+\): Title/);
    expect(said).toMatch(/kept\s+3 ".*" \(draft\): not in the sheet/);
    expect(said).toMatch(/--remove-missing/);
    const removed = await inProcess(['msel', 'import', file, '--exercise', id, '--remove-missing'], dir);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout.toString()).toMatch(/removed 3 ".*" \(draft\): not in the sheet/);
    const after = await inProcess(['msel', 'export', '--exercise', id, '--format', 'csv'], dir);
    expect(after.stdout.toString('utf8').split('\r\n').filter(Boolean)).toHaveLength(5);
  });

  it('switches NO PLAY on with a reason, refuses it twice, and resumes play', async () => {
    const on = await inProcess(['exercise', 'no-play', id, '--reason', 'Real fire near the venue'], dir);
    expect(on.code, on.stderr).toBe(0);
    expect(on.stdout.toString()).toMatch(
      /^NO PLAY on for Karaganda CLI at H\+00:00:00: Real fire near the venue/,
    );
    const twice = await inProcess(['exercise', 'no-play', id, '--reason', 'again'], dir);
    expect(twice.code).toBe(5);
    expect(twice.stderr).toMatch(/already on/);
    const off = await inProcess(['exercise', 'resume-play', id, '--reason', 'All clear', '--json'], dir);
    expect(off.code, off.stderr).toBe(0);
    expect(JSON.parse(off.stdout.toString())).toMatchObject({
      noPlay: null,
      history: [
        { command: 'no-play', reason: 'Real fire near the venue' },
        { command: 'resume-play', reason: 'All clear' },
      ],
    });
  }, 60_000);

  it('sends a communication check round and shows where it stands', async () => {
    const none = await inProcess(['exercise', 'comm-check', id], dir);
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout.toString()).toMatch(/no communication check has been sent yet/);
    const sent = await inProcess(['exercise', 'comm-check', id, '--send', '--json'], dir);
    expect(sent.code, sent.stderr).toBe(0);
    expect(JSON.parse(sent.stdout.toString())).toMatchObject({ round: { number: 1 }, counts: { people: 0 } });
    const again = await inProcess(['exercise', 'comm-check', id, '--send'], dir);
    expect(again.stdout.toString()).toMatch(/^round 2, started .*: 0 of 0 players reached/);
  }, 60_000);

  it('lists the milestones and refuses to mark one before STARTEX, saying why', async () => {
    const none = await inProcess(['exercise', 'milestones', id], dir);
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout.toString()).toMatch(/no milestone is named in the plan or reached yet/);
    const early = await inProcess(['exercise', 'milestones', id, '--reach', 'Perimeter secured'], dir);
    expect(early.code).not.toBe(0);
    expect(early.stderr).toMatch(/STARTEX/);
    const json = await inProcess(['exercise', 'milestones', id, '--json'], dir);
    expect(JSON.parse(json.stdout.toString())).toEqual([]);
  }, 60_000);

  it('carries a branching through export and import, and refuses a "Waits for" naming an option not offered', async () => {
    const exported = await inProcess(['msel', 'export', '--exercise', id, '--format', 'csv'], dir);
    const lines = exported.stdout.toString('utf8').split('\r\n').filter(Boolean);
    const [asks, waits] = lines.map((l, i) => ({ l, i })).filter(({ l }) => /^[^,]+,inject,/.test(l));
    const number = asks!.l.split(',')[0]!.replace(/^\uFEFF/, '');
    const withWaits = (option: string) => {
      const edited = [...lines];
      edited[asks!.i] = asks!.l.replace(/,,,,$/, ',Storm or negotiate?,Storm | Negotiate,,');
      edited[waits!.i] = waits!.l.replace(/,,,,$/, `,,,event ${number}: ${option},5`);
      return edited.join('\r\n');
    };
    const bad = path.join(dir, 'bad-branching.csv');
    writeFileSync(bad, withWaits('Surrender'));
    const refused = await inProcess(['msel', 'import', bad, '--exercise', id, '--dry-run'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stdout.toString()).toContain(
      `row ${waits!.i + 1} Waits for: “Surrender” is not one of the options`,
    );
    const good = path.join(dir, 'branching.csv');
    writeFileSync(good, withWaits('Storm'));
    const ok = await inProcess(['msel', 'import', good, '--exercise', id], dir);
    expect(ok.code, ok.stderr + ok.stdout.toString()).toBe(0);
    const again = await inProcess(['msel', 'export', '--exercise', id, '--format', 'csv'], dir);
    const text = again.stdout.toString('utf8');
    expect(text).toContain(`event ${number}: Storm,5`);
    expect(text).toContain('Storm or negotiate?');
  }, 60_000);
});
