import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainProblemIn } from '../../src/core/audit/chain-words.js';
import {
  checkAuditChain,
  listAudit,
  parseAuditAnchor,
  verifyAudit,
  recordAudit,
} from '../../src/services/audit.service.js';
import {
  createToken,
  login,
  logoutEverywhere,
  principalFromCookie,
  principalFromToken,
  revokeToken,
} from '../../src/services/auth.service.js';
import { SYSTEM_ACTOR, type AppContext } from '../../src/services/context.js';
import { loadDemoData } from '../../src/services/demo.service.js';
import { addUnit, createOrganisation, listOrganisations } from '../../src/services/organisations.service.js';
import {
  createUser,
  grantRole,
  listUsers,
  revokeRole,
  updateUser,
} from '../../src/services/users.service.js';
import { buildApp } from '../../src/http/app.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';

const PASSWORD = 'a long enough secret';

/** A context whose clock the test moves. */
function withClock(ctx: AppContext, at: () => Date): AppContext {
  return { ...ctx, clock: { now: at } };
}

describe.each(ENGINES)('people, sessions, tokens and audit on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    ctx = rt.ctx;
    drop = rt.drop;
  });
  afterAll(async () => drop?.());

  it('stores organisations with units, and refuses a duplicate name naming the field', async () => {
    const org = await createOrganisation(ctx, SYSTEM_ACTOR, {
      name: 'Astana City Police Department',
      shortName: 'Astana Police',
      kind: 'police',
    });
    await addUnit(ctx, SYSTEM_ACTOR, org.id, 'Motor patrol battalion');
    const [stored] = await listOrganisations(ctx);
    expect(stored).toMatchObject({
      name: 'Astana City Police Department',
      kind: 'police',
      units: [{ name: 'Motor patrol battalion' }],
    });
    await expect(
      createOrganisation(ctx, SYSTEM_ACTOR, { name: 'Astana City Police Department', kind: 'police' }),
    ).rejects.toMatchObject({ code: 'conflict', field: 'name' });
    await expect(createOrganisation(ctx, SYSTEM_ACTOR, { name: 'X', kind: 'army' })).rejects.toMatchObject({
      field: 'kind',
    });
  });

  it('stores instants as UTC ISO strings', async () => {
    const user = await createUser(ctx, SYSTEM_ACTOR, null, {
      username: 'utc.check',
      displayName: 'UTC',
      password: PASSWORD,
    });
    expect(user.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('keeps script- and SQL-looking names as plain data', async () => {
    const name = `<script>alert(1)</script> Robert'); DROP TABLE users;--`;
    const user = await createUser(ctx, SYSTEM_ACTOR, null, {
      username: 'odd.name',
      displayName: name,
      password: PASSWORD,
    });
    expect(user.displayName).toBe(name);
    expect((await listUsers(ctx)).some((u) => u.displayName === name)).toBe(true);
  });

  it('grants and revokes roles per organisation, and refuses to remove the last administrator', async () => {
    const [org] = await listOrganisations(ctx);
    const admin = await createUser(ctx, SYSTEM_ACTOR, null, {
      username: 'root.admin',
      displayName: 'Root',
      password: PASSWORD,
      grants: [{ role: 'admin' }],
    });
    const granter = {
      userId: admin.id,
      grants: [{ role: 'admin' as const, organisationId: null, exerciseId: null }],
    };
    const planner = await createUser(ctx, SYSTEM_ACTOR, null, {
      username: 'p.one',
      displayName: 'P',
      password: PASSWORD,
    });
    const grant = await grantRole(ctx, SYSTEM_ACTOR, granter, planner.id, {
      role: 'planner',
      organisationId: org!.id,
    });
    expect(grant).toMatchObject({ role: 'planner', organisationId: org!.id });
    await expect(
      grantRole(ctx, SYSTEM_ACTOR, granter, planner.id, { role: 'planner', organisationId: org!.id }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await revokeRole(ctx, SYSTEM_ACTOR, granter, planner.id, grant.id);
    await expect(revokeRole(ctx, SYSTEM_ACTOR, granter, admin.id, admin.grants[0]!.id)).rejects.toMatchObject(
      { code: 'last_admin' },
    );
  });

  it('signs in, refuses wrong passwords without locking the account, and signs out everywhere', async () => {
    let now = new Date('2026-10-21T04:00:00Z');
    const c = withClock(ctx, () => now);
    const user = await createUser(c, SYSTEM_ACTOR, null, {
      username: 'patrol.7',
      displayName: 'Patrol 7',
      password: PASSWORD,
      grants: [{ role: 'player' }],
    });
    const first = await login(c, 'patrol.7', PASSWORD, {});
    expect((await principalFromCookie(c, first.cookie))?.user.id).toBe(user.id);

    for (let i = 1; i <= ctx.config.loginMaxFailures; i++) {
      await expect(login(c, 'patrol.7', 'wrong password', { ip: '203.0.113.9' })).rejects.toMatchObject({
        code: 'wrong_credentials',
        status: 401,
      });
    }
    // That address now waits; the owner elsewhere does not (test/http/sign-in.test.ts has the rest).
    await expect(login(c, 'patrol.7', PASSWORD, { ip: '203.0.113.9' })).rejects.toMatchObject({
      code: 'wrong_credentials',
    });
    const second = await login(c, 'patrol.7', PASSWORD, { ip: '198.51.100.4' });

    now = new Date(now.getTime() + 1000);
    await logoutEverywhere(c, SYSTEM_ACTOR, user.id);
    expect(await principalFromCookie(c, first.cookie)).toBeNull();
    expect(await principalFromCookie(c, second.cookie)).toBeNull();
  });

  it('ends the sessions of a disabled user', async () => {
    const user = await createUser(ctx, SYSTEM_ACTOR, null, {
      username: 'leaver',
      displayName: 'Leaver',
      password: PASSWORD,
    });
    const session = await login(ctx, 'leaver', PASSWORD, {});
    await updateUser(ctx, SYSTEM_ACTOR, user.id, { disabled: true });
    expect(await principalFromCookie(ctx, session.cookie)).toBeNull();
    await expect(login(ctx, 'leaver', PASSWORD, {})).rejects.toMatchObject({
      code: 'wrong_credentials',
      status: 401,
    });
  });

  it('issues scoped API tokens that expire and can be revoked, storing only their hash', async () => {
    let now = new Date('2026-10-21T04:00:00Z');
    const c = withClock(ctx, () => now);
    await createUser(c, SYSTEM_ACTOR, null, {
      username: 'script.bot',
      displayName: 'Bot',
      password: PASSWORD,
      grants: [{ role: 'director' }],
    });
    const session = await login(c, 'script.bot', PASSWORD, {});
    await expect(
      createToken(c, session.principal, { name: 't', scopes: ['users:manage'], expiresInDays: 1 }),
    ).rejects.toMatchObject({ field: 'scopes' });
    const token = await createToken(c, session.principal, {
      name: 'reports',
      scopes: ['users:read'],
      expiresInDays: 1,
    });
    const stored = await ctx.db.kysely
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', token.id)
      .executeTakeFirstOrThrow();
    expect(stored.secret_hash).not.toContain(token.token.split('_').pop()!);
    expect((await principalFromToken(c, token.token)).actor.tokenScopes).toEqual(['users:read']);
    await expect(
      principalFromToken(c, token.token.slice(0, -1) + (token.token.endsWith('A') ? 'B' : 'A')),
    ).rejects.toMatchObject({ status: 401 });

    now = new Date(now.getTime() + 2 * 86_400_000);
    await expect(principalFromToken(c, token.token)).rejects.toMatchObject({ code: 'token_expired' });
    const other = await createToken(c, session.principal, {
      name: 'other',
      scopes: ['users:read'],
      expiresInDays: 30,
    });
    await revokeToken(c, session.principal.info, other.id, false);
    await expect(principalFromToken(c, other.token)).rejects.toMatchObject({ code: 'token_revoked' });
    const revocations = async () =>
      (await listAudit(c, 500)).filter((e) => e.action === 'token.revoked' && e.subjectId === other.id);
    expect(await revocations()).toHaveLength(1);
    await revokeToken(c, session.principal.info, other.id, false);
    expect(await revocations()).toHaveLength(1);
  });

  it('loads the demo data once: a second load adds nothing', async () => {
    const first = await loadDemoData(ctx);
    expect(first.organisations).toBeGreaterThan(3);
    expect(await loadDemoData(ctx)).toMatchObject({
      organisations: 0,
      units: 0,
      users: 0,
      alreadyLoaded: true,
    });
  });

  it('keeps one unbroken chain when many entries are appended at once', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        recordAudit(ctx, SYSTEM_ACTOR, { action: 'catalogue.saved', detail: { i } }),
      ),
    );
    expect(await verifyAudit(ctx)).toMatchObject({ ok: true, firstBad: null });
  });

  it('checks a recorded head as an anchor: a changed hash and entries cut off the end are named', async () => {
    const { head } = await verifyAudit(ctx);
    expect(head).not.toBeNull();
    expect(await verifyAudit(ctx, undefined, head!)).toMatchObject({ ok: true });
    expect(parseAuditAnchor(`${head!.seq}:${head!.hash}`)).toEqual(head);
    expect(parseAuditAnchor('12:nothex')).toBeNull();
    const forged = { seq: head!.seq, hash: '0'.repeat(64) };
    expect((await verifyAudit(ctx, undefined, forged)).firstBad).toMatchObject({
      seq: head!.seq,
      problem: expect.stringContaining('differs from the anchor'),
    });
    // An anchor beyond the end is what a truncated log looks like.
    const beyond = { seq: head!.seq + 3, hash: head!.hash };
    expect(await verifyAudit(ctx, undefined, beyond)).toMatchObject({
      ok: false,
      firstBad: { seq: head!.seq + 3, problem: expect.stringContaining('cut off the end') },
    });
  });

  it('refuses UPDATE and DELETE on the audit log in the database itself', async () => {
    await expect(sql`update audit_log set action = 'x' where seq = 1`.execute(ctx.db.kysely)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_log where seq = 1`.execute(ctx.db.kysely)).rejects.toThrow(
      /append-only/,
    );
  });

  it('names the entry that was edited, deleted or reordered behind the triggers', async () => {
    const db = ctx.db.kysely;
    const unguard =
      engine === 'sqlite'
        ? ['drop trigger audit_log_no_update', 'drop trigger audit_log_no_delete']
        : ['alter table audit_log disable trigger audit_log_no_rewrite'];
    for (const statement of unguard) await sql.raw(statement).execute(db);

    await sql`update audit_log set detail = '{"forged":true}' where seq = 5`.execute(db);
    expect(await verifyAudit(ctx)).toMatchObject({
      ok: false,
      entries: 4,
      firstBad: { seq: 5, problem: expect.stringContaining('edited') },
    });
    // An administrator reading the console in Kazakh or Russian is told in that language.
    const edited = (await checkAuditChain(ctx)).firstBad!;
    expect(chainProblemIn('ru', edited)).toBe(
      'содержимое не совпадает с её хешем: запись изменили уже после того, как она была сделана',
    );
    expect(chainProblemIn('kk', edited)).toContain('хэшіне сәйкес келмейді');
    expect(chainProblemIn('en', edited)).toBe(edited.problem);
    // And over the API, as the console's audit screen asks in its reader's language.
    await createUser(ctx, SYSTEM_ACTOR, null, {
      username: 'auditor',
      displayName: 'Auditor',
      password: PASSWORD,
      grants: [{ role: 'admin', organisationId: null }],
    });
    const { app } = await buildApp(ctx, { logger: false });
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'auditor', password: PASSWORD },
      });
      const headers = {
        cookie: String(login.headers['set-cookie']).split(';')[0]!,
        'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken,
      };
      const verify = async (language?: string) =>
        (
          await app.inject({
            method: 'POST',
            url: '/api/v1/audit/verify',
            headers: language ? { ...headers, 'accept-language': language } : headers,
          })
        ).json() as { firstBad: { seq: number; problem: string } };
      expect((await verify('kk')).firstBad).toEqual({ seq: 5, problem: chainProblemIn('kk', edited) });
      expect((await verify()).firstBad).toEqual({ seq: 5, problem: edited.problem });
    } finally {
      await app.close();
    }

    const original = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '=', 5)
      .executeTakeFirstOrThrow();
    await sql`delete from audit_log where seq = 5`.execute(db);
    expect((await verifyAudit(ctx)).firstBad).toMatchObject({
      seq: 6,
      problem: expect.stringContaining('deleted or reordered'),
    });
    expect(chainProblemIn('ru', (await checkAuditChain(ctx)).firstBad!)).toBe(
      'здесь ожидалась запись 5, а найдена 6: записи удалены или переставлены',
    );
    void original;
  });
});
