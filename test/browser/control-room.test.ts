import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConductExercise, type ConductFixture } from '../support/conduct.js';
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
 * The control room as a controller runs it: STARTEX confirmed with the exercise's name (and a
 * reason, the test being far from the planned date), the three clocks side by side, an inject fired
 * by hand, a pause and a resume that first shows what the pause policy will do. A second console,
 * in Russian, follows the same exercise live.
 */
describe('the control room', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let fx: ConductFixture;

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [server, browser] = await Promise.all([startTestServer({ demo: false }), launchBrowser()]);
    fx = await buildConductExercise(server.server.runtime.ctx);
    page = await newPage(browser);
    await signIn(page, server.url, server.admin.username, server.admin.password);
    await page.getByRole('navigation').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('starts the exercise only when confirmed, and shows the three clocks side by side', async () => {
    await page.goto(`${server.url}/console/exercises/${fx.exerciseId}/control`);
    await page.getByText('Wall time').waitFor();
    await expect(page.getByText('Exercise time').first().isVisible()).resolves.toBe(true);
    await expect(page.getByText('Scenario time').isVisible()).resolves.toBe(true);
    await expect(page.getByText('Clock not started').isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'STARTEX' }).click();
    const dialog = page.getByRole('dialog', { name: 'Start the exercise' });
    await dialog.getByText('Planned start: 2026-10-25 09:00 (UTC+05:00)').waitFor();
    await dialog.getByLabel(/Type the exercise’s name to confirm/).fill('Karaganda full-scale');
    await dialog.getByRole('button', { name: 'STARTEX' }).click();
    // Far from the planned date: the server asks why.
    await dialog.getByText(/more than an hour from the planned one also needs a reason/).waitFor();
    await dialog.getByLabel('Reason (kept in the audit log)').fill('Training run of the HQ staff');
    await dialog.getByRole('button', { name: 'STARTEX' }).click();
    await page.getByText('Clock running', { exact: true }).waitFor();
    // The exercise's own status beside its name follows the clock.
    await page.getByText('Running', { exact: true }).waitFor();
    await page.getByText('2026-10-25 09:0', { exact: false }).first().waitFor();
    await expect.poll(() => page.getByRole('row').count(), { timeout: 30_000 }).toBe(6);
  }, 120_000);

  it('fires an inject by hand, and shows the pause policy before resuming', async () => {
    const first = page.getByRole('row').filter({ hasText: 'Inject 1 title' });
    await first.getByRole('button', { name: 'Fire now' }).click();
    await first.getByText('Fired').waitFor();
    const second = page.getByRole('row').filter({ hasText: 'Inject 2 title' });
    await second.getByRole('button', { name: 'Hold' }).click();
    const hold = page.getByRole('dialog');
    await hold.getByLabel('Reason (kept in the audit log)').fill('Medics not yet in position');
    await hold.getByRole('button', { name: 'Hold' }).click();
    await second.getByText('Held').waitFor();

    const other = await newPage(browser);
    await signIn(other, server.url, server.admin.username, server.admin.password, 'Русский');
    await other.getByRole('navigation').waitFor();
    await other.goto(`${server.url}/console/exercises/${fx.exerciseId}/control`);
    await other.getByText('Время учений').first().waitFor();

    await page.getByRole('button', { name: 'Pause' }).click();
    const pause = page.getByRole('dialog');
    await pause.getByLabel('Reason (kept in the audit log)').fill('Casualty on site');
    await pause.getByRole('button', { name: 'Pause' }).click();
    await page.getByText('Clock paused', { exact: true }).waitFor();
    await page.getByText('Paused', { exact: true }).waitFor();
    // The Russian console follows on the live stream.
    await other.getByText('Часы на паузе', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Resume' }).click();
    const resume = page.getByRole('dialog', { name: 'Resume the exercise' });
    await resume.getByText('Pause policy:').waitFor();
    await resume.getByText(/Release in order, one every 60 s/).waitFor();
    await screenshot(page, 'control-room-resume');
    await resume.getByRole('button', { name: 'Resume' }).click();
    await page.getByText('Clock running', { exact: true }).waitFor();
    await other.getByText('Часы идут', { exact: true }).waitFor();
    // A manual move puts scenario time an hour ahead; exercise time is untouched.
    await page.getByRole('button', { name: 'Next move' }).click();
    const move = page.getByRole('dialog');
    await move.getByLabel('Reason (kept in the audit log)').fill('Move 2: the night passes');
    await move.getByRole('button', { name: 'Next move' }).click();
    await page.getByText(/^2026-10-25 10:0/).waitFor();
    await screenshot(page, 'control-room');
    await screenshot(other, 'control-room-ru');
    const kk = await newPage(browser);
    await signIn(kk, server.url, server.admin.username, server.admin.password, 'Қазақша');
    await kk.getByRole('navigation').waitFor();
    await kk.goto(`${server.url}/console/exercises/${fx.exerciseId}/control`);
    await kk.getByText('Сағат жүріп тұр', { exact: true }).waitFor();
    await screenshot(kk, 'control-room-kk');
    await kk.close();
    await expectAccessible(page, 'control room');
    await other.close();
  }, 120_000);
});
