import type { PublicComment, VoteCounts } from '../../core/comment/comment.js';
import { voterHash } from '../../core/comment/hashes.js';
import { commentRepository, voteRepository } from '../../store/comment.repository.js';
import type { AppContext } from '../context.js';
import { getPublicNotice } from '../notices/public-notices.service.js';
import { touchPortal } from '../portal/generation.js';
import { commentKey } from './key.js';

/** The approved comments of a notice, oldest first: name, text and date, never the e-mail. */
export async function approvedComments(ctx: AppContext, noticeId: string): Promise<PublicComment[]> {
  return (await commentRepository.approvedFor(ctx.db.kysely, noticeId)).map((r) => ({
    id: r.id,
    name: r.name,
    body: r.body,
    createdAt: r.created_at,
  }));
}

export async function voteCounts(ctx: AppContext, noticeId: string): Promise<VoteCounts> {
  return voteRepository.counts(ctx.db.kysely, noticeId);
}

export interface Vote {
  slug: string;
  useful: boolean;
  /** Used only inside the keyed hash, with the user agent and the day. */
  clientAddress: string;
  userAgent: string;
}

/**
 * "Was this useful?": one answer per reader, notice and day. The reader is a keyed hash of the
 * day, address, browser and notice, and nothing else is stored, no cookie is set. A second answer
 * the same day is not counted (the first stands). Null when there is no such published notice.
 */
export async function castVote(ctx: AppContext, vote: Vote): Promise<{ counted: boolean } | null> {
  const notice = await getPublicNotice(ctx, vote.slug);
  if (!notice) return null;
  const now = ctx.clock.now();
  const voter = voterHash(await commentKey(ctx), now, vote.clientAddress, vote.userAgent, notice.id);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const counted = await voteRepository.insert(trx, {
      notice_id: notice.id,
      voter_hash: voter,
      useful: vote.useful ? 1 : 0,
      // The day only: the time of a vote would say more about the reader than the count needs.
      created_at: `${now.toISOString().slice(0, 10)}T00:00:00.000Z`,
    });
    if (counted) await touchPortal(trx, now);
    return { counted };
  });
}
