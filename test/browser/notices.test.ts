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

const PIO_A = { username: 'pio.aigerim', password: 'Pio-A-Pass-2026-Nov' };
const PIO_B = { username: 'pio.marat', password: 'Pio-B-Pass-2026-Nov' };
const EXERCISE = 'Kokshetau counter-terrorism drill at Kokshetau-1 station';
const TITLE = 'Антитеррористические учения на вокзале Кокшетау-1';

/**
 * The notice workflow as two PIOs do it: A drafts a notice from a demo exercise, writes the Russian
 * text (Kazakh and English stay visibly missing) and submits it; A cannot publish their own draft
 * and is told why; B publishes; the history shows revision 1 with its CAP message.
 */
describe('public notices in the console', { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let a: Page;
  let b: Page;
  let noticeUrl = '';

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    await server.createUser(PIO_A.username, PIO_A.password, 'pio');
    await server.createUser(PIO_B.username, PIO_B.password, 'pio');
    a = await newPage(browser);
    await signIn(a, server.url, PIO_A.username, PIO_A.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the demo notices with their status, city, window and languages', async () => {
    await a.getByRole('navigation').getByRole('link', { name: 'Notices' }).click();
    await a.getByRole('heading', { name: 'Public notices', level: 1 }).waitFor();
    const table = a.getByRole('table');
    await table
      .getByRole('link', { name: 'Counter-terrorism drill at the EXPO exhibition centre' })
      .waitFor();
    expect(await table.getByText('Published', { exact: true }).count()).toBe(4);
    await screenshot(a, 'notices-list');
    await expectAccessible(a, 'notices list');
  });

  it('lets PIO A create a notice from a demo exercise, write Russian and submit it', async () => {
    await a.getByRole('button', { name: 'New notice' }).click();
    const dialog = a.getByRole('dialog', { name: 'New notice' });
    await dialog.getByLabel('Exercise', { exact: true }).selectOption({ label: EXERCISE });
    await dialog.getByRole('button', { name: 'Create draft' }).click();
    await a.getByRole('heading', { name: 'Workflow' }).waitFor();
    noticeUrl = a.url();
    // The exercise's closures came along, on the map and in the list, with their own windows.
    await a.getByRole('heading', { name: 'Areas and road closures' }).waitFor();
    expect(await a.getByText('Road closure', { exact: true }).count()).toBeGreaterThan(0);
    // Every language starts missing, and says so.
    await a.getByRole('tab', { name: /Russian/ }).click();
    await a.getByText('The Russian text is missing.', { exact: false }).waitFor();
    // The tab's editor mounts lazily; on a machine running other suites it took over ten seconds.
    await a.getByRole('button', { name: 'Write the Russian text' }).click({ timeout: 30_000 });
    const panel = a.getByRole('tabpanel', { name: /Russian/ });
    await panel.getByLabel('Title').fill(TITLE);
    await panel.getByLabel('Summary').fill('На вокзале Кокшетау-1 пройдут плановые учения.');
    await panel
      .getByLabel('What residents will see and hear')
      .fill('Вооружённые подразделения, сирены, оцепление.');
    await panel.getByLabel('What to do').fill('Приходите на поезд заранее\nСледуйте указаниям полиции');
    await panel.getByLabel('What not to do').fill('Не звоните 112 из-за учений');
    await panel.getByLabel('Contacts').fill('ДЧС Акмолинской области: +7 7162 00 00 00');
    // The exercise's zone names did not come along: each place gets its public words per language.
    const names = a.getByRole('textbox', { name: /^Public name · Русский/ });
    const count = await names.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) await names.nth(i).fill(`Место ${i + 1} у вокзала`);
    const routes = a.getByRole('textbox', { name: /^Where from and to, and the way round · Русский/ });
    for (let i = 0; i < (await routes.count()); i++)
      await routes.nth(i).fill('От привокзальной площади до улицы Абая; объезд по улице Ауэзова.');
    await a.getByText('Save your changes first.').first().waitFor();
    await a.getByRole('button', { name: 'Save', exact: true }).click();
    await a.getByRole('status').getByText('Saved').waitFor();
    await a.getByRole('tab', { name: /Kazakh/ }).click();
    await a.getByText('The Kazakh text is missing.', { exact: false }).waitFor();
    await a.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
    await screenshot(a, 'notices-editor-draft');
    await expectAccessible(a, 'notice editor');

    await a.getByRole('button', { name: 'Submit for review' }).click();
    await a.getByText('In review').first().waitFor();
    const publish = a.getByRole('button', { name: 'Publish' });
    expect(await publish.isDisabled()).toBe(true);
    await a.getByText('You drafted or submitted this version; another person must publish it.').waitFor();
    await screenshot(a, 'notices-editor-review-own');
    expectNoPageProblems(a);
  });

  it('lets PIO B publish it, and the history shows revision 1 with its CAP message', async () => {
    b = await newPage(browser);
    await signIn(b, server.url, PIO_B.username, PIO_B.password);
    await b.getByRole('navigation').getByRole('link', { name: 'Notices' }).waitFor();
    await b.goto(noticeUrl);
    await b.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await b.getByRole('button', { name: 'Publish' }).click();
    // Publishing first shows the public page as residents will see it, and asks again.
    const confirm = b.getByRole('dialog', { name: 'Publish' });
    await confirm.getByRole('tab', { name: 'Русский' }).click();
    const page = confirm.frameLocator('iframe[title="Public page preview: Русский"]');
    await page.getByText('Предпросмотр: ещё не опубликовано.', { exact: false }).waitFor();
    await page.getByText('Место 1 у вокзала').first().waitFor();
    await page.getByText('От привокзальной площади до улицы Абая', { exact: false }).first().waitFor();
    await screenshot(b, 'notices-publish-preview');
    await confirm.getByRole('button', { name: 'Publish now' }).click();
    await b.getByText('Published', { exact: true }).first().waitFor();
    const revisions = b.getByTestId('notice-revisions');
    await revisions.getByText('Revision 1', { exact: true }).waitFor();
    await revisions.getByText('First publication (CAP Alert)').waitFor();
    const cap = revisions.getByRole('link', { name: 'CAP message of revision 1' });
    const href = await cap.getAttribute('href');
    const xml = await b.evaluate(async (url) => (await fetch(url!)).text(), href);
    expect(xml).toContain('<status>Actual</status>');
    expect(xml).toContain('<language>ru-RU</language>');
    expect(xml).not.toContain('<language>kk-KZ</language>');
    await b.getByRole('cell', { name: 'Published', exact: true }).waitFor();
    // The map of the notice's areas is drawn and framed before the picture is taken.
    await b.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
    await b.waitForTimeout(500);
    await screenshot(b, 'notices-editor-published');
    await expectAccessible(b, 'published notice');
    expectNoPageProblems(b);
  });

  it("words what a published notice's correction changed in the reader's language", async () => {
    const ru = await newPage(browser);
    await signIn(ru, server.url, PIO_A.username, PIO_A.password, 'Русский');
    await ru.getByRole('navigation').getByRole('link', { name: 'Уведомления' }).click();
    await ru.getByRole('link', { name: 'Counter-terrorism drill at the EXPO exhibition centre' }).click();
    const steps = ru.getByRole('main');
    await steps
      .getByText(/^Изменено: изменено зон: \d+$/)
      .first()
      .waitFor();
    expect(await steps.getByText(/Changed|area\(s\)/).count()).toBe(0);
    await ru.close();
  });
});
