import { readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide, ROLES, type Role } from '../../src/core/policy/policy.js';
import { accessTable } from '../../src/http/access-table.js';
import { buildApp } from '../../src/http/app.js';
import { registerAccessControl, type RouteEntry } from '../../src/http/access.js';
import type { AppContext } from '../../src/services/context.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { createUser } from '../../src/services/users.service.js';
import { openTestRuntime } from '../support/engines.js';

const PASSWORD = 'correct horse battery';
const FAKE_ID = '00000000-0000-4000-8000-000000000000';

interface Session {
  cookie: string;
  csrf: string;
}

let app: FastifyInstance;
let routes: RouteEntry[];
let drop: () => Promise<void>;
const sessions = new Map<Role, Session>();

beforeAll(async () => {
  const runtime = await openTestRuntime('sqlite');
  drop = runtime.drop;
  for (const role of ROLES) {
    await createUser(runtime.ctx, SYSTEM_ACTOR, null, {
      username: `as-${role}`,
      displayName: role,
      password: PASSWORD,
      grants: [{ role }],
    });
  }
  ({ app, routes } = await buildApp(runtime.ctx, { logger: false }));
  for (const role of ROLES) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: `as-${role}`, password: PASSWORD },
    });
    expect(res.statusCode, `sign in as ${role}`).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'dabyl_session')!;
    sessions.set(role, {
      cookie: `${cookie.name}=${cookie.value}`,
      csrf: (res.json() as { csrfToken: string }).csrfToken,
    });
  }
});

afterAll(async () => {
  await app?.close();
  await drop?.();
});

// Logging out would end the session the rest of the walk needs; it is proven in the auth tests.
const SESSION_ENDING = new Set(['POST /api/v1/auth/logout', 'POST /api/v1/auth/logout-everywhere']);
/** A map tile's address is numbers, not an id: the world's tile. */
const TILE_ADDRESS: Record<string, string> = { z: '0', x: '0', file: '0.pbf' };
/** Routes whose answer never ends (Server-Sent Events): read as a stream, judged by the status alone. */
const STREAMING = new Set(['GET /api/v1/events']);

describe('access to every route for every role', () => {
  it('docs/access.md is the table the registered routes give', () => {
    const committed = readFileSync(new URL('../../docs/access.md', import.meta.url), 'utf8');
    expect(committed, 'run: npm run docs:access').toBe(accessTable(routes));
  });

  it('refuses to register an API route that does not declare its access', async () => {
    const bare = Fastify();
    registerAccessControl(bare, {} as AppContext);
    expect(() => bare.get('/api/v1/forgotten', async () => 'x')).toThrow(/declares no access/);
    await bare.close();
  });

  it('answers every guarded route as the policy says, for anonymous callers and every role', async () => {
    const guarded = routes.filter(
      (r) => r.access !== 'public' && !SESSION_ENDING.has(`${r.method} ${r.url}`),
    );
    expect(guarded.length).toBeGreaterThan(10);
    const mismatches: string[] = [];
    for (const route of guarded) {
      const url = route.url.replace(/:[A-Za-z]+/g, FAKE_ID);
      const anonymous = await app.inject({ method: route.method as 'GET', url });
      if (anonymous.statusCode !== 401)
        mismatches.push(`${route.method} ${route.url} anonymous → ${anonymous.statusCode}, expected 401`);
      for (const role of ROLES) {
        const s = sessions.get(role)!;
        const streaming = STREAMING.has(`${route.method} ${route.url}`);
        const res = await app.inject({
          method: route.method as 'GET',
          url,
          headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
          ...(streaming ? { payloadAsStream: true } : {}),
        });
        if (streaming) res.stream().destroy();
        const expected = decide(route.access, {
          userId: 'x',
          grants: [{ role, organisationId: null, exerciseId: null }],
        });
        const refused = res.statusCode === 403 || res.statusCode === 401;
        if ((expected === 'allow') === refused) {
          mismatches.push(
            `${route.method} ${route.url} as ${role} → ${res.statusCode}, policy says ${expected}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('serves public routes to anyone', async () => {
    for (const route of routes.filter(
      (r) => r.access === 'public' && r.method === 'GET' && !r.url.includes('*'),
    )) {
      const url = route.url.replace(/:([A-Za-z]+)/g, (_, name: string) => TILE_ADDRESS[name] ?? FAKE_ID);
      const res = await app.inject({ method: 'GET', url });
      expect([200, 301, 302, 404, 503], `${route.url} → ${res.statusCode}`).toContain(res.statusCode);
      expect(res.statusCode).not.toBe(401);
    }
  });
});
