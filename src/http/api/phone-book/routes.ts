import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../../services/context.js';
import { addContact, listContacts, removeContact } from '../../../services/planning/phone-book.service.js';
import { principalOf } from '../../access.js';
import { Id, IdParams, Items, problems } from '../common.schema.js';
import { NewContactBody, PhoneBookContactSchema } from './schema.js';

/**
 * The exercise's phone book: the e-mail addresses, phone numbers and webhooks its people are reached
 * on, apart from residents' contacts. Read by those who see how people are reached (`msel:read`,
 * the roles that see a person's contact); changed by planners, directors and controllers.
 */
export const phoneBookRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addSchema(PhoneBookContactSchema);
  const tags = ['planning'];

  app.get(
    '/exercises/:id/phone-book',
    {
      config: { access: 'msel:read' },
      schema: {
        tags,
        summary: 'Every contact of the exercise’s phone book, by person',
        params: IdParams,
        response: { 200: Items(Type.Ref(PhoneBookContactSchema)), ...problems },
      },
    },
    async (request) => ({ items: await listContacts(ctx, principalOf(request).actor, request.params.id) }),
  );

  app.post(
    '/exercises/:id/people/:personId/contacts',
    {
      config: { access: 'phonebook:manage' },
      schema: {
        tags,
        summary:
          'Add a way to reach a person: e-mail, SMS or webhook (planners and those who run the exercise)',
        params: Type.Object({ id: Id, personId: Id }),
        body: NewContactBody,
        response: { 201: Type.Ref(PhoneBookContactSchema), ...problems },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const contact = await addContact(
        ctx,
        p.info,
        p.actor,
        request.params.id,
        request.params.personId,
        request.body,
      );
      return reply.status(201).send(contact);
    },
  );

  app.delete(
    '/exercises/:id/phone-book/:contactId',
    {
      config: { access: 'phonebook:manage' },
      schema: {
        tags,
        summary: 'Remove a contact from the phone book (planners and those who run the exercise)',
        params: Type.Object({ id: Id, contactId: Id }),
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      await removeContact(ctx, p.info, p.actor, request.params.id, request.params.contactId);
      return reply.status(204).send(null);
    },
  );
};
