import { Type } from '@sinclair/typebox';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemSchema } from '../../src/http/api/common.schema.js';
import { buildApp } from '../../src/http/app.js';
import type { RouteEntry } from '../../src/http/access.js';
import { registerProblemHandlers } from '../../src/http/problem.js';
import { registerResponseCheck } from '../../src/http/response-contract.js';
import { openTestRuntime } from '../support/engines.js';

/*
 * The TypeBox schemas are the contract. Every API route declares what it answers, and with
 * DABYL_CHECK_RESPONSES (on in every test that starts the app: test/support) every answer is
 * checked against that declaration before it is sent, so the HTTP, notice, planning and comment
 * tests all fail on a drifting answer. Here: that the check catches each kind of drift, and that
 * no route goes without a declaration.
 */

describe('every API route', () => {
  let app: FastifyInstance;
  let routes: RouteEntry[];
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const rt = await openTestRuntime('sqlite');
    drop = rt.drop;
    expect(rt.ctx.config.checkResponses).toBe(true);
    ({ app, routes } = await buildApp(rt.ctx, { logger: false }));
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('declares the shape of its success answer', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { responses?: Record<string, { content?: unknown }> }>>;
    };
    const missing: string[] = [];
    for (const r of routes.filter((r) => r.url.startsWith('/api/v1'))) {
      const op = doc.paths[r.url.replace(/:([A-Za-z]+)/g, '{$1}')]?.[r.method.toLowerCase()];
      const success = Object.entries(op?.responses ?? {}).filter(([status]) => status.startsWith('2'));
      if (!success.length) missing.push(`${r.method} ${r.url}: no success answer declared`);
      // A 204 has no body; any other success answer says what it carries.
      for (const [status, response] of success)
        if (status !== '204' && !response.content)
          missing.push(`${r.method} ${r.url}: ${status} has no schema`);
    }
    expect(missing).toEqual([]);
  });

  it('answers an unknown API path with a problem the check accepts', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(res.json()).toMatchObject({ status: 404, code: 'not_found' });
  });
});

describe('the response check', () => {
  const app = Fastify();
  const Item = Type.Object({
    id: Type.String(),
    status: Type.Union([Type.Literal('pending'), Type.Literal('done')]),
    lastError: Type.Union([Type.String(), Type.Null()]),
  });
  let answer: unknown;

  beforeAll(async () => {
    registerProblemHandlers(app);
    registerResponseCheck(app);
    await app.register(
      async (api) => {
        api.addSchema(ProblemSchema);
        api.addSchema(Type.Object({ id: Type.String(), name: Type.String() }, { $id: 'Shared' }));
        api.get('/item', { schema: { response: { 200: Item } } }, async () => answer);
        api.get(
          '/items',
          { schema: { response: { 200: Type.Object({ items: Type.Array(Item) }) } } },
          async () => answer,
        );
        api.get(
          '/joined',
          {
            schema: {
              response: { 200: Type.Intersect([Type.Ref('Shared'), Type.Object({ token: Type.String() })]) },
            },
          },
          async () => answer,
        );
        api.get('/undeclared', async () => answer);
        // Fastify types the status from the declared ones; this route answers one it does not declare.
        api.get('/refused', { schema: { response: { 200: Item } } }, async (_request, reply) =>
          (reply as unknown as FastifyReply).status(409).send(answer),
        );
      },
      { prefix: '/api/v1' },
    );
    await app.ready();
  });
  afterAll(() => app.close());

  const get = async (url: string, body: unknown) => {
    answer = body;
    const res = await app.inject({ method: 'GET', url: `/api/v1${url}` });
    return { status: res.statusCode, body: res.json<{ code?: string; detail?: string }>() };
  };
  const ok = { id: 'f1', status: 'pending', lastError: null };

  it('lets an answer that keeps to its schema through, untouched', async () => {
    expect(await get('/item', ok)).toEqual({ status: 200, body: ok });
    expect(await get('/joined', { id: 'u1', name: 'Dana', token: 't' })).toMatchObject({ status: 200 });
  });

  it('fails a field the service returns but the schema forgets (the serializer would drop it)', async () => {
    const res = await get('/items', { items: [{ ...ok, attempts: 3 }] });
    expect(res).toMatchObject({ status: 500, body: { code: 'response_contract' } });
    expect(res.body.detail).toBe(
      'GET /api/v1/items answered 200 outside its schema: /items/0 has attempts, which the schema does not name',
    );
    const joined = await get('/joined', { id: 'u1', name: 'Dana', token: 't', secret: 'x' });
    expect(joined.body.detail).toMatch(/has secret, which the schema does not name/);
  });

  it('fails a field the schema promises but the service leaves out, or of the wrong type', async () => {
    const { lastError: _dropped, ...partial } = ok;
    expect((await get('/item', partial)).body.detail).toMatch(/must have required property 'lastError'/);
    expect((await get('/item', { ...ok, id: 7 })).body.detail).toMatch(/\/id must be string/);
  });

  it('fails an enumeration value one side knows and the other does not', async () => {
    expect((await get('/item', { ...ok, status: 'failed' })).body.detail).toMatch(
      /GET \/api\/v1\/item answered 200 outside its schema: \/status/,
    );
  });

  it('fails a JSON answer from a route that declares no schema for it', async () => {
    expect((await get('/undeclared', ok)).body).toMatchObject({
      code: 'response_contract',
      detail: 'GET /api/v1/undeclared answered 200 with JSON but declares no response schema for it',
    });
  });

  it('checks an error answer without a declaration as a problem', async () => {
    const problem = {
      type: 'urn:dabyl:problem:conflict',
      title: 'Conflict',
      status: 409,
      detail: 'd',
      code: 'conflict',
    };
    expect(await get('/refused', problem)).toEqual({ status: 409, body: problem });
    expect((await get('/refused', { message: 'not a problem' })).status).toBe(500);
  });
});
