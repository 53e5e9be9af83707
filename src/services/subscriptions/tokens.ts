import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Q } from '../context.js';

/*
 * Tokens in the links residents receive. The database keeps only their SHA-256, so a copy of it
 * unsubscribes nobody. A confirmation token is random and used once. The manage token (every
 * e-mail's unsubscribe and "what we store" links) is made from the subscriber's id with a key kept in
 * the settings table, so every e-mail can carry it although only its hash is stored.
 */

const KEY_SETTING = 'subscriptions.token_key';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A token's shape before it reaches the database: 43 base64url characters. */
export const looksLikeToken = (token: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(token);

// The key never changes once made; read once per database handle, not once per e-mail rendered.
const keys = new WeakMap<Q, Buffer>();

async function tokenKey(db: Q, now: string): Promise<Buffer> {
  const kept = keys.get(db);
  if (kept) return kept;
  const read = () =>
    db.selectFrom('settings').select('value').where('key', '=', KEY_SETTING).executeTakeFirst();
  let row = await read();
  if (!row) {
    // Two processes starting at once both try; the first insert wins and both read its key.
    await db
      .insertInto('settings')
      .values({ key: KEY_SETTING, value: randomBytes(32).toString('base64url'), updated_at: now })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    row = await read();
  }
  const key = Buffer.from(row!.value, 'base64url');
  keys.set(db, key);
  return key;
}

/**
 * The confirmation token of a subscriber's message number `sequence`: made, like the manage
 * token, from a key, so the e-mail can carry it while only its hash is stored. A newer message
 * makes a new token and the older link stops working.
 */
export async function confirmTokenFor(db: Q, subscriberId: string, sequence: number, now: string) {
  return createHmac('sha256', await tokenKey(db, now))
    .update(`confirm:${subscriberId}:${sequence}`)
    .digest('base64url');
}

/** The manage token of a subscriber (the same every time), 32 bytes base64url. */
export async function manageTokenFor(db: Q, subscriberId: string, now: string): Promise<string> {
  return createHmac('sha256', await tokenKey(db, now))
    .update(`manage:${subscriberId}`)
    .digest('base64url');
}
