import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * Webhook signatures in the widely used "Standard Webhooks" form, so receivers can use a stock
 * library: headers webhook-id, webhook-timestamp (Unix seconds) and webhook-signature
 * ("v1,<base64 HMAC-SHA256 of id.timestamp.body>"). The id is the same on every retry of a
 * delivery, which is what makes the receiver's side idempotent.
 */

/**
 * The secret one receiver verifies with, derived from Dabyl's own signing key and the receiver's
 * URL: nothing to store, one receiver's secret does not let anyone sign for another, and rotating
 * the key rotates them all. `dabyl webhook secret URL` prints it for the receiver's operator.
 */
export function receiverSecret(signingKey: string, url: string): string {
  const u = new URL(url);
  const key = createHmac('sha256', signingKey)
    .update(`dabyl-webhook:${u.origin}${u.pathname}`)
    .digest('base64');
  return `whsec_${key}`;
}

/** The bytes a receiver's secret stands for: what the HMAC is keyed with. */
export const secretKey = (secret: string): Buffer => Buffer.from(secret.replace(/^whsec_/, ''), 'base64');

export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  return signWebhookBytes(secretKey(secret), id, timestamp, body);
}

/**
 * {@link signWebhook} for a sender holding the key's bytes ({@link secretKey}, worked out once per
 * receiver) and the body as the bytes it sends: the body is then encoded once, for the wire and the
 * signature alike, and never copied into one string with the id and timestamp.
 */
export function signWebhookBytes(
  key: Buffer,
  id: string,
  timestamp: number,
  body: Uint8Array | string,
): string {
  const mac = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest('base64');
  return `v1,${mac}`;
}

/**
 * What a receiver does: true when one of the signatures in the header matches and the timestamp is
 * within `toleranceS` of now (a replayed old request is refused).
 */
export function verifyWebhook(
  secret: string,
  headers: { id: string; timestamp: string; signature: string },
  body: string,
  nowS: number,
  toleranceS = 300,
): boolean {
  const ts = Number(headers.timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowS - ts) > toleranceS) return false;
  const expected = Buffer.from(signWebhook(secret, headers.id, ts, body));
  return headers.signature
    .split(' ')
    .map((s) => Buffer.from(s))
    .some((given) => given.length === expected.length && timingSafeEqual(given, expected));
}
