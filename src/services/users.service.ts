import { randomUUID } from 'node:crypto';
import {
  canGrant,
  isRole,
  mayManagePerson,
  mayReadPerson,
  type Actor,
  type Grant as PolicyGrant,
} from '../core/policy/policy.js';
import { AppError, badField, conflict, forbidden, notFound } from '../errors.js';
import { organisationRepository } from '../store/organisation.repository.js';
import type { GrantRow, UserRow } from '../store/schema.js';
import { sessionRepository } from '../store/session.repository.js';
import { signInThrottleRepository } from '../store/sign-in-throttle.repository.js';
import { userRepository } from '../store/user.repository.js';
import { appendAudit } from './audit.service.js';
import type { ActorInfo, AppContext, Q } from './context.js';
import { checkPasswordRules, hashPassword } from './passwords.js';
import { closeEveryWayIn } from './sign-out.js';
import { cleanText } from './text.js';
import { LOCALES } from '../contract/enums.js';
export { LOCALES };

export type Locale = (typeof LOCALES)[number];

export interface Grant {
  id: string;
  role: string;
  organisationId: string | null;
  exerciseId: string | null;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  locale: Locale;
  disabled: boolean;
  createdAt: string;
  grants: Grant[];
}

export interface GrantInput {
  role: string;
  organisationId?: string | null | undefined;
  exerciseId?: string | null | undefined;
}

export interface NewUser {
  username: string;
  displayName: string;
  email?: string | null | undefined;
  password: string;
  locale?: string | undefined;
  grants?: GrantInput[] | undefined;
}

export const toGrant = (g: GrantRow): Grant => ({
  id: g.id,
  role: g.role,
  organisationId: g.organisation_id,
  exerciseId: g.exercise_id,
});

export const toPolicyGrants = (grants: Grant[]): PolicyGrant[] =>
  grants.flatMap((g) =>
    isRole(g.role) ? [{ role: g.role, organisationId: g.organisationId, exerciseId: g.exerciseId }] : [],
  );

function toUser(row: UserRow, grants: GrantRow[]): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    locale: (LOCALES as readonly string[]).includes(row.locale) ? (row.locale as Locale) : 'kk',
    disabled: row.disabled === 1,
    createdAt: row.created_at,
    grants: grants.filter((g) => g.user_id === row.id).map(toGrant),
  };
}

function checkUsername(username: string): string {
  const u = username.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9._-]{1,62}$/.test(u)) {
    throw badField('username', 'username_form');
  }
  return u;
}

function checkEmail(email: string | null | undefined): string | null {
  if (email === undefined || email === null || email.trim() === '') return null;
  const e = email.trim();
  if (e.length > 254 || !/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(e)) throw badField('email', 'not_email');
  return e;
}

function checkLocale(locale: string | undefined): Locale {
  if (locale === undefined) return 'kk';
  if (!(LOCALES as readonly string[]).includes(locale))
    throw badField('locale', 'one_of', { allowed: LOCALES.join(', ') });
  return locale as Locale;
}

/** Users; to a reader scoped to organisations, only the people of those organisations. */
export async function listUsers(ctx: AppContext, reader?: Actor): Promise<User[]> {
  const rows = await userRepository.list(ctx.db.kysely);
  const grants = await userRepository.grants(
    ctx.db.kysely,
    rows.map((r) => r.id),
  );
  const users = rows.map((r) => toUser(r, grants));
  return reader === undefined ? users : users.filter((u) => mayReadPerson(reader, u.grants));
}

/** One user, "not found" to a reader outside the user's organisations. */
export async function getUserFor(ctx: AppContext, reader: Actor, id: string): Promise<User> {
  const user = await getUser(ctx, id);
  if (!mayReadPerson(reader, user.grants)) throw notFound('User');
  return user;
}

/** Refuses managing a user who is not wholly inside the manager's organisations. */
async function checkManages(trx: Q, manager: Actor | undefined, id: string): Promise<void> {
  if (manager === undefined) return;
  const grants = (await userRepository.grants(trx, [id])).map(toGrant);
  if (mayManagePerson(manager, grants)) return;
  if (!mayReadPerson(manager, grants)) throw notFound('User');
  throw forbidden('This user also belongs to organisations you do not administer');
}

export async function getUser(ctx: AppContext, id: string, db: Q = ctx.db.kysely): Promise<User> {
  const row = await userRepository.get(db, id);
  if (!row) throw notFound('User');
  return toUser(row, await userRepository.grants(db, [id]));
}

export async function findUserByUsername(ctx: AppContext, username: string): Promise<User | undefined> {
  const row = await userRepository.findByUsername(ctx.db.kysely, username.trim().toLowerCase());
  return row ? toUser(row, await userRepository.grants(ctx.db.kysely, [row.id])) : undefined;
}

async function checkGrant(trx: Q, input: GrantInput): Promise<PolicyGrant> {
  if (!isRole(input.role)) throw badField('role', 'not_a_role', { value: input.role });
  const organisationId = input.organisationId ?? null;
  if (organisationId !== null && !(await organisationRepository.get(trx, organisationId))) {
    throw badField('organisationId', 'no_such_organisation');
  }
  return { role: input.role, organisationId, exerciseId: input.exerciseId ?? null };
}

/**
 * Creates a user. `granter` is the policy view of whoever creates it (null for the system at
 * first start), checked for every role given.
 */
export async function createUser(
  ctx: AppContext,
  actor: ActorInfo,
  granter: Actor | null,
  input: NewUser,
): Promise<User> {
  const username = checkUsername(input.username);
  const displayName = cleanText(input.displayName, 'displayName', 120);
  const email = checkEmail(input.email);
  const locale = checkLocale(input.locale);
  checkPasswordRules(input.password);
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock.now().toISOString();
  const id = randomUUID();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (await userRepository.findByUsername(trx, username))
      throw conflict(`The username "${username}" is taken`, 'username');
    const grants: PolicyGrant[] = [];
    for (const g of input.grants ?? []) grants.push(await checkGrant(trx, g));
    if (granter)
      for (const g of grants)
        if (!canGrant(granter, g)) throw forbidden(`You may not grant the role ${g.role} there`);
    await userRepository.insert(trx, {
      id,
      username,
      display_name: displayName,
      email,
      password_hash: passwordHash,
      locale,
      disabled: 0,
      sessions_valid_after: now,
      created_at: now,
      updated_at: now,
    });
    for (const g of grants) await insertGrant(ctx, trx, actor, id, g);
    await appendAudit(ctx, trx, actor, {
      action: 'user.created',
      subjectType: 'user',
      subjectId: id,
      detail: { username, roles: grants.map((g) => g.role) },
    });
  });
  return getUser(ctx, id);
}

async function insertGrant(
  ctx: AppContext,
  trx: Q,
  actor: ActorInfo,
  userId: string,
  g: PolicyGrant,
): Promise<string> {
  const id = randomUUID();
  await userRepository.insertGrant(trx, {
    id,
    user_id: userId,
    role: g.role,
    organisation_id: g.organisationId,
    exercise_id: g.exerciseId,
    created_at: ctx.clock.now().toISOString(),
    granted_by: actor.userId,
  });
  await appendAudit(ctx, trx, actor, {
    action: 'permission.granted',
    subjectType: 'user',
    subjectId: userId,
    detail: { grantId: id, ...g },
  });
  return id;
}

export interface UserPatch {
  displayName?: string | undefined;
  email?: string | null | undefined;
  locale?: string | undefined;
  disabled?: boolean | undefined;
}

export async function updateUser(
  ctx: AppContext,
  actor: ActorInfo,
  id: string,
  patch: UserPatch,
  manager?: Actor,
): Promise<User> {
  const changes: Partial<UserRow> = {};
  if (patch.displayName !== undefined)
    changes.display_name = cleanText(patch.displayName, 'displayName', 120);
  if (patch.email !== undefined) changes.email = checkEmail(patch.email);
  if (patch.locale !== undefined) changes.locale = checkLocale(patch.locale);
  if (patch.disabled !== undefined) changes.disabled = patch.disabled ? 1 : 0;
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const before = await userRepository.get(trx, id);
    if (!before) throw notFound('User');
    await checkManages(trx, manager, id);
    if (patch.disabled === true && actor.userId === id) throw badField('disabled', 'cannot_disable_self');
    await userRepository.update(trx, id, { ...changes, updated_at: ctx.clock.now().toISOString() });
    if (patch.disabled === true) {
      await sessionRepository.deleteForUser(trx, id);
      if ((await userRepository.countAdmins(trx)) === 0) {
        throw new AppError(
          'last_admin',
          409,
          'This is the last active administrator; grant admin to someone else first',
        );
      }
    }
    const action =
      patch.disabled === true ? 'user.disabled' : patch.disabled === false ? 'user.enabled' : 'user.updated';
    await appendAudit(ctx, trx, actor, {
      action,
      subjectType: 'user',
      subjectId: id,
      detail: { fields: Object.keys(changes) },
    });
  });
  return getUser(ctx, id);
}

/**
 * Sets a new password (an administrator's reset, or the operator's from the command line), ends
 * every session of that user, revokes every API token of theirs and forgets the sign-in throttle's
 * record of guesses at the old password. Returns how many tokens were revoked.
 */
export async function setPassword(
  ctx: AppContext,
  actor: ActorInfo,
  id: string,
  password: string,
  manager?: Actor,
): Promise<{ tokensRevoked: number }> {
  checkPasswordRules(password);
  const passwordHash = await hashPassword(password);
  const now = ctx.clock.now().toISOString();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    if (!(await userRepository.get(trx, id))) throw notFound('User');
    await checkManages(trx, manager, id);
    await userRepository.update(trx, id, { password_hash: passwordHash, updated_at: now });
    const tokensRevoked = await closeEveryWayIn(ctx, trx, actor, id, 'password_set');
    await signInThrottleRepository.clearAccount(trx, id);
    await appendAudit(ctx, trx, actor, {
      action: 'user.password_set',
      subjectType: 'user',
      subjectId: id,
      detail: { tokensRevoked },
    });
    return { tokensRevoked };
  });
}

export async function grantRole(
  ctx: AppContext,
  actor: ActorInfo,
  granter: Actor,
  userId: string,
  input: GrantInput,
): Promise<Grant> {
  const grantId = await ctx.db.kysely.transaction().execute(async (trx) => {
    if (!(await userRepository.get(trx, userId))) throw notFound('User');
    await checkManages(trx, granter, userId);
    const g = await checkGrant(trx, input);
    if (!canGrant(granter, g)) throw forbidden(`You may not grant the role ${g.role} there`);
    const existing = await userRepository.grants(trx, [userId]);
    if (
      existing.some(
        (e) => e.role === g.role && e.organisation_id === g.organisationId && e.exercise_id === g.exerciseId,
      )
    ) {
      throw conflict('The user already has this role here', 'role');
    }
    return insertGrant(ctx, trx, actor, userId, g);
  });
  const row = await userRepository.getGrant(ctx.db.kysely, grantId);
  return toGrant(row!);
}

export async function revokeRole(
  ctx: AppContext,
  actor: ActorInfo,
  granter: Actor,
  userId: string,
  grantId: string,
): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const g = await userRepository.getGrant(trx, grantId);
    if (!g || g.user_id !== userId) throw notFound('Role grant');
    await checkManages(trx, granter, userId);
    const policyGrant = await checkGrant(trx, {
      role: g.role,
      organisationId: g.organisation_id,
      exerciseId: g.exercise_id,
    });
    if (!canGrant(granter, policyGrant)) throw forbidden(`You may not revoke the role ${g.role} there`);
    await userRepository.deleteGrant(trx, grantId);
    if (g.role === 'admin' && (await userRepository.countAdmins(trx)) === 0) {
      throw new AppError(
        'last_admin',
        409,
        'This is the last active administrator; grant admin to someone else first',
      );
    }
    await appendAudit(ctx, trx, actor, {
      action: 'permission.revoked',
      subjectType: 'user',
      subjectId: userId,
      detail: { grantId, role: g.role, organisationId: g.organisation_id },
    });
  });
}
