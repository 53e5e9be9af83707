import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { outboxStatus } from '../../src/services/outbox/outbox.service.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';
import {
  ensureConsoleBuilt,
  expectAccessible,
  launchBrowser,
  newPage,
  screenshot,
  signIn,
} from './support.js';

/*
 * The Deliveries screen as an administrator uses it: the demo's notices have fanned out to the
 * demo's subscribers; with e-mail refused by the SMTP server they become dead letters, and a retry
 * from the screen sends one. Without e-mail configured, the screen says plainly that mail waits.
 * The screen does not poll: it follows `outbox.changed` on the live event stream.
 */
describe('the Deliveries screen', () => {
  let smtp: TestSmtp;
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await ensureConsoleBuilt();
    smtp = await startTestSmtp();
    smtp.failWith = 550;
    [server, browser] = await Promise.all([
      startTestServer({ env: { DABYL_SMTP_URL: smtp.url } }),
      launchBrowser(),
    ]);
    page = await newPage(browser);
    await signIn(page, server.url, server.admin.username, server.admin.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  const email = async () =>
    (await outboxStatus(server.server.runtime.ctx)).channels.find((c) => c.name === 'email')!;
  /** Waits for the database to show a change; the dispatcher announces it on the live stream itself. */
  const announce = async (until: () => Promise<void>) => {
    await vi.waitFor(until, { timeout: 30_000, interval: 100 });
  };

  it('lists dead letters with their error, and a retry delivers one', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Deliveries' }).click();
    await page.getByRole('heading', { name: 'Deliveries', level: 1 }).waitFor();
    const retries = page.getByRole('button', { name: /^Retry the delivery to / });
    await page.getByTestId('live-state').and(page.locator('[data-state="live"]')).waitFor();
    await announce(async () => expect((await email()).counts.dead).toBe(8));
    // The demo's eight deliveries are refused with 550 (permanent): each is a dead letter after one try.
    await expect.poll(() => retries.count(), { timeout: 30_000 }).toBe(8);
    await expect(page.getByText(/550/).first().isVisible()).resolves.toBe(true);
    await screenshot(page, 'deliveries-dead-letters');
    await expectAccessible(page, 'deliveries');
    // Why each failed is told in the reader's language, asked for again when they switch.
    for (const [language, opening, shot] of [
      ['Қазақша', 'пошта сервері хатты қабылдамады: ', 'deliveries-dead-letters-kk'],
      ['Русский', 'почтовый сервер отклонил письмо: ', 'deliveries-dead-letters-ru'],
      ['English', 'the mail server refused the message: ', null],
    ] as const) {
      await page.getByRole('button', { name: language }).click();
      await page
        .getByText(new RegExp(`^${opening}.*550`))
        .first()
        .waitFor({ timeout: 30_000 });
      if (!shot) continue;
      await expect(page.getByText(/^the mail server/).count()).resolves.toBe(0);
      await screenshot(page, shot);
    }

    smtp.failWith = null;
    const before = smtp.mails.length;
    await page.getByRole('button', { name: 'Retry the delivery to sergey.demo@example.org' }).first().click();
    await smtp.waitFor(before + 1);
    await announce(async () => expect((await email()).counts.sent).toBe(1));
    await expect
      .poll(() => page.getByTestId('count-email-sent').textContent(), { timeout: 30_000 })
      .toBe('1');
    await expect.poll(() => retries.count(), { timeout: 30_000 }).toBe(7);
  }, 120_000);

  it('shows each fan-out’s progress per channel, and retries every dead letter at once', async () => {
    // The demo's four notices each fanned out to the demo subscribers whose places they touch.
    const rows = page.locator('[data-testid^="fanout-"]');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(4);
    await expect(page.getByRole('cell', { name: 'all written' }).count()).resolves.toBe(4);
    // Per channel: the one delivery retried above is sent, the other seven failed, none waits.
    const perChannel = await page.getByText(/^e-mail: \d+ sent, \d+ waiting, \d+ failed$/).allTextContents();
    expect(perChannel).toHaveLength(4);
    const sum = (i: number) =>
      perChannel.reduce((n, text) => n + Number(/\d+/g.exec(text.split(': ')[1]!.split(', ')[i]!)![0]), 0);
    expect([sum(0), sum(1), sum(2)]).toEqual([1, 0, 7]);
    await screenshot(page, 'deliveries-fanouts');
    const before = smtp.mails.length;
    await page.getByRole('button', { name: 'Retry all dead letters' }).click();
    await page.getByRole('status').filter({ hasText: '7 dead letters are being sent again.' }).waitFor();
    await smtp.waitFor(before + 7);
    await expect
      .poll(() => page.getByTestId('count-email-sent').textContent(), { timeout: 30_000 })
      .toBe('8');
    await expect(page.getByText('No dead letters.').isVisible()).resolves.toBe(true);
    await expectAccessible(page, 'deliveries with fan-outs');
  }, 120_000);

  it('says plainly when e-mail is not set up and deliveries wait', async () => {
    const bare = await startTestServer();
    try {
      const other = await newPage(browser);
      await signIn(other, bare.url, bare.admin.username, bare.admin.password);
      await other.getByRole('navigation').getByRole('link', { name: 'Deliveries' }).click();
      await other.getByText('The e-mail channel is not set up').waitFor({ timeout: 30_000 });
      await expect.poll(() => other.getByTestId('count-email-pending').textContent()).toBe('8');
      await screenshot(other, 'deliveries-not-configured');
      await other.close();
    } finally {
      await bare.close();
    }
  }, 120_000);
});
