import type { ParsedMail } from 'mailparser';
import { areaTexts } from '../../src/core/notice/testing.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NoticeSnapshot } from '../../src/core/notice/notice.js';
import { requestFanOut } from '../../src/services/outbox/fanout.js';
import { noticeRepository } from '../../src/store/notice.repository.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';

/*
 * The subscription pages over HTTP as a resident uses them with JavaScript off (plain form posts),
 * with the links taken from the real e-mails the test SMTP server receives; and the outbox API.
 */

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

/** The path and query of the link in a mail that leads to `path`. */
function linkIn(mail: ParsedMail, path: string): string {
  const m = new RegExp(`https?://[^/\\s]+(${path.replace(/\?/g, '\\?')}\\?token=[A-Za-z0-9_-]{43})`).exec(
    mail.text ?? '',
  );
  if (!m) throw new Error(`no ${path} link in:\n${mail.text}`);
  return m[1]!;
}

describe('subscribing over HTTP with the real e-mail', () => {
  let smtp: TestSmtp;
  let server: TestServer;
  let get: (path: string) => Promise<Response>;
  let post: (path: string, fields: Record<string, string>) => Promise<Response>;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    server = await startTestServer({ demo: false, env: { DABYL_SMTP_URL: smtp.url } });
    get = (path) => fetch(server.url + path);
    post = (path, fields) => fetch(server.url + path, form(fields));
  });
  afterAll(async () => {
    await server.close();
    await smtp.close();
  });

  let manage = '';

  it('subscribes with the form, confirms through the e-mailed link (GET only shows a button)', async () => {
    const page = await get('/ru/subscribe');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<form class="subscribe" method="post" action="/ru/subscribe"');
    expect(html).toMatch(/<option value="astana-yesil"\s*>район Есиль<\/option>/);
    expect(html).not.toMatch(/<script>(?!<\/script>)/);

    const before = smtp.mails.length;
    const sent = await post('/ru/subscribe', {
      email: 'dana@example.org',
      name: 'Дана',
      language: 'ru',
      mode: 'named',
      placeId: 'astana',
    });
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain('Проверьте почту');
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    expect(mail!.subject).toBe('Подтвердите подписку — Дабыл');
    const confirm = linkIn(mail!, '/ru/subscribe/confirm');
    manage = linkIn(mail!, '/ru/subscription');

    // A mail scanner following the link changes nothing.
    for (let i = 0; i < 2; i++) {
      const shown = await get(confirm);
      expect(shown.status).toBe(200);
      expect(shown.headers.get('cache-control')).toBe('no-store');
      expect(await shown.text()).toContain('Подтвердить</button>');
    }
    expect(await (await get(manage)).text()).toContain('ожидает подтверждения');

    const token = new URL(confirm, 'http://x').searchParams.get('token')!;
    const done = await post('/ru/subscribe/confirm', { token });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Подписка подтверждена');
    const again = await post('/ru/subscribe/confirm', { token });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('эта ссылка уже использована');
    expect(await (await get(manage)).text()).toContain('действует');
  });

  it('explains a guessed link and refuses a line break in the name and a country-sized circle', async () => {
    const guessed = await get(`/en/subscribe/confirm?token=${'x'.repeat(43)}`);
    expect(guessed.status).toBe(404);
    expect(await guessed.text()).toContain('This link is not valid');

    const crlf = await post('/en/subscribe', {
      email: 'eve@example.org',
      name: 'Eve\r\nBcc: all@example.org',
      language: 'en',
      mode: 'named',
      placeId: 'astana',
    });
    expect(crlf.status).toBe(422);
    expect(await crlf.text()).toContain('Name: must be one line');

    const country = await post('/kk/subscribe', {
      email: 'eve@example.org',
      language: 'kk',
      mode: 'point',
      lat: '48',
      lon: '67',
      radiusKm: '1500',
    });
    expect(country.status).toBe(422);
    const text = await country.text();
    expect(text).toContain('ең үлкені — 50 км');
    expect(text).toContain('value="1500"');
  });

  it('sends a notice, and the outbox API shows it; a refused address becomes a dead letter a retry sends', async () => {
    const ctx = server.server.runtime.ctx;
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(server.admin),
    });
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const api = (path: string, method = 'GET') =>
      fetch(`${server.url}/api/v1${path}`, { method, headers: { cookie, 'x-csrf-token': csrfToken } });

    smtp.failWith = 550;
    const id = '44444444-4444-4444-8444-444444444444';
    const snapshot: NoticeSnapshot = {
      id,
      slug: 'expo-drill',
      exerciseId: null,
      city: 'Astana',
      timeZone: 'Asia/Almaty',
      startsAt: '2026-11-03T04:00:00.000Z',
      endsAt: '2026-11-03T09:00:00.000Z',
      texts: {
        ru: {
          title: 'Учения у EXPO',
          summary: 'Учения.',
          seeAndHear: '',
          doList: [],
          dontList: [],
          contacts: '',
        },
      },
      areas: [
        {
          id: 'a',
          kind: 'closure',
          texts: areaTexts('Mangilik El', 'Mangilik El'),
          geometry: {
            type: 'LineString',
            coordinates: [
              [71.41, 51.09],
              [71.42, 51.1],
            ],
          },
          startsAt: null,
          endsAt: null,
          zoneId: null,
        },
      ],
    };
    await ctx.db.kysely.transaction().execute(async (trx) => {
      const at = new Date().toISOString();
      await noticeRepository.insert(trx, {
        id,
        exercise_id: null,
        slug: 'expo-drill',
        status: 'published',
        city: 'Astana',
        time_zone: 'Asia/Almaty',
        starts_at: snapshot.startsAt,
        ends_at: snapshot.endsAt,
        texts: '{}',
        areas: '[]',
        revision: 1,
        version: 1,
        created_by: null,
        submitted_by: null,
        submitted_at: null,
        created_at: at,
        updated_at: at,
      });
      await noticeRepository.insertRevision(trx, {
        notice_id: id,
        revision: 1,
        kind: 'Alert',
        snapshot: JSON.stringify(snapshot),
        note: null,
        cap_identifier: 'urn:test:http',
        cap_xml: '<alert/>',
        drafted_by: null,
        published_by: 'x',
        published_at: at,
      });
      await requestFanOut(ctx, trx, { sourceKind: 'notice', sourceId: id, sequence: 1, mode: 'actual' });
    });
    // The fan-out worker and the dispatcher are woken by the publication; a 550 is permanent, so
    // one try makes a dead letter.
    let dead: { items: { id: string; address: string; lastError: string; attempts: number }[] } = {
      items: [],
    };
    while (dead.items.length === 0) {
      dead = (await (await api('/outbox/dead')).json()) as typeof dead;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(dead.items[0]).toMatchObject({ address: 'dana@example.org', attempts: 1 });
    expect(dead.items[0]!.lastError).toMatch(/^the mail server refused the message: .*550/);
    // Each reader is told why in their own language; the mail server's own words stay as it said them.
    for (const [lang, opening] of [
      ['kk', 'пошта сервері хатты қабылдамады: '],
      ['ru', 'почтовый сервер отклонил письмо: '],
    ] as const) {
      const worded = (await (
        await fetch(`${server.url}/api/v1/outbox/dead`, { headers: { cookie, 'accept-language': lang } })
      ).json()) as { items: { lastError: string; reason: string }[] };
      expect(worded.items[0]).toMatchObject({ reason: 'email_refused' });
      expect(worded.items[0]!.lastError.startsWith(opening)).toBe(true);
      expect(worded.items[0]!.lastError).toMatch(/550/);
    }

    smtp.failWith = null;
    const before = smtp.mails.length;
    expect((await api(`/outbox/deliveries/${dead.items[0]!.id}/retry`, 'POST')).status).toBe(204);
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    expect(mail!.subject).toBe('Учения у EXPO');
    const fanouts = (await (await api('/outbox/fanouts')).json()) as { items: unknown[] };
    expect(fanouts.items).toContainEqual(
      expect.objectContaining({ sourceId: id, matched: 1, written: 1, status: 'done' }),
    );
    const status = (await (await api('/outbox')).json()) as {
      channels: { name: string; configured: boolean; up: boolean; counts: Record<string, number> }[];
    };
    expect(status.channels[0]).toMatchObject({
      name: 'email',
      configured: true,
      up: true,
      // The confirmation e-mail went through the outbox too.
      counts: { sent: 2, dead: 0 },
    });
    const stats = await (await api('/subscribers/stats')).json();
    expect(stats).toEqual({ pending: 0, active: 1, unsubscribed: 0, placesByKind: { city: 1 } });
    expect(JSON.stringify(stats)).not.toContain('@');
    expect((await fetch(`${server.url}/api/v1/outbox`)).status).toBe(401);
  });

  it('unsubscribes in one click (RFC 8058 POST) but not on GET, then erases everything', async () => {
    const token = new URL(manage, 'http://x').searchParams.get('token')!;
    const page = await get(`/unsubscribe?token=${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Отписаться</button>');
    expect(await (await get(manage)).text()).toContain('действует');

    const oneClick = await fetch(
      `${server.url}/unsubscribe?token=${token}`,
      form({ 'List-Unsubscribe': 'One-Click' }),
    );
    expect(oneClick.status).toBe(200);
    expect(await (await get(manage)).text()).toContain('вы отписались');

    const erased = await post('/ru/subscription/erase', { token });
    expect(await erased.text()).toContain('Ваши данные удалены');
    expect((await get(manage)).status).toBe(404);
  });

  it('limits subscription requests from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (
          await post('/en/subscribe', {
            email: 'not-an-address',
            language: 'en',
            mode: 'named',
            placeId: 'astana',
          })
        ).status,
      );
    // Three posts came from this client in the tests above: two more are answered, the sixth is refused.
    expect(statuses.slice(0, 2)).toEqual([422, 422]);
    expect(statuses.at(-1)).toBe(429);
  });
});
