/**
 * Sign-in that cannot be turned against its users, against a real server on SQLite and on
 * PostgreSQL: every refusal is the same answer, an attacker's address cannot keep the owner's out,
 * and "sign out everywhere" and a password reset revoke the user's API tokens.
 *
 * The server does not trust X-Forwarded-For (trustProxy is off), so the source address is the
 * socket's: requests leave from different loopback addresses (127.0.0.2, 127.0.0.3 …) to be
 * different sources.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login as serviceLogin } from '../../src/services/auth.service.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { findUserByUsername, updateUser } from '../../src/services/users.service.js';
import { ENGINES } from '../support/engines.js';
import { startTestServer, type TestServer } from '../support/server.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

interface Session {
  cookie: string;
  csrf: string;
}

const PASSWORD = 'a long enough password';

describe.each(ENGINES)('sign-in on %s', (engine) => {
  let s: TestServer;
  let admin: Session;

  /** One HTTP request from the given local address. */
  function send(
    method: string,
    path: string,
    opts: { from?: string; headers?: Record<string, string>; body?: unknown } = {},
  ): Promise<Answer> {
    const url = new URL(path, s.url);
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method,
          localAddress: opts.from ?? '127.0.0.1',
          headers: {
            ...(payload ? { 'content-type': 'application/json' } : {}),
            ...opts.headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  const login = (username: string, password: string, from?: string) =>
    send('POST', '/api/v1/auth/login', { from, body: { username, password } });

  async function signIn(username: string, password: string, from?: string): Promise<Session> {
    const res = await login(username, password, from);
    expect(res.status).toBe(200);
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    return { cookie, csrf: (JSON.parse(res.body) as { csrfToken: string }).csrfToken };
  }

  const as = (session: Session, write = false) => ({
    cookie: session.cookie,
    ...(write ? { 'x-csrf-token': session.csrf } : {}),
  });

  async function audit(): Promise<
    { action: string; actorName: string | null; subjectId: string | null; detail: Record<string, unknown> }[]
  > {
    const res = await send('GET', '/api/v1/audit?limit=100', { headers: as(admin) });
    expect(res.status).toBe(200);
    return (JSON.parse(res.body) as { items: Awaited<ReturnType<typeof audit>> }).items;
  }

  async function newToken(session: Session, name: string): Promise<string> {
    const res = await send('POST', '/api/v1/tokens', {
      headers: as(session, true),
      body: { name, scopes: ['exercises:read'], expiresInDays: 30 },
    });
    expect(res.status).toBe(201);
    return (JSON.parse(res.body) as { token: string }).token;
  }

  const withToken = (token: string) =>
    send('GET', '/api/v1/auth/session', { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    s = await startTestServer({ engine, demo: false });
    for (const name of [
      'owner.one',
      'gone.user',
      'hammered',
      'authoriser',
      'laptop.lost',
      'reset.me',
      'self.change',
    ])
      await s.createUser(name, PASSWORD, 'director');
    const ctx = s.server.runtime.ctx;
    const gone = await findUserByUsername(ctx, 'gone.user');
    await updateUser(ctx, SYSTEM_ACTOR, gone!.id, { disabled: true });
    admin = await signIn(s.admin.username, s.admin.password, '127.0.0.9');
  });
  afterAll(() => s?.close());

  it('answers an unknown user, a wrong password, a disabled account and a waiting address byte for byte alike', async () => {
    const from = '127.0.0.4';
    // Make this address wait for "hammered" (through the service, so this test's own requests stay few).
    const ctx = s.server.runtime.ctx;
    for (let i = 0; i < ctx.config.loginMaxFailures; i++)
      await expect(serviceLogin(ctx, 'hammered', 'wrong guess', { ip: from })).rejects.toMatchObject({
        status: 401,
      });

    const answers = [
      await login('nobody.at.all', PASSWORD, from),
      await login('owner.one', 'not the password', from),
      await login('gone.user', PASSWORD, from),
      await login('hammered', PASSWORD, from),
    ];
    // What may differ: the request id (header and body), the date, the per-address rate count.
    const comparable = (a: Answer) => ({
      status: a.status,
      headers: Object.fromEntries(
        Object.entries(a.headers)
          .filter(([k]) => !['date', 'x-ratelimit-remaining'].includes(k))
          .map(([k, v]) => [k, k === 'x-request-id' ? '…' : v]),
      ),
      body: a.body.replace(/"requestId":"[^"]*"/, '"requestId":"…"'),
    });
    const first = comparable(answers[0]!);
    expect(first.status).toBe(401);
    expect(JSON.parse(first.body)).toMatchObject({ code: 'wrong_credentials', requestId: '…' });
    expect(first.headers['set-cookie']).toBeUndefined();
    for (const a of answers.slice(1)) expect(comparable(a)).toEqual(first);
    // The request ids differ only in value: the bodies have the same length.
    expect(new Set(answers.map((a) => a.headers['content-length'])).size).toBe(1);
  });

  it("does not let an attacker's address keep the owner out, and audits both", async () => {
    const attacker = '127.0.0.2';
    for (let i = 0; i < 12; i++) expect((await login('authoriser', `guess ${i}`, attacker)).status).toBe(401);
    // The attacker has found the password: their address still waits.
    expect((await login('authoriser', PASSWORD, attacker)).status).toBe(401);
    // The owner, at another address, approves the alert.
    const owner = await signIn('authoriser', PASSWORD, '127.0.0.3');
    expect((await send('GET', '/api/v1/auth/session', { headers: as(owner) })).status).toBe(200);

    const user = await findUserByUsername(s.server.runtime.ctx, 'authoriser');
    const entries = (await audit()).filter((e) => e.subjectId === user!.id);
    expect(entries[0]).toMatchObject({ action: 'auth.login', detail: { ip: '127.0.0.3' } });
    expect(entries.find((e) => e.action === 'auth.throttled')?.detail).toMatchObject({ source: attacker });
  });

  it('revokes every API token of the user on "sign out everywhere", after saying how many', async () => {
    const user = await signIn('laptop.lost', PASSWORD, '127.0.0.5');
    const tokens = [await newToken(user, 'reports'), await newToken(user, 'sync')];
    const other = await signIn('owner.one', PASSWORD, '127.0.0.5');
    const bystander = await newToken(other, 'not theirs');
    const session = await send('GET', '/api/v1/auth/session', { headers: as(user) });
    expect(JSON.parse(session.body)).toMatchObject({ activeTokens: 2 });
    for (const t of tokens) expect((await withToken(t)).status).toBe(200);

    const out = await send('POST', '/api/v1/auth/logout-everywhere', { headers: as(user, true) });
    expect(out.status).toBe(204);
    for (const t of tokens) {
      const res = await withToken(t);
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body)).toMatchObject({ code: 'token_revoked' });
    }
    expect((await send('GET', '/api/v1/auth/session', { headers: as(user) })).status).toBe(401);
    expect((await withToken(bystander)).status).toBe(200);

    const id = (await findUserByUsername(s.server.runtime.ctx, 'laptop.lost'))!.id;
    const entries = await audit();
    expect(entries.find((e) => e.action === 'auth.logout_everywhere' && e.subjectId === id)).toMatchObject({
      actorName: 'laptop.lost',
      detail: { tokensRevoked: 2 },
    });
    const revoked = entries.filter((e) => e.action === 'token.revoked' && e.detail.owner === id);
    expect(revoked.map((e) => e.detail.name).sort()).toEqual(['reports', 'sync']);
    expect(revoked.every((e) => e.detail.reason === 'logout_everywhere')).toBe(true);
  });

  it('revokes every API token of the user when an administrator resets the password, and shows the count first', async () => {
    const user = await signIn('reset.me', PASSWORD, '127.0.0.6');
    const token = await newToken(user, 'nightly export');
    const id = (await findUserByUsername(s.server.runtime.ctx, 'reset.me'))!.id;
    const listed = await send('GET', `/api/v1/users/${id}/tokens`, { headers: as(admin) });
    expect(listed.status).toBe(200);
    expect(JSON.parse(listed.body)).toMatchObject({ items: [{ name: 'nightly export', revokedAt: null }] });

    const reset = await send('POST', `/api/v1/users/${id}/password`, {
      headers: as(admin, true),
      body: { password: 'the new password, long' },
    });
    expect(reset.status).toBe(204);
    expect(JSON.parse((await withToken(token)).body)).toMatchObject({ code: 'token_revoked' });
    expect((await withToken(token)).status).toBe(401);
    expect((await send('GET', '/api/v1/auth/session', { headers: as(user) })).status).toBe(401);
    const after = await send('GET', `/api/v1/users/${id}/tokens`, { headers: as(admin) });
    expect(JSON.parse(after.body)).toMatchObject({ items: [{ revokedAt: expect.any(String) }] });

    const entries = await audit();
    expect(entries.find((e) => e.action === 'user.password_set' && e.subjectId === id)).toMatchObject({
      actorName: s.admin.username,
      detail: { tokensRevoked: 1 },
    });
    expect(
      entries.find(
        (e) => e.action === 'token.revoked' && e.detail.owner === id && e.detail.reason === 'password_set',
      ),
    ).toMatchObject({ actorName: s.admin.username });
  });

  it('revokes every API token of the user who changes their own password, once they prove the current one', async () => {
    const user = await signIn('self.change', PASSWORD, '127.0.0.8');
    const token = await newToken(user, 'dashboard feed');
    const change = (currentPassword: string, headers: Record<string, string> = as(user, true)) =>
      send('POST', '/api/v1/auth/password', {
        from: '127.0.0.8',
        headers,
        body: { currentPassword, newPassword: 'my own new password' },
      });

    const wrong = await change('not my password');
    expect(wrong.status).toBe(403);
    expect(JSON.parse(wrong.body)).toMatchObject({ code: 'wrong_password', field: 'currentPassword' });
    expect((await withToken(token)).status).toBe(200);
    // An API token cannot change its owner's password.
    const viaToken = await change(PASSWORD, { authorization: `Bearer ${token}` });
    expect(viaToken.status).toBe(403);

    const changed = await change(PASSWORD);
    expect(changed.status).toBe(200);
    expect(JSON.parse(changed.body)).toEqual({ tokensRevoked: 1 });
    expect(JSON.parse((await withToken(token)).body)).toMatchObject({ code: 'token_revoked' });
    expect((await send('GET', '/api/v1/auth/session', { headers: as(user) })).status).toBe(401);
    expect((await login('self.change', PASSWORD, '127.0.0.8')).status).toBe(401);
    await signIn('self.change', 'my own new password', '127.0.0.8');

    const id = (await findUserByUsername(s.server.runtime.ctx, 'self.change'))!.id;
    const entries = (await audit()).filter((e) => e.subjectId === id || e.detail.owner === id);
    expect(entries.find((e) => e.action === 'user.password_set')).toMatchObject({
      actorName: 'self.change',
      detail: { tokensRevoked: 1 },
    });
    expect(entries.find((e) => e.action === 'token.revoked')?.detail).toMatchObject({
      reason: 'password_set',
    });
    expect(entries.filter((e) => e.action === 'auth.login_failed').length).toBeGreaterThanOrEqual(2);
  });

  it("shows a user's tokens only to someone who manages users", async () => {
    const director = await signIn('owner.one', PASSWORD, '127.0.0.7');
    const id = (await findUserByUsername(s.server.runtime.ctx, 'reset.me'))!.id;
    expect((await send('GET', `/api/v1/users/${id}/tokens`, { headers: as(director) })).status).toBe(403);
    const missing = await send('GET', '/api/v1/users/00000000-0000-4000-8000-000000000000/tokens', {
      headers: as(admin),
    });
    expect(missing.status).toBe(404);
  });
});
