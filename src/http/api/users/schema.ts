import { Type, type Static } from '@sinclair/typebox';
import { LOCALES, ROLES } from '../../../contract/enums.js';
import { Id, Instant, literals, Nullable } from '../common.schema.js';

export const RoleName = literals(ROLES);
export const Locale = literals(LOCALES);

export const GrantSchema = Type.Object(
  {
    id: Id,
    role: RoleName,
    organisationId: Nullable(Type.String()),
    exerciseId: Nullable(Type.String()),
  },
  { $id: 'Grant' },
);

export const UserSchema = Type.Object(
  {
    id: Id,
    username: Type.String(),
    displayName: Type.String(),
    email: Nullable(Type.String()),
    locale: Locale,
    disabled: Type.Boolean(),
    createdAt: Instant,
    grants: Type.Array(Type.Ref(GrantSchema)),
  },
  { $id: 'User' },
);

export const GrantInputSchema = Type.Object(
  { role: RoleName, organisationId: Type.Optional(Nullable(Id)), exerciseId: Type.Optional(Nullable(Id)) },
  { additionalProperties: false },
);

export const CreateUserBody = Type.Object(
  {
    username: Type.String({ minLength: 2, maxLength: 63 }),
    displayName: Type.String({ minLength: 1, maxLength: 120 }),
    email: Type.Optional(Nullable(Type.String({ maxLength: 254 }))),
    password: Type.String({ minLength: 12, maxLength: 256 }),
    locale: Type.Optional(Locale),
    grants: Type.Optional(Type.Array(GrantInputSchema, { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    email: Type.Optional(Nullable(Type.String({ maxLength: 254 }))),
    locale: Type.Optional(Locale),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const PasswordBody = Type.Object(
  { password: Type.String({ minLength: 12, maxLength: 256 }) },
  { additionalProperties: false },
);
export const GrantParams = Type.Object({ id: Id, grantId: Id });
