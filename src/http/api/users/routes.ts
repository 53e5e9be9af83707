import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../../services/context.js';
import {
  createUser,
  getUserFor,
  grantRole,
  listUsers,
  revokeRole,
  setPassword,
  updateUser,
} from '../../../services/users.service.js';
import { principalOf } from '../../access.js';
import { IdParams, Items, problems } from '../common.schema.js';
import {
  CreateUserBody,
  GrantInputSchema,
  GrantParams,
  GrantSchema,
  PasswordBody,
  UpdateUserBody,
  UserSchema,
} from './schema.js';

export const userRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const User = Type.Ref(UserSchema);
  const tags = ['users'];

  app.get(
    '/users',
    {
      config: { access: 'users:read', scope: 'filtered' },
      schema: { tags, summary: 'List users', response: { 200: Items(User), ...problems } },
    },
    async (request) => ({
      items: await listUsers(ctx, principalOf(request).actor),
    }),
  );

  app.post(
    '/users',
    {
      config: { access: 'users:manage' },
      schema: { tags, summary: 'Create a user', body: CreateUserBody, response: { 201: User, ...problems } },
    },
    async (request, reply) => {
      const p = principalOf(request);
      reply.status(201);
      return createUser(ctx, p.info, p.actor, request.body);
    },
  );

  app.get(
    '/users/:id',
    {
      config: { access: 'users:read' },
      schema: { tags, summary: 'One user', params: IdParams, response: { 200: User, ...problems } },
    },
    async (request) => getUserFor(ctx, principalOf(request).actor, request.params.id),
  );

  app.patch(
    '/users/:id',
    {
      config: { access: 'users:manage' },
      schema: {
        tags,
        summary: 'Change a user (name, e-mail, language, disabled)',
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: User, ...problems },
      },
    },
    async (request) => {
      const p = principalOf(request);
      return updateUser(ctx, p.info, request.params.id, request.body, p.actor);
    },
  );

  app.post(
    '/users/:id/password',
    {
      config: { access: 'users:manage' },
      schema: {
        tags,
        summary: "Set a user's password; ends their sessions and revokes their API tokens",
        params: IdParams,
        body: PasswordBody,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      await setPassword(ctx, p.info, request.params.id, request.body.password, p.actor);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/users/:id/grants',
    {
      config: { access: 'users:manage' },
      schema: {
        tags,
        summary: 'Grant a role, everywhere or in one organisation or exercise',
        params: IdParams,
        body: GrantInputSchema,
        response: { 201: Type.Ref(GrantSchema), ...problems },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      reply.status(201);
      return grantRole(ctx, p.info, p.actor, request.params.id, request.body);
    },
  );

  app.delete(
    '/users/:id/grants/:grantId',
    {
      config: { access: 'users:manage' },
      schema: {
        tags,
        summary: 'Revoke a role',
        params: GrantParams,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      await revokeRole(ctx, p.info, p.actor, request.params.id, request.params.grantId);
      return reply.status(204).send(null);
    },
  );
};
