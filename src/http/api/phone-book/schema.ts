import { Type } from '@sinclair/typebox';
import { LOCALES, PHONE_BOOK_CHANNELS } from '../../../contract/enums.js';
import { Id, Instant, Nullable } from '../common.schema.js';

export const PhoneBookContactSchema = Type.Object(
  {
    id: Id,
    personId: Nullable(Id),
    name: Type.String({ description: 'the person’s name in the exercise' }),
    channel: Type.String({ description: PHONE_BOOK_CHANNELS.join(', ') }),
    address: Type.String(),
    language: Type.String({ description: 'the language messages reach them in' }),
    createdAt: Instant,
  },
  { $id: 'PhoneBookContact' },
);

export const NewContactBody = Type.Object(
  {
    channel: Type.String({ description: `one of ${PHONE_BOOK_CHANNELS.join(', ')}` }),
    address: Type.String({
      maxLength: 2000,
      description:
        'an e-mail address, a phone number (+77011234567), a webhook’s https URL, or for manual how a controller reaches them (“Radio, channel 4”)',
    }),
    language: Type.String({ description: `one of ${LOCALES.join(', ')}` }),
  },
  { additionalProperties: false },
);
