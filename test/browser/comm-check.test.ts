import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConductExercise, seatUser, type ConductFixture } from '../support/conduct.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';
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
 * The phone book, then the communication check before STARTEX, from both sides: a second address
 * for a patrol officer goes into the phone book (a phone number that is not one is refused, naming
 * the field); the controller sends a round from the
 * control room; the three players' e-mails reach a real SMTP server, marked as exercise traffic; a
 * patrol officer signed in on a phone sees it in the player view and presses "Received"; the
 * controller's table shows, without a reload, who was reached on which way and who confirmed.
 */
describe('the communication check', () => {
  let server: TestServer;
  let smtp: TestSmtp;
  let browser: Browser;
  let control: Page;
  let player: Page;
  let fx: ConductFixture;

  beforeAll(async () => {
    await ensureConsoleBuilt();
    smtp = await startTestSmtp();
    [server, browser] = await Promise.all([
      startTestServer({ demo: false, env: { DABYL_SMTP_URL: smtp.url } }),
      launchBrowser(),
    ]);
    const ctx = server.server.runtime.ctx;
    fx = await buildConductExercise(ctx);
    await server.createUser('patrol.a', 'patrol passphrase', 'player');
    await seatUser(ctx, fx.exerciseId, 'patrol.a', 'Patrol officer A');
    control = await newPage(browser);
    await signIn(control, server.url, server.admin.username, server.admin.password);
    await control.getByRole('navigation').waitFor();
    player = await newPage(browser);
    await player.setViewportSize({ width: 390, height: 844 });
    await signIn(player, server.url, 'patrol.a', 'patrol passphrase');
    await player.locator('input[name="password"]').waitFor({ state: 'detached', timeout: 60_000 });
    await player.getByRole('navigation').or(player.getByRole('banner')).first().waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  it('keeps a phone book planners and controllers fill, refusing what is not an address', async () => {
    await control.goto(`${server.url}/console/exercises/${fx.exerciseId}/participants`);
    const book = control.getByRole('region', { name: 'Phone book' });
    await book.getByRole('table', { name: 'Phone book' }).getByText('patrol-a@police.example.kz').waitFor();
    const form = book.getByRole('group', { name: 'Add a way to reach someone' });
    await form.getByLabel('Person').selectOption({ label: 'Patrol officer A' });
    await form.getByLabel('Channel').selectOption({ label: 'SMS' });
    await form.getByLabel('Address').fill('call me on the radio');
    await form.getByRole('button', { name: 'Add contact' }).click();
    await form.getByText('address: is not a phone number', { exact: false }).waitFor();
    await form.getByLabel('Channel').selectOption({ label: 'e-mail' });
    await form.getByLabel('Address').fill('Duty.Patrol7@Police.example.kz');
    await form.getByRole('button', { name: 'Add contact' }).click();
    await book
      .getByRole('table', { name: 'Phone book' })
      .getByText('duty.patrol7@police.example.kz')
      .waitFor();
    // The paramedic is on the ambulance radio net: a call a controller makes.
    await form.getByLabel('Person').selectOption({ label: 'Paramedic' });
    await form.getByLabel('Channel').selectOption({ label: 'radio or phone call' });
    await form.getByLabel('Address').fill('Radio, ambulance net channel 4');
    await form.getByLabel('Language of messages').selectOption({ label: 'English' });
    await form.getByRole('button', { name: 'Add contact' }).click();
    await book
      .getByRole('table', { name: 'Phone book' })
      .getByText('Radio, ambulance net channel 4')
      .waitFor();
    await screenshot(control, 'phone-book');
    await expectAccessible(control, 'phone book');
  });

  it('sends a round to every player before STARTEX and shows who received it, live', async () => {
    await control.goto(`${server.url}/console/exercises/${fx.exerciseId}/control`);
    const panel = control.getByRole('region', { name: 'Communication check' });
    await panel.getByText('No check has been sent yet', { exact: false }).waitFor();
    await panel.getByRole('button', { name: 'Send a communication check' }).click();
    await panel.getByText(/^Round 1, sent at .*: 3 of 3 players reached/).waitFor({ timeout: 30_000 });
    const mails = await smtp.waitFor(4);
    for (const m of mails) expect(m.subject).toMatch(/^EXERCISE EXERCISE EXERCISE.*Karaganda full-scale/);
    const table = panel.getByRole('table', { name: 'Communication check' });
    const officer = table.getByRole('row').filter({ hasText: 'Patrol officer A' });
    await officer.getByText('Delivered', { exact: true }).waitFor();
    await officer.getByText('patrol-a@police.example.kz', { exact: false }).waitFor();
    await officer.getByText('duty.patrol7@police.example.kz', { exact: false }).waitFor();
    // The radio call waits on the controller's screen until it is made.
    const calls = control.getByRole('region', { name: 'Radio and phone calls' });
    const call = calls.getByTestId('manual-prompt').filter({ hasText: 'Paramedic' });
    await call.getByText('How: Radio, ambulance net channel 4').waitFor();
    await call.getByText(/Communication check \(round 1\): Karaganda full-scale/).waitFor();
    await call.getByRole('button', { name: 'Delivered to Paramedic' }).click();
    await call.getByText(/^Delivered at .* by admin$/).waitFor();
    const paramedic = table.getByRole('row').filter({ hasText: 'Paramedic' });
    await paramedic.getByText('radio or phone call', { exact: false }).waitFor();
    await expect(paramedic.getByText('Delivered', { exact: true }).count()).resolves.toBe(1);

    await player.goto(`${server.url}/console/play/${fx.exerciseId}`);
    const card = player.getByLabel('Communication check');
    await card
      .getByText(/^EXERCISE EXERCISE EXERCISE.*Проверка связи \(раунд 1\)|Communication check \(round 1\)/)
      .first()
      .waitFor();
    await screenshot(player, 'comm-check-player-phone');
    await card.getByRole('button', { name: 'Received' }).click();
    await card.getByText(/^Confirmed at/).waitFor();

    // No reload on the controller's side: the confirmation arrives over the live stream.
    await officer.getByText('Confirmed', { exact: true }).waitFor({ timeout: 30_000 });
    await panel.getByText(/3 of 3 players reached, 1 confirmed/).waitFor();
    await screenshot(control, 'comm-check-control-room');
    await expectAccessible(control, 'communication check');
    expectNoPageProblems(control);
    expectNoPageProblems(player);
  });

  it('says it in Russian and Kazakh', async () => {
    for (const [language, title, state, shot] of [
      ['Русский', 'Проверка связи', 'Подтверждено', 'comm-check-control-room-ru'],
      ['Қазақша', 'Байланысты тексеру', 'Расталды', 'comm-check-control-room-kk'],
    ] as const) {
      // Signing in in a language saves it as the user's: the English test above ran first.
      const page = await newPage(browser);
      await signIn(page, server.url, server.admin.username, server.admin.password, language);
      await page.getByRole('navigation').waitFor();
      await page.goto(`${server.url}/console/exercises/${fx.exerciseId}/control`);
      const panel = page.getByRole('region', { name: title });
      await panel.getByText(state, { exact: true }).first().waitFor();
      await screenshot(page, shot);
      await page.close();
    }
  });
});
