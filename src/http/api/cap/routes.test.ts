import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../services/context.js';
import { registerProblemHandlers } from '../../problem.js';
import { ProblemSchema } from '../common.schema.js';
import { capRoutes } from './routes.js';
import { checkCap } from '../../../cap/index.js';
import { capSignatureCheck, signCapMessage } from '../../../cap/dsig/index.js';
import { createTestPki, removeTestPki } from '../../../cap/dsig/fixtures/pki.js';
import { IN_PLACE_BYTES } from '../../../services/cap/check-off-thread.js';

const fixture = (name: string): Buffer =>
  readFileSync(new URL(`../../../cap/fixtures/${name}`, import.meta.url));
const app = Fastify();
const declared: { url: string; access?: string }[] = [];

beforeAll(async () => {
  app.addHook('onRoute', (route) => {
    declared.push({ url: route.url, access: (route.config as { access?: string } | undefined)?.access });
  });
  app.addSchema(ProblemSchema);
  registerProblemHandlers(app);
  app.get('/ping', async () => 'pong');
  // Only the configuration is read; the rate limit itself is tested on the whole app (test/http).
  const ctx = { config: { capValidatePerMinute: 1000 } } as AppContext;
  await app.register(capRoutes, { prefix: '/api/v1', ctx });
  await app.ready();
});
afterAll(() => app.close());

describe('POST /api/v1/cap/validate', () => {
  it('answers the report for an XML body, whatever its declared encoding', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/cap/validate',
      headers: { 'content-type': 'application/cap+xml' },
      payload: fixture('windows-1251.xml'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      valid: true,
      wrapper: 'none',
      messages: [{ identifier: 'KZ-1251', version: '1.2' }],
    });
  });

  it('accepts JSON {xml} and applies profiles', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/cap/validate?profile=dabyl',
      payload: { xml: fixture('cap11-update.xml').toString('utf8') },
    });
    const body = res.json() as { valid: boolean; messages: { findings: { rule: string; path: string }[] }[] };
    expect(res.statusCode).toBe(200);
    expect(body.valid).toBe(false);
    expect(body.messages[0]!.findings).toContainEqual(
      expect.objectContaining({ rule: 'dabyl.languages', path: '/alert/info' }),
    );
  });

  it('reports a hostile document as invalid instead of failing', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/cap/validate',
      headers: { 'content-type': 'text/xml' },
      payload: fixture('bad-xxe.xml'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      valid: false,
      errors: 1,
      findings: [{ path: '/', rule: 'xml.doctype' }],
    });
  });

  it('reports a message whose XML declaration lost a quote as malformed, not as a server error', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/cap/validate',
      headers: { 'content-type': 'text/xml' },
      payload: '<?xml version="1.0 encoding="UTF-8"?>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"/>',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ valid: false, findings: [{ path: '/', rule: 'xml.malformed' }] });
  });

  it('refuses a body without a message and an unknown profile', async () => {
    const noXml = await app.inject({ method: 'POST', url: '/api/v1/cap/validate', payload: { alert: 1 } });
    expect(noXml.statusCode).toBe(422);
    const badProfile = await app.inject({
      method: 'POST',
      url: '/api/v1/cap/validate?profile=mars',
      payload: { xml: '<a/>' },
    });
    expect(badProfile.statusCode).toBe(422);
    expect(badProfile.json()).toMatchObject({ field: 'profile' });
    expect(JSON.stringify(badProfile.json())).toMatch(/ipaws, cap-cp, dabyl/);
  });

  it('words every finding in the language the request asks for', async () => {
    const validate = async (language: string) =>
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/cap/validate?profile=dabyl',
          headers: { 'content-type': 'application/xml', 'accept-language': language },
          payload: fixture('bad-rules.xml'),
        })
      ).json() as { messages: { findings: { rule: string; message: string; words?: unknown }[] }[] };
    const [en, kk, ru] = (await Promise.all(['en', 'kk-KZ,kk;q=0.9', 'ru'].map(validate))) as [
      Awaited<ReturnType<typeof validate>>,
      Awaited<ReturnType<typeof validate>>,
      Awaited<ReturnType<typeof validate>>,
    ];
    const rules = (r: typeof en) => r.messages[0]!.findings.map((f) => f.rule);
    expect(rules(kk)).toEqual(rules(en));
    expect(rules(en)).toContain('cap.polygon.syntax');
    const polygon = (r: typeof en) => r.messages[0]!.findings.find((f) => f.rule === 'cap.polygon.syntax')!;
    expect(polygon(en).message).toMatch(/polygon/);
    expect(polygon(kk).message).toMatch(/Көпбұрыш/);
    expect(polygon(ru).message).toMatch(/Многоугольник/);
    for (const finding of [...kk.messages[0]!.findings, ...ru.messages[0]!.findings]) {
      // Values the message wrote stay as written; everything the validator says is in the language.
      expect(finding.message).not.toMatch(/\b(is|the|must|should|not)\b/);
      expect(finding.message).not.toMatch(/\{\w+\}/);
      expect(finding).not.toHaveProperty('words');
    }
  });

  it('checks a large message off the main thread: other requests are answered meanwhile, the report is the same', async () => {
    // One polygon of 120,000 points (about 2.4 MB): a third of a second of parsing on the main thread.
    const points = Array.from({ length: 120_000 }, (_, i) => {
      const a = (2 * Math.PI * i) / 120_000;
      return `${(43 + Math.sin(a)).toFixed(6)},${(76 + Math.cos(a)).toFixed(6)}`;
    });
    points.push(points[0]!);
    const xml = fixture('cap12-every-element.xml')
      .toString('utf8')
      .replace(/<cap:polygon>[^<]*<\/cap:polygon>/, `<cap:polygon>${points.join(' ')}</cap:polygon>`);
    expect(Buffer.byteLength(xml)).toBeGreaterThan(IN_PLACE_BYTES);
    const answered: string[] = [];
    const validation = app
      .inject({
        method: 'POST',
        url: '/api/v1/cap/validate',
        headers: { 'content-type': 'text/xml' },
        payload: xml,
      })
      .then((res) => {
        answered.push('validation');
        return res;
      });
    // Sent once the validation is under way: on the main thread it would wait for all of it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await app.inject({ method: 'GET', url: '/ping' }).then(() => answered.push('ping'));
    const res = await validation;
    expect(answered).toEqual(['ping', 'validation']);
    expect(res.statusCode).toBe(200);
    const inPlace = await checkCap(xml, { verifySignature: capSignatureCheck });
    expect(res.json()).toMatchObject({
      valid: inPlace.valid,
      errors: inPlace.errors,
      warnings: inPlace.warnings,
    });
    expect((res.json() as { messages: unknown[] }).messages).toHaveLength(inPlace.messages.length);
  });

  it('verifies a signed alert inside an Atom feed as its originator signed it, not against the feed', async () => {
    const pki = createTestPki();
    try {
      const alert = signCapMessage(
        fixture('cap12-every-element.xml')
          .toString('utf8')
          .replace(/^<\?xml[^>]*\?>\s*/, ''),
        {
          privateKey: pki.rsa.keyPem,
          certificate: pki.rsa.certPem,
        },
      );
      const feed =
        '<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Met</title>' +
        `<id>urn:met</id><updated>2026-10-25T08:00:00Z</updated><entry><id>urn:e1</id><title>e</title>` +
        `<updated>2026-10-25T08:00:00Z</updated><content type="text/xml">${alert}</content></entry></feed>`;
      const validate = async (xml: string) =>
        (
          await app.inject({
            method: 'POST',
            url: '/api/v1/cap/validate',
            headers: { 'content-type': 'application/xml' },
            payload: xml,
          })
        ).json() as {
          valid: boolean;
          wrapper: string;
          messages: { signed: boolean; findings: { rule: string }[] }[];
        };
      const good = await validate(feed);
      expect(good).toMatchObject({ wrapper: 'atom', messages: [{ signed: true }] });
      // The signature holds: only the certificate's own standing is remarked on (made just now, it
      // was not yet valid when the fixture's alert says it was sent).
      expect(good.messages[0]!.findings.map((f) => f.rule)).toEqual(['cap.signature.certificate']);
      // The same entry changed after signing: its signature no longer holds.
      const changed = await validate(feed.replace('<cap:headline>', '<cap:headline>Changed '));
      expect(changed.messages[0]!.findings.map((f) => f.rule)).toContain('cap.signature.digest');
    } finally {
      removeTestPki(pki);
    }
  });

  it('declares the route public for the policy layer', () => {
    expect(declared).toContainEqual({ url: '/api/v1/cap/validate', access: 'public' });
  });
});
