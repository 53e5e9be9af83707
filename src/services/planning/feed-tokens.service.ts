import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { can, type Actor } from '../../core/policy/policy.js';
import { AppError, notFound } from '../../errors.js';
import { calendarRepository, type FeedTokenRow } from '../../store/calendar.repository.js';
import { programmeRepository } from '../../store/exercise.repository.js';
import { appendAudit, recordAudit } from '../audit.service.js';
import type { Principal } from '../auth.service.js';
import type { AppContext } from '../context.js';
import { getUser, toPolicyGrants } from '../users.service.js';
import { exerciseCalendar, programmeCalendar } from './calendar.service.js';
import { readableExercise } from './exercises.service.js';

/*
 * A calendar application cannot sign in, so the feed URL carries a secret. It is handled as API
 * tokens are: shown once, only its SHA-256 stored, compared in constant time, revocable; and it
 * reads with its owner's current rights, so a revoked grant closes the feed too.
 */

const PREFIX = 'dabylcal_';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export type FeedScope = 'exercise' | 'programme';

export interface FeedToken {
  id: string;
  scope: FeedScope;
  targetId: string;
  createdAt: string;
  revokedAt: string | null;
}

const toFeedToken = (r: FeedTokenRow): FeedToken => ({
  id: r.id,
  scope: r.scope as FeedScope,
  targetId: r.target_id,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

/** The path a calendar application subscribes to for a token. */
export const feedPath = (token: string) => `/api/v1/calendar/${token}.ics`;

async function checkTarget(ctx: AppContext, actor: Actor, scope: FeedScope, targetId: string) {
  if (scope === 'exercise') {
    await readableExercise(ctx.db.kysely, actor, targetId);
  } else if (!(await programmeRepository.get(ctx.db.kysely, targetId))) throw notFound('Programme');
}

/** Creates a feed token for the caller; the secret is in the answer and nowhere else. */
export async function createFeedToken(
  ctx: AppContext,
  owner: Principal,
  scope: FeedScope,
  targetId: string,
): Promise<FeedToken & { token: string; path: string }> {
  await checkTarget(ctx, owner.actor, scope, targetId);
  const id = randomUUID();
  const secret = randomBytes(32).toString('base64url');
  const row: FeedTokenRow = {
    id,
    user_id: owner.user.id,
    scope,
    target_id: targetId,
    secret_hash: sha256(secret),
    created_at: ctx.clock.now().toISOString(),
    revoked_at: null,
  };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await calendarRepository.insertToken(trx, row);
    await appendAudit(ctx, trx, owner.info, {
      action: 'calendar.token_created',
      subjectType: 'feed_token',
      subjectId: id,
      detail: { scope, targetId },
    });
  });
  const token = `${PREFIX}${id}_${secret}`;
  return { ...toFeedToken(row), token, path: feedPath(token) };
}

/** The caller's feed tokens, revoked ones included (without secrets). */
export async function listFeedTokens(ctx: AppContext, owner: Principal): Promise<FeedToken[]> {
  return (await calendarRepository.tokensOf(ctx.db.kysely, owner.user.id)).map(toFeedToken);
}

/** Revokes a token: its owner may, and so may whoever manages users. */
export async function revokeFeedToken(ctx: AppContext, by: Principal, id: string): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await calendarRepository.getToken(trx, id);
    if (!row || (row.user_id !== by.user.id && !can(by.actor, 'users:manage'))) throw notFound('Feed token');
    if (!(await calendarRepository.revokeToken(trx, id, ctx.clock.now().toISOString())))
      throw new AppError('already_revoked', 409, `The feed token was revoked at ${row.revoked_at}`);
    await appendAudit(ctx, trx, by.info, {
      action: 'calendar.token_revoked',
      subjectType: 'feed_token',
      subjectId: id,
      detail: { scope: row.scope, targetId: row.target_id },
    });
  });
}

// One answer for every refusal, so the URL cannot be probed for which tokens exist or were revoked.
const GONE = () => notFound('Calendar feed');

/**
 * The feed a token opens. Unknown, malformed and revoked tokens, disabled owners and owners who lost
 * the right to read the target all get 404; each read and each refusal of a known token is audited.
 */
export async function calendarForToken(ctx: AppContext, token: string): Promise<string> {
  const m = /^dabylcal_([0-9a-f-]{36})_([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) throw GONE();
  const row = await calendarRepository.getToken(ctx.db.kysely, m[1]!);
  if (!row || !timingSafeEqual(Buffer.from(sha256(m[2]!)), Buffer.from(row.secret_hash))) throw GONE();
  const owner = await getUser(ctx, row.user_id);
  const who = { userId: owner.id, name: `${owner.username} (calendar feed)` };
  const refuse = async (reason: string) => {
    await recordAudit(ctx, who, {
      action: 'calendar.feed_refused',
      subjectType: 'feed_token',
      subjectId: row.id,
      detail: { reason },
    });
    return GONE();
  };
  if (row.revoked_at) throw await refuse('revoked');
  if (owner.disabled) throw await refuse('owner disabled');
  const actor: Actor = { userId: owner.id, grants: toPolicyGrants(owner.grants) };
  let body: string;
  try {
    body =
      row.scope === 'exercise'
        ? await exerciseCalendar(ctx, actor, row.target_id, owner.locale)
        : await programmeCalendar(ctx, actor, row.target_id, owner.locale);
  } catch (err) {
    if (err instanceof AppError && (err.status === 403 || err.status === 404))
      throw await refuse(err.status === 403 ? 'owner may no longer read it' : 'target removed');
    throw err;
  }
  await recordAudit(ctx, who, {
    action: 'calendar.feed_read',
    subjectType: 'feed_token',
    subjectId: row.id,
    detail: { scope: row.scope, targetId: row.target_id },
  });
  return body;
}
