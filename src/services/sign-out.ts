import { sessionRepository, tokenRepository } from '../store/session.repository.js';
import { userRepository } from '../store/user.repository.js';
import { appendAudit } from './audit.service.js';
import type { ActorInfo, AppContext, Q } from './context.js';

/** Why every way in of a user is being closed; it names the audit entries. */
export type SignOutReason = 'logout_everywhere' | 'password_set';

/**
 * Ends every session of the user and revokes every API token of theirs that still works, inside
 * the caller's transaction, with one `token.revoked` audit entry per token. Someone who took over
 * an account and made a token must not keep it after "sign out everywhere" or a new password.
 * Returns how many tokens were revoked.
 */
export async function closeEveryWayIn(
  ctx: AppContext,
  trx: Q,
  actor: ActorInfo,
  userId: string,
  reason: SignOutReason,
): Promise<number> {
  const now = ctx.clock.now().toISOString();
  await userRepository.update(trx, userId, { sessions_valid_after: now });
  await sessionRepository.deleteForUser(trx, userId);
  const tokens = await tokenRepository.liveForUser(trx, userId, now);
  for (const token of tokens) {
    await tokenRepository.revoke(trx, token.id, now);
    await appendAudit(ctx, trx, actor, {
      action: 'token.revoked',
      subjectType: 'token',
      subjectId: token.id,
      detail: { owner: userId, name: token.name, reason },
    });
  }
  return tokens.length;
}

/** How many API tokens of the user would be revoked now: what the console names before asking. */
export async function countLiveTokens(ctx: AppContext, userId: string): Promise<number> {
  return (await tokenRepository.liveForUser(ctx.db.kysely, userId, ctx.clock.now().toISOString())).length;
}
