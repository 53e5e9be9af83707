import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { buildNotice, storePublished } from './fixtures.js';

describe('public site over HTTP', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ demo: false });
    await storePublished(
      server.server.runtime.ctx,
      buildNotice({ id: 'h-1', slug: 'expo' }),
      '<alert>r1</alert>',
    );
  }, 60_000);
  afterAll(() => server?.close());

  it('serves pages with validators and cache headers, and 304 to a reader who has them', async () => {
    const res = await fetch(`${server.url}/ru/notices/expo`, { headers: { 'accept-encoding': 'identity' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=30, stale-while-revalidate=300');
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const lastModified = res.headers.get('last-modified')!;
    expect(Number.isNaN(Date.parse(lastModified))).toBe(false);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain('Учения у EXPO');

    const again = await fetch(`${server.url}/ru/notices/expo`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const since = await fetch(`${server.url}/ru/notices/expo`, {
      headers: { 'if-modified-since': lastModified },
    });
    expect(since.status).toBe(304);
  });

  it('sends the precompressed copy the reader accepts', async () => {
    const plain = await (
      await fetch(`${server.url}/en/`, { headers: { 'accept-encoding': 'identity' } })
    ).text();
    // node:http does not decode, so the bytes are those sent.
    const raw = (encoding: string) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        http
          .get(`${server.url}/en/`, { headers: { 'accept-encoding': encoding } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
          })
          .on('error', reject);
      });
    const br = await raw('br, gzip');
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(plain);
    expect(br.body.length).toBeLessThan(Buffer.byteLength(plain) / 2);
    const gz = await raw('gzip;q=1, br;q=0');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toContain('Accept-Encoding');
    expect(gunzipSync(gz.body).toString()).toBe(plain);
    expect(gz.headers.etag).not.toBe(br.headers.etag);
  });

  it('serves the feeds and CAP messages by revision, and a page in each language', async () => {
    const atom = await fetch(`${server.url}/notices.atom`);
    expect(atom.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(await atom.text()).toContain('/notices/h-1.cap');
    const cap = await fetch(`${server.url}/notices/h-1.cap`);
    expect(cap.headers.get('content-type')).toBe('application/cap+xml; charset=utf-8');
    expect(await cap.text()).toBe('<alert>r1</alert>');
    expect((await fetch(`${server.url}/notices/h-1.cap?revision=1`)).status).toBe(200);
    expect((await fetch(`${server.url}/notices/h-1.cap?revision=7`)).status).toBe(404);
    expect((await fetch(`${server.url}/notices/nope.cap?revision=1`)).status).toBe(404);
    expect((await fetch(`${server.url}/notices.ics`)).headers.get('content-type')).toBe(
      'text/calendar; charset=utf-8',
    );
    expect((await fetch(`${server.url}/notices.json`)).status).toBe(200);
    for (const lang of ['kk', 'ru', 'en']) {
      const page = await fetch(`${server.url}/${lang}/notices/expo`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(`<html lang="${lang}">`);
    }
    const missing = await fetch(`${server.url}/kk/notices/no-such-drill`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Бұл мекенжайда жарияланған хабарландыру жоқ.');
  });

  it('sends / to the reader language with Vary, and others to the configured default', async () => {
    const ru = await fetch(`${server.url}/`, {
      redirect: 'manual',
      headers: { 'accept-language': 'ru-RU,ru;q=0.9' },
    });
    expect(ru.headers.get('location')).toBe('/ru/');
    expect(ru.headers.get('vary')).toContain('Accept-Language');
    const de = await fetch(`${server.url}/`, { redirect: 'manual', headers: { 'accept-language': 'de' } });
    expect(de.headers.get('location')).toBe('/kk/');
  });

  it('serves the stylesheet under its content hash for a year', async () => {
    const page = await (await fetch(`${server.url}/en/`)).text();
    const href = /href="(\/portal\/assets\/portal\.\w+\.css)"/.exec(page)![1]!;
    const css = await fetch(server.url + href);
    expect(css.status).toBe(200);
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${server.url}/portal/assets/portal.0000000000.css`)).status).toBe(404);
  });
});
