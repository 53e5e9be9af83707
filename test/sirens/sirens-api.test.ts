import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/core/policy/policy.js';
import { buildApp } from '../../src/http/app.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { createOrganisation } from '../../src/services/organisations.service.js';
import { createUser } from '../../src/services/users.service.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';

/*
 * The siren registry over HTTP, every answer checked against its schema: an administrator
 * registers and edits sirens (the command key answered once), an administrator of one agency only
 * that agency's, a PIO reads them, a planner not at all; bad input names its field.
 */

const PASSWORD = 'sirens api passphrase';

describe.each(ENGINES)('the siren API on %s', (engine) => {
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  let orgA = '';
  let orgB = '';
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  const call = (as: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
    const s = as ? sessions.get(as) : undefined;
    return app.inject({
      method,
      url,
      headers: s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {},
      ...(payload ? { payload } : {}),
    });
  };
  const siren = (prefix: string, organisationId: string | null = null) => ({
    name: { kk: 'Медеу сиренасы', ru: 'Сирена Медеу', en: 'Medeu siren' },
    lon: 76.95,
    lat: 43.25,
    topicPrefix: prefix,
    organisationId,
  });

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    const ctx = rt.ctx;
    orgA = (
      await createOrganisation(ctx, SYSTEM_ACTOR, {
        name: 'Almaty ES department',
        kind: 'emergency-situations',
      })
    ).id;
    orgB = (
      await createOrganisation(ctx, SYSTEM_ACTOR, {
        name: 'Karaganda ES department',
        kind: 'emergency-situations',
      })
    ).id;
    const people: [string, Role, string | null][] = [
      ['admin', 'admin', null],
      ['adminA', 'admin', orgA],
      ['pio', 'pio', null],
      ['planner', 'planner', null],
    ];
    for (const [username, role, organisationId] of people)
      await createUser(ctx, SYSTEM_ACTOR, null, {
        username,
        displayName: username,
        password: PASSWORD,
        grants: [{ role, organisationId }],
      });
    ({ app } = await buildApp(ctx, { logger: false }));
    for (const [username] of people) {
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
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('registers a siren, answering its command key once, and lists it without the key', async () => {
    const res = await call('admin', 'POST', '/api/v1/sirens', siren('kz/almaty/s-001'));
    expect(res.statusCode).toBe(201);
    const { siren: s, commandKey } = res.json() as { siren: { id: string }; commandKey: string };
    expect(commandKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s).toMatchObject({
      topicPrefix: 'kz/almaty/s-001',
      purpose: 'public',
      demo: false,
      battery: null,
      version: 1,
    });
    const list = await call('pio', 'GET', '/api/v1/sirens');
    expect(list.statusCode).toBe(200);
    expect((list.json() as { items: { id: string }[] }).items.map((x) => x.id)).toEqual([s.id]);
    expect(list.body).not.toContain(commandKey);
    expect((await call('pio', 'GET', `/api/v1/sirens/${s.id}`)).statusCode).toBe(200);
  });

  it('names the field at fault and refuses a second siren under the same prefix', async () => {
    const wildcard = await call('admin', 'POST', '/api/v1/sirens', siren('kz/+/s-002'));
    expect(wildcard.statusCode).toBe(422);
    expect(wildcard.json()).toMatchObject({ field: 'topicPrefix' });
    const offMap = await call('admin', 'POST', '/api/v1/sirens', { ...siren('kz/s-3'), lat: 123 });
    expect(offMap.statusCode).toBe(400);
    expect(offMap.body).toContain('lat');
    const twice = await call('admin', 'POST', '/api/v1/sirens', siren('kz/almaty/s-001'));
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ field: 'topicPrefix' });
  });

  it('lets a PIO read but not register, a planner neither, an agency administrator only their own', async () => {
    expect((await call('pio', 'POST', '/api/v1/sirens', siren('kz/pio'))).statusCode).toBe(403);
    expect((await call('planner', 'GET', '/api/v1/sirens')).statusCode).toBe(403);
    expect((await call(null, 'GET', '/api/v1/sirens')).statusCode).toBe(401);
    expect((await call('adminA', 'POST', '/api/v1/sirens', siren('kz/b/s-1', orgB))).statusCode).toBe(403);
    const own = await call('adminA', 'POST', '/api/v1/sirens', siren('kz/a/s-1', orgA));
    expect(own.statusCode).toBe(201);
  });

  it('edits over the version read, rotates the key on request, and refuses a stale edit', async () => {
    const created = (await call('admin', 'POST', '/api/v1/sirens', siren('kz/edit'))).json() as {
      siren: { id: string; version: number };
      commandKey: string;
    };
    const url = `/api/v1/sirens/${created.siren.id}`;
    const moved = await call('admin', 'PATCH', url, {
      ...siren('kz/edit'),
      lat: 43.3,
      version: 1,
      rotateKey: true,
    });
    expect(moved.statusCode).toBe(200);
    const body = moved.json() as { siren: { lat: number; version: number }; commandKey: string };
    expect(body.siren).toMatchObject({ lat: 43.3, version: 2 });
    expect(body.commandKey).not.toBe(created.commandKey);
    const stale = await call('admin', 'PATCH', url, { ...siren('kz/edit'), version: 1 });
    expect(stale.statusCode).toBe(409);
    const kept = await call('admin', 'PATCH', url, { ...siren('kz/edit'), version: 2 });
    expect(kept.json()).toMatchObject({ commandKey: null, siren: { version: 3 } });
  });

  it('answers 404 for the sirens of an alert that does not exist', async () => {
    const res = await call('pio', 'GET', '/api/v1/alerts/7d1f0c8e-3a52-4b7f-9c4e-2f6a1b9d0999/sirens');
    expect(res.statusCode).toBe(404);
  });
});
