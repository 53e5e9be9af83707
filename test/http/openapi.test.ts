import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import type { RouteEntry } from '../../src/http/access.js';
import { openTestRuntime } from '../support/engines.js';

interface Operation {
  summary?: string;
  requestBody?: unknown;
  responses?: Record<string, unknown>;
}

let app: FastifyInstance;
let routes: RouteEntry[];
let drop: () => Promise<void>;

beforeAll(async () => {
  const rt = await openTestRuntime('sqlite');
  drop = rt.drop;
  ({ app, routes } = await buildApp(rt.ctx, { logger: false }));
});
afterAll(async () => {
  await app?.close();
  await drop?.();
});

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and documents every API route with a summary and its responses', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, Operation>> };
    expect(doc.openapi).toBe('3.1.0');
    const missing: string[] = [];
    for (const r of routes.filter((r) => r.url.startsWith('/api/v1'))) {
      const path = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
      const op = doc.paths[path]?.[r.method.toLowerCase()];
      if (!op) missing.push(`${r.method} ${r.url}: not documented`);
      else if (!op.summary) missing.push(`${r.method} ${r.url}: no summary`);
      else if (!Object.keys(op.responses ?? {}).some((s) => s.startsWith('2')))
        missing.push(`${r.method} ${r.url}: no success response`);
    }
    expect(missing).toEqual([]);
  });

  it('serves the reference page', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });
});
