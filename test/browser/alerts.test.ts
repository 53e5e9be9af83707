import jsQRModule from 'jsqr';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, hotp, totpStep } from '../../src/core/auth/totp.js';
import { confirmSubscription, subscribe } from '../../src/services/subscriptions/subscriptions.service.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';
import { installSigningKey, makePerson } from '../alerts/harness.js';
import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { createSiren } from '../../src/services/sirens/sirens.service.js';
import { startSimulatedSiren, type SimulatedSiren } from '../support/sirens.js';
import {
  ensureConsoleBuilt,
  expectAccessible,
  expectNoPageProblems,
  launchBrowser,
  newPage,
  screenshot,
  signIn,
} from './support.js';

const PIO = { username: 'pio.dana', password: 'Pio-Dana-Pass-2026' };
const AUTH = { username: 'auth.yerlan', password: 'Auth-Yerlan-Pass-2026' };
const POLYGON = '43.22,76.88 43.22,76.98 43.28,76.98 43.28,76.88 43.22,76.88';
const RESIDENTS = [
  ['medeu.resident@example.org', 'ru'],
  ['almaly.resident@example.org', 'kk'],
] as const;
const BROKER = 'mqtt://127.0.0.1:1883';
const COUNTRY = '40.5,46.5 40.5,87.3 55.4,87.3 55.4,46.5 40.5,46.5';

/**
 * The alert path in two browsers: a PIO composes a trilingual earthquake alert for an Almaty polygon
 * (each status looks different in the composer), an authoriser enrols an authenticator app and
 * approves it with a code in a second context; the drafter never sees an approve button.
 */
describe('public alerts in the console', { timeout: 180_000 }, () => {
  let server: TestServer;
  let smtp: TestSmtp;
  let browser: Browser;
  let pio: Page;
  let auth: Page;
  let signing: ReturnType<typeof installSigningKey>;
  let secret: Buffer;
  const sirens: SimulatedSiren[] = [];
  let spent = -Infinity;
  /**
   * The next code the server will take, as a person with the app would give it: a step later than
   * any spent, within the one-step window, waiting for the clock when it must. Codes computed from
   * "now" alone broke when a 30-second step rolled over between two actions.
   */
  const freshCode = async (): Promise<string> => {
    for (;;) {
      const now = totpStep(new Date());
      // "now" rather than the oldest step still taken, so a spent code stays in the window long
      // enough to be replayed on purpose.
      const step = Math.max(spent + 1, now);
      if (step <= now + 1) {
        spent = step;
        return hotp(secret, step);
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  };

  beforeAll(async () => {
    await ensureConsoleBuilt();
    smtp = await startTestSmtp();
    [server, browser] = await Promise.all([
      // Sirens over the machine's Mosquitto, awaited two seconds before one is listed as silent.
      startTestServer({
        demo: false,
        env: { DABYL_SMTP_URL: smtp.url, DABYL_MQTT_URL: BROKER, DABYL_SIREN_ACK_SECONDS: '2' },
      }),
      launchBrowser(),
    ]);
    signing = installSigningKey(server.server.runtime.ctx);
    // Two sirens in the district, each a controller process of its own: one answers, one is mute.
    const run = `dabyl-browser/${randomUUID().slice(0, 8)}`;
    for (const [name, lon, lat, flags] of [
      ['Medeu school', 76.93, 43.25, []],
      ['Medeu market', 76.95, 43.26, ['--silent']],
    ] as const) {
      const prefix = `${run}/${name.split(' ')[1]}`;
      const { commandKey } = await createSiren(server.server.runtime.ctx, SYSTEM_ACTOR, {
        name: { kk: name, ru: name, en: name },
        lon,
        lat,
        topicPrefix: prefix,
        purpose: 'public',
      });
      sirens.push(await startSimulatedSiren({ url: BROKER, prefix, key: commandKey, flags: [...flags] }));
    }
    await server.createUser(PIO.username, PIO.password, 'pio');
    await server.createUser(AUTH.username, AUTH.password, 'authoriser');
    pio = await newPage(browser);
    auth = await newPage(browser);
    await signIn(pio, server.url, PIO.username, PIO.password);
    await signIn(auth, server.url, AUTH.username, AUTH.password);
    // Two residents of the district, each confirmed from the link mailed to them, as on the public site.
    for (const [email, language] of RESIDENTS) {
      const before = smtp.mails.length;
      await subscribe(server.server.runtime.ctx, {
        email,
        name: 'Resident',
        language,
        places: [{ lon: 76.93, lat: 43.25, radiusM: 500, label: 'Home' }],
      });
      const [mail] = (await smtp.waitFor(before + 1)).slice(before);
      const token = /\/subscribe\/confirm\?token=([A-Za-z0-9_-]{43})/.exec(mail!.text ?? '')![1]!;
      await confirmSubscription(server.server.runtime.ctx, token);
    }
  });
  afterAll(async () => {
    await Promise.all(sirens.map((s) => s.stop()));
    signing?.remove();
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  it('shows each status unmistakably differently in the composer', async () => {
    await pio.getByRole('navigation').getByRole('link', { name: 'Alerts' }).click();
    await pio.getByRole('heading', { name: 'Public alerts', level: 1 }).waitFor();
    const looks = new Set<string>();
    for (const status of ['Exercise', 'Test', 'System', 'Draft', 'Actual']) {
      await pio.getByLabel('Status', { exact: true }).selectOption(status);
      const banner = pio.locator(`[data-alert-status="${status}"]`);
      await banner.waitFor();
      looks.add(
        await banner.evaluate((el) => getComputedStyle(el).background + getComputedStyle(el).borderStyle),
      );
      if (status !== 'Actual') await screenshot(pio, `alerts-composer-${status.toLowerCase()}`);
    }
    expect(looks.size).toBe(5);
    await expect(pio.getByRole('status').textContent()).resolves.toContain(
      'ACTUAL — A REAL ALERT TO THE PUBLIC',
    );
  });

  it('lets the PIO compose a trilingual earthquake alert for an Almaty polygon and submit it', async () => {
    await pio.getByLabel('Hazard').selectOption('earthquake');
    await pio.getByLabel('Polygon points').fill(POLYGON);
    await pio.getByLabel('Area name in Kazakh').fill('Алматы, Медеу ауданы');
    await pio.getByLabel('Area name in Russian').fill('Алматы, Медеуский район');
    await pio.getByLabel('Area name in English').fill('Almaty, Medeu district');
    await screenshot(pio, 'alerts-composer-actual');
    await pio.getByRole('button', { name: 'Submit for approval' }).click();
    const queue = pio.getByRole('region', { name: 'Approval queue' });
    await queue.getByText('Earthquake: Almaty, Medeu district').waitFor();
    await expect(queue.getByRole('button', { name: 'Approve' }).count()).resolves.toBe(0);
    // Before it goes: each channel in each language as residents will receive it, SMS costed.
    await queue.getByRole('button', { name: 'Preview per channel' }).click();
    await queue.getByRole('tab', { name: 'Russian' }).click();
    const panel = queue.getByRole('tabpanel', { name: 'Russian' });
    await panel.getByText(/\d+ characters, \d+ SMS in UCS-2, \d+ left in the last/).waitFor();
    await panel
      .getByText(/Землетрясение: Алматы, Медеуский район/)
      .first()
      .waitFor();
    await screenshot(pio, 'alerts-preview');
    await queue.getByRole('button', { name: 'Hide preview' }).click();
    await expectAccessible(pio, 'alerts composer');
    expectNoPageProblems(pio);
  });

  it('lets the authoriser enrol an authenticator app and approve with a code, in a second context', async () => {
    await auth.getByRole('navigation').getByRole('link', { name: 'Alerts' }).click();
    await auth.getByRole('button', { name: 'Enrol an authenticator app' }).click();
    const uri = await auth.locator('pre').filter({ hasText: 'otpauth://totp/' }).textContent();
    // The QR code a phone would scan carries exactly the link shown beside it.
    expect(await readQrCode(auth, 'QR code for your authenticator app')).toBe(uri!.trim());
    secret = base32Decode(new URL(uri!.trim()).searchParams.get('secret')!)!;
    await screenshot(auth, 'alerts-second-factor');
    const enrolment = await freshCode();
    await auth.getByLabel('Code from the app').fill(enrolment);
    await auth.getByRole('button', { name: 'Confirm' }).click();
    await auth.getByText('Your authenticator app is enrolled.').waitFor();
    const queue = auth.getByRole('region', { name: 'Approval queue' });
    await queue.getByText('Earthquake: Almaty, Medeu district').waitFor();
    await queue.getByText('Would reach: residents 2, exercise participants 0').waitFor();
    await screenshot(auth, 'alerts-approval-queue');
    // The code just used for enrolment is refused as a replay, and said so.
    await queue.getByLabel('Code').fill(enrolment);
    await queue.getByRole('button', { name: 'Approve' }).click();
    await auth.getByText('This code was used already').waitFor();
    const mailed = smtp.mails.length;
    await queue.getByLabel('Code').fill(await freshCode());
    await queue.getByRole('button', { name: 'Approve' }).click();
    const all = auth.getByRole('region', { name: 'All alerts' });
    await all.getByText('Sent', { exact: true }).waitFor();
    // Under the sent alert: the siren that answered counted, the mute one named once its time is up.
    await all.getByText('1 acknowledged').waitFor({ timeout: 30_000 });
    await all.getByText('No acknowledgement within 2 s: Medeu market').waitFor({ timeout: 30_000 });
    await all.getByText('1 did not answer').waitFor();
    await screenshot(auth, 'alerts-sent');
    // The sent alert's delivery dashboard opens beneath it, with its latency chart.
    await all.getByRole('button', { name: 'Deliveries' }).first().click();
    const dashboard = all.getByRole('region', { name: 'Deliveries' });
    // Two e-mails and a command to each of the two sirens.
    await dashboard.getByText('Message 1: 4 deliveries').waitFor();
    // It fills as the dispatcher hands the mails over, with no reload: both sent.
    const email = dashboard.getByRole('row').filter({ hasText: 'E-mail' });
    await expect.poll(() => email.getByRole('cell').nth(2).textContent(), { timeout: 15_000 }).toBe('2');
    const received = (await smtp.waitFor(mailed + 2)).slice(mailed);
    expect(received.map((m) => m.subject).sort()).toEqual([
      'Жер сілкінісі: Алматы, Медеу ауданы',
      'Землетрясение: Алматы, Медеуский район',
    ]);
    await dashboard.getByRole('img', { name: 'Deliveries by seconds from approval to acceptance' }).waitFor();
    await screenshot(auth, 'alerts-deliveries');
    // The area it went to, on a map framed to it and labelled with what it was sent, and as a table.
    const map = dashboard.getByRole('region', { name: 'Areas reached', exact: true });
    await map.waitFor();
    await dashboard.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
    const areas = dashboard.getByRole('region', { name: 'Areas reached, as a table' });
    // Area, messages, sent, delivered, all: the siren that acknowledged is the one confirmed delivered.
    await expect(areas.getByRole('row').nth(1).getByRole('cell').allTextContents()).resolves.toEqual([
      'Almaty, Medeu district',
      '1',
      '4',
      '1',
      '4',
    ]);
    await map.scrollIntoViewIfNeeded();
    const drawn = await mapInk(map);
    expect(drawn.outline, 'the area outlined').toBeGreaterThan(20);
    expect(drawn.label, 'the area labelled in its middle').toBeGreaterThan(20);
    // From the top, so the page's sticky bar sits where a reader sees it, not across the middle.
    await auth.evaluate(() => window.scrollTo(0, 0));
    await screenshot(auth, 'alerts-deliveries-map');
    await expectAccessible(auth, 'alert delivery map');
    await all.getByRole('button', { name: 'Hide deliveries' }).click();
    await expectAccessible(auth, 'alerts approval');
  });

  it('lets the PIO send "all clear" for approval and the authoriser cancel the alert in one action', async () => {
    // No reload: the approval reached the PIO's screen over the live event stream.
    const all = pio.getByRole('region', { name: 'All alerts' });
    await all.getByRole('button', { name: 'Send "all clear" for approval' }).click();
    await pio
      .getByRole('region', { name: 'Approval queue' })
      .getByText('All clear: Almaty, Medeu district')
      .waitFor();
    await auth.reload();
    const sent = auth.getByRole('region', { name: 'All alerts' });
    await sent.getByLabel('Reason').fill('Sent in error');
    const mailed = smtp.mails.length;
    await sent.getByLabel('Code').fill(await freshCode());
    await sent.getByRole('button', { name: 'Cancel alert' }).click();
    await sent.getByText('Cancellation · Earthquake').waitFor();
    // Both residents who had the alert are told it is cancelled.
    const cancels = (await smtp.waitFor(mailed + 2)).slice(mailed);
    expect(
      new Set(cancels.flatMap((m) => (m.to && !Array.isArray(m.to) ? m.to.value : [])).map((a) => a.address)),
    ).toEqual(new Set(RESIDENTS.map(([address]) => address)));
    await screenshot(auth, 'alerts-cancelled');
    // Cancelled: the "all clear" waiting in the queue can no longer be approved.
    const queue = auth.getByRole('region', { name: 'Approval queue' });
    await queue.getByText('All clear: Almaty, Medeu district').waitFor();
    await expect(queue.getByRole('button', { name: 'Approve' }).count()).resolves.toBe(0);
    await queue.getByText('The alert was cancelled: nothing more is sent in its name.').waitFor();
  });

  it('approves an alert for the whole country only when the authoriser types how many it reaches', async () => {
    await pio.getByLabel('Polygon points').fill(COUNTRY);
    await pio.getByLabel('Area name in Kazakh').fill('Қазақстан');
    await pio.getByLabel('Area name in Russian').fill('Казахстан');
    await pio.getByLabel('Area name in English').fill('Kazakhstan');
    await pio.getByRole('button', { name: 'Submit for approval' }).click();
    // A second authoriser, whose codes this test's earlier steps have not spent.
    const second = await makePerson(server.server.runtime.ctx, 'auth.aigerim', 'authoriser');
    const page = await newPage(browser);
    await signIn(page, server.url, 'auth.aigerim', 'auth.aigerim alerts passphrase');
    await page.getByRole('navigation').getByRole('link', { name: 'Alerts' }).click();
    const queue = page.getByRole('region', { name: 'Approval queue' });
    await queue.getByText('Earthquake: Kazakhstan').waitFor();
    const count = queue.getByLabel('People it reaches');
    await queue
      .getByText(/This alert covers [\d,]+ km²\. Type the number of people it reaches now: 2\./)
      .waitFor();
    await count.fill('1000');
    await queue.getByLabel('Code').fill(second.code());
    await queue.getByRole('button', { name: 'Approve' }).click();
    await queue.getByText('confirmReach: 1,000 is not the 2 people this alert reaches now').waitFor();
    await screenshot(page, 'alerts-wide-area');
    // The refusal came before the code was checked, so the same code still approves.
    await count.fill('2');
    await queue.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('region', { name: 'All alerts' }).getByText('Earthquake: Kazakhstan').waitFor();
    // Residents see it on the public site's home page within a second or so, as a real alert.
    await expect
      .poll(
        async () => {
          await page.goto(`${server.url}/en/`);
          return page.getByRole('alert').filter({ hasText: 'Earthquake: Kazakhstan' }).count();
        },
        { timeout: 15_000, interval: 500 },
      )
      .toBe(1);
    await page.getByText('ALERT — this is not a drill: Earthquake: Kazakhstan').waitFor();
    await screenshot(page, 'public-home-live-alert');
    await page.close();
  });

  it('says it in Kazakh and Russian too', async () => {
    for (const [button, heading, state] of [
      ['Қазақша', 'Жария дабылдар', 'Жіберілді'],
      ['Русский', 'Публичные оповещения', 'Отправлено'],
    ] as const) {
      await pio.getByRole('button', { name: button }).click();
      await pio.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await pio.getByText(state, { exact: true }).first().waitFor();
      await screenshot(pio, `alerts-${heading === 'Жария дабылдар' ? 'kk' : 'ru'}`);
    }
  });
});

/**
 * How many pixels of the map show the area's outline (the cordon orange) and, in the middle third
 * where the label sits, its text (the label's near-black): a label cannot be read from the DOM, it
 * is drawn on the canvas. Waits for both, since tiles and glyphs arrive after the map is ready.
 */
async function mapInk(canvas: Locator): Promise<{ outline: number; label: number }> {
  let ink = { outline: 0, label: 0 };
  for (let tries = 0; tries < 20 && !(ink.outline > 20 && ink.label > 20); tries++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const png = await canvas.screenshot();
    ink = await canvas.page().evaluate(async (base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const g = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
      g.drawImage(bitmap, 0, 0);
      const { data, width, height } = g.getImageData(0, 0, bitmap.width, bitmap.height);
      const near = (i: number, [r, gr, b]: number[]) =>
        Math.abs(data[i]! - r!) + Math.abs(data[i + 1]! - gr!) + Math.abs(data[i + 2]! - b!) < 40;
      let outline = 0;
      let label = 0;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const i = (y * width + x) * 4;
          if (near(i, [232, 89, 12])) outline++;
          const middle = x > width / 3 && x < (2 * width) / 3 && y > height / 3 && y < (2 * height) / 3;
          if (middle && near(i, [26, 27, 30])) label++;
        }
      }
      return { outline, label };
    }, png.toString('base64'));
  }
  return ink;
}

// The package is CommonJS typed as an ES default export; under Node the default is the whole module.
type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = (jsQRModule as unknown as { default: Decode }).default;

/** Reads the QR code in the named image as a camera would: from its pixels. */
async function readQrCode(page: Page, alt: string): Promise<string | undefined> {
  const img = page.getByRole('img', { name: alt });
  await img.waitFor();
  const { width, height, data } = await img.evaluate(async (el: HTMLImageElement) => {
    await el.decode();
    const canvas = document.createElement('canvas');
    canvas.width = el.naturalWidth;
    canvas.height = el.naturalHeight;
    const c = canvas.getContext('2d')!;
    c.drawImage(el, 0, 0);
    const pixels = c.getImageData(0, 0, canvas.width, canvas.height);
    return { width: pixels.width, height: pixels.height, data: Array.from(pixels.data) };
  });
  return jsQR(Uint8ClampedArray.from(data), width, height)?.data;
}
