import { randomBytes } from 'node:crypto';
import type { ErrorCode } from '../../core/messages/codes.js';
import { checkTotp, otpauthUri, type TotpCheck } from '../../core/auth/totp.js';
import { AppError } from '../../errors.js';
import { secondFactorRepository } from '../../store/second-factor.repository.js';
import { appendAudit } from '../audit.service.js';
import type { ActorInfo, AppContext, Q } from '../context.js';
import { open, seal, secretsKey } from '../keys/secrets.js';

/*
 * Enrolling and checking a person's TOTP second factor. The secret is shown once, as an otpauth://
 * URI, while enrolment waits for its first code; after that it is never returned. Every accepted,
 * wrong and replayed code is in the audit log.
 */

/** What the console shows while enrolment waits for the first code. */
export interface TotpEnrolment {
  uri: string;
  /** The same secret in base32 for typing by hand. */
  secret: string;
}

export interface SecondFactorState {
  enrolled: boolean;
  /** Enrolment started, waiting for the first code. */
  pending: boolean;
  confirmedAt: string | null;
}

const REASONS: Record<
  Exclude<TotpCheck, { ok: true }>['reason'] | 'missing' | 'not_enrolled',
  [ErrorCode, string]
> = {
  missing: ['second_factor_required', 'Give the six-digit code from your authenticator app.'],
  not_enrolled: [
    'second_factor_not_enrolled',
    'You have no second factor yet: enrol one under your account before approving.',
  ],
  malformed: ['second_factor_malformed', 'The code is six digits from your authenticator app.'],
  wrong: ['second_factor_wrong', 'The code is not right: check the time on your phone and try the next one.'],
  replayed: ['second_factor_replayed', 'This code was used already: wait for the next one.'],
};

export async function secondFactorState(ctx: AppContext, userId: string): Promise<SecondFactorState> {
  const row = await secondFactorRepository.get(ctx.db.kysely, userId);
  return {
    enrolled: !!row?.confirmed_at,
    pending: !!row && !row.confirmed_at,
    confirmedAt: row?.confirmed_at ?? null,
  };
}

/**
 * Starts enrolment with a new secret. Replacing a confirmed factor needs a current code from it (a
 * stolen session must not swap in the thief's phone); a person who lost their phone asks an
 * administrator to remove the factor first. The new secret replaces the old one at once.
 */
export async function beginTotpEnrolment(
  ctx: AppContext,
  info: ActorInfo & { userId: string },
  account: string,
  currentCode?: string,
): Promise<TotpEnrolment> {
  const secret = randomBytes(20);
  const at = ctx.clock.now().toISOString();
  await withSecondFactor(ctx, info, { subjectType: 'user', subjectId: info.userId }, async (trx) => {
    const existing = await secondFactorRepository.get(trx, info.userId);
    if (existing?.confirmed_at)
      await useTotpCode(ctx, trx, info, currentCode, { action: 'second-factor.enrolment-started' });
    await secondFactorRepository.begin(trx, info.userId, seal(secretsKey(ctx.config), secret), at);
    await appendAudit(ctx, trx, info, {
      action: 'second-factor.enrolment-started',
      subjectType: 'user',
      subjectId: info.userId,
      detail: { replacing: !!existing?.confirmed_at },
    });
  });
  const uri = otpauthUri('Dabyl', account, secret);
  return { uri, secret: new URL(uri).searchParams.get('secret')! };
}

/** A refused code: the refusal to show, and what to write in the audit log. */
export class SecondFactorRefusal extends AppError {
  constructor(
    why: keyof typeof REASONS,
    readonly purpose: string,
  ) {
    const [code, detail] = REASONS[why];
    super(code, why === 'not_enrolled' ? 409 : 403, detail, 'totp');
  }
}

/**
 * Checks a code and, if it is good and new, records its step in the caller's transaction; throws a
 * {@link SecondFactorRefusal} otherwise. Run the transaction through {@link withSecondFactor} so
 * the refusal is audited once the transaction is rolled back.
 */
export async function useTotpCode(
  ctx: AppContext,
  trx: Q,
  info: ActorInfo & { userId: string },
  code: string | undefined | null,
  purpose: { action: string; confirming?: boolean },
): Promise<void> {
  const row = await secondFactorRepository.get(trx, info.userId);
  const confirming = purpose.confirming === true;
  let why: keyof typeof REASONS | null = null;
  let step: number | null = null;
  if (!row || !!row.confirmed_at === confirming) why = 'not_enrolled';
  else if (!code || code.trim() === '') why = 'missing';
  else {
    const last = row.last_step === null ? null : Number(row.last_step);
    const check = checkTotp(open(secretsKey(ctx.config), row.secret), code, ctx.clock.now(), last);
    if (!check.ok) why = check.reason;
    else step = check.step;
  }
  if (why === null && step !== null) {
    const at = ctx.clock.now().toISOString();
    if (await secondFactorRepository.useStep(trx, info.userId, step, at, confirming)) return;
    why = 'replayed';
  }
  throw new SecondFactorRefusal(why!, purpose.action);
}

/**
 * Runs `step` in a transaction; when it fails on a second factor, writes the refusal to the audit
 * log after the rollback, so a wrong or replayed code stays on record though nothing else happened.
 */
export async function withSecondFactor<T>(
  ctx: AppContext,
  info: ActorInfo,
  subject: { subjectType: string; subjectId: string },
  step: (trx: Q) => Promise<T>,
): Promise<T> {
  try {
    return await ctx.db.kysely.transaction().execute(step);
  } catch (err) {
    if (err instanceof SecondFactorRefusal)
      await ctx.db.kysely.transaction().execute((trx) =>
        appendAudit(ctx, trx, info, {
          action: 'second-factor.refused',
          ...subject,
          detail: { for: err.purpose, reason: err.code },
        }),
      );
    throw err;
  }
}

/** Confirms enrolment with the first code; from now on the secret is never shown again. */
export async function confirmTotpEnrolment(
  ctx: AppContext,
  info: ActorInfo & { userId: string },
  code: string,
): Promise<SecondFactorState> {
  await withSecondFactor(ctx, info, { subjectType: 'user', subjectId: info.userId }, async (trx) => {
    await useTotpCode(ctx, trx, info, code, { action: 'second-factor.enrolled', confirming: true });
    await appendAudit(ctx, trx, info, {
      action: 'second-factor.enrolled',
      subjectType: 'user',
      subjectId: info.userId,
    });
  });
  return secondFactorState(ctx, info.userId);
}

/** Removes a person's second factor: their own (proved with a code) or, by an administrator, anyone's. */
export async function removeSecondFactor(ctx: AppContext, info: ActorInfo, userId: string): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (!(await secondFactorRepository.remove(trx, userId)))
      throw new AppError('not_found', 404, 'No second factor is enrolled');
    await appendAudit(ctx, trx, info, {
      action: 'second-factor.removed',
      subjectType: 'user',
      subjectId: userId,
    });
  });
}
