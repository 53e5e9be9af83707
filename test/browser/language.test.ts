import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  ensureConsoleBuilt,
  expectAccessible,
  launchBrowser,
  newPage,
  screenshot,
  signIn,
} from './support.js';

describe('the language switcher', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    page = await newPage(browser);
    await signIn(page, server.url, server.admin.username, server.admin.password);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const nav = () => page.getByRole('navigation');

  it('shows the console in Kazakh', async () => {
    await page.getByRole('button', { name: 'Қазақша' }).click();
    await page.getByRole('heading', { name: 'Шолу' }).waitFor();
    await nav().getByRole('link', { name: 'Пайдаланушылар' }).waitFor();
    await nav().getByRole('link', { name: 'Аудит журналы' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('kk');
    await screenshot(page, 'dashboard-kk');
    await expectAccessible(page, 'dashboard in Kazakh');
  });

  it('names time zones by their city in Kazakh, never by their code', async () => {
    await nav().getByRole('link', { name: 'Оқу-жаттығулар' }).click();
    const table = page.getByRole('table').first();
    await table.getByText('Алматы').first().waitFor();
    expect(await page.getByText('Asia/Almaty').count()).toBe(0);
    await table.getByRole('link').first().click();
    await page.getByTestId('handling-marking').waitFor();
    await page
      .getByText(/\(UTC\+05:00\) Алматы$/)
      .first()
      .waitFor();
    expect(await page.getByText('Asia/Almaty').count()).toBe(0);
    await nav().getByRole('link', { name: 'Шолу' }).click();
    await page.getByRole('heading', { name: 'Шолу' }).waitFor();
  });

  it('shows the console in Russian', async () => {
    await page.getByRole('button', { name: 'Русский' }).click();
    await page.getByRole('heading', { name: 'Сводка' }).waitFor();
    await nav().getByRole('link', { name: 'Пользователи' }).click();
    await page.getByRole('heading', { name: 'Пользователи' }).waitFor();
    await page.getByRole('columnheader', { name: 'Имя пользователя' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    await screenshot(page, 'users-ru');
    await expectAccessible(page, 'users in Russian');
  });

  it('keeps the choice after a reload and in a new browser, as the user saved it', async () => {
    await page.reload();
    await page.getByRole('heading', { name: 'Пользователи' }).waitFor();

    // A new browser has no local memory of the choice; the account's saved language brings it back.
    const elsewhere = await newPage(browser);
    await elsewhere.goto(`${server.url}/console/`);
    await elsewhere.getByLabel(/^Username/).fill(server.admin.username);
    await elsewhere.getByLabel(/^Password/).fill(server.admin.password);
    await elsewhere.getByRole('button', { name: 'Sign in' }).click();
    await elsewhere.getByRole('heading', { name: 'Сводка' }).waitFor();
    await elsewhere.context().close();
  });
});
