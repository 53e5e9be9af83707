import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { getMsel, updateEvent } from '../../src/services/planning/msel.service.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { exerciseWithInjects } from './planningFixtures.js';
import {
  ensureConsoleBuilt,
  expectAccessible,
  expectNoPageProblems,
  launchBrowser,
  newPage,
  screenshot,
  signIn,
} from './support.js';

const PLANNER = { username: 'karaganda.planner', password: 'Planner-Pass-2026-Oct' };
const DIRECTOR = { username: 'karaganda.director', password: 'Director-Pass-2026-Oct' };
const PLAYER = { username: 'patrol.player', password: 'Patrol-Player-Pass-2026' };
const EXERCISE = 'Karaganda: prison attack and school seizure';

describe('planning an exercise in the console', () => {
  let server: TestServer;
  let browser: Browser;
  let planner: Page;
  let exerciseUrl = '';

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    await server.createUser(PLANNER.username, PLANNER.password, 'planner');
    await server.createUser(DIRECTOR.username, DIRECTOR.password, 'director');
    await server.createUser(PLAYER.username, PLAYER.password, 'player');
    planner = await newPage(browser);
    await signIn(planner, server.url, PLANNER.username, PLANNER.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const tab = async (page: Page, name: string) => {
    await page.getByRole('tab', { name }).click();
    await page.getByRole('tab', { name, selected: true }).waitFor();
  };

  it('lets a planner create an exercise with local times in its zone', async () => {
    await planner.getByRole('navigation').getByRole('link', { name: 'Exercises' }).click();
    await planner.getByRole('heading', { name: 'Exercises', level: 1 }).waitFor();
    await planner.getByRole('button', { name: 'New exercise' }).click();
    const dialog = planner.getByRole('dialog', { name: 'New exercise' });
    await dialog.getByLabel(/^Name/).fill(EXERCISE);
    await dialog.getByLabel('City').fill('Karaganda');
    expect(await dialog.getByLabel('Time zone').inputValue()).toBe('Asia/Almaty');
    await dialog.getByLabel(/^STARTEX/).fill('2026-10-25T09:00');
    await dialog.getByLabel(/^ENDEX/).fill('2026-10-25T18:00');
    await dialog.getByLabel('Handling marking').fill('For official use only');
    await dialog.getByText('Local time in Almaty (UTC+05:00)').first().waitFor();
    await screenshot(planner, 'planning-new-exercise');
    await expectAccessible(planner, 'new exercise dialog');
    await dialog.getByRole('button', { name: 'Create exercise' }).click();

    await planner.getByRole('heading', { name: EXERCISE, level: 1 }).waitFor();
    exerciseUrl = planner.url().replace(/\/overview$/, '');
    await planner.getByTestId('handling-marking').getByText('For official use only').waitFor();
    await planner.getByText('2026-10-25 09:00 (UTC+05:00) Almaty').waitFor();
    await planner.getByRole('button', { name: 'Mark planned' }).click();
    await planner.getByRole('button', { name: 'Back to draft' }).waitFor();
    await screenshot(planner, 'planning-overview');
    await expectAccessible(planner, 'exercise overview');
  });

  it('adds a team, an objective and a venue placed on the map', async () => {
    await tab(planner, 'Participants');
    await planner.getByLabel(/^Team name/).fill('Police patrol 1');
    await planner.getByRole('button', { name: 'Add team' }).click();
    await planner.getByRole('rowheader', { name: 'Police patrol 1' }).waitFor();
    await planner.getByLabel(/^Name/).fill('Sgt. Abenov');
    await planner.getByLabel('Exercise role').selectOption('controller');
    await planner.getByRole('button', { name: 'Add person' }).click();
    await planner.getByRole('rowheader', { name: 'Sgt. Abenov' }).waitFor();
    await screenshot(planner, 'planning-participants');
    await expectAccessible(planner, 'participants');

    await tab(planner, 'Objectives');
    await planner
      .getByRole('textbox', { name: /^Objective/ })
      .fill('Contain the prison riot within 60 minutes of the first report');
    await planner.getByLabel('Core capability').selectOption({ index: 1 });
    await planner.getByLabel(/^Critical tasks/).fill('Seal the perimeter\nOpen negotiation');
    await planner.getByRole('button', { name: 'Add objective' }).click();
    // The task as listed under the objective; the form may still hold the typed lines a moment.
    await planner.getByText('Seal the perimeter', { exact: true }).waitFor();
    await screenshot(planner, 'planning-objectives');
    await expectAccessible(planner, 'objectives');

    await tab(planner, 'Venues & map');
    // The map is ready once its basemap style has loaded (WebGL in software, so give it time).
    const map = planner.locator('[data-ready="true"]');
    await map.waitFor({ timeout: 30_000 });
    await planner.getByRole('textbox', { name: /^Venue/ }).fill('Prison UK-161/2');
    await planner.getByLabel('Kind').first().selectOption('prison');
    await planner.getByRole('button', { name: 'Place on the map' }).click();
    await map.click({ position: { x: 420, y: 200 } });
    await expect.poll(() => planner.getByLabel(/^Latitude/).inputValue()).not.toBe('');
    expect(Number(await planner.getByLabel(/^Longitude/).inputValue())).not.toBeNaN();
    await planner.getByRole('button', { name: 'Add venue' }).click();
    await planner.getByRole('rowheader', { name: 'Prison UK-161/2' }).waitFor();

    // A road closure drawn as a line on the map, with its own time window in the exercise's zone.
    await planner.getByRole('textbox', { name: /^Zone/ }).fill('Closure of Bukhar-Zhyrau avenue');
    await planner.getByRole('textbox', { name: /^Road/ }).fill('Bukhar-Zhyrau avenue');
    await planner.getByLabel(/^From/).fill('2026-10-25T08:00');
    await planner.getByLabel(/^Until/).fill('2026-10-25T19:00');
    await planner.getByRole('button', { name: 'Draw on the map' }).click();
    await map.click({ position: { x: 300, y: 150 } });
    await map.click({ position: { x: 520, y: 260 } });
    await planner.keyboard.press('Enter');
    await planner.getByText('Shape drawn.').waitFor();
    await planner.getByRole('button', { name: 'Add zone' }).click();
    await planner.getByRole('rowheader', { name: 'Closure of Bukhar-Zhyrau avenue' }).waitFor();
    await planner.getByText('2026-10-25 08:00 (UTC+05:00) – 2026-10-25 19:00 (UTC+05:00)').waitFor();
    await screenshot(planner, 'planning-venues');
    await expectAccessible(planner, 'venues and map');
  });

  it('adds two injects, by offset and by local time, edits and reorders them, and submits the MSEL', async () => {
    await tab(planner, 'MSEL');
    const add = async (fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void>) => {
      await planner.getByRole('button', { name: 'New event' }).click();
      const dialog = planner.getByRole('dialog', { name: 'New event' });
      await dialog.getByLabel('To team').selectOption({ label: 'Police patrol 1' });
      await fill(dialog);
      await dialog.getByRole('button', { name: 'Add event' }).click();
      await dialog.waitFor({ state: 'hidden' });
    };
    await add(async (dialog) => {
      await dialog.getByLabel(/^Offset from STARTEX/).fill('H+00:30');
      await dialog.getByLabel(/^Title/).fill('Riot reported in block 3');
      await dialog.getByLabel(/^Content/).fill('Duty officer calls: inmates have taken two guards hostage.');
      await dialog.getByLabel('Objective').selectOption({ index: 1 });
      await dialog.getByLabel('Responsible controller').selectOption({ label: 'Sgt. Abenov' });
    });
    await add(async (dialog) => {
      await dialog.getByLabel(/^Local time/).fill('2026-10-25T11:15');
      expect(await dialog.getByLabel(/^Offset from STARTEX/).inputValue()).toBe('H+02:15');
      await dialog.getByLabel(/^Title/).fill('Hostages moved to the airport');
      await dialog.getByLabel(/^Content/).fill('A bus leaves the prison towards Sary-Arka airport.');
    });
    const rows = planner.getByTestId('msel-row');
    await expect.poll(() => rows.count()).toBe(2);
    await rows.nth(1).getByText('2026-10-25 11:15 (UTC+05:00)').waitFor();
    // The second inject has no controller: a warning, shown on its row.
    await rows
      .nth(1)
      .getByText(/Warning: Inject 2 has no responsible controller/)
      .waitFor();

    await planner.getByRole('button', { name: /^Edit title of 2/ }).click();
    const title = planner.getByRole('textbox', { name: /^Edit title of 2/ });
    await title.fill('Hostages moved to Sary-Arka airport');
    await title.press('Enter');
    await rows.nth(1).getByText('Hostages moved to Sary-Arka airport').waitFor();

    await planner.getByRole('button', { name: /^Move 2/ }).press('Alt+ArrowUp');
    await expect.poll(() => rows.first().getByRole('rowheader').textContent()).toMatch(/^2/);
    await rows
      .nth(1)
      .getByRole('button', { name: /^Move 1/ })
      .dragTo(rows.first());
    await expect.poll(() => rows.first().getByRole('rowheader').textContent()).toMatch(/^1/);

    // Every field, through the event form: scenario time and controller notes.
    await planner.getByRole('button', { name: 'Details of 2' }).click();
    const form = planner.getByRole('dialog', { name: 'Edit event 2' });
    expect(await form.getByLabel(/^Offset from STARTEX/).inputValue()).toBe('H+02:15');
    await form.getByLabel('Scenario time').fill('Day 1, 11:15');
    await form.getByLabel('Notes for controllers').fill('Bus driver is a role player; keep him safe.');
    await expectAccessible(planner, 'event form');
    await form.getByRole('button', { name: 'Save event' }).click();
    await form.waitFor({ state: 'hidden' });

    await planner.getByRole('button', { name: 'Submit 2 drafts' }).click();
    await planner.getByTestId('msel-approval').getByText('Submitted').waitFor();
    await screenshot(planner, 'planning-msel-grid');
    await expectAccessible(planner, 'MSEL grid');

    await planner.getByText('Timeline', { exact: true }).click();
    await planner.getByTestId('msel-timeline').waitFor();
    await screenshot(planner, 'planning-msel-timeline');
    await expectAccessible(planner, 'MSEL timeline');
    await planner.getByText('Grid', { exact: true }).click();
    expectNoPageProblems(planner);
  });

  it('says so plainly when someone else changed an inject first', async () => {
    const ctx = server.server.runtime.ctx;
    const exerciseId = exerciseUrl.split('/').pop()!;
    const admin = {
      userId: 'other',
      grants: [{ role: 'admin' as const, organisationId: null, exerciseId: null }],
    };
    const msel = await getMsel(ctx, admin, exerciseId);
    const first = msel.events[0]!;
    await updateEvent(ctx, SYSTEM_ACTOR, admin, exerciseId, first.id, first.version, {
      ...first,
      scenarioTime: 'day 1, 09:30',
    });
    await planner.getByRole('button', { name: new RegExp(`^Edit title of ${first.number}:`) }).click();
    const title = planner.getByRole('textbox', { name: new RegExp(`^Edit title of ${first.number}$`) });
    await title.fill('Riot reported in block 4');
    await title.press('Enter');
    await planner.getByTestId('msel-conflict').waitFor();
    await screenshot(planner, 'planning-msel-conflict');
  });

  it('lets a director approve the MSEL, but not an inject of their own', async () => {
    const director = await newPage(browser);
    await signIn(director, server.url, DIRECTOR.username, DIRECTOR.password);
    await director.getByRole('navigation').getByRole('link', { name: 'Exercises' }).click();
    await director.getByRole('link', { name: EXERCISE }).first().click();
    await tab(director, 'MSEL');
    await director.getByRole('button', { name: 'Approve MSEL' }).click();
    await director.getByTestId('msel-approval').getByText('Approved').waitFor();
    await screenshot(director, 'planning-msel-approved');

    await director.getByRole('button', { name: 'New event' }).click();
    const dialog = director.getByRole('dialog', { name: 'New event' });
    await dialog.getByLabel(/^Offset from STARTEX/).fill('H+03:00');
    await dialog.getByLabel(/^Title/).fill('Negotiator arrives');
    await dialog.getByLabel(/^Content/).fill('The negotiator reports to the incident commander.');
    await dialog.getByRole('button', { name: 'Add event' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await director.getByRole('button', { name: 'Submit 3 for approval' }).click();
    const approve = director.getByRole('button', { name: 'Approve inject 3' });
    await approve.waitFor();
    expect(await approve.isDisabled()).toBe(true);
    await director.getByText('Yours: another approver must approve it').waitFor();
    await screenshot(director, 'planning-msel-own-inject');
    await expectAccessible(director, 'MSEL as director');

    // And deletes it again: a second click that names the event, then it is gone.
    await director.getByRole('button', { name: 'Details of 3' }).click();
    const form = director.getByRole('dialog', { name: 'Edit event 3' });
    await form.getByRole('button', { name: 'Delete event' }).click();
    await form.getByRole('button', { name: 'Really delete event 3' }).click();
    await form.waitFor({ state: 'hidden' });
    await director.getByRole('button', { name: 'Approve inject 3' }).waitFor({ state: 'detached' });
    expectNoPageProblems(director);
  });

  it('shows an edit made after approval against the approved version', async () => {
    await planner.reload();
    await planner.getByTestId('msel-grid').waitFor();
    const row = planner.getByTestId('msel-row').filter({ hasText: 'Riot reported in block 3' });
    await row.getByText('Approved', { exact: true }).waitFor();
    await planner.getByRole('button', { name: /^Edit title of 1:/ }).click();
    const title = planner.getByRole('textbox', { name: /^Edit title of 1$/ });
    await title.fill('Riot reported in blocks 3 and 4');
    await title.press('Enter');
    const changed = planner.getByTestId('msel-row').filter({ hasText: 'Riot reported in blocks 3 and 4' });
    await changed.getByText('Changed since approval (1 field)').click();
    await changed.getByText('Title when approved: Riot reported in block 3').waitFor();
    await changed.getByText('Draft', { exact: true }).waitFor();
    await screenshot(planner, 'planning-msel-changed-since-approval');
    await expectAccessible(planner, 'MSEL with a change since approval');
  });

  it('reads the MSEL in Kazakh', async () => {
    const page = await newPage(browser);
    // A fresh context loads the whole console cold; on a busy shared machine that can take a while.
    page.setDefaultTimeout(20_000);
    await signIn(page, server.url, DIRECTOR.username, DIRECTOR.password, 'Қазақша');
    await page.getByRole('navigation').waitFor();
    await page.goto(`${exerciseUrl}/msel`);
    await page.getByTestId('msel-grid').waitFor();
    await page.getByRole('tab', { name: 'MSEL (кіріспелер жоспары)', selected: true }).waitFor();
    await screenshot(page, 'planning-msel-kk');
    await expectAccessible(page, 'MSEL in Kazakh');
    expectNoPageProblems(page);
  });

  it('shows the programme calendar with the exercise in its city row', async () => {
    await planner.goto(`${server.url}/console/exercises`);
    const calendar = planner.getByRole('region', { name: /Exercises on a timeline/ });
    await calendar.getByRole('link', { name: new RegExp(`^${EXERCISE}, Karaganda`) }).waitFor();
    await screenshot(planner, 'planning-calendar');
    await expectAccessible(planner, 'exercise list and calendar');

    await planner.getByLabel('Status').selectOption('draft');
    await planner.getByRole('link', { name: EXERCISE }).first().waitFor({ state: 'detached' });
    await planner.getByLabel('Status').selectOption('planned');
    await planner.getByRole('cell', { name: 'Planned' }).first().waitFor();
    await planner.getByRole('link', { name: EXERCISE }).first().waitFor();
  });

  it('shows a player the exercise but never its MSEL', async () => {
    const player = await newPage(browser);
    const asked: string[] = [];
    player.on('request', (r) => asked.push(r.url()));
    await signIn(player, server.url, PLAYER.username, PLAYER.password);
    await player.getByRole('navigation').getByRole('link', { name: 'Exercises' }).click();
    await player.getByRole('link', { name: EXERCISE }).first().click();
    await player.getByRole('tab', { name: 'Overview', selected: true }).waitFor();
    expect(await player.getByRole('tab', { name: 'MSEL' }).count()).toBe(0);
    // Even by address the MSEL tab is not there, and nothing asks the API for it.
    await player.goto(`${exerciseUrl}/msel`);
    await player.getByRole('tab', { name: 'Overview', selected: true }).waitFor();
    expect(await player.getByTestId('msel-grid').count()).toBe(0);
    expect(asked.filter((u) => u.includes('/api/') && u.includes('/msel'))).toEqual([]);
    await screenshot(player, 'planning-player');
    await expectAccessible(player, 'exercise as player');
    // The people list holds only whom a player may know: not the controller, and it says so.
    await tab(player, 'Participants');
    await player.getByText('Only the people you play beside').waitFor();
    expect(await player.getByRole('rowheader', { name: 'Sgt. Abenov' }).count()).toBe(0);
    expect(await player.getByRole('columnheader', { name: 'Contact' }).count()).toBe(0);
    expect(await player.getByRole('button', { name: 'Add person' }).count()).toBe(0);
    await screenshot(player, 'planning-player-participants');
    await expectAccessible(player, 'participants as player');
  });
});

describe('an MSEL of 5,000 injects', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('renders only the rows in view and scrolls to the last one', async () => {
    const id = await exerciseWithInjects(server, 5000);
    const page = await newPage(browser);
    await signIn(page, server.url, server.admin.username, server.admin.password);
    await page.getByRole('navigation').waitFor();
    await page.goto(`${server.url}/console/exercises/${id}/msel`);
    const grid = page.getByTestId('msel-grid');
    await grid.waitFor({ timeout: 30_000 });
    expect(await grid.getAttribute('aria-rowcount')).toBe('5001');
    const rows = page.getByTestId('msel-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBeLessThan(60);
    await screenshot(page, 'planning-msel-5000');

    // Scroll in steps, as a wheel would, then jump to the end.
    const scroller = grid.locator('> div').first();
    for (let i = 0; i < 20; i++) await scroller.evaluate((el) => el.scrollBy(0, 1500));
    await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.getByRole('rowheader', { name: /^5000/ }).waitFor();
    // Rows measured on the way down change the total height: settle at the very end again.
    await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.getByRole('rowheader', { name: /^5000/ }).waitFor();
    expect(await rows.count()).toBeLessThan(60);
    await screenshot(page, 'planning-msel-5000-end');

    await page.getByLabel('Team').selectOption({ label: 'Special forces' });
    await page.getByText('1667 of 5000 events shown').waitFor();
    await page.getByText('Timeline', { exact: true }).click();
    await page.getByTestId('msel-timeline').waitFor();
    await screenshot(page, 'planning-msel-5000-timeline');
    await page.getByText('Grid', { exact: true }).click();
    await expectAccessible(page, 'MSEL of 5,000 injects');
    expectNoPageProblems(page);
  }, 120_000);
});
