import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { permissionsOf, sharedPermissionsOf } from '../../../core/policy/policy.js';
import { changeOwnPassword, login, logout, logoutEverywhere } from '../../../services/auth.service.js';
import type { AppContext } from '../../../services/context.js';
import { countLiveTokens } from '../../../services/sign-out.js';
import { updateUser } from '../../../services/users.service.js';
import { principalOf, SESSION_COOKIE } from '../../access.js';
import { problems } from '../common.schema.js';
import { Locale } from '../users/schema.js';
import { ChangePasswordBody, LoginBody, SessionSchema } from './schema.js';

export const authRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['auth'];
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: ctx.config.secureCookies,
    path: '/',
  };

  app.post(
    '/auth/login',
    {
      config: {
        access: 'public',
        // Per address, on top of the per-(account, address) throttle: slows guessing across many accounts.
        rateLimit: { max: 20, timeWindow: '1 minute' },
      },
      schema: {
        tags,
        summary: 'Sign in with username and password; sets an http-only session cookie',
        body: LoginBody,
        response: {
          200: Type.Object({ user: Type.Ref('User'), csrfToken: Type.String() }),
          429: problems[401],
          ...problems,
        },
      },
    },
    async (request, reply) => {
      const result = await login(ctx, request.body.username, request.body.password, {
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      reply.setCookie(SESSION_COOKIE, result.cookie, { ...cookieOptions, expires: result.expiresAt });
      return { user: result.principal.user, csrfToken: result.csrfToken };
    },
  );

  app.get(
    '/auth/session',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Who is signed in, with what permissions',
        response: { 200: SessionSchema, ...problems },
      },
    },
    async (request) => {
      const p = principalOf(request);
      return {
        user: p.user,
        grants: p.user.grants,
        permissions: permissionsOf(p.actor),
        everywhere: sharedPermissionsOf(p.actor),
        ...(p.csrfToken ? { csrfToken: p.csrfToken } : {}),
        activeTokens: await countLiveTokens(ctx, p.user.id),
      };
    },
  );

  app.patch(
    '/auth/session',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Change your own console language',
        body: Type.Object({ locale: Locale }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      await updateUser(ctx, p.info, p.user.id, { locale: request.body.locale });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Sign out of this session', response: { 204: Type.Null(), ...problems } },
    },
    async (request, reply) => {
      await logout(ctx, principalOf(request));
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/logout-everywhere',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'End every session of yours on every device and revoke every API token of yours',
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      await logoutEverywhere(ctx, p.info, p.user.id);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/password',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary:
          'Change your own password; ends every session of yours (this one too) and revokes every API token of yours',
        body: ChangePasswordBody,
        response: { 200: Type.Object({ tokensRevoked: Type.Integer({ minimum: 0 }) }), ...problems },
      },
    },
    async (request, reply) => {
      const result = await changeOwnPassword(ctx, principalOf(request), request.body, {
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return result;
    },
  );
};
