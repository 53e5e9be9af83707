import { randomUUID } from 'node:crypto';
import type { CommentRefusal } from '../../core/comment/comment.js';
import { clientHash, emailHash } from '../../core/comment/hashes.js';
import { POW_DIFFICULTY, verifySolution } from '../../core/comment/proof-of-work.js';
import { COMMENT_LIMITS, limitReached, type LimitScope } from '../../core/comment/rate-limit.js';
import { checkComment, cleanComment } from '../../core/comment/rules.js';
import {
  blockedAddressRepository,
  challengeRepository,
  commentRepository,
} from '../../store/comment.repository.js';
import type { AppContext } from '../context.js';
import { appendEvent } from '../events/events.service.js';
import { noticeRepository } from '../../store/notice.repository.js';
import { getPublicNotice } from '../notices/public-notices.service.js';
import { commentKey } from './key.js';

export interface PostedComment {
  slug: string;
  language: string;
  name: string;
  email: string;
  body: string;
  /** The honeypot: people never see it, so anything in it was typed by a program. */
  website: string;
  challenge: string;
  nonce: string;
  /** The sender's IP address; only its keyed hash is stored. */
  clientAddress: string;
}

export type PostOutcome =
  /** Held for moderation; also the answer to a filled honeypot, so a bot learns nothing. */
  | { outcome: 'held' }
  | { outcome: 'noSuchNotice' }
  | { outcome: 'refused'; status: 403 | 409 | 422 | 429; refusals: CommentRefusal[] };

const refused = (status: 403 | 409 | 422 | 429, ...refusals: CommentRefusal[]): PostOutcome => ({
  outcome: 'refused',
  status,
  refusals,
});

/**
 * A comment from the public site, held for pre-moderation. Checked in this order: the notice
 * takes comments, the honeypot, the fields, the proof-of-work; then, in one transaction, the
 * challenge is spent, the address is not blocked, no rate limit is reached, and the comment is
 * stored as pending. Nothing here changes what the public sees.
 */
export async function postComment(ctx: AppContext, input: PostedComment): Promise<PostOutcome> {
  const notice = await getPublicNotice(ctx, input.slug);
  if (!notice) return { outcome: 'noSuchNotice' };
  if (notice.kind === 'Cancel') return refused(409, { field: 'form', message: 'closed' });
  if (input.website.trim() !== '') return { outcome: 'held' };

  const findings = checkComment(input);
  const key = await commentKey(ctx);
  const now = ctx.clock.now();
  const pow = verifySolution(key, input.challenge, input.nonce, now, POW_DIFFICULTY);
  const refusals: CommentRefusal[] = [...findings];
  if (!pow.ok) refusals.push({ field: 'form', message: 'pow' });
  if (refusals.length || !pow.ok) return refused(422, ...refusals);

  const comment = cleanComment(input);
  const hashes: Record<LimitScope, string> = {
    email: emailHash(key, comment.email),
    client: clientHash(key, input.clientAddress),
    notice: notice.id,
  };
  const columns = { email: 'email_hash', client: 'client_hash', notice: 'notice_id' } as const;
  return ctx.db.kysely.transaction().execute(async (trx): Promise<PostOutcome> => {
    await challengeRepository.forgetExpired(trx, now.toISOString());
    if (!(await challengeRepository.spend(trx, pow.challenge.id, pow.challenge.expiresAt.toISOString())))
      return refused(422, { field: 'form', message: 'pow' });
    if (await blockedAddressRepository.get(trx, hashes.email))
      return refused(403, { field: 'email', message: 'blocked' });
    const usage = {} as Record<LimitScope, { count: number; oldest: string | null }>;
    for (const l of COMMENT_LIMITS) {
      const since = new Date(now.getTime() - l.windowMs).toISOString();
      usage[l.scope] = await commentRepository.usageSince(trx, columns[l.scope], hashes[l.scope], since);
    }
    const reached = limitReached(usage, now);
    if (reached)
      return refused(429, {
        field: 'form',
        message: 'rateLimited',
        retryAfterSeconds: reached.retryAfterSeconds,
      });
    const id = randomUUID();
    await commentRepository.insert(trx, {
      id,
      notice_id: notice.id,
      name: comment.name,
      email: comment.email,
      email_hash: hashes.email,
      client_hash: hashes.client,
      language: input.language,
      body: comment.body,
      status: 'pending',
      reason: null,
      moderated_by: null,
      moderated_at: null,
      created_at: now.toISOString(),
    });
    // The moderation queue hears of it live; the event names the comment, never who sent it.
    await appendEvent(ctx, trx, {
      type: 'comment.posted',
      // Moderators of the notice's organisation hear of it; the notice may have changed hands since
      // the public page was rendered, so its row says.
      organisationId: (await noticeRepository.get(trx, notice.id))?.organisation_id ?? null,
      subjectType: 'comment',
      subjectId: id,
      payload: { noticeId: notice.id },
    });
    return { outcome: 'held' };
  });
}
