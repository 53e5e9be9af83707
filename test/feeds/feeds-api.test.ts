import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { SYSTEM_ACTOR, type AppContext } from '../../src/services/context.js';
import { createOrganisation } from '../../src/services/organisations.service.js';
import { createUser } from '../../src/services/users.service.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { expectRefusedPerRole } from '../support/refusals.js';

const PASSWORD = 'feeds api passphrase';
const SENT = '2026-10-25T08:00:00+05:00';
const cap = (id: string, headline: string) =>
  `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>${id}</identifier>` +
  `<sender>met@example.kz</sender><sent>${SENT}</sent><status>Actual</status><msgType>Alert</msgType>` +
  `<scope>Public</scope><info><language>en</language><category>Met</category><event>Flood</event>` +
  `<urgency>Immediate</urgency><severity>Severe</severity><certainty>Observed</certainty>` +
  `<senderName>Met Service</senderName><headline>${headline}</headline>` +
  `<area><areaDesc>Almaty</areaDesc><polygon>43.2,76.8 43.3,76.8 43.3,77.0 43.2,76.8</polygon></area></info></alert>`;
const atom = (...alerts: string[]) =>
  `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Met</title><id>urn:met</id>` +
  `<updated>${SENT}</updated>` +
  alerts
    .map(
      (a, i) =>
        `<entry><id>urn:e${i}</id><title>e</title><updated>${SENT}</updated><content type="text/xml">${a}</content></entry>`,
    )
    .join('') +
  '</feed>';

/**
 * Other authorities' CAP feeds through the API, on both engines, against a real HTTP feed: an
 * administrator of the installation adds one and polls it at once; alert readers see what it
 * brought; an organisation's administrator and a player cannot change it; bad input names its field.
 */
describe.each(ENGINES)('CAP feeds through the API on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  let feedServer: Server;
  let feedUrl: string;
  let feedId: string;
  const sessions = new Map<string, { cookie: string; csrf: string }>();

  const call = (
    who: string | null,
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
    lang?: 'kk' | 'ru' | 'en',
  ) => {
    const s = who ? sessions.get(who) : undefined;
    return app.inject({
      method,
      url: `/api/v1${url}`,
      headers: {
        ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}),
        ...(lang ? { 'accept-language': lang } : {}),
      },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  };

  beforeAll(async () => {
    feedServer = createServer((req, res) => {
      if (req.url === '/met.atom') {
        res.writeHead(200, { 'content-type': 'application/atom+xml' });
        res.end(atom(cap('MET-1', 'Flood on the Esentai'), cap('MET-2', 'Mudflow warning, Medeu')));
      } else if (req.url === '/cut.atom') {
        res.writeHead(200, { 'content-type': 'application/atom+xml' });
        res.end(atom(cap('MET-3', 'Cut short')).replace(/<\/entry><\/feed>$/, ''));
      } else if (req.url === '/odd.atom') {
        res.writeHead(200, { 'content-type': 'application/atom+xml' });
        res.end(atom(cap('MET-4', 'Odd').replace('<alert ', '<alert colour="red" ')));
      } else res.writeHead(503).end();
    });
    await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/met.atom`;
    const rt = await openTestRuntime(engine);
    ctx = rt.ctx;
    drop = rt.drop;
    const org = await createOrganisation(ctx, SYSTEM_ACTOR, {
      name: 'Almaty ESD',
      kind: 'emergency-situations',
    });
    const users: [string, string, string | null][] = [
      ['admin', 'admin', null],
      ['org-admin', 'admin', org.id],
      ['pio', 'pio', org.id],
      ['player', 'player', null],
    ];
    for (const [username, role, organisationId] of users)
      await createUser(ctx, SYSTEM_ACTOR, null, {
        username,
        displayName: username,
        password: PASSWORD,
        grants: [{ role: role as 'pio', organisationId }],
      });
    ({ app } = await buildApp(ctx, { logger: false }));
    for (const [username] of users) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password: PASSWORD },
      });
      const c = res.cookies.find((k) => k.name === 'dabyl_session')!;
      sessions.set(username, {
        cookie: `${c.name}=${c.value}`,
        csrf: (res.json() as { csrfToken: string }).csrfToken,
      });
    }
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await drop();
    await new Promise((resolve) => feedServer.close(resolve));
  });

  it('lets an administrator of the installation add a feed, and nobody else', async () => {
    const body = {
      url: feedUrl,
      name: { kk: 'Қазгидромет', ru: 'Казгидромет', en: 'Kazhydromet' },
      pollSeconds: 120,
    };
    await expectRefusedPerRole(call, ['org-admin', 'pio', 'player'], [['POST', '/feeds', body]]);
    expect((await call(null, 'POST', '/feeds', body)).statusCode).toBe(401);
    const res = await call('admin', 'POST', '/feeds', body);
    expect(res.statusCode, res.body).toBe(201);
    const feed = res.json() as { id: string; lastOutcome: string | null; alerts: number };
    expect(feed).toMatchObject({ lastOutcome: null, alerts: 0, trustStore: false });
    feedId = feed.id;
    const audit = await ctx.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .where('subject_id', '=', feedId)
      .execute();
    expect(audit).toEqual([{ action: 'feed.added', actor_name: 'admin' }]);
  });

  it('refuses bad input naming the field, and a second feed at the same URL', async () => {
    const cases: [unknown, number, string][] = [
      [{ url: 'not a url', name: 'x' }, 422, 'url'],
      [{ url: 'ftp://example.kz/feed', name: 'x' }, 422, 'url'],
      [{ url: feedUrl, name: 'Again' }, 422, 'url'],
      [{ url: 'https://example.kz/a', name: 'x', pollSeconds: 5 }, 400, 'pollSeconds'],
      [{ url: 'https://example.kz/a', name: { kk: '', ru: 'x', en: 'x' } }, 422, 'name'],
    ];
    for (const [body, status, field] of cases) {
      const res = await call('admin', 'POST', '/feeds', body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.body).toContain(field);
    }
    expect(((await call('pio', 'GET', '/feeds')).json() as { items: unknown[] }).items).toHaveLength(1);
  });

  it('polls a feed now and shows readers what it brought', async () => {
    expect((await call('pio', 'POST', `/feeds/${feedId}/poll`)).statusCode).toBe(403);
    const res = await call('admin', 'POST', `/feeds/${feedId}/poll`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      report: { outcome: 'read', added: 2 },
      feed: { alerts: 2, lastOutcome: 'read' },
    });
    const again = await call('admin', 'POST', `/feeds/${feedId}/poll`);
    expect(again.json()).toMatchObject({ report: { added: 0, duplicates: 2 } });
    const alerts = (await call('pio', 'GET', `/feeds/${feedId}/alerts`)).json() as {
      items: { identifier: string; headline: string; verified: boolean; senderName: string }[];
    };
    expect(alerts.items.map((a) => a.headline).sort()).toEqual([
      'Flood on the Esentai',
      'Mudflow warning, Medeu',
    ]);
    expect(alerts.items.every((a) => !a.verified && a.senderName === 'Met Service')).toBe(true);
    expect((await call('player', 'GET', `/feeds/${feedId}/alerts`)).statusCode).toBe(403);
    expect(
      (await call('admin', 'GET', '/feeds/00000000-0000-4000-8000-000000000000/alerts')).statusCode,
    ).toBe(404);
  });

  it('tells each reader in their own language what a poll found wrong: no English in Kazakh or Russian', async () => {
    const base = feedUrl.replace('/met.atom', '');
    const polled: Record<string, { id: string }> = {};
    for (const [name, url] of [
      ['cut', `${base}/cut.atom`],
      ['odd', `${base}/odd.atom`],
      ['down', `${base}/down.atom`],
    ] as const) {
      const added = await call('admin', 'POST', '/feeds', { url, name });
      expect(added.statusCode, added.body).toBe(201);
      polled[name] = added.json() as { id: string };
      const poll = await call('admin', 'POST', `/feeds/${polled[name].id}/poll`, undefined, 'ru');
      expect(poll.statusCode, poll.body).toBe(200);
    }
    const findings = async (lang: 'kk' | 'ru' | 'en') => {
      const { items } = (await call('pio', 'GET', '/feeds', undefined, lang)).json() as {
        items: { id: string; lastFindings: { rule: string; message: string }[] }[];
      };
      return Object.fromEntries(
        Object.entries(polled).map(([name, { id }]) => [name, items.find((f) => f.id === id)!.lastFindings]),
      );
    };
    const en = await findings('en');
    expect(en.cut).toEqual([
      expect.objectContaining({
        rule: 'feed.xml.truncated',
        message: 'The document ends too early: <entry> is never closed. Was it cut off?',
      }),
    ]);
    expect(en.odd).toEqual([
      expect.objectContaining({
        rule: 'xsd.attribute',
        message: '<alert> has an attribute colour, which CAP does not define.',
      }),
    ]);
    expect(en.down).toEqual([
      expect.objectContaining({ rule: 'feed.fetch', message: 'the feed answered HTTP 503' }),
    ]);
    const kk = await findings('kk');
    expect(kk.cut![0]!.message).toBe(
      'Құжат тым ерте аяқталады: <entry> элементі жабылмаған. Құжат қиылып қалмады ма?',
    );
    expect(kk.odd![0]!.message).toBe('<alert> элементінде CAP анықтамаған colour атрибуты бар.');
    expect(kk.down![0]!.message).toBe('арна HTTP 503 деп жауап берді');
    const ru = await findings('ru');
    expect(ru.cut![0]!.message).toBe('Документ обрывается: элемент <entry> не закрыт. Не обрезан ли он?');
    expect(ru.down![0]!.message).toBe('лента ответила HTTP 503');
    // Past tags, codes and the words the glossary keeps in Latin letters, nothing English is left.
    for (const list of [...Object.values(kk), ...Object.values(ru)])
      for (const { message } of list)
        expect(message.replace(/<[^>]*>|\b(?:CAP|HTTP|XML)\b|colour/g, '')).not.toMatch(/[A-Za-z]{2,}/);
  });
});
