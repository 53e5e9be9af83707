import type { ParsedMail } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';
import { expectAccessible, expectNoPageProblems, launchBrowser, newPage, screenshot } from './support.js';

/*
 * A resident's side of a drill notice, end to end on a real server with the demo data set, real
 * e-mail through a test SMTP server and Debian's Chromium: subscribe in Russian to Astana, confirm
 * through the link in the mail that arrived, get the next Astana notice and not a Pavlodar one,
 * and get its correction — as does everyone who got the original. (Reading, voting and commenting
 * as a resident and approving as a PIO are in comments.test.ts.)
 */

const PASSWORD = 'journey passphrase long enough';
const RESIDENT = 'aigerim.journey@example.org';
const DAY = 86_400_000;

interface Session {
  cookie: string;
  csrf: string;
}
type Json = Record<string, unknown> & { id: string; version: number; slug: string };

describe(
  'a resident subscribes, confirms and is told about drills in their area only',
  { timeout: 120_000 },
  () => {
    let smtp: TestSmtp;
    let server: TestServer;
    let browser: Browser;
    let page: Page;
    const sessions: Record<string, Session> = {};

    const signInApi = async (username: string): Promise<Session> => {
      const res = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
      });
      expect(res.status).toBe(200);
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('dabyl_session='))!;
      return { cookie: cookie.split(';')[0]!, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
    };
    const api = async (as: string, method: string, path: string, body?: unknown): Promise<Json> => {
      const s = sessions[as]!;
      const res = await fetch(`${server.url}/api/v1${path}`, {
        method,
        headers: {
          cookie: s.cookie,
          'x-csrf-token': s.csrf,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const json = (await res.json()) as Json;
      expect(res.status, `${method} ${path}: ${JSON.stringify(json)}`).toBeLessThan(300);
      return json;
    };
    const mailsTo = (address: string): ParsedMail[] =>
      smtp.mails.filter((m) => (m.to && !Array.isArray(m.to) ? m.to.text : '').includes(address));
    /** Waits (the dispatcher sends in the background) until `predicate` holds for the mail received. */
    const eventually = async (what: string, predicate: () => boolean): Promise<void> => {
      for (let i = 0; i < 900; i++) {
        if (predicate()) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`never happened: ${what}`);
    };

    /** A square around a point, about `km` across: an area the notice tells residents about. */
    const square = (lon: number, lat: number, km: number) => {
      const d = km / 111 / 2;
      const dx = d / Math.cos((lat * Math.PI) / 180);
      return {
        type: 'Polygon',
        coordinates: [
          [
            [lon - dx, lat - d],
            [lon + dx, lat - d],
            [lon + dx, lat + d],
            [lon - dx, lat + d],
            [lon - dx, lat - d],
          ],
        ],
      };
    };
    const publishNotice = async (city: string, lon: number, lat: number, title: string): Promise<Json> => {
      const starts = new Date(Date.now() + 3 * DAY);
      const draft = await api('pio.one', 'POST', '/notices', {
        city,
        timeZone: 'Asia/Almaty',
        startsAt: starts.toISOString(),
        endsAt: new Date(starts.getTime() + 4 * 3_600_000).toISOString(),
        texts: {
          ru: {
            title,
            summary: 'Это учения. Звонить в экстренные службы не нужно.',
            seeAndHear: 'Сирены, вооружённые группы, перекрытые улицы.',
            doList: ['Следуйте указаниям полиции'],
            dontList: ['Не звоните 112 из-за учений'],
            contacts: 'Штаб учений: +7 7172 00 00 00',
          },
        },
        areas: [
          { kind: 'area', texts: { ru: { name: `${city}: район учений` } }, geometry: square(lon, lat, 1.5) },
        ],
      });
      const submitted = await api('pio.one', 'POST', `/notices/${draft.id}/submit`, {
        version: draft.version,
      });
      return api('pio.two', 'POST', `/notices/${draft.id}/publish`, { version: submitted.version });
    };

    const eventuallyAsync = async (what: string, predicate: () => Promise<boolean>): Promise<void> => {
      for (let i = 0; i < 900; i++) {
        if (await predicate()) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`never happened: ${what}`);
    };

    beforeAll(async () => {
      smtp = await startTestSmtp();
      server = await startTestServer({ env: { DABYL_SMTP_URL: smtp.url } });
      for (const name of ['pio.one', 'pio.two']) {
        await server.createUser(name, PASSWORD, 'pio');
        sessions[name] = await signInApi(name);
      }
      browser = await launchBrowser();
      page = await newPage(browser);
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await smtp?.close();
    });

    let confirmLink = '';

    it('subscribes to Astana on the Russian page and is asked to confirm by e-mail', async () => {
      await page.goto(`${server.url}/ru/subscribe`);
      await expectAccessible(page, 'subscribe (ru)');
      await page.locator('#email').fill(RESIDENT);
      await page.locator('#name').fill('Айгерим');
      await page.locator('#language').selectOption('ru');
      await page.locator('#mode-named').check();
      await page.locator('#placeId').selectOption('astana');
      await page.getByRole('button', { name: 'Подписаться' }).click();
      await page.getByRole('heading', { name: 'Проверьте почту' }).waitFor();
      await eventually('the confirmation mail', () => mailsTo(RESIDENT).length === 1);
      const mail = mailsTo(RESIDENT)[0]!;
      const link = /https?:\/\/[^\s]+\/ru\/subscribe\/confirm\?token=[A-Za-z0-9_-]+/.exec(mail.text ?? '');
      expect(link, mail.text).not.toBeNull();
      confirmLink = new URL(link![0]).pathname + new URL(link![0]).search;
    });

    it('confirms through the link in the mail it received', async () => {
      await page.goto(server.url + confirmLink);
      await page.getByRole('button', { name: 'Подтвердить' }).click();
      await page.getByRole('heading', { name: 'Подписка подтверждена' }).waitFor();
      await screenshot(page, 'public-subscription-confirmed');
      await expectAccessible(page, 'subscription confirmed (ru)');
      expectNoPageProblems(page);
    });

    let astana: Json;

    it('gets the next Astana notice by e-mail, and not the Pavlodar one', async () => {
      const before = mailsTo(RESIDENT).length;
      const pavlodar = await publishNotice('Pavlodar', 76.95, 52.29, 'Учения в Павлодаре: ТЭЦ');
      astana = await publishNotice('Astana', 71.43, 51.13, 'Учения в Астане: проспект Республики');
      await eventually('the Astana notice mail', () =>
        mailsTo(RESIDENT).some((m) => (m.subject ?? '').includes('проспект Республики')),
      );
      // The Pavlodar notice went out first; once all its deliveries are sent, none of them was ours.
      const pavlodarDeliveries = () =>
        server.server.runtime.ctx.db.kysely
          .selectFrom('deliveries')
          .select(['status', 'address'])
          .where('source_kind', '=', 'notice')
          .where('source_id', '=', pavlodar.id)
          .execute();
      let unsent = -1;
      await eventuallyAsync('every delivery of the Pavlodar notice sent', async () => {
        const rows = await pavlodarDeliveries();
        unsent = rows.filter((r) => r.status !== 'sent').length;
        return rows.length > 0 && unsent === 0;
      });
      expect((await pavlodarDeliveries()).map((d) => d.address)).not.toContain(RESIDENT);
      const received = mailsTo(RESIDENT).slice(before);
      expect(received.some((m) => (m.subject ?? '').includes('Павлодаре'))).toBe(false);
      const mail = received.find((m) => (m.subject ?? '').includes('проспект Республики'))!;
      expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe(
        'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
      );
      expect(mail.text).toContain('Это учения');

      // The link in the mail opens the notice page, in Russian, which passes axe.
      const noticeLink = /https?:\/\/[^\s]+\/ru\/notices\/[^\s]+/.exec(mail.text ?? '');
      expect(noticeLink, mail.text).not.toBeNull();
      const url = new URL(noticeLink![0]);
      await page.goto(server.url + url.pathname);
      await page
        .getByRole('heading', { name: /проспект Республики/ })
        .first()
        .waitFor();
      await expectAccessible(page, 'notice (ru)');
    });

    it('gets the correction, as does everyone who got the original', async () => {
      const firstRecipients = await server.server.runtime.ctx.db.kysely
        .selectFrom('deliveries')
        .select('recipient_id')
        .where('source_kind', '=', 'notice')
        .where('source_id', '=', astana.id)
        .where('sequence', '=', 1)
        .execute();
      expect(firstRecipients.length).toBeGreaterThanOrEqual(2); // the resident and the demo's Astana subscribers

      const correcting = await api('pio.one', 'POST', `/notices/${astana.id}/correct`, {
        version: astana.version,
      });
      const edited = await api('pio.one', 'PATCH', `/notices/${astana.id}`, {
        version: correcting.version,
        endsAt: new Date(Date.now() + 3 * DAY + 6 * 3_600_000).toISOString(),
      });
      const submitted = await api('pio.one', 'POST', `/notices/${astana.id}/submit`, {
        version: edited.version,
      });
      await api('pio.two', 'POST', `/notices/${astana.id}/publish`, {
        version: submitted.version,
        note: 'Учения продлены на два часа',
      });

      const before = mailsTo(RESIDENT).length;
      await eventually('the correction mail', () => mailsTo(RESIDENT).length > before);
      const second = await server.server.runtime.ctx.db.kysely
        .selectFrom('deliveries')
        .select(['recipient_id', 'status'])
        .where('source_kind', '=', 'notice')
        .where('source_id', '=', astana.id)
        .where('sequence', '=', 2)
        .execute();
      const reached = new Set(second.map((d) => d.recipient_id));
      for (const r of firstRecipients) expect(reached.has(r.recipient_id)).toBe(true);
      // Nobody gets the same revision twice.
      expect(reached.size).toBe(second.length);
    });
  },
);
