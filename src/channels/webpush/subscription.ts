import type { FieldFault } from '../../core/messages/catalogue.js';
import { webhookUrlFault } from '../webhook/address.js';

/** A browser's push subscription (the PushSubscription's JSON): where and for whom to encrypt. */
export interface PushSubscriptionAddress {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

const B64URL = /^[A-Za-z0-9_-]+={0,2}$/;
const bytes = (s: string) => Buffer.from(s.replace(/=+$/, ''), 'base64url');

/**
 * Reads a subscription as a delivery's address holds it (JSON), or as a browser posts it, and says
 * what is wrong with it, naming the field: the endpoint is the push service's https URL (never a
 * private address: whoever subscribes chooses it, and Dabyl's server calls it), p256dh an
 * uncompressed P-256 point, auth a 16-byte secret.
 */
export function readSubscription(
  input: unknown,
  allowHosts: ReadonlySet<string>,
): { subscription: PushSubscriptionAddress } | { field: string; problem: string; fault: FieldFault } {
  const refused = (field: string, problem: string, fault: FieldFault) => ({ field, problem, fault });
  let value = input;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return refused('subscription', 'is not JSON', { problem: 'subscription_not_json' });
    }
  }
  const s = value as Partial<PushSubscriptionAddress> | null;
  if (!s || typeof s !== 'object')
    return refused('subscription', 'must be an object', { problem: 'subscription_not_object' });
  if (typeof s.endpoint !== 'string' || s.endpoint.length > 2048)
    return refused('subscription/endpoint', 'must be a URL of at most 2048 characters', {
      problem: 'max_length',
      params: { max: 2048 },
    });
  const urlFault = webhookUrlFault(s.endpoint, allowHosts);
  if (urlFault) return refused('subscription/endpoint', urlFault.error, urlFault.fault);
  const { p256dh, auth } = s.keys ?? ({} as Partial<PushSubscriptionAddress['keys']>);
  if (
    typeof p256dh !== 'string' ||
    !B64URL.test(p256dh) ||
    bytes(p256dh).length !== 65 ||
    bytes(p256dh)[0] !== 4
  )
    return refused('subscription/keys/p256dh', 'must be an uncompressed P-256 public key (base64url)', {
      problem: 'push_key_form',
    });
  if (typeof auth !== 'string' || !B64URL.test(auth) || bytes(auth).length !== 16)
    return refused('subscription/keys/auth', 'must be a 16-byte secret (base64url)', {
      problem: 'push_secret_form',
    });
  return { subscription: { endpoint: s.endpoint, keys: { p256dh, auth } } };
}

/** The form a contact and a delivery keep the subscription in. */
export const subscriptionAddress = (s: PushSubscriptionAddress): string =>
  JSON.stringify({ endpoint: s.endpoint, keys: { p256dh: s.keys.p256dh, auth: s.keys.auth } });
