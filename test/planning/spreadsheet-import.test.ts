import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/policy/policy.js';
import type { AppContext } from '../../src/services/context.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { createExercise } from '../../src/services/planning/exercises.service.js';
import { exportSpreadsheet } from '../../src/services/planning/export.service.js';
import { importSpreadsheet } from '../../src/services/planning/import.service.js';
import { readSpreadsheet } from '../../src/services/planning/spreadsheet/read-file.js';
import { getMsel } from '../../src/services/planning/msel.service.js';
import { addTeam } from '../../src/services/planning/plan.service.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { messyMselXlsx, xxeXlsx } from '../support/spreadsheets.js';

const ADMIN: Actor = {
  userId: 'test-admin',
  grants: [{ role: 'admin', organisationId: null, exerciseId: null }],
};

describe.each(ENGINES)('MSEL spreadsheet import on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;

  async function exercise(name: string, teams: string[] = ['Дежурная часть', 'СОБР']): Promise<string> {
    const ex = await createExercise(ctx, SYSTEM_ACTOR, {
      name,
      type: 'full-scale',
      timeZone: 'Asia/Almaty',
      startex: '2026-10-25T09:00:00+05:00',
      endex: '2026-10-25T17:00:00+05:00',
    });
    for (const t of teams) await addTeam(ctx, SYSTEM_ACTOR, ADMIN, ex.id, { name: t });
    return ex.id;
  }
  const count = async (id: string) => (await getMsel(ctx, ADMIN, id)).events.length;

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    ctx = rt.ctx;
    drop = rt.drop;
  });
  afterAll(async () => drop?.());

  it('reads a planner’s messy workbook: title rows, merged two-level header, Russian names, Excel dates', async () => {
    const id = await exercise('Караганда');
    const file = await messyMselXlsx();
    const dry = await importSpreadsheet(ctx, SYSTEM_ACTOR, ADMIN, id, 'msel', file, { dryRun: true });
    expect(dry.sheet).toBe('План проведения');
    expect(dry.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(dry.ok).toBe(true);
    expect(dry.imported).toBe(0);
    expect(await count(id)).toBe(0);
    expect(dry.columns.map((c) => c.field)).toEqual([
      'number',
      'offset',
      'time',
      'to',
      'content',
      'expectedAction',
      'method',
      null,
    ]);
    expect(dry.preview.map((p) => [p.number, p.offset, p.scheduledLocal, p.to])).toEqual([
      ['1', 'H+00:10', '2026-10-25 09:10 (UTC+05:00)', ['Дежурная часть']],
      ['2', 'H+00:40', '2026-10-25 09:40 (UTC+05:00)', ['СОБР']],
      ['3', 'H+01:30', '2026-10-25 10:30 (UTC+05:00)', ['СОБР']],
      ['4', 'H+02:00', '2026-10-25 11:00 (UTC+05:00)', ['СОБР']],
      ['5', 'H+02:30', '2026-10-25 11:30 (UTC+05:00)', ['Дежурная часть']],
    ]);
    const messages = dry.issues.map((i) => `${i.row}: ${i.message}`).join('\n');
    expect(messages).toMatch(/H "Комментарий штаба" is not a field we know; it is ignored/);
    expect(messages).toMatch(/8: row 8 looks like a section heading/);
    expect(messages).toMatch(/10: cell D10: the cell is part of a merged range; the value of D9 is used/);
    expect(messages).toMatch(/11: cell A11: the cell is a formula; its last calculated value is used/);

    const done = await importSpreadsheet(ctx, SYSTEM_ACTOR, ADMIN, id, 'msel', file);
    expect(done.imported).toBe(5);
    const msel = await getMsel(ctx, ADMIN, id);
    expect(msel.events.map((e) => [e.number, e.method, e.approval])).toEqual([
      ['1', 'phone', 'draft'],
      ['2', 'radio', 'draft'],
      ['3', 'radio', 'draft'],
      ['4', 'in-person', 'draft'],
      ['5', 'siren', 'draft'],
    ]);
    expect(msel.events[0]!.title).toBe('Звонок: стрельба у ворот исправительного учреждения');
  });

  it('is all or nothing: one bad row, and nothing is written', async () => {
    const id = await exercise('All or nothing');
    const csv = [
      'Number;Offset (H+);Title;To (teams);Method;Content',
      '1;H+00:10;First;СОБР;radio;text',
      '2;31.02.2026 10:00;Bad date;СОБР;radio;text',
      '3;H+00:30;Unknown team;Саперы;radio;text',
      '4;H+00:40;Bad method;СОБР;pigeon;text',
      '1;H+00:50;Duplicate number;СОБР;radio;text',
      '6;H+12:00;After ENDEX;СОБР;radio;text',
    ].join('\r\n');
    const report = await importSpreadsheet(ctx, SYSTEM_ACTOR, ADMIN, id, 'msel', Buffer.from(csv));
    expect(report.ok).toBe(false);
    expect(report.imported).toBe(0);
    const byRow: Record<number, string> = {};
    for (const i of report.issues)
      if (i.severity === 'error') byRow[i.row ?? 0] = `${byRow[i.row ?? 0] ?? ''} ${i.message}`;
    expect(byRow[3]).toMatch(/not a real date/);
    expect(byRow[4]).toMatch(/team "Саперы" does not exist/);
    expect(byRow[5]).toMatch(/"pigeon" is not a delivery method/);
    expect(byRow[6]).toMatch(/Number 1 is used twice/);
    expect(byRow[7]).toMatch(/ENDEX|outside/i);
    expect(await count(id)).toBe(0);
  });

  it('creates the teams a sheet names when asked to, and remembers the mapping for next time', async () => {
    const id = await exercise('Teams', []);
    const csv =
      'Вводная №,Когда,Получатель,Тема,Текст\n1,H+00:05,Саперы,Подозрительный предмет,Сумка у входа\n';
    const first = await importSpreadsheet(ctx, SYSTEM_ACTOR, ADMIN, id, 'msel', Buffer.from(csv), {
      mapping: { 'Вводная №': 'number', Когда: 'offset' },
      createTeams: true,
    });
    expect(first.ok).toBe(true);
    expect(first.teamsCreated).toEqual(['Саперы']);
    const again = await importSpreadsheet(
      ctx,
      SYSTEM_ACTOR,
      ADMIN,
      id,
      'msel',
      Buffer.from('Вводная №,Когда,Получатель,Тема,Текст\n2,H+00:10,Саперы,Второй,Ещё одна\n'),
      { dryRun: true },
    );
    expect(again.ok).toBe(true);
    expect(again.columns.filter((c) => c.source === 'remembered').map((c) => c.field)).toEqual(
      expect.arrayContaining(['number', 'offset']),
    );
  });

  it('refuses bad files with a clear sentence: encrypted, legacy, broken, empty, too many rows', async () => {
    const id = await exercise('Bad files');
    const encrypted = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(512),
      Buffer.from('EncryptionInfo', 'utf16le'),
    ]);
    await expect(importSpreadsheet(ctx, SYSTEM_ACTOR, ADMIN, id, 'msel', encrypted)).rejects.toMatchObject({
      detail: expect.stringMatching(/password-protected/),
    });
    await expect(
      importSpreadsheet(
        ctx,
        SYSTEM_ACTOR,
        ADMIN,
        id,
        'msel',
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]),
      ),
    ).rejects.toMatchObject({ detail: expect.stringMatching(/\.xls/) });
    const broken = (await messyMselXlsx()).subarray(0, 3000);
    await expect(importSpreadsheet(ctx, SYSTEM_ACTOR, ADMIN, id, 'msel', broken)).rejects.toMatchObject({
      detail: expect.stringMatching(/damaged|could not be read/),
    });
    await expect(
      importSpreadsheet(ctx, SYSTEM_ACTOR, ADMIN, id, 'msel', Buffer.alloc(0)),
    ).rejects.toMatchObject({
      detail: 'The file is empty',
    });
    const rows = ['Number,Offset,Title', ...Array.from({ length: 100_000 }, (_, i) => `${i},H+00:01,x`)].join(
      '\n',
    );
    await expect(
      importSpreadsheet(ctx, SYSTEM_ACTOR, ADMIN, id, 'msel', Buffer.from(rows)),
    ).rejects.toMatchObject({ status: 413, detail: expect.stringMatching(/at most 20,000/) });
    expect(await count(id)).toBe(0);
  });

  it('leaves an XXE entity in a sheet inert', async () => {
    const id = await exercise('XXE');
    // saxes neither fetches nor expands the external entity: the part is refused as unreadable.
    const outcome = await importSpreadsheet(ctx, SYSTEM_ACTOR, ADMIN, id, 'msel', xxeXlsx('/etc/passwd'), {
      dryRun: true,
    }).catch((err: unknown) => err);
    expect(outcome).toMatchObject({
      code: 'unreadable_file',
      detail: expect.stringMatching(/undefined entity/),
    });
    expect(JSON.stringify(outcome)).not.toMatch(/root:/);
  });

  it('exports CSV with a BOM, quoting and neutralised formulas, and XLSX with text cells', async () => {
    const id = await exercise('Export');
    const csv =
      'Number,Offset,Title,Content\n1,H+00:10,"=HYPERLINK(""http://x"")","Line one\nline two, with ""quotes"""\n';
    expect((await importSpreadsheet(ctx, SYSTEM_ACTOR, ADMIN, id, 'msel', Buffer.from(csv))).ok).toBe(true);
    const out = await exportSpreadsheet(ctx, ADMIN, id, 'msel', 'csv');
    const text = out.body.toString('utf8');
    expect(text.startsWith('\uFEFFNumber,Kind,Offset (H+),Local time (Asia/Almaty)')).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).toContain('"Line one\nline two, with ""quotes"""');
    const xlsx = await exportSpreadsheet(ctx, ADMIN, id, 'msel', 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getCell('J2').value).toBe('=HYPERLINK("http://x")');
    expect(wb.worksheets[0]!.getCell('J2').type).toBe(ExcelJS.ValueType.String);
  });
});

describe('spreadsheet size limits', () => {
  it('refuses a 100,000-row XLSX from its declared size, before unpacking it', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('MSEL');
    ws.addRow(['Number', 'Offset', 'Title']);
    for (let i = 1; i <= 100_000; i++) ws.addRow([i, 'H+00:01', 'x']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    await expect(readSpreadsheet(file)).rejects.toMatchObject({
      status: 413,
      detail: expect.stringMatching(/100,001 rows; at most 20,000/),
    });
    // Writing the 100,000-row fixture is most of this test's time, and slow on a loaded machine.
  }, 120_000);
});
