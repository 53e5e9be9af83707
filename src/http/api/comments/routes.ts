import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../../services/context.js';
import {
  approveComment,
  blockAddress,
  commentCounts,
  listBlockedAddresses,
  listComments,
  rejectComment,
  unblockAddress,
} from '../../../services/comments/moderation.service.js';
import { principalOf } from '../../access.js';
import { IdParams, Items, problems } from '../common.schema.js';
import {
  BlockBody,
  BlockedAddressSchema,
  CommentCountsSchema,
  CommentListQuery,
  EmailHashParams,
  ModeratedCommentSchema,
  RejectBody,
} from './schema.js';

/** The console's moderation of public comments: the queue, approve, reject, block an address. */
export const commentRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addSchema(ModeratedCommentSchema);
  app.addSchema(BlockedAddressSchema);
  const tags = ['comments'];
  const access = 'comments:moderate' as const;
  const Comment = Type.Ref(ModeratedCommentSchema);

  app.get(
    '/comments',
    {
      config: { access, scope: 'filtered' },
      schema: {
        tags,
        summary: 'Comments by status (the queue: pending, oldest first), optionally of one notice',
        querystring: CommentListQuery,
        response: { 200: Items(Comment), ...problems },
      },
    },
    async (request) => ({
      items: await listComments(
        ctx,
        { status: request.query.status, noticeId: request.query.notice },
        principalOf(request).actor,
      ),
    }),
  );
  app.get(
    '/comments/counts',
    {
      config: { access, scope: 'filtered' },
      schema: {
        tags,
        summary: 'How many comments are pending, approved and rejected',
        response: { 200: CommentCountsSchema, ...problems },
      },
    },
    async (request) => commentCounts(ctx, principalOf(request).actor),
  );
  app.post(
    '/comments/:id/approve',
    {
      config: { access, scope: 'comment' },
      schema: {
        tags,
        summary: 'Publish a pending comment under its notice',
        params: IdParams,
        response: { 200: Comment, ...problems },
      },
    },
    async (request) => approveComment(ctx, principalOf(request).info, request.params.id),
  );
  app.post(
    '/comments/:id/reject',
    {
      config: { access, scope: 'comment' },
      schema: {
        tags,
        summary: 'Reject a pending comment, or take back an approved one, with a reason',
        params: IdParams,
        body: RejectBody,
        response: { 200: Comment, ...problems },
      },
    },
    async (request) => rejectComment(ctx, principalOf(request).info, request.params.id, request.body.reason),
  );
  app.get(
    '/blocked-addresses',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Addresses whose comments are refused',
        response: { 200: Items(Type.Ref(BlockedAddressSchema)), ...problems },
      },
    },
    async () => ({ items: await listBlockedAddresses(ctx) }),
  );
  app.post(
    '/blocked-addresses',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Block the address a comment came from; its comments still pending are rejected',
        body: BlockBody,
        response: {
          201: Type.Object({ blocked: Type.Ref(BlockedAddressSchema), rejected: Type.Array(Type.String()) }),
          ...problems,
        },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return blockAddress(ctx, principalOf(request).info, request.body.commentId, request.body.reason);
    },
  );
  app.delete(
    '/blocked-addresses/:emailHash',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Accept comments from an address again',
        params: EmailHashParams,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      await unblockAddress(ctx, principalOf(request).info, request.params.emailHash);
      return reply.status(204).send(null);
    },
  );
};
