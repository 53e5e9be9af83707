import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { delayAfterFailure, policyFrom, sourceKey } from '../core/auth/throttle.js';
import { isPermission, permissionsOf, type Actor, type Permission } from '../core/policy/policy.js';
import { AppError, badField, forbidden, notFound, unauthenticated } from '../errors.js';
import type { ApiTokenRow } from '../store/schema.js';
import { sessionRepository, tokenRepository } from '../store/session.repository.js';
import { signInThrottleRepository } from '../store/sign-in-throttle.repository.js';
import { userRepository } from '../store/user.repository.js';
import { appendAudit, recordAudit } from './audit.service.js';
import type { ActorInfo, AppContext } from './context.js';
import { checkPasswordRules, dummyPasswordHash, verifyPassword } from './passwords.js';
import { closeEveryWayIn } from './sign-out.js';
import { cleanText } from './text.js';
import { getUser, setPassword, toPolicyGrants, type User } from './users.service.js';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const secret = (): string => randomBytes(32).toString('base64url');

/** A signed-in person as every transport sees them. */
export interface Principal {
  user: User;
  actor: Actor;
  info: ActorInfo;
  via: 'session' | 'token';
  /** Present for cookie sessions: writes must echo it in `x-csrf-token`. */
  csrfToken?: string;
  sessionId?: string;
}

function principalOf(user: User, via: Principal['via'], tokenScopes?: Permission[]): Principal {
  return {
    user,
    actor: { userId: user.id, grants: toPolicyGrants(user.grants), tokenScopes },
    info: { userId: user.id, name: user.username },
    via,
  };
}

export interface LoginResult {
  principal: Principal;
  /** The cookie value; only its hash is stored. */
  cookie: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface ClientInfo {
  ip?: string | undefined;
  userAgent?: string | undefined;
}

/**
 * The one answer to every refused sign-in — unknown user, wrong password, disabled account, a
 * source made to wait — so that the answer tells an attacker nothing about the account.
 */
export const SIGN_IN_REFUSED =
  'Wrong username or password, or too many attempts from this address: wait a few minutes and try again';
const refused = () => new AppError('wrong_credentials', 401, SIGN_IN_REFUSED);

/**
 * Password sign-in, throttled per (account, source address) with a looser ceiling per account
 * (core/auth/throttle.ts). Nobody can lock an account: a correct password from an address that is
 * not waiting always signs in, however hard the account is attacked from elsewhere. Every refusal
 * looks the same and costs one password hash check; every outcome is audited.
 */
export async function login(
  ctx: AppContext,
  username: string,
  password: string,
  client: ClientInfo,
): Promise<LoginResult> {
  const name = username.trim().toLowerCase();
  const now = ctx.clock.now();
  const source = sourceKey(client.ip);
  const row = await userRepository.findByUsername(ctx.db.kysely, name);
  const attempt = { username: name.slice(0, 100), ip: client.ip ?? null };
  if (!row) {
    await verifyPassword(await dummyPasswordHash(), password);
    await recordAudit(
      ctx,
      { userId: null, name: null },
      { action: 'auth.login_failed', detail: { ...attempt, reason: 'unknown user' } },
    );
    throw refused();
  }
  const who = { userId: row.id, name: row.username };
  const throttle = await signInThrottleRepository.get(ctx.db.kysely, row.id, source);
  if (throttle?.wait_until && throttle.wait_until > now.toISOString()) {
    // The password is checked and its verdict dropped, so a waiting answer takes as long as any other.
    await verifyPassword(row.password_hash, password);
    await recordAudit(ctx, who, {
      action: 'auth.login_refused',
      subjectType: 'user',
      subjectId: row.id,
      detail: { ...attempt, reason: 'throttled', until: throttle.wait_until },
    });
    throw refused();
  }
  if (!(await verifyPassword(row.password_hash, password))) {
    await countFailure(ctx, row.id, who, source, attempt);
    throw refused();
  }
  if (row.disabled === 1) {
    await recordAudit(ctx, who, {
      action: 'auth.login_refused',
      subjectType: 'user',
      subjectId: row.id,
      detail: { ...attempt, reason: 'disabled' },
    });
    throw refused();
  }
  const cookie = secret();
  const csrfToken = secret();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionTtlHours * 3_600_000);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await signInThrottleRepository.clear(trx, row.id, source);
    await sessionRepository.insert(trx, {
      id: sha256(cookie),
      user_id: row.id,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      last_seen_at: now.toISOString(),
      user_agent: client.userAgent?.slice(0, 300) ?? null,
      ip: client.ip ?? null,
    });
    await appendAudit(
      ctx,
      trx,
      { userId: row.id, name: row.username },
      { action: 'auth.login', subjectType: 'user', subjectId: row.id, detail: { ip: client.ip ?? null } },
    );
  });
  const principal = {
    ...principalOf(await getUser(ctx, row.id), 'session'),
    csrfToken,
    sessionId: sha256(cookie),
  };
  return { principal, cookie, csrfToken, expiresAt };
}

/** Counts a wrong password against (account, source) and sets the wait it earns, with audit entries. */
async function countFailure(
  ctx: AppContext,
  userId: string,
  who: ActorInfo,
  source: string,
  attempt: { username: string; ip: string | null },
): Promise<void> {
  const policy = policyFrom(ctx.config);
  const now = ctx.clock.now();
  const forgetBefore = new Date(now.getTime() - policy.windowMs).toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const failures = await signInThrottleRepository.addFailure(
      trx,
      userId,
      source,
      now.toISOString(),
      forgetBefore,
    );
    const accountFailures = await signInThrottleRepository.accountFailures(trx, userId, forgetBefore);
    const delay = delayAfterFailure(policy, failures, accountFailures);
    await appendAudit(ctx, trx, who, {
      action: 'auth.login_failed',
      subjectType: 'user',
      subjectId: userId,
      detail: { ...attempt, failures, accountFailures },
    });
    if (delay === 0) return;
    const until = new Date(now.getTime() + delay).toISOString();
    await signInThrottleRepository.setWait(trx, userId, source, until);
    await appendAudit(ctx, trx, who, {
      action: 'auth.throttled',
      subjectType: 'user',
      subjectId: userId,
      detail: { source, until, failures, accountFailures },
    });
  });
}

/**
 * A signed-in person changes their own password, proving it with the current one. Like an
 * administrator's reset it ends every session (this one too) and revokes every API token of
 * theirs. A wrong current password counts against the sign-in throttle of (account, address), so a
 * stolen session cannot be used to guess it faster than the sign-in page allows.
 */
export async function changeOwnPassword(
  ctx: AppContext,
  principal: Principal,
  input: { currentPassword: string; newPassword: string },
  client: ClientInfo,
): Promise<{ tokensRevoked: number }> {
  if (principal.via !== 'session')
    throw forbidden('Change your password from a signed-in console session, not with an API token');
  checkPasswordRules(input.newPassword, 'newPassword');
  const row = await userRepository.get(ctx.db.kysely, principal.user.id);
  if (!row) throw notFound('User');
  const source = sourceKey(client.ip);
  const throttle = await signInThrottleRepository.get(ctx.db.kysely, row.id, source);
  const waiting = !!throttle?.wait_until && throttle.wait_until > ctx.clock.now().toISOString();
  const ok = await verifyPassword(row.password_hash, input.currentPassword);
  if (waiting || !ok) {
    if (!waiting)
      await countFailure(ctx, row.id, principal.info, source, {
        username: row.username,
        ip: client.ip ?? null,
      });
    throw new AppError(
      'wrong_password',
      403,
      'currentPassword: the current password is wrong, or there were too many attempts from this address; wait a few minutes',
      'currentPassword',
    );
  }
  return setPassword(ctx, principal.info, row.id, input.newPassword);
}

/** The person behind a session cookie, or null when it is unknown, expired or signed out everywhere. */
export async function principalFromCookie(ctx: AppContext, cookie: string): Promise<Principal | null> {
  const id = sha256(cookie);
  const session = await sessionRepository.get(ctx.db.kysely, id);
  const now = ctx.clock.now().toISOString();
  if (!session || session.expires_at <= now) return null;
  const user = await userRepository.get(ctx.db.kysely, session.user_id);
  if (!user || user.disabled === 1 || session.created_at < user.sessions_valid_after) return null;
  // Touch at most once a minute: every request writing would serialise reads on SQLite.
  if (Date.parse(now) - Date.parse(session.last_seen_at) > 60_000)
    await sessionRepository.touch(ctx.db.kysely, id, now);
  return {
    ...principalOf(await getUser(ctx, user.id), 'session'),
    csrfToken: session.csrf_token,
    sessionId: id,
  };
}

export async function logout(ctx: AppContext, principal: Principal): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (principal.sessionId) await sessionRepository.delete(trx, principal.sessionId);
    await appendAudit(ctx, trx, principal.info, {
      action: 'auth.logout',
      subjectType: 'user',
      subjectId: principal.user.id,
    });
  });
}

/**
 * Ends every session of the user at once and revokes every API token of theirs (stolen laptop,
 * departing staff, a takeover that minted a token). Returns how many tokens were revoked.
 */
export async function logoutEverywhere(
  ctx: AppContext,
  actor: ActorInfo,
  userId: string,
): Promise<{ tokensRevoked: number }> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    if (!(await userRepository.get(trx, userId))) throw notFound('User');
    const tokensRevoked = await closeEveryWayIn(ctx, trx, actor, userId, 'logout_everywhere');
    await appendAudit(ctx, trx, actor, {
      action: 'auth.logout_everywhere',
      subjectType: 'user',
      subjectId: userId,
      detail: { tokensRevoked },
    });
    return { tokensRevoked };
  });
}

export interface ApiToken {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

const toToken = (r: ApiTokenRow): ApiToken => ({
  id: r.id,
  name: r.name,
  scopes: JSON.parse(r.scopes) as string[],
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  lastUsedAt: r.last_used_at,
});

export const TOKEN_PREFIX = 'dabyl_';

/**
 * Creates a bearer token for `owner`. Scopes must be permissions the owner holds; the token can
 * never do more than its owner can at the moment of each use.
 */
export async function createToken(
  ctx: AppContext,
  owner: Principal,
  input: { name: string; scopes: string[]; expiresInDays: number },
): Promise<ApiToken & { token: string }> {
  const name = cleanText(input.name, 'name', 100);
  if (!Number.isInteger(input.expiresInDays) || input.expiresInDays < 1 || input.expiresInDays > 366) {
    throw badField('expiresInDays', 'whole_days_between', { min: 1, max: 366 });
  }
  if (input.scopes.length === 0) throw badField('scopes', 'needs_permission');
  const held = permissionsOf({ ...owner.actor, tokenScopes: undefined });
  for (const s of input.scopes) {
    if (!isPermission(s)) throw badField('scopes', 'not_a_permission', { value: s });
    if (!held.includes(s)) throw badField('scopes', 'permission_not_held', { value: s });
  }
  const id = randomUUID();
  const secretPart = secret();
  const now = ctx.clock.now();
  const row: ApiTokenRow = {
    id,
    user_id: owner.user.id,
    name,
    secret_hash: sha256(secretPart),
    scopes: JSON.stringify([...new Set(input.scopes)]),
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString(),
    revoked_at: null,
    last_used_at: null,
  };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await tokenRepository.insert(trx, row);
    await appendAudit(ctx, trx, owner.info, {
      action: 'token.created',
      subjectType: 'token',
      subjectId: id,
      detail: { name, scopes: input.scopes, expiresAt: row.expires_at },
    });
  });
  return { ...toToken(row), token: `${TOKEN_PREFIX}${id}_${secretPart}` };
}

export async function listTokens(ctx: AppContext, userId: string): Promise<ApiToken[]> {
  return (await tokenRepository.listForUser(ctx.db.kysely, userId)).map(toToken);
}

/** An administrator's view of someone's tokens: 404 for a user who does not exist. */
export async function listTokensOfUser(ctx: AppContext, userId: string): Promise<ApiToken[]> {
  await getUser(ctx, userId);
  return listTokens(ctx, userId);
}

/** Revokes a token; owners revoke their own, `mayRevokeOthers` (admins) anyone's. */
export async function revokeToken(
  ctx: AppContext,
  actor: ActorInfo,
  tokenId: string,
  mayRevokeOthers: boolean,
): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await tokenRepository.get(trx, tokenId);
    if (!row || (row.user_id !== actor.userId && !mayRevokeOthers)) throw notFound('Token');
    // Revoking twice changes nothing, so it must not add a second entry to the audit log.
    if (row.revoked_at) return;
    await tokenRepository.revoke(trx, tokenId, ctx.clock.now().toISOString());
    await appendAudit(ctx, trx, actor, {
      action: 'token.revoked',
      subjectType: 'token',
      subjectId: tokenId,
      detail: { owner: row.user_id },
    });
  });
}

/** The person behind a bearer token; throws 401 naming why (unknown, expired, revoked). */
export async function principalFromToken(ctx: AppContext, bearer: string): Promise<Principal> {
  const m = /^dabyl_([0-9a-f-]{36})_([A-Za-z0-9_-]{43})$/.exec(bearer);
  if (!m) throw unauthenticated('The API token is malformed');
  const row = await tokenRepository.get(ctx.db.kysely, m[1]!);
  const given = Buffer.from(sha256(m[2]!));
  if (!row || !timingSafeEqual(given, Buffer.from(row.secret_hash)))
    throw unauthenticated('The API token is not known');
  const now = ctx.clock.now().toISOString();
  if (row.revoked_at)
    throw new AppError('token_revoked', 401, `The API token was revoked at ${row.revoked_at}`);
  if (row.expires_at <= now)
    throw new AppError('token_expired', 401, `The API token expired at ${row.expires_at}`);
  const user = await getUser(ctx, row.user_id);
  if (user.disabled) throw new AppError('account_disabled', 401, 'The token belongs to a disabled account');
  if (!row.last_used_at || Date.parse(now) - Date.parse(row.last_used_at) > 60_000)
    await tokenRepository.markUsed(ctx.db.kysely, row.id, now);
  const scopes = (JSON.parse(row.scopes) as string[]).filter(isPermission);
  return principalOf(user, 'token', scopes);
}

/** The principal of a named user, for an operator acting on their behalf from the command line. */
export async function principalForUsername(ctx: AppContext, username: string): Promise<Principal> {
  const row = await userRepository.findByUsername(ctx.db.kysely, username.trim().toLowerCase());
  if (!row) throw notFound(`User "${username}"`);
  return principalOf(await getUser(ctx, row.id), 'token');
}
