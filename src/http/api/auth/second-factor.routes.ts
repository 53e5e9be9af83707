import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../../services/context.js';
import {
  beginTotpEnrolment,
  confirmTotpEnrolment,
  removeSecondFactor,
  secondFactorState,
} from '../../../services/second-factor/totp.service.js';
import { unauthenticated } from '../../../errors.js';
import { principalOf } from '../../access.js';
import { CodeBody, EnrolBody, EnrolmentSchema, SecondFactorSchema } from '../alerts/schema.js';
import { IdParams, problems } from '../common.schema.js';

/** Your own TOTP second factor, and an administrator's removal of someone's lost one. */
export const secondFactorRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['auth'];
  const me = (request: Parameters<typeof principalOf>[0]) => {
    const p = principalOf(request);
    if (p.info.userId === null) throw unauthenticated();
    return { userId: p.info.userId, name: p.info.name };
  };
  app.get(
    '/auth/second-factor',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Whether you have a second factor',
        response: { 200: SecondFactorSchema, ...problems },
      },
    },
    async (request) => secondFactorState(ctx, me(request).userId),
  );
  app.post(
    '/auth/second-factor/totp',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary:
          'Start enrolling a TOTP authenticator: the secret is shown this once (replacing one needs its current code)',
        body: EnrolBody,
        response: { 200: EnrolmentSchema, ...problems },
      },
    },
    async (request) => {
      const who = me(request);
      return beginTotpEnrolment(ctx, who, who.name ?? who.userId, request.body.code);
    },
  );
  app.post(
    '/auth/second-factor/totp/confirm',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Confirm enrolment with the first code',
        body: CodeBody,
        response: { 200: SecondFactorSchema, ...problems },
      },
    },
    async (request) => confirmTotpEnrolment(ctx, me(request), request.body.code),
  );
  app.delete(
    '/users/:id/second-factor',
    {
      config: { access: 'users:manage' },
      schema: {
        tags: ['users'],
        summary: "Remove a person's second factor (a lost phone)",
        params: IdParams,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      await removeSecondFactor(ctx, principalOf(request).info, request.params.id);
      return reply.status(204).send(null);
    },
  );
};
