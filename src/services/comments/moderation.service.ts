import type { CommentStatus, ModeratedComment } from '../../core/comment/comment.js';
import { NOTICE_LANGUAGES, type NoticeTexts } from '../../core/notice/notice.js';
import { can, organisationsWhere, type Actor } from '../../core/policy/policy.js';
import { conflict, notFound } from '../../errors.js';
import {
  blockedAddressRepository,
  commentRepository,
  type CommentWithNotice,
} from '../../store/comment.repository.js';
import { appendAudit } from '../audit.service.js';
import type { ActorInfo, AppContext } from '../context.js';
import { appendEvent } from '../events/events.service.js';
import { touchPortal } from '../portal/generation.js';

/*
 * Pre-moderation: every comment waits as pending until a moderator approves it (it appears on the
 * notice page) or rejects it with a reason. Blocking an address refuses its future comments and
 * rejects those still waiting. Each action is audited in its own transaction; the audit detail
 * names the comment, never the e-mail address.
 */

function titleOf(texts: string, language: string): string {
  const parsed = JSON.parse(texts) as NoticeTexts;
  const lang =
    NOTICE_LANGUAGES.find((l) => l === language && parsed[l]) ?? NOTICE_LANGUAGES.find((l) => parsed[l]);
  return lang ? parsed[lang]!.title : '';
}

const toModerated = (r: CommentWithNotice, blocked: ReadonlySet<string>): ModeratedComment => ({
  id: r.id,
  noticeId: r.notice_id,
  noticeSlug: r.notice_slug,
  noticeTitle: titleOf(r.notice_texts, r.language),
  name: r.name,
  email: r.email,
  emailHash: r.email_hash,
  language: r.language,
  body: r.body,
  status: r.status as CommentStatus,
  reason: r.reason,
  moderatedBy: r.moderated_by,
  moderatedAt: r.moderated_at,
  createdAt: r.created_at,
  blocked: blocked.has(r.email_hash),
});

/** The queue (pending, oldest first) or the decided ones, optionally of one notice. */
export async function listComments(
  ctx: AppContext,
  filter: { status?: CommentStatus | undefined; noticeId?: string | undefined },
  /** A moderator scoped to organisations sees the comments under their notices only. */
  reader?: Actor,
): Promise<ModeratedComment[]> {
  const db = ctx.db.kysely;
  const [rows, blocked] = await Promise.all([
    commentRepository.list(db, filter),
    blockedAddressRepository.list(db),
  ]);
  const set = new Set(blocked.map((b) => b.email_hash));
  return rows
    .filter(
      (r) =>
        reader === undefined ||
        can(reader, 'comments:moderate', { organisationId: r.notice_organisation_id }),
    )
    .map((r) => toModerated(r, set));
}

/** How many comments are in each state: the console's live counts. */
export async function commentCounts(ctx: AppContext, reader?: Actor): Promise<Record<CommentStatus, number>> {
  const where = reader === undefined ? 'everywhere' : organisationsWhere(reader, 'comments:moderate');
  const rows = await commentRepository.countByStatus(
    ctx.db.kysely,
    where === 'everywhere' ? undefined : where,
  );
  const of = (s: CommentStatus) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { pending: of('pending'), approved: of('approved'), rejected: of('rejected') };
}

async function decide(
  ctx: AppContext,
  actor: ActorInfo,
  id: string,
  to: 'approved' | 'rejected',
  reason: string | null,
): Promise<ModeratedComment> {
  const now = ctx.clock.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const comment = await commentRepository.get(trx, id);
    if (!comment) throw notFound('Comment');
    // Approving is for the queue; rejecting also takes back a comment already shown.
    const from = to === 'approved' ? ['pending'] : ['pending', 'approved'];
    if (!from.includes(comment.status)) throw conflict(`The comment is already ${comment.status}`, 'status');
    const changed = await commentRepository.moderate(trx, id, comment.status, {
      status: to,
      reason,
      moderated_by: actor.name,
      moderated_at: now.toISOString(),
    });
    if (!changed) throw conflict('Another moderator decided this comment a moment ago', 'status');
    if (to === 'approved' || comment.status === 'approved') await touchPortal(trx, now);
    await appendAudit(ctx, trx, actor, {
      action: to === 'approved' ? 'comment.approved' : 'comment.rejected',
      subjectType: 'comment',
      subjectId: id,
      detail: { noticeId: comment.notice_id, ...(reason ? { reason } : {}), was: comment.status },
    });
    await appendEvent(ctx, trx, {
      type: 'comment.moderated',
      organisationId: (await commentRepository.organisationOf(trx, id)) ?? null,
      subjectType: 'comment',
      subjectId: id,
      payload: { noticeId: comment.notice_id, status: to },
    });
  });
  return (await listComments(ctx, {})).find((c) => c.id === id)!;
}

export const approveComment = (ctx: AppContext, actor: ActorInfo, id: string) =>
  decide(ctx, actor, id, 'approved', null);

export const rejectComment = (ctx: AppContext, actor: ActorInfo, id: string, reason: string) =>
  decide(ctx, actor, id, 'rejected', reason.trim());

export interface BlockedAddress {
  emailHash: string;
  /** The newest address seen with this hash, for the moderator; never public. */
  email: string | null;
  reason: string;
  blockedBy: string | null;
  createdAt: string;
}

export async function listBlockedAddresses(ctx: AppContext): Promise<BlockedAddress[]> {
  const db = ctx.db.kysely;
  const rows = await blockedAddressRepository.list(db);
  return Promise.all(
    rows.map(async (r) => ({
      emailHash: r.email_hash,
      email: await commentRepository.emailOf(db, r.email_hash),
      reason: r.reason,
      blockedBy: r.blocked_by,
      createdAt: r.created_at,
    })),
  );
}

/** Blocks the address a comment came from and rejects its comments still waiting. */
export async function blockAddress(
  ctx: AppContext,
  actor: ActorInfo,
  commentId: string,
  reason: string,
): Promise<{ blocked: BlockedAddress; rejected: string[] }> {
  const now = ctx.clock.now().toISOString();
  const result = await ctx.db.kysely.transaction().execute(async (trx) => {
    const comment = await commentRepository.get(trx, commentId);
    if (!comment) throw notFound('Comment');
    const inserted = await blockedAddressRepository.insert(trx, {
      email_hash: comment.email_hash,
      reason: reason.trim(),
      blocked_by: actor.name,
      created_at: now,
    });
    if (!inserted) throw conflict('This address is blocked already', 'commentId');
    const rejected = await commentRepository.rejectPendingFrom(trx, comment.email_hash, {
      reason: reason.trim(),
      moderated_by: actor.name,
      moderated_at: now,
    });
    await appendAudit(ctx, trx, actor, {
      action: 'comment.address_blocked',
      subjectType: 'comment',
      subjectId: commentId,
      detail: { noticeId: comment.notice_id, reason: reason.trim(), rejected },
    });
    await appendEvent(ctx, trx, {
      type: 'comment.moderated',
      organisationId: (await commentRepository.organisationOf(trx, commentId)) ?? null,
      subjectType: 'comment',
      subjectId: commentId,
      payload: { noticeId: comment.notice_id, status: 'blocked', rejected: rejected.length },
    });
    return { emailHash: comment.email_hash, email: comment.email, rejected };
  });
  return {
    blocked: {
      emailHash: result.emailHash,
      email: result.email,
      reason: reason.trim(),
      blockedBy: actor.name,
      createdAt: now,
    },
    rejected: result.rejected,
  };
}

export async function unblockAddress(ctx: AppContext, actor: ActorInfo, emailHash: string): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (!(await blockedAddressRepository.remove(trx, emailHash))) throw notFound('Blocked address');
    await appendAudit(ctx, trx, actor, {
      action: 'comment.address_unblocked',
      subjectType: 'blocked_address',
      subjectId: emailHash,
    });
    await appendEvent(ctx, trx, {
      type: 'comment.moderated',
      subjectType: 'blocked_address',
      subjectId: emailHash,
      payload: { status: 'unblocked' },
    });
  });
}
