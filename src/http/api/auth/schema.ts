import { Type } from '@sinclair/typebox';
import { GrantSchema, UserSchema } from '../users/schema.js';

/* Signing in and the session's API shapes; the console's Session type is derived from them. */

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
    newPassword: Type.String({ minLength: 12, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export const SessionSchema = Type.Object({
  user: Type.Ref(UserSchema),
  grants: Type.Array(Type.Ref(GrantSchema)),
  permissions: Type.Array(Type.String()),
  everywhere: Type.Array(Type.String(), {
    description:
      'Permissions held through an unscoped grant: what all organisations share (the core capabilities, the inject catalogue, the list of organisations) is changed with these only',
  }),
  csrfToken: Type.Optional(Type.String()),
  /** API tokens of yours that still work: "sign out everywhere" revokes them. */
  activeTokens: Type.Integer({ minimum: 0 }),
});
