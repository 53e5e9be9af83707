import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/policy/policy.js';
import { clockCommand } from '../../src/services/conduct/clock.service.js';
import { buildConductExercise, seatUser, PLANNED_START, type ConductFixture } from '../support/conduct.js';
import { encodePng } from '../support/png.js';
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

/*
 * A live exercise from both sides: a controller fires the patrol's inject in the control room; a
 * patrol officer, signed in in a second browser context at a phone's width, sees it arrive without
 * reloading, acknowledges it and reports with a photo and their position; the controller's table
 * shows the acknowledgement and the first action. NO PLAY then replaces play with its banner.
 */
const XSS = '<img src=x onerror="window.__xss=1">Cordon set at the gate';
const controller: Actor = {
  userId: 'c',
  grants: [{ role: 'controller', organisationId: null, exerciseId: null }],
};

describe('the player view', () => {
  let server: TestServer;
  let browser: Browser;
  let control: Page;
  let player: Page;
  let fx: ConductFixture;

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [server, browser] = await Promise.all([startTestServer({ demo: false }), launchBrowser()]);
    const ctx = server.server.runtime.ctx;
    fx = await buildConductExercise(ctx);
    await server.createUser('patrol.a', 'patrol passphrase', 'player');
    await seatUser(ctx, fx.exerciseId, 'patrol.a', 'Patrol officer A');
    await clockCommand(ctx, { userId: null, name: 'Controller' }, controller, fx.exerciseId, {
      command: 'startex',
      confirmName: fx.name,
      plannedStart: PLANNED_START,
      reason: 'training run',
    });
    control = await newPage(browser);
    await signIn(control, server.url, server.admin.username, server.admin.password);
    await control.getByRole('navigation').waitFor();
    player = await newPage(browser);
    await player.setViewportSize({ width: 390, height: 844 });
    await player.context().grantPermissions(['geolocation']);
    await player.context().setGeolocation({ latitude: 49.80469, longitude: 73.10938 });
    await signIn(player, server.url, 'patrol.a', 'patrol passphrase');
    // The sign-in page has a banner too: signed in once its form is gone, or the next page load can
    // overtake a slow sign-in and find the player signed out.
    await player.locator('input[name="password"]').waitFor({ state: 'detached', timeout: 60_000 });
    await player.getByRole('navigation').or(player.getByRole('banner')).first().waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows a fired inject to its team’s player live, takes the acknowledgement and a report with a photo', async () => {
    // From the console's first page, as a player finds it on the day: the running exercise leads.
    await player.goto(`${server.url}/console/`);
    const yours = player.getByRole('region', { name: 'Your exercises' });
    const running = yours.getByLabel(fx.name);
    await running.getByText('Running', { exact: true }).waitFor();
    await screenshot(player, 'player-home-your-exercises');
    await running.getByRole('link', { name: 'Player view' }).click();
    await player.getByText('No inject has reached you yet', { exact: false }).waitFor();
    await player.getByText('Team: Patrol 7').waitFor();
    await player.getByText('Exercise time').waitFor();

    await control.goto(`${server.url}/console/exercises/${fx.exerciseId}/control`);
    const row = control.getByRole('row').filter({ hasText: 'Inject 3 title' });
    // The control room's first load is the slowest step on a loaded machine: wait for it on its own.
    await row.getByRole('button', { name: 'Fire now' }).waitFor({ timeout: 30_000 });
    await row.getByRole('button', { name: 'Fire now' }).click();
    await row.getByText('Fired', { exact: true }).waitFor({ timeout: 30_000 });
    // The medics' inject fires too: it never reaches the patrol.
    await control
      .getByRole('row')
      .filter({ hasText: 'Inject 2 title' })
      .getByRole('button', { name: 'Fire now' })
      .click();

    // No reload: the inbox event brings it.
    const card = player.getByLabel('Inject 3');
    await card.getByText('Inject 3 title', { exact: false }).waitFor({ timeout: 30_000 });
    await expect(card.getByText(/^EXERCISE EXERCISE EXERCISE/).count()).resolves.toBeGreaterThan(0);
    await card.getByText('Report of a shooting near the prison gate (3).', { exact: false }).waitFor();
    await screenshot(player, 'player-view-phone-arrived');
    await card.getByRole('button', { name: 'Acknowledge' }).click();
    await card.getByText(/^Acknowledged at/).waitFor();

    await card.getByLabel('What was done').fill(XSS);
    await card.getByRole('button', { name: 'Add my location' }).click();
    await card.getByText('At 49.80469, 73.10938').waitFor();
    await card.locator('input[type="file"]').setInputFiles({
      name: 'gate.png',
      mimeType: 'image/png',
      buffer: encodePng(64, (x, y) => [x * 4, y * 4, 128]),
    });
    await card.getByRole('button', { name: 'Send report' }).click();
    const report = card.getByTestId('player-report');
    await report.getByText(XSS).waitFor();
    await report.getByRole('img', { name: 'Photo reported by Patrol officer A' }).waitFor();
    await expect
      .poll(() => report.getByRole('img').evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0);
    // The text is shown as text: no element was made of it and nothing ran.
    await expect(player.locator('img[src="x"]').count()).resolves.toBe(0);
    await expect(player.evaluate(() => (window as { __xss?: number }).__xss)).resolves.toBeUndefined();
    await expect(player.getByText('Inject 2 title', { exact: false }).count()).resolves.toBe(0);
    await screenshot(player, 'player-view-phone');
    await expectAccessible(player, 'player view');
    await player.setViewportSize({ width: 1280, height: 800 });
    await screenshot(player, 'player-view-desktop');
    expectNoPageProblems(player);
  }, 120_000);

  it('shows the controller fired → delivered → acknowledged → first action', async () => {
    const row = control.getByRole('row').filter({ hasText: 'Inject 3 title' });
    const progress = row.getByTestId('inject-progress');
    // Each arrives by the live event stream; a loaded machine can take longer than one default wait.
    await progress.getByText(/^Delivered: \d\d:\d\d:\d\d/).waitFor({ timeout: 30_000 });
    await progress.getByText(/^Acknowledged: \d\d:\d\d:\d\d/).waitFor({ timeout: 30_000 });
    await progress.getByText(/^First action: \d\d:\d\d:\d\d/).waitFor({ timeout: 30_000 });
    await screenshot(control, 'control-room-progress');
  }, 60_000);

  it('replaces play with the NO PLAY banner and its reason', async () => {
    await server.server.runtime.ctx.db.kysely
      .updateTable('exercises')
      .set({
        no_play_at: new Date().toISOString(),
        no_play_reason: 'Real fire at the prison',
        no_play_by: 'director',
      })
      .where('id', '=', fx.exerciseId)
      .execute();
    await player.setViewportSize({ width: 390, height: 844 });
    await player.reload();
    const banner = player.getByRole('alert').filter({ hasText: 'NO PLAY' });
    await banner.getByText('Real fire at the prison').waitFor();
    await expect(player.getByText('Inject 3 title', { exact: false }).count()).resolves.toBe(0);
    await expect(player.getByRole('button', { name: 'Acknowledge' }).count()).resolves.toBe(0);
    await screenshot(player, 'player-view-no-play-phone');
  }, 60_000);
});
