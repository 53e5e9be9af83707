import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockCommand } from '../../src/services/conduct/clock.service.js';
import { buildConductExercise, PLANNED_START, type ConductFixture } from '../support/conduct.js';
import { encodePng } from '../support/png.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  ensureConsoleBuilt,
  expectAccessible,
  launchBrowser,
  newPage,
  screenshot,
  signIn,
} from './support.js';

/*
 * An evaluator in a basement: the network goes, an observation is written on the phone and waits
 * there, marked as waiting; the network comes back and exactly one observation arrives, even when
 * the queue holds it twice (a second tab flushing). A director reads it on a desk, stamped in the
 * three clocks; a player is never offered the observations.
 */
describe('the observation form', () => {
  let server: TestServer;
  let browser: Browser;
  let fx: ConductFixture;
  const task = randomUUID();
  const PASSWORD = 'observation passphrase';
  const count = () =>
    server.server.runtime.ctx.db.kysely
      .selectFrom('observations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('exercise_id', '=', fx.exerciseId)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [server, browser] = await Promise.all([startTestServer({ demo: false }), launchBrowser()]);
    const ctx = server.server.runtime.ctx;
    fx = await buildConductExercise(ctx);
    for (const role of ['evaluator', 'director', 'player'])
      await server.createUser(`${role}-obs`, PASSWORD, role);
    const db = ctx.db.kysely;
    const capability = randomUUID();
    const objective = randomUUID();
    const target = randomUUID();
    await db
      .insertInto('core_capabilities')
      .values({
        id: capability,
        name: 'On-scene security',
        mission_area: 'response',
        description: '',
        builtin: 0,
      })
      .execute();
    await db
      .insertInto('venues')
      .values({
        id: randomUUID(),
        exercise_id: fx.exerciseId,
        name: 'School No. 12',
        kind: 'school',
        address: null,
        lon: 73.1,
        lat: 49.8,
        footprint: null,
      })
      .execute();
    await db
      .insertInto('objectives')
      .values({ id: objective, exercise_id: fx.exerciseId, position: 0, text: 'Cordon within 10 minutes' })
      .execute();
    await db
      .insertInto('capability_targets')
      .values({
        id: target,
        objective_id: objective,
        core_capability_id: capability,
        position: 0,
        text: 'Outer cordon',
      })
      .execute();
    await db
      .insertInto('critical_tasks')
      .values({ id: task, capability_target_id: target, position: 0, text: 'Close Bukhar-Zhyrau avenue' })
      .execute();
    const evaluator = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'evaluator-obs')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('exercise_people')
      .values({
        id: randomUUID(),
        exercise_id: fx.exerciseId,
        user_id: evaluator.id,
        name: 'Evaluator',
        role: 'evaluator',
        team_id: fx.teams.patrol,
        organisation_id: null,
        contact: null,
      })
      .execute();
    await clockCommand(
      ctx,
      { userId: null, name: 'test' },
      { userId: 'test', grants: [{ role: 'admin', organisationId: null, exerciseId: null }] },
      fx.exerciseId,
      {
        command: 'startex',
        confirmName: fx.name,
        plannedStart: PLANNED_START,
        reason: 'evaluators’ training',
      },
    );
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const open = async (user: string, width: number, height: number): Promise<Page> => {
    const page = await newPage(browser);
    await signIn(page, server.url, user, PASSWORD);
    await page.getByRole('navigation').waitFor();
    await page.setViewportSize({ width, height });
    await page.goto(`${server.url}/console/exercises/${fx.exerciseId}/observations`);
    return page;
  };

  it('keeps an observation on the phone while offline and sends it exactly once when the network returns', async () => {
    const page = await open('evaluator-obs', 390, 844);
    await page.getByLabel('What you observed').waitFor();
    // The team the plan assigns the evaluator to is offered first, and chosen.
    await expect(page.getByLabel('Team', { exact: true }).first().inputValue()).resolves.toBe(
      'Patrol 7 (assigned to you)',
    );
    await screenshot(page, 'observation-form-phone');
    await expectAccessible(page, 'observation form');

    await page.context().setOffline(true);
    await page.getByRole('status').getByText('No network').waitFor();
    await page
      .getByLabel('What you observed')
      .fill('Patrol 7 closed the avenue at 09:12 <b>without</b> a cone line');
    await page.getByLabel('Critical tasks', { exact: true }).first().click();
    await page.getByRole('option', { name: 'Close Bukhar-Zhyrau avenue' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Save observation' }).click();
    const queued = page.getByTestId('queued-observation');
    await queued.getByText('Waiting to send').waitFor();
    await queued.getByText('Close Bukhar-Zhyrau avenue').waitFor();
    await screenshot(page, 'observation-form-phone-offline');
    expect(await count()).toBe(0);

    // A second tab of the same console would flush the same queue: the same observation twice.
    await page.evaluate(() => {
      const key = 'dabyl.observations.queue';
      const queue = JSON.parse(localStorage.getItem(key) ?? '[]') as unknown[];
      localStorage.setItem(key, JSON.stringify([...queue, ...queue]));
    });
    await page.context().setOffline(false);
    await page.getByTestId('observation').first().waitFor({ timeout: 30_000 });
    await expect.poll(() => queued.count(), { timeout: 30_000 }).toBe(0);
    expect(await count()).toBe(1);
    const shown = page.getByTestId('observation');
    await expect(shown.count()).resolves.toBe(1);
    // Markup is shown as the evaluator typed it, never run.
    await shown.getByText('Patrol 7 closed the avenue at 09:12 <b>without</b> a cone line').waitFor();
    await shown.getByText(/^H\+00:/).waitFor();
    await page.reload();
    await page.getByTestId('observation').first().waitFor();
    expect(await count()).toBe(1);
    await screenshot(page, 'observation-list-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, 'observation-form-desktop');
  }, 120_000);

  it('opens again when reloaded with no network, with what waits to be sent, and forgets it at sign-out', async () => {
    const page = await newPage(browser, { serviceWorkers: true });
    await signIn(page, server.url, 'evaluator-obs', PASSWORD);
    await page.getByRole('navigation').waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/console/exercises/${fx.exerciseId}/observations`);
    await page.getByLabel('What you observed').waitFor();
    // Opened once at the HQ: the console's worker takes over and keeps what this screen read.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    await page.waitForFunction(
      async () => (await (await caches.open('dabyl-data-v1')).keys()).length >= 3,
      null,
      { timeout: 30_000 },
    );
    const before = await count();

    await page.context().setOffline(true);
    await page.getByLabel('What you observed').fill('Stairwell B: the entry team had no radio contact');
    await page.getByRole('button', { name: 'Save observation' }).click();
    await page.getByTestId('queued-observation').getByText('Waiting to send').waitFor();
    // The phone reloads the tab in the basement: the form and its queue come back without a network.
    await page.reload();
    await page.getByLabel('What you observed').waitFor({ timeout: 30_000 });
    await page.getByRole('status').getByText('No network').waitFor();
    const queued = page.getByTestId('queued-observation');
    await queued.getByText('Stairwell B: the entry team had no radio contact').waitFor();
    await screenshot(page, 'observation-form-phone-reloaded-offline');
    // Chromium's offline emulation lapses while a page is being replaced: a send the old page began
    // just then can reach the server with its answer lost, as on a network that drops answers. The
    // device keeps it all the same, and the server stores it once however often it comes.
    expect(await count()).toBeLessThanOrEqual(before + 1);

    await page.context().setOffline(false);
    await expect.poll(() => queued.count(), { timeout: 30_000 }).toBe(0);
    expect(await count()).toBe(before + 1);

    // Signing out leaves nothing of the session's reads on the device.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out', exact: true }).click();
    await page.locator('input[name="password"]').waitFor();
    await expect(page.evaluate(() => caches.has('dabyl-data-v1'))).resolves.toBe(false);
    await page.close();
  }, 120_000);

  it('shrinks a photo to a JPEG on the device and shows it with the observation', async () => {
    const page = await open('evaluator-obs', 390, 844);
    await page.getByLabel('What you observed').fill('Casualty card on the stretcher, photographed');
    await page.locator('input[type="file"]').setInputFiles({
      name: 'card.png',
      mimeType: 'image/png',
      buffer: encodePng(64, (x, y) => [x * 4, y * 4, 128]),
    });
    await page.getByRole('button', { name: 'Save observation' }).click();
    const photo = page.getByRole('img', { name: /^Photo of the observation at H\+/ });
    await photo.waitFor({ timeout: 30_000 });
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64);
    const row = await server.server.runtime.ctx.db.kysely
      .selectFrom('observations')
      .select('photo_type')
      .where('text', '=', 'Casualty card on the stretcher, photographed')
      .executeTakeFirstOrThrow();
    // Redrawn on the device: whatever it was, it arrives as a JPEG.
    expect(row.photo_type).toBe('image/jpeg');
  }, 120_000);

  it('shows a director the observations, and never offers them to a player', async () => {
    const director = await open('director-obs', 1280, 800);
    await director.getByTestId('observation').first().waitFor();
    await expect(director.getByLabel('What you observed').count()).resolves.toBe(0);
    // The wall time is the exercise's (Karaganda, UTC+5), as the control room shows it, not the
    // device's: this browser runs in the machine's zone.
    const first = await server.server.runtime.ctx.db.kysely
      .selectFrom('observations')
      .select('observed_at')
      .where('text', '=', 'Casualty card on the stretcher, photographed')
      .executeTakeFirstOrThrow();
    const almaty = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Almaty',
      hourCycle: 'h23',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).format(new Date(first.observed_at));
    const card = director
      .getByTestId('observation')
      .filter({ hasText: 'Casualty card on the stretcher, photographed' });
    await expect(card.getByTitle('Wall time').textContent()).resolves.toContain(almaty);
    await screenshot(director, 'observation-list-desktop');
    await expectAccessible(director, 'observation list');
    const player = await open('player-obs', 390, 844);
    await player.getByRole('tab', { name: 'Overview' }).waitFor();
    await expect(player.getByRole('tab', { name: 'Observations' }).count()).resolves.toBe(0);
  }, 120_000);
});
