/**
 * Bad input against a real server, on SQLite and on PostgreSQL: every refusal is an RFC 9457
 * problem naming what was wrong, and nothing stored is lost or changed by it — the users and
 * organisations read back exactly as before, and the audit chain still verifies.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, isPermission, type Actor } from '../../src/core/policy/policy.js';
import { tokenRepository } from '../../src/store/session.repository.js';
import { userRepository } from '../../src/store/user.repository.js';
import { ENGINES } from '../support/engines.js';
import { startTestServer, type TestServer } from '../support/server.js';

interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  field?: string;
  errors?: { field: string; problem: string }[];
}

interface Session {
  cookie: string;
  csrf: string;
}

interface Stored {
  users: { id: string; username: string; disabled: boolean }[];
  organisations: { id: string; name: string }[];
}

const json = { 'content-type': 'application/json' };

/** Checks the problem+json shape and what it says; returns the body for further checks. */
async function expectProblem(
  res: Response,
  want: { status: number; code: string; field?: string; detail?: RegExp },
): Promise<Problem> {
  expect(res.status).toBe(want.status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as Problem;
  expect(body).toMatchObject({
    type: `urn:dabyl:problem:${want.code}`,
    title: expect.any(String),
    status: want.status,
    code: want.code,
    detail: expect.any(String),
  });
  if (want.field !== undefined) {
    expect(body.field).toBe(want.field);
    expect(body.detail).toContain(want.field);
  }
  if (want.detail) expect(body.detail).toMatch(want.detail);
  return body;
}

describe.each(ENGINES)('bad input on %s', (engine) => {
  let s: TestServer;
  let admin: Session;
  let player: Session;
  const playerPassword = 'patrol password 2024';
  const victimPassword = 'the right password, too late';

  const call = (
    method: string,
    path: string,
    init: { session?: Session; headers?: Record<string, string>; body?: string } = {},
  ) =>
    fetch(`${s.url}${path}`, {
      method,
      headers: {
        ...(init.body !== undefined ? json : {}),
        ...(init.session ? { cookie: init.session.cookie, 'x-csrf-token': init.session.csrf } : {}),
        ...init.headers,
      },
      ...(init.body !== undefined ? { body: init.body } : {}),
    });

  const login = (username: string, password: string) =>
    call('POST', '/api/v1/auth/login', { body: JSON.stringify({ username, password }) });

  async function signIn(username: string, password: string): Promise<Session> {
    const res = await login(username, password);
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
  }

  async function stored(): Promise<Stored> {
    const users = await call('GET', '/api/v1/users', { session: admin });
    const organisations = await call('GET', '/api/v1/organisations', { session: admin });
    expect([users.status, organisations.status]).toEqual([200, 200]);
    return {
      users: ((await users.json()) as { items: Stored['users'] }).items,
      organisations: ((await organisations.json()) as { items: Stored['organisations'] }).items,
    };
  }

  async function expectChainIntact(): Promise<void> {
    const res = await call('POST', '/api/v1/audit/verify', { session: admin });
    expect(await res.json()).toMatchObject({ ok: true, firstBad: null });
  }

  /** Nothing stored changed (beyond `expected`), and the audit chain still holds. */
  async function expectNothingChanged(before: Stored, expected: Stored = before): Promise<void> {
    expect(await stored()).toEqual(expected);
    await expectChainIntact();
  }

  beforeAll(async () => {
    s = await startTestServer({ engine, demo: true });
    await s.createUser('player.one', playerPassword, 'player');
    await s.createUser('victim.one', victimPassword, 'planner');
    admin = await signIn(s.admin.username, s.admin.password);
    player = await signIn('player.one', playerPassword);
  });
  afterAll(() => s?.close());

  describe('malformed bodies', () => {
    it('refuses JSON that does not parse with 400 malformed_json', async () => {
      const before = await stored();
      for (const body of ['{"name": "Astana HQ", ', "{'name': 'single quotes'}", '{"name": "x"} trailing']) {
        const res = await call('POST', '/api/v1/organisations', { session: admin, body });
        await expectProblem(res, { status: 400, code: 'malformed_json', detail: /not valid JSON/ });
      }
      await expectNothingChanged(before);
    });

    it('refuses an empty body that claims to be JSON with 400 malformed_json', async () => {
      const before = await stored();
      const res = await call('POST', '/api/v1/organisations', { session: admin, body: '' });
      await expectProblem(res, { status: 400, code: 'malformed_json', detail: /empty/ });
      await expectNothingChanged(before);
    });

    it('refuses a body over DABYL_BODY_LIMIT_BYTES with 413 body_too_large', async () => {
      const before = await stored();
      const limit = s.server.runtime.ctx.config.bodyLimitBytes;
      const body = JSON.stringify({ name: 'x'.repeat(limit), kind: 'other' });
      expect(Buffer.byteLength(body)).toBeGreaterThan(limit);
      const res = await call('POST', '/api/v1/organisations', { session: admin, body });
      await expectProblem(res, {
        status: 413,
        code: 'body_too_large',
        detail: /larger than this server accepts/,
      });
      await expectNothingChanged(before);
    });
  });

  describe('unknown fields', () => {
    it('names an unknown top-level field instead of dropping it', async () => {
      const before = await stored();
      const res = await call('POST', '/api/v1/organisations', {
        session: admin,
        body: JSON.stringify({ name: 'Baikonur City Akimat', kind: 'local-government', colour: 'red' }),
      });
      const p = await expectProblem(res, { status: 400, code: 'invalid_input', field: 'colour' });
      expect(p.detail).toBe('colour: is not a known field');
      await expectNothingChanged(before);
    });

    it('names an unknown field that looks like a privilege, and the user keeps their rights', async () => {
      const before = await stored();
      const victim = before.users.find((u) => u.username === 'player.one')!;
      const res = await call('PATCH', `/api/v1/users/${victim.id}`, {
        session: admin,
        body: JSON.stringify({ displayName: 'Patrol', isAdmin: true }),
      });
      await expectProblem(res, {
        status: 400,
        code: 'invalid_input',
        field: 'isAdmin',
        detail: /not a known field/,
      });
      await expectNothingChanged(before);
    });

    it('names an unknown field nested inside an array by its path', async () => {
      const before = await stored();
      const res = await call('POST', '/api/v1/users', {
        session: admin,
        body: JSON.stringify({
          username: 'nested.extra',
          displayName: 'Nested',
          password: 'long enough password',
          grants: [{ role: 'player', everywhere: true }],
        }),
      });
      await expectProblem(res, { status: 400, code: 'invalid_input', field: 'grants.0.everywhere' });
      await expectNothingChanged(before);
    });
  });

  describe('wrong types', () => {
    it('does not take the text "5" for a number', async () => {
      const before = await stored();
      const res = await call('POST', '/api/v1/tokens', {
        session: admin,
        body: JSON.stringify({ name: 'sync', scopes: ['users:read'], expiresInDays: '5' }),
      });
      await expectProblem(res, {
        status: 400,
        code: 'invalid_input',
        field: 'expiresInDays',
        detail: /must be integer/,
      });
      const tokens = await call('GET', '/api/v1/tokens', { session: admin });
      const names = ((await tokens.json()) as { items: { name: string }[] }).items.map((t) => t.name);
      expect(names).not.toContain('sync');
      await expectNothingChanged(before);
    });

    it('does not take the text "true" for a boolean', async () => {
      const before = await stored();
      const target = before.users.find((u) => u.username === 'player.one')!;
      const res = await call('PATCH', `/api/v1/users/${target.id}`, {
        session: admin,
        body: JSON.stringify({ disabled: 'true' }),
      });
      await expectProblem(res, {
        status: 400,
        code: 'invalid_input',
        field: 'disabled',
        detail: /must be boolean/,
      });
      await expectNothingChanged(before);
    });

    it('does not take a number for a name', async () => {
      const before = await stored();
      const res = await call('POST', '/api/v1/organisations', {
        session: admin,
        body: JSON.stringify({ name: 42, kind: 'police' }),
      });
      await expectProblem(res, {
        status: 400,
        code: 'invalid_input',
        field: 'name',
        detail: /must be string/,
      });
      await expectNothingChanged(before);
    });
  });

  describe('SQL- and script-looking text', () => {
    const sqlName = "Robert'); DROP TABLE users;--";
    const scriptName = '<script>alert(1)</script>';

    it('stores an organisation named like SQL and markup verbatim, as data', async () => {
      const before = await stored();
      const res = await call('POST', '/api/v1/organisations', {
        session: admin,
        body: JSON.stringify({ name: sqlName, shortName: scriptName, kind: 'other' }),
      });
      expect(res.status).toBe(201);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const created = (await res.json()) as { id: string; name: string; shortName: string };
      expect(created).toMatchObject({ name: sqlName, shortName: scriptName });
      const again = (await (
        await call('GET', `/api/v1/organisations/${created.id}`, { session: admin })
      ).json()) as {
        name: string;
        shortName: string;
      };
      expect(again).toMatchObject({ name: sqlName, shortName: scriptName });
      // The users table is still there with every user, and only the one organisation was added.
      const after = await stored();
      expect(after.users).toEqual(before.users);
      expect(after.organisations).toEqual(expect.arrayContaining(before.organisations));
      expect(after.organisations).toHaveLength(before.organisations.length + 1);
      await expectChainIntact();
    });

    it('stores a user whose display name is SQL or markup verbatim, as data', async () => {
      const before = await stored();
      for (const [username, displayName] of [
        ['bobby.tables', sqlName],
        ['script.kiddie', scriptName],
      ] as const) {
        const res = await call('POST', '/api/v1/users', {
          session: admin,
          body: JSON.stringify({ username, displayName, password: 'a long enough password' }),
        });
        expect(res.status).toBe(201);
        const created = (await res.json()) as { id: string; displayName: string };
        expect(created.displayName).toBe(displayName);
        const again = await call('GET', `/api/v1/users/${created.id}`, { session: admin });
        expect(((await again.json()) as { displayName: string }).displayName).toBe(displayName);
      }
      const after = await stored();
      expect(after.users).toEqual(expect.arrayContaining(before.users));
      expect(after.users).toHaveLength(before.users.length + 2);
      expect(after.organisations).toEqual(before.organisations);
      await expectChainIntact();
    });

    it('refuses SQL in a username with 422 naming the field', async () => {
      const before = await stored();
      const res = await call('POST', '/api/v1/users', {
        session: admin,
        body: JSON.stringify({
          username: "x'); DROP TABLE users;--",
          displayName: 'x',
          password: 'a long enough password',
        }),
      });
      await expectProblem(res, {
        status: 422,
        code: 'invalid_input',
        field: 'username',
        detail: /latin letters/,
      });
      await expectNothingChanged(before);
    });

    it('does not sign anyone in with SQL in the username', async () => {
      const before = await stored();
      const res = await login("admin' OR '1'='1", "' OR '1'='1");
      await expectProblem(res, {
        status: 401,
        code: 'wrong_credentials',
        detail: /Wrong username or password/,
      });
      expect(res.headers.get('set-cookie')).toBeNull();
      await expectNothingChanged(before);
    });
  });

  describe('passwords and tokens', () => {
    it('answers a burst of wrong passwords alike, makes that address wait, locks no account, and audits it', async () => {
      const before = await stored();
      const max = s.server.runtime.ctx.config.loginMaxFailures;
      expect(max).toBeLessThan(10);
      for (let i = 0; i < max + 2; i++)
        await expectProblem(await login('victim.one', `wrong password ${i}`), {
          status: 401,
          code: 'wrong_credentials',
          detail: /Wrong username or password/,
        });
      // This address now waits, even with the right password, and hears the same answer.
      await expectProblem(await login('victim.one', victimPassword), {
        status: 401,
        code: 'wrong_credentials',
      });
      await expectNothingChanged(before);

      const victim = before.users.find((u) => u.username === 'victim.one')!;
      const audit = await call('GET', '/api/v1/audit?limit=50', { session: admin });
      const entries = (
        (await audit.json()) as {
          items: { action: string; subjectId: string | null; detail: Record<string, unknown> }[];
        }
      ).items.filter((e) => e.subjectId === victim.id);
      const actions = entries.map((e) => e.action);
      expect(actions.filter((a) => a === 'auth.login_failed')).toHaveLength(max);
      expect(actions.filter((a) => a === 'auth.throttled')).toHaveLength(1);
      expect(
        entries.filter((e) => e.action === 'auth.login_refused' && e.detail.reason === 'throttled'),
      ).toHaveLength(3);
    });

    it('refuses an expired API token with 401 token_expired', async () => {
      const before = await stored();
      const ctx = s.server.runtime.ctx;
      const owner = (await userRepository.findByUsername(ctx.db.kysely, s.admin.username))!;
      const secret = randomBytes(32).toString('base64url');
      const id = randomUUID();
      await tokenRepository.insert(ctx.db.kysely, {
        id,
        user_id: owner.id,
        name: 'expired yesterday',
        secret_hash: createHash('sha256').update(secret).digest('hex'),
        scopes: JSON.stringify(['users:read']),
        created_at: new Date(Date.now() - 8 * 86_400_000).toISOString(),
        expires_at: new Date(Date.now() - 86_400_000).toISOString(),
        revoked_at: null,
        last_used_at: null,
      });
      const res = await call('GET', '/api/v1/users', {
        headers: { authorization: `Bearer dabyl_${id}_${secret}` },
      });
      await expectProblem(res, { status: 401, code: 'token_expired', detail: /expired at/ });
      await expectNothingChanged(before);
    });

    it('refuses a revoked API token with 401 token_revoked', async () => {
      const created = await call('POST', '/api/v1/tokens', {
        session: admin,
        body: JSON.stringify({ name: 'revoked soon', scopes: ['users:read'], expiresInDays: 30 }),
      });
      expect(created.status).toBe(201);
      const { id, token } = (await created.json()) as { id: string; token: string };
      const bearer = { authorization: `Bearer ${token}` };
      expect((await call('GET', '/api/v1/users', { headers: bearer })).status).toBe(200);
      expect((await call('DELETE', `/api/v1/tokens/${id}`, { session: admin })).status).toBe(204);

      const before = await stored();
      const res = await call('GET', '/api/v1/users', { headers: bearer });
      await expectProblem(res, { status: 401, code: 'token_revoked', detail: /revoked at/ });
      await expectNothingChanged(before);
    });

    it('refuses a malformed or unknown Bearer header with 401 saying what is wrong', async () => {
      const before = await stored();
      const unknown = `dabyl_${randomUUID()}_${randomBytes(32).toString('base64url')}`;
      for (const [authorization, detail] of [
        ['Bearer', /must be "Bearer <token>"/],
        ['Bearer two words', /must be "Bearer <token>"/],
        ['Basic YWRtaW46YWRtaW4=', /must be "Bearer <token>"/],
        ['Bearer not-a-dabyl-token', /malformed/],
        ["Bearer dabyl_' OR 1=1 --", /must be "Bearer <token>"/],
        [`Bearer ${unknown}`, /not known/],
      ] as const) {
        const res = await call('GET', '/api/v1/users', { headers: { authorization } });
        await expectProblem(res, { status: 401, code: 'unauthenticated', detail });
      }
      await expectNothingChanged(before);
    });
  });

  describe('access', () => {
    it('answers 403 forbidden to a player on every route that needs a permission a player lacks', async () => {
      const playerActor: Actor = {
        userId: 'player',
        grants: [{ role: 'player', organisationId: null, exerciseId: null }],
      };
      const adminRoutes = s.server.app.routes.filter(
        (r) => r.url.startsWith('/api/') && isPermission(r.access) && !can(playerActor, r.access),
      );
      expect(adminRoutes.map((r) => `${r.method} ${r.url}`)).toEqual(
        expect.arrayContaining([
          'GET /api/v1/users',
          'POST /api/v1/users',
          'POST /api/v1/organisations',
          'GET /api/v1/audit',
        ]),
      );
      const before = await stored();
      for (const route of adminRoutes) {
        const path = route.url.replace(/:\w+/g, () => randomUUID());
        const body = ['POST', 'PUT', 'PATCH'].includes(route.method) ? '{}' : undefined;
        const res = await call(route.method, path, { session: player, ...(body ? { body } : {}) });
        const p = await expectProblem(res, { status: 403, code: 'forbidden' });
        expect(p.detail, `${route.method} ${route.url}`).toMatch(/permission/);
      }
      await expectNothingChanged(before);
    });

    it('refuses a cookie-authenticated write without the x-csrf-token header with 403 csrf', async () => {
      const before = await stored();
      const target = before.users.find((u) => u.username === 'player.one')!;
      const writes: [string, string, string | undefined][] = [
        ['POST', '/api/v1/organisations', JSON.stringify({ name: 'Forged agency', kind: 'other' })],
        ['PATCH', `/api/v1/users/${target.id}`, JSON.stringify({ disabled: true })],
        ['POST', '/api/v1/auth/logout-everywhere', undefined],
      ];
      for (const [method, path, body] of writes) {
        const res = await call(method, path, {
          headers: { cookie: admin.cookie },
          ...(body !== undefined ? { body } : {}),
        });
        await expectProblem(res, { status: 403, code: 'csrf', detail: /x-csrf-token/ });
      }
      await expectNothingChanged(before);
    });

    it('refuses a cookie-authenticated write with a forged or borrowed x-csrf-token with 403 csrf', async () => {
      const before = await stored();
      for (const forged of [
        randomBytes(32).toString('base64url'),
        player.csrf,
        '',
        admin.csrf.slice(0, -1),
      ]) {
        const res = await call('POST', '/api/v1/organisations', {
          headers: { cookie: admin.cookie, 'x-csrf-token': forged },
          body: JSON.stringify({ name: 'Forged agency', kind: 'other' }),
        });
        await expectProblem(res, { status: 403, code: 'csrf', detail: /does not match/ });
      }
      await expectNothingChanged(before);
    });
  });
});
