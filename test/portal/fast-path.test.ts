import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { buildNotice, storePublished } from './fixtures.js';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** node:http, so the bytes and headers are exactly those sent. */
const get = (url: string, headers: Record<string, string> = {}) =>
  new Promise<Raw>((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on('error', reject);
  });

/** What may differ between two answers to the same request: the moment and the request's own id. */
const comparable = (h: http.IncomingHttpHeaders) => {
  const { date: _date, 'x-request-id': id, 'keep-alive': _ka, connection: _c, ...rest } = h;
  expect(id).toMatch(/^[\w-]{1,64}$/);
  return rest;
};

/*
 * The fast path answers the surge's public reads from memory, ahead of the framework. Whatever it
 * answers must be byte for byte and header for header what the full pipeline answers (a query
 * string sends the same request down the full pipeline), and what it is unsure of is not its own.
 */
describe('public pages answered from memory', () => {
  let server: TestServer;
  const pages = [
    '/ru/',
    '/kk/',
    '/en/',
    '/ru/notices/expo',
    '/en/notices/expo',
    '/notices.atom',
    '/notices.ics',
    '/notices.json',
    '/notices/h-1.cap',
  ];

  beforeAll(async () => {
    server = await startTestServer({ demo: false });
    await storePublished(
      server.server.runtime.ctx,
      buildNotice({ id: 'h-1', slug: 'expo' }),
      '<alert>r1</alert>',
    );
    // One read through the full pipeline renders the site, so the fast path has something to give.
    await get(`${server.url}/ru/?warm=1`);
  }, 60_000);
  afterAll(() => server?.close());

  /**
   * A read the fast path answers. It holds a page only while the site's once-a-second freshness
   * check is not due; a read through the full pipeline just before makes it current, and on a
   * machine slow enough to let that second pass, the pair is tried again.
   */
  async function fastGet(page: string, headers: Record<string, string>): Promise<Raw> {
    for (let attempt = 0; attempt < 5; attempt++) {
      await get(`${server.url}/ru/?warm=1`);
      const before = server.server.app.fastPath.served;
      const answer = await get(`${server.url}${page}`, headers);
      if (server.server.app.fastPath.served === before + 1) return answer;
    }
    throw new Error(`${page} was never answered by the fast path`);
  }

  it('answers every public page and feed exactly as the full pipeline does, in every encoding', async () => {
    for (const page of pages)
      for (const encoding of ['identity', 'gzip', 'br, gzip']) {
        const fast = await fastGet(page, { 'accept-encoding': encoding });
        const before = server.server.app.fastPath.served;
        const full = await get(`${server.url}${page}?via=pipeline`, { 'accept-encoding': encoding });
        expect(server.server.app.fastPath.served, page).toBe(before);
        expect([page, fast.status]).toEqual([page, full.status]);
        expect(comparable(fast.headers)).toEqual(comparable(full.headers));
        expect(fast.body.equals(full.body), page).toBe(true);
      }
  });

  it('answers 304 to a reader whose copy is current, as the full pipeline does', async () => {
    const first = await get(`${server.url}/ru/notices/expo`);
    const headers = { 'if-none-match': String(first.headers.etag) };
    const fast = await fastGet('/ru/notices/expo', headers);
    const full = await get(`${server.url}/ru/notices/expo?via=pipeline`, headers);
    expect([fast.status, full.status]).toEqual([304, 304]);
    expect(comparable(fast.headers)).toEqual(comparable(full.headers));
    expect(fast.body.length).toBe(0);
  });

  it('leaves to the full pipeline what is not a page it holds: unknown notices, escapes, writes, the API', async () => {
    const before = server.server.app.fastPath.served;
    expect((await get(`${server.url}/ru/notices/no-such-notice`)).status).toBe(404);
    expect((await get(`${server.url}/ru/notices/%65xpo`)).status).toBe(200);
    expect((await get(`${server.url}/api/v1/system/health`)).status).toBeLessThan(500);
    const post = await fetch(`${server.url}/ru/`, { method: 'POST' });
    expect(post.status).toBe(404);
    expect(server.server.app.fastPath.served).toBe(before);
  });

  it('counts what it answers in the request metrics under the route', async () => {
    await fastGet('/kk/notices/expo', {});
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(
      /dabyl_http_request_duration_seconds_count\{method="GET",route="\/kk\/notices\/:slug",status="200"\} [1-9]/,
    );
  });
});
