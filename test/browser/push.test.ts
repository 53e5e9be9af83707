import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPushService, subscriptionJson, type PushService } from '../support/push-service.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { expectAccessible, launchBrowser, newPage, pageProblems as problems, screenshot } from './support.js';

/*
 * "Get alerts on this device" on the public site, in Chromium. Headless Chromium has no push
 * service behind PushManager.subscribe (it refuses with "push service not available"), so the
 * browser's part is tested up to and including the permission request and the worker's
 * registration, and the subscription itself is registered through the same API the button calls,
 * with a subscription made at a push service on loopback.
 */
describe('alerts on this device, on the public site', () => {
  let server: TestServer;
  let browser: Browser;
  let svc: PushService;

  beforeAll(async () => {
    svc = await startPushService();
    server = await startTestServer({
      demo: false,
      env: { DABYL_WEBPUSH_SUBJECT: 'mailto:duty@dabyl.gov.kz', DABYL_WEBPUSH_ALLOW_HOSTS: '127.0.0.1' },
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await svc?.close();
  });

  const open = async (lang: string, permission: 'granted' | 'denied'): Promise<Page> => {
    const page = await newPage(browser, { serviceWorkers: true });
    if (permission === 'granted')
      await page.context().grantPermissions(['notifications'], { origin: server.url });
    await page.goto(`${server.url}/${lang}/subscribe`);
    return page;
  };

  it('asks for permission, registers the worker and tries to subscribe, saying what happened', async () => {
    const page = await open('en', 'granted');
    const section = page.locator('#device-alerts');
    await expect.poll(() => section.isVisible()).toBe(true);
    await page.locator('#push-place').selectOption('almaty');
    await page.getByRole('button', { name: 'Get alerts on this device' }).click();
    const status = page.locator('#push-status');
    await expect
      .poll(() => status.textContent())
      .toMatch(
        /^(Done: alerts for this area will come to this device\.|The device could not be subscribed just now\. Please try again later\.)$/,
      );
    // The worker is registered for the whole site whatever the push service said.
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${server.url}/`);
    const permission = await page.evaluate(() => Notification.permission);
    expect(permission).toBe('granted');
    // Headless Chromium's contexts refuse PushManager.subscribe (no push service in them), and say so
    // on the console; nothing else may go wrong on the page.
    expect(problems(page).filter((p) => !/Push API/.test(p))).toEqual([]);
    await page.close();
  });

  it('asks for an area first, then for the permission to show notifications', async () => {
    const page = await open('ru', 'denied');
    await expect.poll(() => page.locator('#device-alerts').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Получать оповещения на это устройство' }).click();
    await expect.poll(() => page.locator('#push-status').textContent()).toBe('Сначала выберите район.');
    await page.locator('#push-place').selectOption('astana');
    await page.getByRole('button', { name: 'Получать оповещения на это устройство' }).click();
    // Nobody answers the browser's question in a headless run: the page says it is asking.
    await expect
      .poll(() => page.locator('#push-status').textContent())
      .toBe('Браузер спросит, разрешить ли этому сайту показывать уведомления.');
    await page.close();
  });

  it('registers a subscription through the API the button calls, lists its areas and stops them', async () => {
    const sub = svc.subscribe();
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}/api/v1/push/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const key = (await (await fetch(`${server.url}/api/v1/push/key`)).json()) as { publicKey: string };
    expect(Buffer.from(key.publicKey, 'base64url')).toHaveLength(65);
    const made = await post('subscriptions', {
      subscription: subscriptionJson(sub),
      placeId: 'almaty',
      language: 'kk',
    });
    expect(made.status).toBe(200);
    expect(((await made.json()) as { places: { placeId: string }[] }).places.map((p) => p.placeId)).toEqual([
      'almaty',
    ]);
    const bad = await post('subscriptions', {
      subscription: { ...subscriptionJson(sub), keys: { ...sub.keys, auth: 'x' } },
      placeId: 'almaty',
      language: 'kk',
    });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { field: string }).field).toBe('subscription/keys/auth');
    const listed = (await (await post('places', { endpoint: sub.endpoint })).json()) as { places: unknown[] };
    expect(listed.places).toHaveLength(1);
    const stopped = (await (await post('unsubscribe', { endpoint: sub.endpoint })).json()) as {
      places: unknown[];
    };
    expect(stopped.places).toEqual([]);
  });

  for (const [lang, width, height, name] of [
    ['kk', 1280, 900, 'desktop'],
    ['ru', 390, 844, 'phone'],
    ['en', 390, 844, 'phone'],
  ] as const)
    it(`shows the section in ${lang} on a ${name}, accessible`, async () => {
      const page = await open(lang, 'granted');
      await page.setViewportSize({ width, height });
      await expect.poll(() => page.locator('#device-alerts').isVisible()).toBe(true);
      await page.locator('#push-place').selectOption('almaty');
      await expectAccessible(page, `push-${lang}`);
      await page.locator('#device-alerts').scrollIntoViewIfNeeded();
      await screenshot(page, `push-subscribe-${lang}-${name}`);
      await page.close();
    });
});
