import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const SENT = '2026-10-25T08:00:00+05:00';
const ALERT =
  `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>MET-7</identifier>` +
  `<sender>met@example.kz</sender><sent>${SENT}</sent><status>Actual</status><msgType>Alert</msgType>` +
  `<scope>Public</scope><info><language>en</language><category>Met</category><event>Flood</event>` +
  `<urgency>Immediate</urgency><severity>Severe</severity><certainty>Observed</certainty>` +
  `<senderName>Met Service</senderName><headline>Flood on the Esentai</headline>` +
  `<area><areaDesc>Almaty</areaDesc><polygon>43.2,76.8 43.3,76.8 43.3,77.0 43.2,76.8</polygon></area></info></alert>`;

/*
 * Other authorities' CAP feeds in the console: the administrator adds a real feed served on
 * loopback, polls it at once and sees what it brought, unsigned and said so; a PIO reads the same
 * list with no way to change it.
 */
describe('CAP feeds in the console', () => {
  let server: TestServer;
  let feed: Server;
  let feedUrl: string;
  let browser: Browser;
  let admin: Page;

  beforeAll(async () => {
    await ensureConsoleBuilt();
    feed = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/cap+xml' });
      // The second feed's document is cut off in the middle of its alert.
      res.end(
        `<?xml version="1.0"?>${req.url === '/cut.xml' ? ALERT.slice(0, ALERT.indexOf('<area>')) : ALERT}`,
      );
    });
    await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/met.xml`;
    [server, browser] = await Promise.all([startTestServer({ demo: false }), launchBrowser()]);
    await server.createUser('pio.dana', 'pio feeds passphrase', 'pio');
    admin = await newPage(browser);
    await signIn(admin, server.url, server.admin.username, server.admin.password);
    await admin.getByRole('navigation').waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => feed?.close(resolve));
  });

  it('lets the administrator add a feed, poll it now and read what it brought', async () => {
    await admin.getByRole('navigation').getByRole('link', { name: "Other authorities' feeds" }).click();
    await admin.getByText('No feed has been added yet.').waitFor();
    const form = admin.getByRole('group', { name: 'Add a feed' });
    await form.getByLabel('Feed address (Atom, CAP or EDXL-DE)').fill('ftp://met.example.kz/feed');
    await form.getByLabel('Name in Kazakh').fill('Қазгидромет');
    await form.getByLabel('Name in Russian').fill('Казгидромет');
    await form.getByLabel('Name in English').fill('Kazhydromet');
    await form.getByRole('button', { name: 'Add feed' }).click();
    await form.getByText(/url: /).waitFor();
    await form.getByLabel('Feed address (Atom, CAP or EDXL-DE)').fill(feedUrl);
    await form.getByRole('button', { name: 'Add feed' }).click();
    const table = admin.getByRole('table', { name: "Other authorities' CAP feeds" });
    const row = table.getByRole('row').filter({ hasText: 'Kazhydromet' });
    await row.getByText('Not polled yet').waitFor();
    await row.getByRole('button', { name: 'Poll now' }).click();
    await admin.getByText('Polled: 1 new, 0 already kept', { exact: false }).waitFor();
    await row.getByText('Read', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Show alerts' }).click();
    const brought = admin.getByRole('table', { name: 'What this feed brought' });
    await brought.getByText('Flood on the Esentai').waitFor();
    await brought.getByText('Unsigned').waitFor();

    await form.getByLabel('Feed address (Atom, CAP or EDXL-DE)').fill(feedUrl.replace('met.xml', 'cut.xml'));
    await form.getByLabel('Name in Kazakh').fill('Кесілген арна');
    await form.getByLabel('Name in Russian').fill('Обрезанная лента');
    await form.getByLabel('Name in English').fill('Cut feed');
    await form.getByRole('button', { name: 'Add feed' }).click();
    const cut = table.getByRole('row').filter({ hasText: 'Cut feed' });
    await cut.getByRole('button', { name: 'Poll now' }).click();
    await cut.getByText('Failed', { exact: true }).waitFor();
    await cut.getByText('/: The document ends too early: <info> is never closed. Was it cut off?').waitFor();
    await screenshot(admin, 'feeds');
    await expectAccessible(admin, 'feeds');
    expectNoPageProblems(admin);
  });

  it('shows a PIO the feeds without a way to change them, in Russian', async () => {
    const page = await newPage(browser);
    await signIn(page, server.url, 'pio.dana', 'pio feeds passphrase', 'Русский');
    await page.getByRole('navigation').getByRole('link', { name: 'Ленты других ведомств' }).click();
    await page.getByRole('table', { name: 'Ленты CAP других ведомств' }).getByText('Казгидромет').waitFor();
    await expect(page.getByRole('button', { name: 'Опросить сейчас' }).count()).resolves.toBe(0);
    // What the poll found is told in the reader's language, not in the English it was recorded in.
    const cut = page.getByRole('row').filter({ hasText: 'Обрезанная лента' });
    await cut.getByText('/: Документ обрывается: элемент <info> не закрыт. Не обрезан ли он?').waitFor();
    await expect(page.getByRole('group', { name: 'Добавить ленту' }).count()).resolves.toBe(0);
    await screenshot(page, 'feeds-pio-ru');
    await page.close();
  });
});
