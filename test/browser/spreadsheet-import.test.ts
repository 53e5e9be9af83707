import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/policy/policy.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { createExercise } from '../../src/services/planning/exercises.service.js';
import { importSpreadsheet } from '../../src/services/planning/import.service.js';
import { getMsel } from '../../src/services/planning/msel.service.js';
import { addTeam } from '../../src/services/planning/plan.service.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  ensureConsoleBuilt,
  expectAccessible,
  expectNoPageProblems,
  launchBrowser,
  newPage,
  screenshot,
  signIn,
} from './support.js';

const ADMIN: Actor = {
  userId: 'test-fixture',
  grants: [{ role: 'admin', organisationId: null, exerciseId: null }],
};

/** A planner's MSEL: title rows above the table, Russian headings, a team the exercise lacks. */
async function mselXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('План проведения');
  ws.mergeCells('A1:F1');
  ws.getCell('A1').value = 'ПЛАН-СЦЕНАРИЙ антитеррористического учения «Караганда-2026»';
  ws.getCell('A2').value = 'г. Караганда, 25 октября 2026 г.';
  ws.getRow(4).values = [
    '№ п/п',
    'Время Ч+',
    'Кому',
    'Содержание вводной',
    'Способ доведения',
    'Пометки штаба',
  ];
  ws.addRow(['1', 'Ч+00:10', 'СОБР', 'Звонок: стрельба у ворот учреждения', 'телефон', 'первый звонок']);
  ws.addRow(['2', 'Ч+00:40', 'Дежурная часть', 'Группа захватила здание школы №12', 'радио', '']);
  ws.addRow(['3', 'Ч+01:30', 'СОБР', 'Заложников везут в аэропорт на автобусе', 'радио', 'проверить связь']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('importing and exporting spreadsheets in the console', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let exerciseId = '';

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const ctx = server.server.runtime.ctx;
    const exercise = await createExercise(ctx, SYSTEM_ACTOR, {
      name: 'Karaganda-2026 (imported MSEL)',
      type: 'full-scale',
      timeZone: 'Asia/Almaty',
      city: 'Karaganda',
      startex: '2026-10-25T09:00:00+05:00',
      endex: '2026-10-25T18:00:00+05:00',
    });
    exerciseId = exercise.id;
    await addTeam(ctx, SYSTEM_ACTOR, ADMIN, exerciseId, { name: 'СОБР' });
    page = await newPage(browser);
    await signIn(page, server.url, server.admin.username, server.admin.password);
    await page.getByRole('navigation').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('checks the file, shows per-row problems and times in the zone, then imports all of it', async () => {
    await page.goto(`${server.url}/console/exercises/${exerciseId}/msel`);
    await page.getByRole('button', { name: 'Import MSEL…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import the MSEL from a spreadsheet' });
    await dialog.waitFor();
    await page.locator('input[type="file"]').setInputFiles({
      name: 'msel-karaganda.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await mselXlsx(),
    });

    // The dry run: heading row found under the title rows, an error on the row naming an unknown team.
    await dialog.getByText('Column headings found on row 4 of “План проведения”.').waitFor();
    const issues = dialog.getByTestId('import-issues');
    const errorRow = issues.getByRole('row').filter({ hasText: 'Дежурная часть' });
    await errorRow.waitFor();
    expect(await errorRow.getByRole('cell').first().textContent()).toBe('6');
    await dialog.getByText('Times read in Almaty').waitFor();
    const preview = dialog.getByTestId('import-preview');
    await preview.getByRole('columnheader', { name: 'Time (Almaty)' }).waitFor();
    await preview.getByRole('cell', { name: /09:10/ }).waitFor();
    expect(await dialog.getByRole('button', { name: 'Import 3 rows' }).isDisabled()).toBe(true);
    // Nothing was written by the dry run.
    expect((await getMsel(server.server.runtime.ctx, ADMIN, exerciseId)).events).toEqual([]);
    await screenshot(page, 'spreadsheet-import-errors');
    // The modal scrolls inside the viewport: bring the problems and the preview into the picture too.
    await issues.scrollIntoViewIfNeeded();
    await screenshot(page, 'spreadsheet-import-issues');
    await expectAccessible(page, 'import wizard with problems');

    // Map the unrecognised column to Notes, and let the import create the missing team.
    const notes = dialog.getByLabel('Field for column “Пометки штаба”');
    await notes.selectOption('notes');
    await dialog.getByLabel('Create teams the sheet names that do not exist').check();
    await dialog.getByText('0 errors').waitFor();
    await expect.poll(() => notes.inputValue()).toBe('notes');
    await screenshot(page, 'spreadsheet-import-ready');
    await expectAccessible(page, 'import wizard ready');

    await dialog.getByRole('button', { name: 'Import 3 rows' }).click();
    await dialog.getByText('3 rows imported.').waitFor();
    await dialog.getByText('Teams created: Дежурная часть.').waitFor();
    await screenshot(page, 'spreadsheet-import-done');
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();

    for (const n of ['1', '2', '3'])
      await page.getByRole('rowheader', { name: new RegExp(`^${n}\\b`) }).waitFor();
    await page.getByText('Группа захватила здание школы №12').first().waitFor();
    await screenshot(page, 'spreadsheet-import-msel');
    expectNoPageProblems(page);
  });

  it('tells a Kazakh planner each row’s problem in Kazakh', async () => {
    const ctx = server.server.runtime.ctx;
    const other = await createExercise(ctx, SYSTEM_ACTOR, {
      name: 'Қарағанды-2026',
      type: 'full-scale',
      timeZone: 'Asia/Almaty',
      startex: '2026-10-25T09:00:00+05:00',
      endex: '2026-10-25T18:00:00+05:00',
    });
    await addTeam(ctx, SYSTEM_ACTOR, ADMIN, other.id, { name: 'СОБР' });
    const kk = await newPage(browser);
    await signIn(kk, server.url, server.admin.username, server.admin.password, 'Қазақша');
    await kk.getByRole('navigation').waitFor();
    await kk.goto(`${server.url}/console/exercises/${other.id}/msel`);
    await kk.getByRole('button', { name: 'MSEL импорттау…' }).click();
    const dialog = kk.getByRole('dialog', { name: 'MSEL-ді кестеден импорттау' });
    await kk.locator('input[type="file"]').setInputFiles({
      name: 'msel.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await mselXlsx(),
    });
    const issues = dialog.getByTestId('import-issues');
    const team = issues.getByRole('row').filter({ hasText: 'Дежурная часть' });
    await team.getByText('бұл оқу-жаттығуда «Дежурная часть» тобы жоқ', { exact: false }).waitFor();
    // Every finding in Kazakh: the sheet's own Russian words aside, no Latin word is left.
    const said = await issues.locator('tbody').innerText();
    expect(said.match(/[A-Za-z]{2,}/g)).toBeNull();
    await issues.scrollIntoViewIfNeeded();
    await screenshot(kk, 'spreadsheet-import-issues-kk');
    await kk.close();
  });

  it('exports the MSEL as a file the browser downloads', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export MSEL (XLSX)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(await file.path()) as unknown as ArrayBuffer);
    const text = JSON.stringify(wb.worksheets.map((w) => w.getSheetValues()));
    expect(text).toContain('Группа захватила здание школы №12');

    const csv = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export MSEL (CSV)' }).click();
    expect((await csv).suggestedFilename()).toMatch(/\.csv$/);
  });

  it('exports in the language picked for the sheet, which imports back with every event unchanged', async () => {
    const picker = page.getByRole('combobox', { name: 'Language of the exported MSEL' });
    // The console's language is the default.
    expect(await picker.inputValue()).toBe('en');
    await picker.selectOption('ru');
    await screenshot(page, 'spreadsheet-export-language');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export MSEL (XLSX)' }).click();
    const body = readFileSync(await (await download).path());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.name).toBe('Перечень вводных');
    expect((sheet.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['Номер', 'Тип события', 'Время Ч+']);
    expect(sheet.getRow(2).getCell(2).value).toBe('Вводная');
    const ctx = server.server.runtime.ctx;
    const dry = await importSpreadsheet(ctx, SYSTEM_ACTOR, ADMIN, exerciseId, 'msel', body, { dryRun: true });
    expect(dry.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(dry.changes).toMatchObject({ changed: [], added: [], missing: [], approvalsReset: 0 });
    expect(dry.changes?.unchanged).toHaveLength((await getMsel(ctx, ADMIN, exerciseId)).events.length);
    await expectAccessible(page, 'spreadsheet export language');
    await picker.selectOption('en');
    expectNoPageProblems(page);
  });

  it('shows what a re-import keeps, changes, adds and would remove, and removes only when ticked', async () => {
    const ctx = server.server.runtime.ctx;
    const before = new Map((await getMsel(ctx, ADMIN, exerciseId)).events.map((e) => [e.number, e.id]));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('План проведения');
    ws.addRow(['№ п/п', 'Время Ч+', 'Кому', 'Содержание вводной', 'Способ доведения']);
    ws.addRow(['1', 'Ч+00:10', 'СОБР', 'Звонок: стрельба у ворот учреждения', 'телефон']);
    ws.addRow(['2', 'Ч+00:50', 'Дежурная часть', 'Группа захватила здание школы №12', 'радио']);
    ws.addRow(['4', 'Ч+02:00', 'СОБР', 'Автобус прибыл в аэропорт', 'лично']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());

    await page.getByRole('button', { name: 'Import MSEL…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import the MSEL from a spreadsheet' });
    await page.locator('input[type="file"]').setInputFiles({
      name: 'msel-edited.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    });
    const changes = dialog.getByTestId('import-changes');
    await changes.getByText('1 unchanged, 1 changed, 1 new.').waitFor();
    await changes
      .getByTestId('import-changed')
      .getByText(/^2 \(row 3\): Offset from STARTEX/)
      .waitFor();
    await changes.getByText('1 event is not in the sheet').waitFor();
    await changes
      .getByTestId('import-missing')
      .getByText(/^3 “Заложников везут/)
      .waitFor();
    await dialog.getByTestId('import-preview').getByRole('cell', { name: 'Unchanged' }).waitFor();
    await screenshot(page, 'spreadsheet-reimport-dry-run');
    await expectAccessible(page, 'import wizard re-import');
    expect((await getMsel(ctx, ADMIN, exerciseId)).events).toHaveLength(3);

    await changes.getByLabel('Remove this event from the MSEL (otherwise it is kept)').check();
    await dialog.getByText('0 errors').waitFor();
    await dialog.getByRole('button', { name: 'Import 3 rows' }).click();
    await dialog.getByText('Changed: 1, new: 1, removed: 1, unchanged: 1.').waitFor();
    const after = new Map((await getMsel(ctx, ADMIN, exerciseId)).events.map((e) => [e.number, e.id]));
    expect([...after.keys()].sort()).toEqual(['1', '2', '4']);
    expect(after.get('1')).toBe(before.get('1'));
    expect(after.get('2')).toBe(before.get('2'));
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    expectNoPageProblems(page);
  });

  it('says a running exercise’s plan is frozen, not that someone else saved first', async () => {
    const ctx = server.server.runtime.ctx;
    const first = (await getMsel(ctx, ADMIN, exerciseId)).events[0]!;
    // Started by someone else while this planner still has the grid open.
    await ctx.db.kysely
      .updateTable('exercises')
      .set({ status: 'running' })
      .where('id', '=', exerciseId)
      .execute();
    await page.getByRole('button', { name: new RegExp(`^Edit title of ${first.number}:`) }).click();
    const title = page.getByRole('textbox', { name: new RegExp(`^Edit title of ${first.number}$`) });
    await title.fill('Shots at the gate, second call');
    await title.press('Enter');
    await page
      .getByRole('alert')
      .filter({
        hasText: 'The exercise’s status is “Running”: its plan is frozen and can no longer be changed.',
      })
      .waitFor();
    expect(await page.getByTestId('msel-conflict').count()).toBe(0);
    await screenshot(page, 'msel-plan-frozen');
  });
});
