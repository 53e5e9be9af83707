import type { Insertable } from 'kysely';
import type { SubscriberTable } from '../../src/store/public-tables.js';

/** An active, confirmed subscriber's row as the tests write it directly; `over` changes any column. */
export function subscriberRow(
  id: string,
  at: string,
  over: Partial<Insertable<SubscriberTable>> = {},
): Insertable<SubscriberTable> {
  return {
    id,
    email: `${id}@example.org`,
    name: null,
    language: 'kk',
    channels: '["email"]',
    status: 'active',
    confirm_token_hash: null,
    confirm_expires_at: null,
    manage_token_hash: `hash-${id}`,
    created_at: at,
    confirmed_at: at,
    updated_at: at,
    ...over,
  };
}
