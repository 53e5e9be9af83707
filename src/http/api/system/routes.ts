import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { can, organisationsWhere, ROLE_PERMISSIONS, ROLES } from '../../../core/policy/policy.js';
import { checkAuditChain, inEnglish, listAudit } from '../../../services/audit.service.js';
import { chainProblemIn } from '../../../core/audit/chain-words.js';
import { createToken, listTokens, listTokensOfUser, revokeToken } from '../../../services/auth.service.js';
import type { AppContext } from '../../../services/context.js';
import { dashboard } from '../../../services/dashboard.service.js';
import { requestLanguage, withSentences } from '../../language.js';
import { principalOf } from '../../access.js';
import { IdParams, Items, problems } from '../common.schema.js';
import {
  AuditEntrySchema,
  AuditVerificationSchema,
  CreateTokenBody,
  DashboardSchema,
  RolePermissionsSchema,
  TokenSchema,
} from './schema.js';

export const systemRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addSchema(TokenSchema);
  const AuditEntry = Type.Ref(AuditEntrySchema);

  app.get(
    '/roles',
    {
      config: { access: 'roles:read' },
      schema: {
        tags: ['roles'],
        summary: 'Which role gives which permissions',
        response: {
          200: Items(RolePermissionsSchema),
          ...problems,
        },
      },
    },
    async () => ({ items: ROLES.map((role) => ({ role, permissions: [...ROLE_PERMISSIONS[role]] })) }),
  );

  app.get(
    '/dashboard',
    {
      config: { access: 'dashboard:read' },
      schema: {
        tags: ['dashboard'],
        summary:
          'Counts and recent activity: each installation-wide count only for a reader whose grants reach all of it, recent activity only for those who may read the audit log',
        response: {
          200: DashboardSchema,
          ...problems,
        },
      },
    },
    async (request) => {
      const board = await dashboard(ctx, principalOf(request).actor);
      return board.recentAudit
        ? { ...board, recentAudit: withSentences(board.recentAudit, requestLanguage(request)) }
        : board;
    },
  );

  app.get(
    '/audit',
    {
      config: { access: 'audit:read', scope: 'filtered' },
      schema: {
        tags: ['audit'],
        summary:
          'The audit log, newest first; a grant scoped to organisations reads the entries about their records, people and exercises only',
        querystring: Type.Object(
          {
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
            before: Type.Optional(Type.Integer({ minimum: 1 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Items(AuditEntry), ...problems },
      },
    },
    async (request) => ({
      items: withSentences(
        await listAudit(
          ctx,
          request.query.limit,
          request.query.before,
          organisationsWhere(principalOf(request).actor, 'audit:read'),
        ),
        requestLanguage(request),
      ),
    }),
  );

  app.post(
    '/audit/verify',
    {
      config: { access: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'Check the whole hash chain; names the first entry that was edited, deleted or reordered',
        description:
          'The problem is worded in the language Accept-Language asks for (kk, ru or en; English by default).',
        response: {
          200: AuditVerificationSchema,
          ...problems,
        },
      },
    },
    async (request) => {
      const check = await checkAuditChain(ctx);
      const lang = requestLanguage(request);
      const bad = check.firstBad;
      return { ...inEnglish(check), firstBad: bad && { seq: bad.seq, problem: chainProblemIn(lang, bad) } };
    },
  );

  app.get(
    '/tokens',
    {
      config: { access: 'tokens:own' },
      schema: {
        tags: ['tokens'],
        summary: 'Your API tokens',
        response: { 200: Items(Type.Ref(TokenSchema)), ...problems },
      },
    },
    async (request) => ({
      items: await listTokens(ctx, principalOf(request).user.id),
    }),
  );

  app.get(
    '/users/:id/tokens',
    {
      config: { access: 'users:manage' },
      schema: {
        tags: ['tokens'],
        summary: "A user's API tokens, e.g. to say how many a password reset revokes",
        params: IdParams,
        response: { 200: Items(Type.Ref(TokenSchema)), ...problems },
      },
    },
    async (request) => ({ items: await listTokensOfUser(ctx, request.params.id) }),
  );

  app.post(
    '/tokens',
    {
      config: { access: 'tokens:own' },
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token; the token is shown once',
        body: CreateTokenBody,
        response: {
          201: Type.Intersect([Type.Ref(TokenSchema), Type.Object({ token: Type.String() })]),
          ...problems,
        },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return createToken(ctx, principalOf(request), request.body);
    },
  );

  app.delete(
    '/tokens/:id',
    {
      config: { access: 'tokens:own' },
      schema: {
        tags: ['tokens'],
        summary: 'Revoke an API token',
        params: IdParams,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      await revokeToken(ctx, p.info, request.params.id, can(p.actor, 'users:manage'));
      return reply.status(204).send(null);
    },
  );
};
