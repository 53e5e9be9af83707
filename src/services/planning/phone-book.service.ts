import { randomUUID } from 'node:crypto';
import { webhookUrlFault } from '../../channels/webhook/address.js';
import { LOCALES, PHONE_BOOK_CHANNELS } from '../../contract/enums.js';
import { can, type Actor } from '../../core/policy/policy.js';
import { badField, forbidden, notFound, refusedAs } from '../../errors.js';
import { appendAudit } from '../audit.service.js';
import type { ActorInfo, AppContext, Q } from '../context.js';
import { readableExercise } from './exercises.service.js';

export type PhoneBookChannel = (typeof PHONE_BOOK_CHANNELS)[number];

export interface PhoneBookContact {
  id: string;
  personId: string | null;
  name: string;
  channel: string;
  address: string;
  language: string;
  createdAt: string;
}

export interface NewContact {
  channel: string;
  address: string;
  language: string;
}

const cleanAddress = (ctx: AppContext, channel: PhoneBookChannel, raw: string): string => {
  if (/[\r\n]/.test(raw)) throw badField('address', 'no_line_break');
  const value = raw.trim();
  switch (channel) {
    case 'email': {
      const email = value.toLowerCase();
      if (email.length > 254 || !/^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/.test(email))
        throw badField('address', 'not_email');
      return email;
    }
    case 'sms': {
      // Kept as people write it with a plus, without spaces: the SMS channel reads it as SMPP wants.
      const compact = value.replace(/[\s()-]/g, '');
      if (!/^\+?\d{5,15}$/.test(compact)) throw badField('address', 'not_phone_number');
      return compact;
    }
    case 'manual':
      // A radio channel, a phone number, a place: words a controller reads and acts on.
      if (!value) throw badField('address', 'not_empty');
      if (value.length > 200) throw badField('address', 'max_length', { max: 200 });
      return value;
    case 'webhook': {
      const refused = webhookUrlFault(value, ctx.config.webhookAllowHosts);
      if (refused) throw refusedAs('address', refused.error, refused.fault.problem, refused.fault.params);
      return value;
    }
  }
};

/**
 * The exercise's phone book: how its people are reached on channels other than their Dabyl inbox,
 * kept apart from residents' contacts (decision 0014). Reading it takes what reading a person's
 * contact does (those who prepare, run or judge the play); changing it, `phonebook:manage`
 * (planners, directors, controllers), whatever the exercise's status, since a player's number can
 * change on the morning of the drill.
 */
export async function listContacts(
  ctx: AppContext,
  actor: Actor,
  exerciseId: string,
): Promise<PhoneBookContact[]> {
  const db = ctx.db.kysely;
  const { viewer } = await readableExercise(db, actor, exerciseId);
  if (!viewer.sees('person', 'contact'))
    throw forbidden('You may not see how this exercise’s people are reached');
  const rows = await db
    .selectFrom('exercise_contacts')
    .selectAll()
    .where('exercise_id', '=', exerciseId)
    .orderBy('name')
    .orderBy('channel')
    .orderBy('id')
    .execute();
  return rows.map(contactOf);
}

export async function addContact(
  ctx: AppContext,
  info: ActorInfo,
  actor: Actor,
  exerciseId: string,
  personId: string,
  input: NewContact,
): Promise<PhoneBookContact> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    await mayChange(trx, actor, exerciseId);
    const person = await trx
      .selectFrom('exercise_people')
      .select(['id', 'name'])
      .where('id', '=', personId)
      .where('exercise_id', '=', exerciseId)
      .executeTakeFirst();
    if (!person) throw notFound('The person');
    if (!(PHONE_BOOK_CHANNELS as readonly string[]).includes(input.channel))
      throw badField('channel', 'one_of', { allowed: PHONE_BOOK_CHANNELS.join(', ') });
    if (!(LOCALES as readonly string[]).includes(input.language))
      throw badField('language', 'one_of', { allowed: LOCALES.join(', ') });
    const address = cleanAddress(ctx, input.channel as PhoneBookChannel, input.address);
    const taken = await trx
      .selectFrom('exercise_contacts')
      .select('id')
      .where('exercise_id', '=', exerciseId)
      .where('channel', '=', input.channel)
      .where('address', '=', address)
      .executeTakeFirst();
    if (taken) throw badField('address', 'already_in_phone_book', undefined, 409);
    const row = {
      id: randomUUID(),
      exercise_id: exerciseId,
      person_id: person.id,
      name: person.name,
      channel: input.channel,
      address,
      language: input.language,
      verified_at: null,
      created_at: ctx.clock.now().toISOString(),
    };
    await trx.insertInto('exercise_contacts').values(row).execute();
    await appendAudit(ctx, trx, info, {
      action: 'contact.added',
      subjectType: 'exercise',
      subjectId: exerciseId,
      // The address stays out of the audit log: the log outlives the phone book.
      detail: { exerciseId, personId: person.id, person: person.name, channel: input.channel },
    });
    return contactOf(row);
  });
}

export async function removeContact(
  ctx: AppContext,
  info: ActorInfo,
  actor: Actor,
  exerciseId: string,
  contactId: string,
): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await mayChange(trx, actor, exerciseId);
    const row = await trx
      .deleteFrom('exercise_contacts')
      .where('id', '=', contactId)
      .where('exercise_id', '=', exerciseId)
      .returning(['person_id', 'name', 'channel'])
      .executeTakeFirst();
    if (!row) throw notFound('The contact');
    await appendAudit(ctx, trx, info, {
      action: 'contact.removed',
      subjectType: 'exercise',
      subjectId: exerciseId,
      detail: { exerciseId, personId: row.person_id, person: row.name, channel: row.channel },
    });
  });
}

async function mayChange(db: Q, actor: Actor, exerciseId: string): Promise<void> {
  const { scope } = await readableExercise(db, actor, exerciseId);
  if (!can(actor, 'phonebook:manage', scope))
    throw forbidden('You may not change this exercise’s phone book');
}

const contactOf = (r: {
  id: string;
  person_id: string | null;
  name: string;
  channel: string;
  address: string;
  language: string;
  created_at: string;
}): PhoneBookContact => ({
  id: r.id,
  personId: r.person_id,
  name: r.name,
  channel: r.channel,
  address: r.address,
  language: r.language,
  createdAt: r.created_at,
});
