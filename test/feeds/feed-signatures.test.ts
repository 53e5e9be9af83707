/**
 * Other authorities' signatures as a feed brings them, read over real HTTP into the store: a
 * signature whose bytes were altered, a distributor's signature beside the originator's, a copy
 * changed after signing, RSA-SHA1 and DSA-SHA1 signatures made by xmlsec1 (an independent
 * implementation), and areas that are empty or malformed. Each is a verdict or a finding on what is
 * wrong; the alert itself is always kept, so that a resident still sees it, marked unverified.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCapMessage, type SignatureVerdict } from '../../src/cap/dsig/index.js';
import { DSIG_NS } from '../../src/cap/dsig/algorithms.js';
import {
  createTestPki,
  dsaCredential,
  removeTestPki,
  type Credential,
  type TestPki,
} from '../../src/cap/dsig/fixtures/pki.js';
import { requireXmlsec1, withTemplate, xmlsecSign } from '../../src/cap/dsig/fixtures/xmlsec.js';
import type { CapFinding } from '../../src/cap/index.js';
import { addFeed, pollFeed } from '../../src/services/feeds/feeds.service.js';
import type { AppContext } from '../../src/services/context.js';
import { externalAlertRepository } from '../../src/store/feed.repository.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';

const C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
const LIMITS = { maxBytes: 256 * 1024, timeoutMs: 5000 };
const HEADLINE = 'Flood on the Esentai';

/** A real-world CAP message, `sent` once the test certificates exist; `areas` as the sender wrote them. */
function cap(id: string, sent: string, areas = '<area><areaDesc>Almaty</areaDesc></area>'): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">` +
    `<identifier>${id}</identifier><sender>met@example.kz</sender><sent>${sent}</sent>` +
    `<status>Actual</status><msgType>Alert</msgType><scope>Public</scope>` +
    `<info><language>en</language><category>Met</category><event>Flood</event><urgency>Immediate</urgency>` +
    `<severity>Severe</severity><certainty>Observed</certainty><senderName>Met Service</senderName>` +
    `<headline>${HEADLINE}</headline>${areas}</info></alert>`
  );
}

const bare = (xml: string) => xml.replace(/^<\?xml[^>]*\?>\s*/, '');
const signatureOf = (signed: string) => /<Signature[\s\S]*<\/Signature>/.exec(signed)![0];

/** The same signature with one byte of its value flipped: a forgery, not a changed message. */
function forged(signed: string, which = 0): string {
  let seen = -1;
  return signed.replace(/<SignatureValue>([^<]*)</g, (whole, value: string) => {
    if (++seen !== which) return whole;
    const bytes = Buffer.from(value.replace(/\s+/g, ''), 'base64');
    bytes[bytes.length >> 1]! ^= 0x01;
    return `<SignatureValue>${bytes.toString('base64')}<`;
  });
}

/** Signed with xmlsec1 using SHA-1 for both the digest and the signature, as older systems still do. */
function sha1Signed(xml: string, signer: Credential, method: 'rsa-sha1' | 'dsa-sha1', dir: string): string {
  const template = withTemplate(xml, {
    canonicalization: C14N,
    signatureMethod: `${DSIG_NS}${method}`,
    digestMethod: `${DSIG_NS}sha1`,
    keyInfo: 'certificate',
  });
  return xmlsecSign(template, signer.keyPath, signer.certPath, dir);
}

let pki: TestPki;
let dsa: Credential;
let server: Server;
let base: string;
let trustStore: string;
const routes: Record<string, string> = {};

beforeAll(async () => {
  requireXmlsec1();
  pki = createTestPki();
  dsa = dsaCredential(pki.dir);
  trustStore = join(pki.dir, 'trust');
  mkdirSync(trustStore);
  writeFileSync(join(trustStore, 'met.pem'), pki.rsa.certPem);
  writeFileSync(join(trustStore, 'distributor.pem'), pki.other.certPem);
  writeFileSync(join(trustStore, 'legacy.pem'), dsa.certPem);
  const sent = `${new Date().toISOString().slice(0, 19)}+00:00`;
  const met = { privateKey: pki.rsa.keyPem, certificate: pki.rsa.certPem };
  const distributor = { privateKey: pki.other.keyPem, certificate: pki.other.certPem };
  /** The originator's signature, and the distributor's over the same alert beside it. */
  const twoSigned = (id: string) => {
    const alert = cap(id, sent);
    const theirs = signatureOf(signCapMessage(alert, distributor));
    return signCapMessage(alert, met).replace('</Signature>', `</Signature>\n${theirs}`);
  };
  const areas =
    '<area/>' +
    '<area><areaDesc>Esentai embankment</areaDesc><polygon>43.2,76.9 43.3,abc 43.3,77.0 43.2,76.9</polygon></area>' +
    '<area><areaDesc>Medeu</areaDesc><circle>43.2,76.95 2</circle></area>';
  Object.assign(routes, {
    '/forged': forged(signCapMessage(cap('MET-FORGED', sent), met)),
    '/distributor-forged': forged(twoSigned('MET-TWO-FORGED'), 1),
    '/two-changed': twoSigned('MET-TWO').replace(HEADLINE, 'Flood on the Esentai: evacuate'),
    '/rsa-sha1': sha1Signed(cap('MET-RSA-SHA1', sent), pki.rsa, 'rsa-sha1', pki.dir),
    '/dsa-sha1': sha1Signed(cap('MET-DSA-SHA1', sent), dsa, 'dsa-sha1', pki.dir),
    '/areas':
      '<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:met</id>' +
      `<entry><id>urn:e0</id><content type="text/xml">${bare(cap('MET-AREAS', sent, areas))}</content></entry>` +
      '</feed>',
  });
  server = createServer((req, res) => {
    const body = routes[req.url ?? ''];
    if (body === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/xml' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  if (pki) removeTestPki(pki);
});

describe.each(ENGINES)('signatures and areas of feed messages on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    ctx = rt.ctx;
    drop = rt.drop;
  });
  afterAll(async () => drop?.());

  /** Polls the route as a feed with the trust store, and reads back the one alert it kept. */
  async function kept(route: string) {
    const feed = await addFeed(ctx, { url: `${base}${route}`, name: route, trustStore });
    const report = await pollFeed(ctx, feed.id, LIMITS);
    expect(report).toMatchObject({ outcome: 'read', added: 1 });
    const [row] = await externalAlertRepository.forFeed(ctx.db.kysely, feed.id);
    const alert = JSON.parse(row!.alert_json) as {
      alert: { info: Array<{ headline: string; area: unknown[] }> };
    };
    return {
      row: row!,
      info: alert.alert.info[0]!,
      verdicts: JSON.parse(row!.signatures) as SignatureVerdict[],
      findings: JSON.parse(row!.findings) as CapFinding[],
    };
  }

  const problemsOf = (verdicts: SignatureVerdict[]) => verdicts.map((v) => v.problems.map((p) => p.what));

  it('keeps an alert whose signature bytes were altered, unverified, naming the signature value', async () => {
    const { row, info, verdicts } = await kept('/forged');
    expect(info.headline).toBe(HEADLINE);
    expect(row.verified).toBe(0);
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]).toMatchObject({ role: 'originator', signed: true, valid: false });
    expect(problemsOf(verdicts)).toEqual([['signature-value']]);
  });

  it('judges a forged distributor signature on its own, the originator’s beside it still valid', async () => {
    const { row, info, verdicts } = await kept('/distributor-forged');
    expect(info.headline).toBe(HEADLINE);
    expect(verdicts.map((v) => [v.role, v.valid, v.trusted])).toEqual([
      ['originator', true, true],
      ['distributor', false, true],
    ]);
    expect(problemsOf(verdicts)).toEqual([[], ['signature-value']]);
    expect(row.verified).toBe(0);
  });

  it('finds a copy changed after signing under each of its two valid signatures, and keeps it', async () => {
    const { row, info, verdicts } = await kept('/two-changed');
    expect(info.headline).toBe('Flood on the Esentai: evacuate');
    expect(verdicts.map((v) => v.role)).toEqual(['originator', 'distributor']);
    expect(problemsOf(verdicts)).toEqual([['digest'], ['digest']]);
    expect(row.verified).toBe(0);
  });

  it.each([
    ['/rsa-sha1', 'SHA-1'],
    ['/dsa-sha1', 'DSA'],
  ])(
    'reads %s as a valid, trusted but weak signature, not as unreadable nor verified',
    async (route, named) => {
      const { row, info, verdicts } = await kept(route);
      expect(row.verified).toBe(0);
      expect(info.headline).toBe(HEADLINE);
      expect(verdicts).toHaveLength(1);
      expect(verdicts[0]).toMatchObject({ signed: true, valid: true, trusted: true, problems: [] });
      expect(verdicts[0]!.weak).toContain(named);
      expect(verdicts[0]!.weak).toContain('SHA-1 in the digest');
    },
  );

  it('names an empty area and a malformed polygon where they sit, keeping the rest of the alert', async () => {
    const { info, findings } = await kept('/areas');
    expect(info.headline).toBe(HEADLINE);
    // All three areas are kept as the sender wrote them, the faulty ones included.
    expect(info.area).toHaveLength(3);
    expect(info.area[2]).toMatchObject({ areaDesc: 'Medeu', circle: ['43.2,76.95 2'] });
    const errors = findings.filter((f) => f.severity === 'error').map((f) => [f.path, f.rule]);
    expect(errors).toEqual([
      ['/alert/info[0]/area[0]/areaDesc', 'xsd.required'],
      ['/alert/info[0]/area[1]/polygon[0]', 'cap.polygon.syntax'],
    ]);
  });
});
