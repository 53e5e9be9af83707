/**
 * Sign-in throttling on both engines, through the service with explicit source addresses and a
 * clock the test moves: an attacker can slow only their own guesses, never keep the owner out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/services/audit.service.js';
import { login } from '../../src/services/auth.service.js';
import { SYSTEM_ACTOR, type AppContext } from '../../src/services/context.js';
import { createUser, setPassword } from '../../src/services/users.service.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';

const PASSWORD = 'the authoriser password';
const MINUTE = 60_000;
const ATTACKER = '203.0.113.66';
const OWNER = '198.51.100.7';

describe.each(ENGINES)('sign-in throttle on %s', (engine) => {
  let base: AppContext;
  let drop: () => Promise<void>;
  let now: Date;
  let ctx: AppContext;
  const later = (ms: number) => (now = new Date(now.getTime() + ms));

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    base = rt.ctx;
    drop = rt.drop;
    now = new Date('2026-10-27T06:00:00Z');
    ctx = { ...base, clock: { now: () => now } };
  });
  afterAll(async () => drop?.());

  const authoriser = async (username: string) =>
    createUser(ctx, SYSTEM_ACTOR, null, { username, displayName: username, password: PASSWORD });
  const attempt = (username: string, password: string, ip: string) => login(ctx, username, password, { ip });
  const refused = { code: 'wrong_credentials', status: 401 };
  const wrong = (username: string, ip: string) =>
    expect(attempt(username, 'a wrong guess', ip)).rejects.toMatchObject(refused);

  it('lets the owner in from another address while an attacker hammers the account', async () => {
    await authoriser('auth.one');
    for (let i = 0; i < 40; i++) await wrong('auth.one', ATTACKER);
    // The attacker's address waits, even with the right password …
    await expect(attempt('auth.one', PASSWORD, ATTACKER)).rejects.toMatchObject(refused);
    // … the owner's does not.
    const signedIn = await attempt('auth.one', PASSWORD, OWNER);
    expect(signedIn.principal.user.username).toBe('auth.one');
  });

  it('makes one address wait longer and longer, and lets it in again once the wait is over', async () => {
    const user = await authoriser('auth.two');
    const free = ctx.config.loginMaxFailures;
    for (let i = 0; i < free; i++) await wrong('auth.two', ATTACKER);
    const waitOf = async () =>
      (await ctx.db.kysely
        .selectFrom('sign_in_throttle')
        .select(['failures', 'wait_until'])
        .where('user_id', '=', user.id)
        .where('source', '=', ATTACKER)
        .executeTakeFirst()) ?? null;
    const started = now.getTime();
    expect(await waitOf()).toEqual({ failures: free, wait_until: new Date(started + MINUTE).toISOString() });

    // Half-way through the wait the right password is still refused, and trying does not lengthen it.
    later(30_000);
    await expect(attempt('auth.two', PASSWORD, ATTACKER)).rejects.toMatchObject(refused);
    expect((await waitOf())?.wait_until).toBe(new Date(started + MINUTE).toISOString());

    // Each further wrong password after a wait doubles the next wait: 2, 4, 8, then the 15-minute cap.
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const until = Date.parse((await waitOf())!.wait_until!);
      now = new Date(until + 1);
      await wrong('auth.two', ATTACKER);
      waits.push((Date.parse((await waitOf())!.wait_until!) - now.getTime()) / MINUTE);
    }
    expect(waits).toEqual([2, 4, 8, 15]);

    // After the wait the right password works, and the slate of that address is clean.
    now = new Date(Date.parse((await waitOf())!.wait_until!) + 1);
    await attempt('auth.two', PASSWORD, ATTACKER);
    expect(await waitOf()).toBeNull();
    await wrong('auth.two', ATTACKER);
    expect(await waitOf()).toMatchObject({ failures: 1, wait_until: null });

    const entries = (await listAudit(ctx, 200)).filter((e) => e.subjectId === user.id);
    const throttled = entries.filter((e) => e.action === 'auth.throttled');
    expect(throttled).toHaveLength(5);
    expect(throttled.at(-1)?.detail).toMatchObject({ source: ATTACKER, failures: free });
    expect(
      entries.filter((e) => e.action === 'auth.login_refused' && e.detail.reason === 'throttled'),
    ).toHaveLength(1);
  });

  it('forgets failures a day old', async () => {
    await authoriser('auth.three');
    for (let i = 0; i < ctx.config.loginMaxFailures - 1; i++) await wrong('auth.three', ATTACKER);
    later(24 * 60 * MINUTE + 1);
    // Without forgetting, this would be the failure that makes the address wait.
    await wrong('auth.three', ATTACKER);
    await wrong('auth.three', ATTACKER);
    await attempt('auth.three', PASSWORD, ATTACKER);
  });

  it('slows a many-address attack once the account ceiling is reached, yet a clean address still gets in', async () => {
    const user = await authoriser('auth.four');
    const free = ctx.config.loginMaxFailures;
    const ceiling = free * 10;
    // Each botnet address stays under its own limit; together they reach the account's.
    let n = 0;
    for (let bot = 1; n < ceiling; bot++)
      for (let i = 0; i < free - 1 && n < ceiling; i++, n++) await wrong('auth.four', `192.0.2.${bot}`);
    // A fresh address gets its one guess checked, and then waits.
    await wrong('auth.four', '192.0.2.200');
    await expect(attempt('auth.four', PASSWORD, '192.0.2.200')).rejects.toMatchObject(refused);
    // The owner, from an address that has not failed, is let in at once.
    await attempt('auth.four', PASSWORD, OWNER);
    const audit = (await listAudit(ctx, 100)).filter(
      (e) => e.subjectId === user.id && e.action === 'auth.throttled',
    );
    expect(audit[0]?.detail).toMatchObject({ source: '192.0.2.200', failures: 1 });
  });

  it('throttles an IPv6 attacker by the /64, whichever address of it they use', async () => {
    await authoriser('auth.five');
    for (let i = 0; i < ctx.config.loginMaxFailures; i++) await wrong('auth.five', `2001:db8:7:7::${i + 1}`);
    await expect(attempt('auth.five', PASSWORD, '2001:db8:7:7::ffff')).rejects.toMatchObject(refused);
    await attempt('auth.five', PASSWORD, '2001:db8:7:8::1');
  });

  it('forgets the guesses at the old password when a new one is set', async () => {
    const user = await authoriser('auth.six');
    for (let i = 0; i < ctx.config.loginMaxFailures; i++) await wrong('auth.six', OWNER);
    await setPassword(ctx, SYSTEM_ACTOR, user.id, 'a brand new password');
    await attempt('auth.six', 'a brand new password', OWNER);
  });
});
