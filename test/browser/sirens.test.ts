import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { startSimulatedSiren, type SimulatedSiren } from '../support/sirens.js';
import {
  ensureConsoleBuilt,
  expectAccessible,
  launchBrowser,
  newPage,
  screenshot,
  signIn,
} from './support.js';

/*
 * The siren registry screen: the demo sirens listed and labelled, a siren added by an
 * administrator with its command key shown once, and what its controller (a simulator process on
 * the real Mosquitto) reports of itself shown beside it; on a desktop and on a phone.
 */

const BROKER = 'mqtt://127.0.0.1:1883';

describe('the siren registry screen', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let sim: SimulatedSiren | undefined;
  const prefix = `dabyl-test/${randomUUID().slice(0, 8)}/zhetysu-1`;

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [server, browser] = await Promise.all([
      startTestServer({ env: { DABYL_MQTT_URL: BROKER } }),
      launchBrowser(),
    ]);
    page = await newPage(browser);
    await signIn(page, server.url, server.admin.username, server.admin.password);
    await page.getByRole('navigation').getByRole('link', { name: 'Sirens' }).click();
    await page.getByRole('heading', { name: 'Sirens', level: 1 }).waitFor();
  });

  afterAll(async () => {
    await sim?.stop();
    await browser?.close();
    await server?.close();
  });

  it('lists the demo sirens of Almaty and Karaganda, labelled as demo', async () => {
    await page.getByText('demo/almaty/medeu-1').waitFor();
    await expect(page.getByText('demo/karaganda/range-1').count()).resolves.toBe(1);
    expect(await page.getByText('Drill ground: sounds only in exercises').count()).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'sirens');
    await expectAccessible(page, 'sirens');
  });

  it('adds a siren, shows its command key once, and shows what its controller reports', async () => {
    await page.getByRole('button', { name: 'Add a siren' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a siren' });
    await dialog.getByLabel('Name in Kazakh').fill('Жетісу ауданы, Райымбек даңғылы');
    await dialog.getByLabel('Name in Russian').fill('Жетысуский район, проспект Райымбека');
    await dialog.getByLabel('Name in English').fill('Zhetysu district, Raiymbek Avenue');
    await dialog.getByLabel('Latitude').fill('43.2701');
    await dialog.getByLabel('Longitude').fill('76.9456');
    await dialog.getByLabel('MQTT topic prefix').fill('kz/+/bad');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('topicPrefix').first().waitFor();
    await dialog.getByLabel('MQTT topic prefix').fill(prefix);
    await dialog.getByRole('button', { name: 'Save' }).click();
    const key = (await dialog.getByTestId('siren-key').textContent())!.trim();
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await screenshot(page, 'sirens-key');
    await expectAccessible(page, 'siren command key');
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    await page.getByText(prefix).waitFor();
    expect(await page.content()).not.toContain(key);

    sim = await startSimulatedSiren({ url: BROKER, prefix, key, flags: ['--battery', '72', '--on-battery'] });
    // The status arrives through the broker and the server's listener: look until it shows.
    const row = page.getByRole('row').filter({ hasText: prefix });
    while ((await row.getByText('Battery 72 %').count()) === 0) {
      await page.reload();
      await page.getByText(prefix).waitFor();
    }
    await row.getByText('mains power lost').waitFor();
    await screenshot(page, 'sirens-status');
    await expectAccessible(page, 'sirens with a report');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'sirens-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
