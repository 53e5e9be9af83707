import { Type } from '@sinclair/typebox';
import { ORGANISATION_KINDS } from '../../../contract/enums.js';
import { Id, Instant, literals, Nullable } from '../common.schema.js';

/* Organisations and their units: the API shapes; the console's types are derived from them. */

export const Kind = literals(ORGANISATION_KINDS);
export const UnitSchema = Type.Object({ id: Id, name: Type.String() }, { $id: 'Unit' });
export const OrganisationSchema = Type.Object(
  {
    id: Id,
    name: Type.String(),
    shortName: Nullable(Type.String()),
    kind: Kind,
    createdAt: Instant,
    units: Type.Array(Type.Ref(UnitSchema)),
  },
  { $id: 'Organisation' },
);
export const CreateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    shortName: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    kind: Kind,
  },
  { additionalProperties: false },
);
export const UpdateBody = Type.Partial(CreateBody, { additionalProperties: false, minProperties: 1 });
export const UnitBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
