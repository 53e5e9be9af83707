/**
 * Polling CAP feeds of other authorities against a real HTTP server: Atom with CAP entries, bare
 * signed CAP, EDXL-DE, a conditional GET answered 304, and hostile feeds (an endless stream, a huge
 * document, XXE) — each a finding on the feed, never a hang. On SQLite and PostgreSQL.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createPortalCache } from '../../src/http/portal/routes.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCapMessage } from '../../src/cap/dsig/index.js';
import { createTestPki, removeTestPki, type TestPki } from '../../src/cap/dsig/fixtures/pki.js';
import { addFeed, pollDueFeeds, pollFeed } from '../../src/services/feeds/feeds.service.js';
import { externalAlertRepository } from '../../src/store/feed.repository.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../src/cap/fixtures/${name}`, import.meta.url), 'utf8');
const SENT = '2026-10-25T08:00:00+05:00';
const LIMITS = { maxBytes: 256 * 1024, timeoutMs: 1500 };

/** A real-world CAP message: Actual, one info block, an area (empty when `emptyArea`). */
function cap(
  id: string,
  o: { msgType?: string; references?: string; emptyArea?: boolean; sent?: string } = {},
): string {
  const area = o.emptyArea
    ? '<area></area>'
    : '<area><areaDesc>Almaty</areaDesc><polygon>43.2,76.8 43.3,76.8 43.3,77.0 43.2,76.8</polygon></area>';
  return (
    `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>${id}</identifier>` +
    `<sender>met@example.kz</sender><sent>${o.sent ?? SENT}</sent><status>Actual</status>` +
    `<msgType>${o.msgType ?? 'Alert'}</msgType><scope>Public</scope>` +
    (o.references ? `<references>${o.references}</references>` : '') +
    `<info><language>en</language><category>Met</category><event>Flood</event><urgency>Immediate</urgency>` +
    `<severity>Severe</severity><certainty>Observed</certainty><senderName>Met Service</senderName>` +
    `<headline>Flood on the Esentai</headline>${area}</info></alert>`
  );
}

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

let pki: TestPki;
let server: Server;
let base: string;
let trustStore: string;
const etagRequests: Array<string | undefined> = [];
const routes: Record<string, () => string> = {};

beforeAll(async () => {
  pki = createTestPki();
  trustStore = join(pki.dir, 'trust');
  mkdirSync(trustStore);
  writeFileSync(join(trustStore, 'met.pem'), pki.rsa.certPem);
  const sign = (id: string) =>
    signCapMessage(
      `<?xml version="1.0"?>\n${cap(id, { sent: `${new Date().toISOString().slice(0, 19)}+00:00` })}`,
      { privateKey: pki.rsa.keyPem, certificate: pki.rsa.certPem },
    );
  const signed = sign('MET-SIGNED');
  const inAtom = sign('MET-IN-ATOM').replace(/^<\?xml[^>]*\?>\s*/, '');
  const inEdxl = sign('MET-IN-EDXL').replace(/^<\?xml[^>]*\?>\s*/, '');
  Object.assign(routes, {
    '/atom': () => atom(cap('MET-1'), cap('MET-2', { emptyArea: true }), cap('MET-1')),
    '/cancel': () =>
      atom(
        cap('MET-1'),
        cap('MET-1-CANCEL', { msgType: 'Cancel', references: `met@example.kz,MET-1,${SENT}` }),
      ),
    '/bare-signed': () => signed,
    '/bare-forged': () => signed.replace('MET-SIGNED', 'MET-CHANGED'),
    '/edxl': () => fixture('edxl-de.xml'),
    '/atom-signed': () => atom(inAtom, inAtom.replace('MET-IN-ATOM', 'MET-ATOM-CHANGED')),
    '/edxl-signed': () =>
      '<EDXLDistribution xmlns="urn:oasis:names:tc:emergency:EDXL:DE:1.0"><distributionID>d1</distributionID>' +
      `<contentObject><xmlContent><embeddedXMLContent>${inEdxl}</embeddedXMLContent></xmlContent></contentObject>` +
      '</EDXLDistribution>',
    '/xxe': () => fixture('bad-xxe.xml'),
  });
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/etag') {
      etagRequests.push(req.headers['if-none-match']);
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
      return void res
        .writeHead(200, { etag: '"v1"', 'content-type': 'application/atom+xml' })
        .end(atom(cap('MET-E')));
    }
    if (url === '/endless') {
      // A stream that never ends: a few bytes now and then, forever.
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.write('<feed xmlns="http://www.w3.org/2005/Atom">');
      const timer = setInterval(() => res.write('<entry/>'), 50);
      res.on('close', () => clearInterval(timer));
      return;
    }
    if (url === '/huge') {
      res.writeHead(200, { 'content-type': 'application/xml' });
      const chunk = '<!-- ' + 'x'.repeat(64 * 1024) + ' -->';
      let sent = 0;
      const pump = () => {
        while (sent < 64 && res.write(chunk)) sent++;
        if (sent < 64) res.once('drain', pump);
        else res.end();
      };
      res.write('<feed xmlns="http://www.w3.org/2005/Atom">');
      res.on('error', () => undefined);
      return pump();
    }
    const route = routes[url];
    if (!route) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/xml' }).end(route());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  if (pki) removeTestPki(pki);
});

describe.each(ENGINES)('CAP feeds on %s', (engine) => {
  let runtime: Awaited<ReturnType<typeof openTestRuntime>>;
  beforeAll(async () => {
    runtime = await openTestRuntime(engine);
  });
  afterAll(async () => runtime?.drop());
  const feed = async (route: string, extra: { trustStore?: string } = {}) =>
    (await addFeed(runtime.ctx, { url: `${base}${route}`, name: route, ...extra })).id;
  const active = async () =>
    (await externalAlertRepository.active(runtime.ctx.db.kysely, '2026-01-01T00:00:00.000Z')).map(
      (a) => a.identifier,
    );

  it('reads Atom entries once each, keeps an alert whose area is empty', async () => {
    const id = await feed('/atom');
    const report = await pollFeed(runtime.ctx, id, LIMITS);
    expect(report).toMatchObject({ outcome: 'read', added: 2, duplicates: 1 });
    expect(await pollFeed(runtime.ctx, id, LIMITS)).toMatchObject({ added: 0, duplicates: 3 });
    expect(await active()).toEqual(expect.arrayContaining(['MET-1', 'MET-2']));
  });

  it('applies a Cancel by its references: the cancelled alert is no longer active', async () => {
    const report = await pollFeed(runtime.ctx, await feed('/cancel'), LIMITS);
    expect(report).toMatchObject({ added: 1, duplicates: 1, superseded: 1 });
    expect(await active()).not.toContain('MET-1');
    expect(await active()).not.toContain('MET-1-CANCEL');
  });

  it('reads a bare signed CAP as verified against the trust store, and a changed copy as unverified', async () => {
    await pollFeed(runtime.ctx, await feed('/bare-signed', { trustStore }), LIMITS);
    const rows = await externalAlertRepository.active(runtime.ctx.db.kysely, '2026-01-01T00:00:00.000Z');
    expect(rows.find((r) => r.identifier === 'MET-SIGNED')).toMatchObject({ verified: 1 });
    // A valid signature over a changed copy: kept and shown, never as verified.
    const forged = await pollFeed(runtime.ctx, await feed('/bare-forged', { trustStore }), LIMITS);
    expect(forged).toMatchObject({ added: 1 });
    const all = await externalAlertRepository.active(runtime.ctx.db.kysely, '2026-01-01T00:00:00.000Z');
    const changed = all.find((r) => r.identifier === 'MET-CHANGED')!;
    expect(changed.verified).toBe(0);
    expect(JSON.parse(changed.signatures)[0].problems[0].what).toBe('digest');
  });

  it('verifies each signed CAP inside Atom and EDXL-DE as its originator signed it, a changed copy beside it not', async () => {
    await pollFeed(runtime.ctx, await feed('/atom-signed', { trustStore }), LIMITS);
    await pollFeed(runtime.ctx, await feed('/edxl-signed', { trustStore }), LIMITS);
    const rows = await externalAlertRepository.active(runtime.ctx.db.kysely, '2026-01-01T00:00:00.000Z');
    const by = (id: string) => rows.find((r) => r.identifier === id)!;
    expect(by('MET-IN-ATOM')).toMatchObject({ verified: 1 });
    expect(by('MET-IN-EDXL')).toMatchObject({ verified: 1 });
    expect(JSON.parse(by('MET-IN-EDXL').signatures)[0]).toMatchObject({ role: 'originator', valid: true });
    expect(by('MET-ATOM-CHANGED').verified).toBe(0);
    expect(JSON.parse(by('MET-ATOM-CHANGED').signatures)[0].problems[0].what).toBe('digest');
  });

  it('shows other authorities’ alerts on the public home page under their sender, apart, and says which are unverified', async () => {
    const home = (await createPortalCache(runtime.ctx).get('/en/'))!.body.toString('utf8');
    const others = home.slice(home.indexOf('Alerts from other authorities'));
    expect(home.indexOf('Alerts from other authorities')).toBeGreaterThan(-1);
    expect(others).toContain('Flood on the Esentai');
    expect(others).toContain('Issued by: Met Service');
    expect(others).toContain('its signature could not be verified');
    const ru = (await createPortalCache(runtime.ctx).get('/ru/'))!.body.toString('utf8');
    expect(ru).toContain('Оповещения других ведомств');
    expect(ru).toContain('Выпустил: Met Service');
  });

  it('reads CAP inside an EDXL-DE wrapper', async () => {
    expect(await pollFeed(runtime.ctx, await feed('/edxl'), LIMITS)).toMatchObject({
      outcome: 'read',
      added: 1,
    });
  });

  it('sends the ETag back and takes 304 as nothing new', async () => {
    const id = await feed('/etag');
    expect(await pollFeed(runtime.ctx, id, LIMITS)).toMatchObject({ outcome: 'read', added: 1 });
    expect(await pollFeed(runtime.ctx, id, LIMITS)).toMatchObject({ outcome: 'not-modified', added: 0 });
    expect(etagRequests.slice(-2)).toEqual([undefined, '"v1"']);
  });

  it('cuts off an endless stream and a huge document with a finding, and refuses XXE', async () => {
    const endless = await pollFeed(runtime.ctx, await feed('/endless'), LIMITS);
    expect(endless).toMatchObject({ outcome: 'failed', added: 0 });
    expect(endless.findings[0]!.message).toMatch(/cut off after 1.5 s/);
    const huge = await pollFeed(runtime.ctx, await feed('/huge'), LIMITS);
    expect(huge.findings[0]!.message).toMatch(/read up to 262144 bytes/);
    const xxe = await pollFeed(runtime.ctx, await feed('/xxe'), LIMITS);
    expect(xxe).toMatchObject({ outcome: 'failed', added: 0 });
    expect(xxe.findings[0]!.rule).toMatch(/^feed\./);
  });

  it('polls only feeds that are due, each once', async () => {
    const first = await pollDueFeeds(runtime.ctx, LIMITS);
    expect(first.length).toBeGreaterThan(0);
    expect(await pollDueFeeds(runtime.ctx, LIMITS)).toEqual([]);
  });
});
