import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/policy/policy.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { createExercise } from '../../src/services/planning/exercises.service.js';
import { addEvent } from '../../src/services/planning/msel.service.js';
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

const PLANNER = { username: 'astana.planner', password: 'Planner-Pass-2026-Nov' };
const PLAYER = { username: 'astana.player', password: 'Player-Pass-2026-Nov' };
const SOURCE = 'Astana: hostage taking at the railway station';
const TARGET = 'Shymkent: hostage taking at the market';
const INJECT = 'Caller reports shots fired in the waiting hall';
const ADMIN: Actor = {
  userId: 'test-fixture',
  grants: [{ role: 'admin', organisationId: null, exerciseId: null }],
};

describe('documents, calendar feeds, the inject catalogue and bundles in the console', () => {
  let server: TestServer;
  let browser: Browser;
  let planner: Page;
  let sourceId = '';

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    await server.createUser(PLANNER.username, PLANNER.password, 'planner');
    await server.createUser(PLAYER.username, PLAYER.password, 'player');
    const ctx = server.server.runtime.ctx;
    const make = (name: string, city: string) =>
      createExercise(ctx, SYSTEM_ACTOR, {
        name,
        type: 'full-scale',
        timeZone: 'Asia/Almaty',
        city,
        threat: 'Hostage taking',
        startex: '2026-12-01T09:00:00+05:00',
        endex: '2026-12-01T18:00:00+05:00',
      });
    const source = await make(SOURCE, 'Astana');
    await make(TARGET, 'Shymkent');
    sourceId = source.id;
    await addEvent(ctx, SYSTEM_ACTOR, ADMIN, source.id, {
      number: '1',
      kind: 'inject',
      offsetMinutes: 30,
      method: 'phone',
      title: INJECT,
      content: 'Two men with rifles entered through the north door.',
    });
    planner = await newPage(browser);
    await signIn(planner, server.url, PLANNER.username, PLANNER.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const openSharing = async (page: Page, name: string) => {
    await page.getByRole('navigation').getByRole('link', { name: 'Exercises' }).click();
    await page.getByRole('link', { name }).first().click();
    await page.getByRole('tab', { name: 'Documents and sharing' }).click();
    await page.getByRole('tab', { name: 'Documents and sharing', selected: true }).waitFor();
  };

  it('gives a planner the handbook as DOCX and the ExPlan as HTML', async () => {
    await openSharing(planner, SOURCE);
    const [download] = await Promise.all([
      planner.waitForEvent('download'),
      planner.getByRole('link', { name: 'Download DOCX: Controller/Evaluator Handbook' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const docx = readFileSync((await download.path()) ?? '');
    expect(docx.subarray(0, 2).toString()).toBe('PK');

    const [explan] = await Promise.all([
      planner.context().waitForEvent('page'),
      planner.getByRole('link', { name: 'Open HTML: Exercise Plan (ExPlan)' }).click(),
    ]);
    await explan.waitForLoadState();
    expect(await explan.content()).toContain(SOURCE);
    await screenshot(explan, 'sharing-explan-html');
    await explan.close();
  });

  it('creates a calendar feed whose address serves iCalendar, and revokes it', async () => {
    await planner.getByRole('button', { name: 'Create calendar feed' }).click();
    const url = (await planner.getByTestId('calendar-feed-url').innerText()).trim();
    expect(url).toMatch(/\/api\/v1\/calendar\/.+\.ics$/);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(await res.text()).toContain('BEGIN:VCALENDAR');
    await planner
      .getByRole('table', { name: 'My calendar feeds' })
      .getByRole('rowheader', { name: SOURCE })
      .waitFor();
    await screenshot(planner, 'sharing-tab');
    await expectAccessible(planner, 'documents and sharing tab');

    await planner.getByRole('button', { name: 'Revoke' }).click();
    await planner.getByText('Revoked').waitFor();
    expect((await fetch(url)).status).toBe(404);
  });

  it('saves an inject to the catalogue and copies it into another MSEL', async () => {
    await planner.getByRole('navigation').getByRole('link', { name: 'Inject catalogue' }).click();
    await planner.getByRole('heading', { name: 'Inject catalogue', level: 1 }).waitFor();
    await planner.getByRole('button', { name: 'Save an MSEL event' }).click();
    const save = planner.getByRole('dialog', { name: 'Save an MSEL event to the catalogue' });
    await save.getByLabel('Exercise').selectOption({ label: SOURCE });
    await save.getByLabel('MSEL event').selectOption({ label: `1. ${INJECT}` });
    await screenshot(planner, 'catalogue-save');
    await expectAccessible(planner, 'save to catalogue dialog');
    await save.getByRole('button', { name: 'Save to catalogue' }).click();
    await save.waitFor({ state: 'detached' });
    await planner.getByRole('rowheader', { name: new RegExp(INJECT) }).waitFor();

    await planner.getByLabel('Hazard').selectOption({ label: 'hostage taking' });
    await planner.getByRole('rowheader', { name: new RegExp(INJECT) }).waitFor();
    await planner.getByLabel(`Choose ${INJECT}`).check();
    expect(await planner.getByLabel(`Choose ${INJECT}`).isChecked()).toBe(true);
    await screenshot(planner, 'catalogue');
    await expectAccessible(planner, 'inject catalogue');
    await planner.getByRole('button', { name: 'Copy into MSEL' }).click();
    const copy = planner.getByRole('dialog', { name: 'Copy into an MSEL' });
    await copy.getByLabel('Into the MSEL of').selectOption({ label: TARGET });
    await copy.getByRole('button', { name: 'Copy injects' }).click();
    await planner.getByRole('heading', { name: TARGET, level: 1 }).waitFor();
    await planner.getByRole('tab', { name: 'MSEL', selected: true }).waitFor();
    await planner.getByText(INJECT).first().waitFor();
    await screenshot(planner, 'catalogue-copied-msel');
  });

  it('exports an exercise bundle and imports it as a new exercise', async () => {
    await planner.goto(`${server.url}/console/exercises/${sourceId}/sharing`);
    const [download] = await Promise.all([
      planner.waitForEvent('download'),
      planner.getByRole('link', { name: 'Export exercise' }).click(),
    ]);
    const file = (await download.path()) ?? '';
    const bundle = JSON.parse(readFileSync(file, 'utf8')) as { format: string };
    expect(bundle.format).toBe('dabyl.exercise-bundle');

    await planner.getByRole('navigation').getByRole('link', { name: 'Exercises' }).click();
    await planner.getByRole('heading', { name: 'Exercises', level: 1 }).waitFor();
    await planner.evaluate(() => window.scrollTo(0, 0));
    await screenshot(planner, 'exercises-import-button');
    const [chooser] = await Promise.all([
      planner.waitForEvent('filechooser'),
      planner.getByRole('button', { name: 'Import exercise' }).click(),
    ]);
    await chooser.setFiles(file);
    await planner.waitForURL((u) => !u.pathname.endsWith(sourceId) && /\/exercises\/[^/]+/.test(u.pathname));
    await planner.getByRole('heading', { name: SOURCE, level: 1 }).waitFor();
    expect(planner.url()).not.toContain(sourceId);
    expectNoPageProblems(planner);
  });

  it('shows a player the ExPlan but no handbook', async () => {
    const player = await newPage(browser);
    await signIn(player, server.url, PLAYER.username, PLAYER.password);
    await openSharing(player, TARGET);
    await player.getByRole('link', { name: 'Open HTML: Exercise Plan (ExPlan)' }).waitFor();
    expect(await player.getByText('Controller/Evaluator Handbook').count()).toBe(0);
    expect(await player.getByRole('link', { name: 'Export exercise' }).count()).toBe(0);
    await screenshot(player, 'sharing-player');
    await expectAccessible(player, 'documents tab for a player');
    expectNoPageProblems(player);
  });

  it('reads the documents and calendar screen in Kazakh', async () => {
    await planner.goto(`${server.url}/console/exercises/${sourceId}/sharing`);
    await planner.getByRole('button', { name: 'Қазақша' }).click();
    await planner.getByRole('tab', { name: 'Құжаттар және бөлісу', selected: true }).waitFor();
    await planner.getByRole('link', { name: 'DOCX жүктеу: Бақылаушы мен бағалаушы нұсқаулығы' }).waitFor();
    await screenshot(planner, 'sharing-tab-kk');
    await expectAccessible(planner, 'documents and sharing tab in Kazakh');
  });
});
