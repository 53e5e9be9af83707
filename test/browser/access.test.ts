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

const PLAYER = { username: 'patrol.player', password: 'Patrol-Player-Pass-2024' };

describe('a player in the console', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    await server.createUser(PLAYER.username, PLAYER.password, 'player');
    page = await newPage(browser);
    await signIn(page, server.url, PLAYER.username, PLAYER.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('is not offered the admin screens', async () => {
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.waitFor();
    await page.getByRole('button', { name: /Account menu/ }).waitFor();
    expect(await nav.getByRole('link', { name: 'Users' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Organisations' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    await screenshot(page, 'player-home');
    await expectAccessible(page, 'player home');
  });

  it('is refused the Users screen when opening it by address', async () => {
    await page.goto(`${server.url}/console/users`);
    await page.getByRole('heading', { name: 'Not permitted' }).waitFor();
    await page.getByTestId('not-permitted').waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    await screenshot(page, 'player-users-refused');
    await expectAccessible(page, 'not permitted');
  });

  it('is refused by the API as well, not only by the console', async () => {
    const status = await page.evaluate<number>(`fetch('/api/v1/users').then((r) => r.status)`);
    expect(status).toBe(403);
  });
});
