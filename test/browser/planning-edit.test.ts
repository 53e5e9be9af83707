import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/policy/policy.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { ensureCoreCapabilities } from '../../src/services/planning/capabilities.service.js';
import { createExercise } from '../../src/services/planning/exercises.service.js';
import { addEvent } from '../../src/services/planning/msel.service.js';
import { addObjective, addTeam, addVenue, addZone } from '../../src/services/planning/plan.service.js';
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

const PLANNER = { username: 'kokshetau.planner', password: 'Planner-Pass-2026-Nov' };
const PLAYER = { username: 'kokshetau.player', password: 'Player-Pass-2026-Nov' };
const ADMIN: Actor = {
  userId: 'test-fixture',
  grants: [{ role: 'admin', organisationId: null, exerciseId: null }],
};

/** A tabletop in Kokshetau with one objective, a venue without a footprint, a closure and an unlinked inject. */
async function kokshetauTabletop(server: TestServer): Promise<string> {
  const ctx = server.server.runtime.ctx;
  await ensureCoreCapabilities(ctx);
  const exercise = await createExercise(ctx, SYSTEM_ACTOR, {
    name: 'Kokshetau: school seizure tabletop',
    type: 'tabletop',
    timeZone: 'Asia/Almaty',
    city: 'Kokshetau',
    startex: '2026-11-12T10:00:00+05:00',
    endex: '2026-11-12T16:00:00+05:00',
  });
  const id = exercise.id;
  await addObjective(ctx, SYSTEM_ACTOR, ADMIN, id, {
    text: 'Evacuate the school within 45 minutes',
    capabilityTargets: [
      {
        coreCapabilityId: 'operational-coordination',
        text: 'One command post for police, rescuers and the school',
        criticalTasks: ['Set up the command post', 'Name one incident commander'],
      },
    ],
  });
  await addVenue(ctx, SYSTEM_ACTOR, ADMIN, id, {
    name: 'School No. 7',
    kind: 'school',
    address: 'Abay street, Kokshetau',
    point: { lon: 69.3889, lat: 53.2833 },
  });
  await addZone(ctx, SYSTEM_ACTOR, ADMIN, id, {
    name: 'Abay street closed',
    kind: 'road-closure',
    road: 'Abay street',
    geometry: {
      type: 'LineString',
      coordinates: [
        [69.384, 53.281],
        [69.394, 53.286],
      ],
    },
    startsAt: '2026-11-12T09:30:00+05:00',
    endsAt: '2026-11-12T13:00:00+05:00',
  });
  const team = await addTeam(ctx, SYSTEM_ACTOR, ADMIN, id, { name: 'Kokshetau police' });
  await addEvent(ctx, SYSTEM_ACTOR, ADMIN, id, {
    number: '1',
    kind: 'inject',
    offsetMinutes: 15,
    method: 'phone',
    toTeamIds: [team],
    title: 'A teacher calls: armed men in the school yard',
    content: 'The caller hides in the staff room with six pupils.',
    expectedAction: 'Evacuate the pupils through the back exit',
  });
  return id;
}

describe('editing an exercise plan in the console', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let exerciseUrl = '';

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    await server.createUser(PLANNER.username, PLANNER.password, 'planner');
    await server.createUser(PLAYER.username, PLAYER.password, 'player');
    exerciseUrl = `${server.url}/console/exercises/${await kokshetauTabletop(server)}`;
    page = await newPage(browser);
    // The map renders WebGL in software on a shared machine: give each step room, not a sleep.
    page.setDefaultTimeout(30_000);
    await signIn(page, server.url, PLANNER.username, PLANNER.password);
    await page.getByRole('navigation').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const open = async (tab: string, name: string) => {
    await page.goto(`${exerciseUrl}/${tab}`);
    await page.getByRole('tab', { name, selected: true }).waitFor();
  };

  it('edits an objective in place and adds a critical task to its target', async () => {
    await open('objectives', 'Objectives');
    await page.getByRole('button', { name: 'Edit objective 1' }).click();
    const form = page.getByRole('form', { name: 'Editing objective 1' });
    await form.getByRole('textbox', { name: /^Objective/ }).fill('Evacuate the school within 30 minutes');
    await form.getByRole('button', { name: 'Add a critical task' }).click();
    await form.getByRole('textbox', { name: /^Critical task 1\.3/ }).fill('Account for every pupil');
    await form.getByRole('button', { name: 'Move Critical task 1.3 up' }).click();
    expect(await form.getByRole('textbox', { name: /^Critical task 1\.2/ }).inputValue()).toBe(
      'Account for every pupil',
    );
    await screenshot(page, 'planning-edit-objective');
    await expectAccessible(page, 'objective editor');
    await form.getByRole('button', { name: 'Save objective' }).click();
    await form.waitFor({ state: 'hidden' });

    await page.reload();
    await page.getByRole('heading', { name: 'Objective 1: Evacuate the school within 30 minutes' }).waitFor();
    const tasks = page.getByRole('listitem').filter({ hasText: /^(Set up|Account|Name one)/ });
    await expect
      .poll(() => tasks.allTextContents())
      .toEqual(['Set up the command post', 'Account for every pupil', 'Name one incident commander']);
  });

  it('draws a footprint for a venue on the map and saves it', async () => {
    await open('venues', 'Venues & map');
    const map = page.locator('[data-ready="true"]');
    await map.waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Edit School No. 7' }).click();
    await page.getByRole('group', { name: 'Change venue “School No. 7”' }).waitFor();
    await page.getByRole('button', { name: 'Draw footprint' }).click();
    // Around the school's point, which the map frames near the middle.
    const box = (await map.boundingBox())!;
    for (const [x, y] of [
      [460, 180],
      [560, 185],
      [555, 260],
    ] as const)
      await map.click({ position: { x, y } });
    await page.mouse.move(box.x + 470, box.y + 255);
    await screenshot(page, 'planning-edit-footprint-drawing');
    await map.click({ position: { x: 465, y: 255 } });
    await page.keyboard.press('Enter');
    await expect.poll(() => map.getAttribute('data-drawing')).toBe('editing');
    await page.getByRole('button', { name: 'Finish footprint' }).click();
    await page.getByText('Footprint drawn.').waitFor();
    await page.getByRole('button', { name: 'Save venue' }).click();
    await page
      .getByRole('group', { name: 'Add a venue: place it on the map or type its coordinates' })
      .waitFor();

    await page.reload();
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'School No. 7' }) });
    await row.getByText('Drawn').waitFor();
    await page.getByRole('button', { name: 'Edit School No. 7' }).click();
    await page.getByRole('button', { name: 'Edit footprint' }).waitFor();
    await page.getByRole('button', { name: 'Clear footprint' }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).first().click();
  }, 120_000);

  it('moves a road closure’s time window, typed in the exercise’s zone', async () => {
    await open('venues', 'Venues & map');
    await page.getByRole('button', { name: 'Edit Abay street closed' }).click();
    await page.getByText('Local time in Almaty (UTC+05:00)').first().waitFor();
    expect(await page.getByLabel(/^Until/).inputValue()).toBe('2026-11-12T13:00');
    await page.getByLabel(/^Until/).fill('2026-11-12T15:30');
    await page.getByRole('button', { name: 'Save zone' }).click();
    await page.getByRole('group', { name: 'Add a zone or road closure' }).waitFor();
    await page.reload();
    await page.getByText('2026-11-12 09:30 (UTC+05:00) – 2026-11-12 15:30 (UTC+05:00)').waitFor();
    await page.locator('[data-ready="true"]').waitFor();
    await screenshot(page, 'planning-edit-venues');
    await expectAccessible(page, 'venues with edits');
  }, 90_000);

  it('links an inject to a critical task, and the warning about an unlinked expected action goes', async () => {
    await open('msel', 'MSEL');
    await page.getByRole('button', { name: 'Details of 1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit event 1' });
    const warning = dialog.getByRole('status').filter({ hasText: /linked to no objective or critical task/ });
    await warning.waitFor();
    await dialog.getByLabel('Critical tasks', { exact: true }).click();
    await page.getByRole('option', { name: '1.1.2 Account for every pupil' }).click();
    await warning.waitFor({ state: 'detached' });
    await screenshot(page, 'planning-edit-inject-tasks');
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Save event' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.reload();
    const links = page.getByRole('list', { name: 'Critical tasks inject 1 tests' });
    await links.getByText('1.1.2 Account for every pupil').waitFor();
    await expect
      .poll(() => page.getByText(/expects an action but is linked to no objective/).count())
      .toBe(0);
  });

  it('adds two scenario modules and puts the second first', async () => {
    await open('scenario', 'Scenario modules');
    const add = async (title: string, narrative: string, questions: string) => {
      const form = page.getByRole('group', { name: 'Add a scenario module' });
      await form.getByRole('textbox', { name: /^Title/ }).fill(title);
      await form.getByRole('textbox', { name: /^Narrative/ }).fill(narrative);
      await form.getByRole('textbox', { name: /^Discussion questions/ }).fill(questions);
      await form.getByRole('button', { name: 'Add module' }).click();
      await page.getByRole('heading', { name: new RegExp(`: ${title}$`) }).waitFor();
    };
    await add(
      'Shots in the school yard',
      'At 10:15 a teacher reports armed men in the yard.',
      'Who takes command?\nWho tells the parents?',
    );
    await add(
      'Pupils in the gym',
      'At 10:40 the men move forty pupils to the gym.',
      'When do negotiators arrive?',
    );
    await page.getByRole('button', { name: 'Move Pupils in the gym up' }).click();
    await page.getByRole('heading', { name: 'Module 1: Pupils in the gym' }).waitFor();

    await page.reload();
    const headings = page.getByRole('heading', { level: 3 });
    await expect
      .poll(() => headings.allTextContents())
      .toEqual(['Module 1: Pupils in the gym', 'Module 2: Shots in the school yard']);
    await page.getByText('Who tells the parents?').waitFor();
    await screenshot(page, 'planning-edit-modules');
    await expectAccessible(page, 'scenario modules');
    expectNoPageProblems(page);
  });

  it('offers a player neither the scenario modules nor the MSEL', async () => {
    const player = await newPage(browser);
    await signIn(player, server.url, PLAYER.username, PLAYER.password);
    await player.getByRole('navigation').waitFor();
    await player.goto(`${exerciseUrl}/scenario`);
    await player.getByRole('tab', { name: 'Overview', selected: true }).waitFor();
    expect(await player.getByRole('tab', { name: 'Scenario modules' }).count()).toBe(0);
    expect(await player.getByText('Pupils in the gym').count()).toBe(0);
  });
});
