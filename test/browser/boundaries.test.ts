import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { boundaryFeature, props, smallFile } from '../boundaries/fixtures.js';
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
 * The Boundaries screen: the administrator imports a small GeoJSON file, is told exactly which
 * feature and field of a wrong one is at fault (and nothing changes), sees the set and its
 * boundaries listed in words, and removes it after confirming; a PIO has no such screen.
 */
describe('boundary sets in the console', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Page;

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [server, browser] = await Promise.all([startTestServer({ demo: false }), launchBrowser()]);
    await server.createUser('pio.dana', 'pio boundaries passphrase', 'pio');
    admin = await newPage(browser);
    await signIn(admin, server.url, server.admin.username, server.admin.password);
    await admin.getByRole('navigation').waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const choose = (page: Page, name: string, content: unknown) =>
    page.locator('input[type="file"]').setInputFiles({
      name,
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(content)),
    });

  it('lets the administrator import a file, naming what is wrong in a bad one, and list the set', async () => {
    await admin.getByRole('navigation').getByRole('link', { name: 'Boundaries' }).click();
    await admin.getByText('No boundary set has been imported yet.').waitFor();
    const form = admin.getByRole('group', { name: 'Import a boundary set' });
    await form.getByLabel('Set name').fill('almaty-test');
    await form.getByLabel('The outlines are approximate', { exact: false }).check();

    const wrong = smallFile();
    wrong.features.push(boundaryFeature(props('x', 'city', '<b>X</b>')));
    await choose(admin, 'wrong.geojson', wrong);
    await form.getByRole('button', { name: 'Import' }).click();
    await screenshot(admin, 'boundaries-refused');
    await form.getByRole('alert').getByText('features[3].properties.name:kk', { exact: false }).waitFor();
    await form
      .getByRole('list', { name: 'Every problem found in the file' })
      .getByText('features[3].properties.name:en: must be plain text', { exact: false })
      .waitFor();
    await expect(admin.getByText('No boundary set has been imported yet.').count()).resolves.toBe(1);

    await choose(admin, 'almaty.geojson', smallFile());
    await form.getByRole('button', { name: 'Import' }).click();
    await form.getByText('Imported 3 boundaries as a new set.').waitFor();
    const sets = admin.getByRole('table', { name: 'Boundary sets' });
    const row = sets.getByRole('row').filter({ hasText: 'almaty-test' });
    await row.getByText('Approximate').waitFor();
    const list = admin.getByRole('table', { name: 'Boundaries' });
    await list
      .getByRole('row')
      .filter({ hasText: 'Medeu district' })
      .getByRole('cell', { name: 'District', exact: true })
      .waitFor();
    await list.getByRole('row').filter({ hasText: 'Karaganda city' }).getByText('Karaganda Region').waitFor();
    await admin.getByLabel('Search by name').fill('medeu');
    await expect.poll(() => list.getByRole('row').count()).toBe(2);
    await admin.getByLabel('Search by name').fill('');
    await screenshot(admin, 'boundaries');
    await expectAccessible(admin, 'boundaries');
    expectNoPageProblems(admin);
  });

  it('keeps the screen from a PIO, and removes a set only after the administrator confirms', async () => {
    const page = await newPage(browser);
    await signIn(page, server.url, 'pio.dana', 'pio boundaries passphrase');
    await page.getByRole('navigation').waitFor();
    await expect(
      page.getByRole('navigation').getByRole('link', { name: 'Boundaries' }).count(),
    ).resolves.toBe(0);
    await page.close();

    const ru = await newPage(browser);
    await signIn(ru, server.url, server.admin.username, server.admin.password, 'Русский');
    await ru.getByRole('navigation').getByRole('link', { name: 'Границы' }).click();
    const list = ru.getByRole('table', { name: 'Границы' });
    await list
      .getByRole('row')
      .filter({ hasText: 'Медеуский район' })
      .getByRole('cell', { name: 'Район', exact: true })
      .waitFor();
    await ru.getByRole('table', { name: 'Наборы границ' }).getByText('Приблизительная').waitFor();
    await screenshot(ru, 'boundaries-ru');
    await ru.close();

    const row = admin
      .getByRole('table', { name: 'Boundary sets' })
      .getByRole('row')
      .filter({ hasText: 'almaty-test' });
    await row.getByRole('button', { name: 'Remove' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Remove this boundary set?' });
    await dialog.getByText('its 3 boundaries will be removed', { exact: false }).waitFor();
    await screenshot(admin, 'boundaries-remove');
    await dialog.getByRole('button', { name: 'Remove the set' }).click();
    await admin.getByText('No boundary set has been imported yet.').waitFor();
    await admin.getByText('No boundary matches.').waitFor();
  });
});
