import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import type { RouteEntry } from '../../src/http/access.js';
import { buildApp } from '../../src/http/app.js';
import { bodyLimitOf, formatBytes, METHODS_WITH_BODY, ownLimitRows } from '../../src/http/body-limit.js';
import { COMMENT_FORM_LIMIT_BYTES } from '../../src/http/portal/comments.routes.js';
import { FORM_BODY_LIMIT_BYTES } from '../../src/http/portal/form-body.js';
import { openRuntime } from '../../src/runtime.js';
import { openTestRuntime } from '../support/engines.js';

/*
 * What a request may weigh and how often the anonymous CAP validator may be asked, as the server
 * enforces it and as the OpenAPI document and README state it; and text that is not valid Unicode
 * refused in one place, for every body, naming the field.
 */

interface Operation {
  description?: string;
  'x-body-limit'?: number;
}

let app: FastifyInstance;
let routes: RouteEntry[];
let drop: () => Promise<void>;
let serverLimit: number;

beforeAll(async () => {
  const rt = await openTestRuntime('sqlite');
  drop = rt.drop;
  serverLimit = rt.ctx.config.bodyLimitBytes;
  ({ app, routes } = await buildApp(rt.ctx, { logger: false }));
});
afterAll(async () => {
  await app?.close();
  await drop?.();
});

const capXml = (size: number) => {
  const head = '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><note>';
  const tail = '</note></alert>';
  return head + 'x'.repeat(Math.max(0, size - head.length - tail.length)) + tail;
};

describe('body limits', () => {
  it('are stated for every API route that takes a body, from the limit the route really has', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, Operation>>;
    };
    const wrong: string[] = [];
    const withBody = routes.filter((r) => r.url.startsWith('/api/v1') && METHODS_WITH_BODY.has(r.method));
    expect(withBody.length).toBeGreaterThan(40);
    for (const r of withBody) {
      const op = doc.paths[r.url.replace(/:([A-Za-z]+)/g, '{$1}')]?.[r.method.toLowerCase()];
      const limit = bodyLimitOf(r, serverLimit);
      if (op?.['x-body-limit'] !== limit)
        wrong.push(`${r.method} ${r.url}: ${op?.['x-body-limit']} ≠ ${limit}`);
      else if (!op.description?.includes(`Largest request body: ${formatBytes(limit)}`))
        wrong.push(`${r.method} ${r.url}: the description does not say it`);
    }
    expect(wrong).toEqual([]);
    // A GET has nothing to limit.
    expect(doc.paths['/api/v1/outbox/fanouts']!.get!['x-body-limit']).toBeUndefined();
  });

  it('are the README’s table: every route with its own limit, and the others', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(
      readme.indexOf('### Request body limits'),
      readme.indexOf('## The command line'),
    );
    // Prettier pads the cells.
    const rows = section
      .split('\n')
      .filter((l) => l.startsWith('|'))
      .map((l) => l.replace(/ {2,}/g, ' ').trim());
    expect(rows.filter((l) => l.startsWith('| `POST /api/') || l.startsWith('| `PUT /api/'))).toEqual(
      ownLimitRows(routes),
    );
    expect(rows).toContain(
      `| every other API route (JSON) | \`DABYL_BODY_LIMIT_BYTES\` (${formatBytes(serverLimit)}) |`,
    );
    expect(rows).toContain(
      `| the public site's forms (subscribe, unsubscribe) | ${formatBytes(FORM_BODY_LIMIT_BYTES)} |`,
    );
    expect(rows).toContain(
      `| a comment under a notice (\`POST /{lang}/notices/:slug/comments\`) | ${formatBytes(COMMENT_FORM_LIMIT_BYTES)} |`,
    );
  });

  it('hold as stated: one byte over is 413, within is read', async () => {
    const login = (size: number) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ username: 'u', password: 'p'.repeat(size - 30) }).padEnd(size, ' '),
      });
    expect((await login(serverLimit + 1)).json()).toMatchObject({ status: 413, code: 'body_too_large' });
    expect((await login(serverLimit)).statusCode).not.toBe(413);
    const cap = (size: number) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/cap/validate',
        headers: { 'content-type': 'application/cap+xml' },
        payload: capXml(size),
      });
    const capLimit = routes.find((r) => r.url === '/api/v1/cap/validate')!.bodyLimit!;
    expect(capLimit).toBeGreaterThan(serverLimit);
    expect((await cap(capLimit + 1)).json()).toMatchObject({ status: 413, code: 'body_too_large' });
    expect((await cap(serverLimit + 1)).statusCode).toBe(200);
  });
});

describe('the anonymous CAP validator', () => {
  it('answers 429 with a problem naming the limit once an address asked too often, and others go on', async () => {
    const runtime = await openRuntime(
      loadConfig({
        DABYL_DATA_DIR: ':memory:',
        DABYL_LOG_LEVEL: 'silent',
        DABYL_CAP_VALIDATE_PER_MINUTE: '3',
      }),
    );
    const limited = (await buildApp(runtime.ctx, { logger: false })).app;
    try {
      const ask = (remoteAddress: string) =>
        limited.inject({
          method: 'POST',
          url: '/api/v1/cap/validate',
          remoteAddress,
          headers: { 'content-type': 'application/xml' },
          payload: capXml(200),
        });
      for (let i = 0; i < 3; i++) expect((await ask('203.0.113.7')).statusCode).toBe(200);
      const refused = await ask('203.0.113.7');
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.headers['retry-after']).toBeDefined();
      expect(refused.json()).toMatchObject({
        status: 429,
        code: 'rate_limited',
        detail: expect.stringMatching(
          /^At most 3 CAP validations a minute are accepted from one address; try again in /,
        ),
      });
      expect((await ask('198.51.100.20')).statusCode).toBe(200);
      const doc = (await limited.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
        paths: Record<string, Record<string, { description: string; responses: Record<string, unknown> }>>;
      };
      const op = doc.paths['/api/v1/cap/validate']!.post!;
      expect(op.description).toMatch(/^At most 3 a minute from one address/);
      expect(op.responses['429']).toBeDefined();
    } finally {
      await limited.close();
      await runtime.close();
    }
  });
});

describe('text that is not valid Unicode', () => {
  const post = (url: string, raw: string) =>
    app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: raw });

  it('is refused with a 400 naming the field, wherever it sits in the body', async () => {
    const top = await post('/api/v1/auth/login', '{"username":"dana\\ud800","password":"x"}');
    expect(top.statusCode).toBe(400);
    expect(top.json()).toMatchObject({ code: 'invalid_input', field: 'username' });
    expect(top.json<{ detail: string }>().detail).toMatch(/^username: is not valid Unicode text/);
    // Nested, and a low half before its high half: checked before the schema, so even here.
    const nested = await post(
      '/api/v1/auth/login',
      '{"username":"dana","password":"x","texts":{"ru":{"doList":["ok","\\ude00\\ud83d"]}}}',
    );
    expect(nested.json()).toMatchObject({ status: 400, field: 'texts.ru.doList.1' });
    const key = await post('/api/v1/cap/validate', '{"xml":"<alert/>","opt":{"\\udfff":1}}');
    expect(key.json()).toMatchObject({ status: 400, field: 'opt' });
    const cap = await post('/api/v1/cap/validate', '{"xml":"<alert>\\ud83d</alert>"}');
    expect(cap.json()).toMatchObject({ status: 400, field: 'xml' });
  });

  it('lets well-formed pairs through: an emoji is text like any other', async () => {
    const ok = await post(
      '/api/v1/auth/login',
      '{"username":"dana\\ud83d\\ude00","password":"wrong password"}',
    );
    expect(ok.statusCode).toBe(401);
  });
});
