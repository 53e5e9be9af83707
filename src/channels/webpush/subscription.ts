import { webhookUrlProblem } from '../webhook/address.js';

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
): { subscription: PushSubscriptionAddress } | { field: string; problem: string } {
  let value = input;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return { field: 'subscription', problem: 'is not JSON' };
    }
  }
  const s = value as Partial<PushSubscriptionAddress> | null;
  if (!s || typeof s !== 'object') return { field: 'subscription', problem: 'must be an object' };
  if (typeof s.endpoint !== 'string' || s.endpoint.length > 2048)
    return { field: 'subscription/endpoint', problem: 'must be a URL of at most 2048 characters' };
  const urlProblem = webhookUrlProblem(s.endpoint, allowHosts);
  if (urlProblem) return { field: 'subscription/endpoint', problem: urlProblem };
  const { p256dh, auth } = s.keys ?? ({} as Partial<PushSubscriptionAddress['keys']>);
  if (
    typeof p256dh !== 'string' ||
    !B64URL.test(p256dh) ||
    bytes(p256dh).length !== 65 ||
    bytes(p256dh)[0] !== 4
  )
    return {
      field: 'subscription/keys/p256dh',
      problem: 'must be an uncompressed P-256 public key (base64url)',
    };
  if (typeof auth !== 'string' || !B64URL.test(auth) || bytes(auth).length !== 16)
    return { field: 'subscription/keys/auth', problem: 'must be a 16-byte secret (base64url)' };
  return { subscription: { endpoint: s.endpoint, keys: { p256dh, auth } } };
}

/** The form a contact and a delivery keep the subscription in. */
export const subscriptionAddress = (s: PushSubscriptionAddress): string =>
  JSON.stringify({ endpoint: s.endpoint, keys: { p256dh: s.keys.p256dh, auth: s.keys.auth } });
