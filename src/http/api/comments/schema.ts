import { Type } from '@sinclair/typebox';
import { COMMENT_STATUSES } from '../../../contract/enums.js';
import { Id, Instant, literals, Nullable } from '../common.schema.js';

export const CommentStatusSchema = literals(COMMENT_STATUSES);

export const ModeratedCommentSchema = Type.Object(
  {
    id: Id,
    noticeId: Type.String(),
    noticeSlug: Type.String(),
    noticeTitle: Type.String(),
    name: Type.String(),
    email: Type.String({ description: 'Shown to moderators only, never to the public' }),
    emailHash: Type.String(),
    language: Type.String(),
    body: Type.String({ description: 'Plain text, exactly as sent; render it as text' }),
    status: CommentStatusSchema,
    reason: Nullable(Type.String()),
    moderatedBy: Nullable(Type.String()),
    moderatedAt: Nullable(Instant),
    createdAt: Instant,
    blocked: Type.Boolean(),
  },
  { $id: 'ModeratedComment' },
);

export const CommentListQuery = Type.Object(
  {
    status: Type.Optional(CommentStatusSchema),
    notice: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'A notice id' })),
  },
  { additionalProperties: false },
);

export const CommentCountsSchema = Type.Object({
  pending: Type.Integer(),
  approved: Type.Integer(),
  rejected: Type.Integer(),
});

const Reason = Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' });

export const RejectBody = Type.Object({ reason: Reason }, { additionalProperties: false });

export const BlockBody = Type.Object({ commentId: Id, reason: Reason }, { additionalProperties: false });

export const BlockedAddressSchema = Type.Object(
  {
    emailHash: Type.String(),
    email: Nullable(Type.String()),
    reason: Type.String(),
    blockedBy: Nullable(Type.String()),
    createdAt: Instant,
  },
  { $id: 'BlockedAddress' },
);

export const EmailHashParams = Type.Object({ emailHash: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }) });
