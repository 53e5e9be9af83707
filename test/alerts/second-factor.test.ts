import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, totpStep } from '../../src/core/auth/totp.js';
import { SYSTEM_ACTOR, type AppContext } from '../../src/services/context.js';
import { keysDir } from '../../src/services/keys/secrets.js';
import {
  beginTotpEnrolment,
  confirmTotpEnrolment,
  secondFactorState,
  useTotpCode,
  withSecondFactor,
} from '../../src/services/second-factor/totp.service.js';
import { createUser } from '../../src/services/users.service.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';

/*
 * Enrolling a TOTP second factor and using it, on both engines: the secret is shown once and
 * stored sealed, the first code confirms it, codes are refused when wrong, missing or replayed,
 * and every step is in the audit log.
 */

describe.each(ENGINES)('the TOTP second factor on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let now = new Date('2026-11-03T05:00:10.000Z');
  let me: { userId: string; name: string };
  let secret: Buffer;
  const codeAt = (at: Date, delta = 0) => hotp(secret, totpStep(at) + delta);
  const use = (code: string | null) =>
    withSecondFactor(ctx, me, { subjectType: 'test', subjectId: 't' }, (trx) =>
      useTotpCode(ctx, trx, me, code, { action: 'test.approve' }),
    );
  const audit = async () =>
    (await ctx.db.kysely.selectFrom('audit_log').select(['action', 'detail']).orderBy('seq').execute()).map(
      (r) => `${r.action} ${r.detail}`,
    );

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    ctx = { ...rt.ctx, clock: { now: () => new Date(now) } };
    const u = await createUser(ctx, SYSTEM_ACTOR, null, {
      username: 'aigerim',
      displayName: 'Aigerim',
      password: 'second factor passphrase',
      grants: [{ role: 'authoriser' }],
    });
    me = { userId: u.id, name: 'aigerim' };
  });
  afterAll(() => drop());

  it('refuses approval before enrolment, then enrols with an otpauth URI confirmed by the first code', async () => {
    await expect(use('123456')).rejects.toMatchObject({ code: 'second_factor_not_enrolled', field: 'totp' });
    const enrolment = await beginTotpEnrolment(ctx, me, 'aigerim');
    expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\/Dabyl:aigerim\?secret=[A-Z2-7]{32}&issuer=Dabyl/);
    secret = base32Decode(enrolment.secret)!;
    expect(await secondFactorState(ctx, me.userId)).toMatchObject({ enrolled: false, pending: true });
    // Not confirmed yet: the factor cannot approve anything.
    await expect(use(codeAt(now))).rejects.toMatchObject({ code: 'second_factor_not_enrolled' });
    await expect(confirmTotpEnrolment(ctx, me, '000000')).rejects.toMatchObject({
      code: 'second_factor_wrong',
    });
    expect(await confirmTotpEnrolment(ctx, me, codeAt(now))).toMatchObject({
      enrolled: true,
      pending: false,
    });
  });

  it('keeps the secret sealed: neither the database nor the audit log holds it', async () => {
    const row = await ctx.db.kysely.selectFrom('second_factors').selectAll().executeTakeFirstOrThrow();
    const b32 = base32Encode(secret);
    expect(row.secret).toMatch(/^v1\./);
    expect(row.secret).not.toContain(b32);
    expect(row.secret).not.toContain(secret.toString('base64url'));
    expect((await audit()).join('\n')).not.toContain(b32);
    const keyFile = path.join(keysDir(ctx.config), 'secrets.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8')).not.toContain(b32);
  });

  it('refuses the enrolment code used again, a wrong code, a missing one; accepts drift of one step', async () => {
    await expect(use(codeAt(now))).rejects.toMatchObject({ code: 'second_factor_replayed', status: 403 });
    await expect(use(codeAt(now, 5))).rejects.toMatchObject({ code: 'second_factor_wrong' });
    await expect(use(null)).rejects.toMatchObject({ code: 'second_factor_required' });
    await expect(use('12ab56')).rejects.toMatchObject({ code: 'second_factor_malformed' });
    // The phone runs one step ahead.
    await use(codeAt(now, 1));
    // Thirty seconds later the phone's current code is the one just used: a replay.
    now = new Date(now.getTime() + 30_000);
    await expect(use(codeAt(now))).rejects.toMatchObject({ code: 'second_factor_replayed' });
    now = new Date(now.getTime() + 30_000);
    await use(codeAt(now));
  });

  it('writes every step to the audit log, refusals included, with the reason', async () => {
    const log = await audit();
    const ours = log.filter((l) => l.startsWith('second-factor.'));
    expect(ours.map((l) => l.split(' ')[0])).toEqual([
      'second-factor.refused',
      'second-factor.enrolment-started',
      'second-factor.refused',
      'second-factor.refused',
      'second-factor.enrolled',
      'second-factor.refused',
      'second-factor.refused',
      'second-factor.refused',
      'second-factor.refused',
      'second-factor.refused',
    ]);
    expect(ours.filter((l) => l.includes('second_factor_replayed'))).toHaveLength(2);
  });
});
