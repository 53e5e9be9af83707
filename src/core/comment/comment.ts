import type { CommentField, CommentMessage } from './rules.js';
import { COMMENT_STATUSES } from '../../contract/enums.js';
export { COMMENT_STATUSES };

/** Shapes every layer shares for comments and votes; the rules live beside this file. */

export type CommentStatus = (typeof COMMENT_STATUSES)[number];

/** What the public sees of an approved comment: never the e-mail. */
export interface PublicComment {
  id: string;
  name: string;
  body: string;
  createdAt: string;
}

/** A comment as a moderator sees it. */
export interface ModeratedComment extends PublicComment {
  noticeId: string;
  noticeSlug: string;
  noticeTitle: string;
  email: string;
  emailHash: string;
  language: string;
  status: CommentStatus;
  reason: string | null;
  moderatedBy: string | null;
  moderatedAt: string | null;
  /** True when the sender's address is blocked now. */
  blocked: boolean;
}

/**
 * Why a posted comment was not held: a field's rule, or something about the sender or the notice
 * (`form`). The public form turns it into a sentence; nothing in it says whether a honeypot caught
 * the post, which is answered as if it had been held.
 */
export interface CommentRefusal {
  field: CommentField | 'form';
  message: CommentMessage | 'blocked' | 'rateLimited' | 'pow' | 'closed';
  limit?: number;
  retryAfterSeconds?: number;
}

export interface VoteCounts {
  yes: number;
  no: number;
}
