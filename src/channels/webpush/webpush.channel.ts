import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import webpush from 'web-push';
import {
  ChannelError,
  notConfiguredFault,
  peerNetwork,
  expectKind,
  type Channel,
  type ChannelLimits,
  type Outgoing,
  type PushMessage,
  type SendResult,
} from '../channel.js';
import type { DeliveryFault } from '../../core/messages/messages.js';
import { forbiddenAddress, guardedLookup } from '../webhook/address.js';
import { readSubscription } from './subscription.js';

const NOT_CONFIGURED = notConfiguredFault('webpush', 'DABYL_WEBPUSH_SUBJECT');

export interface WebPushOptions {
  /** The VAPID subject; undefined: not configured, deliveries wait. */
  subject: string | undefined;
  keys: { publicKey: string; privateKey: string };
  /** Push services on an internal network that may be reached (tests, a private push service). */
  allowHosts: ReadonlySet<string>;
  timeoutMs: number;
  clock: { now(): Date };
  /** An extra trust anchor for a push service with a private certificate (benchmarks). */
  ca?: string;
}

/**
 * The largest encrypted body push services must accept (RFC 8030 §7.2: 4096 octets). aes128gcm
 * adds 86 octets of header (salt, record size, the sender's public key), one padding delimiter and
 * a 16-octet tag (RFC 8188, RFC 8291 §4), which leaves this much for the JSON the browser reads.
 */
export const PUSH_MAX_PAYLOAD = 4096 - 86 - 1 - 16;
const DEFAULT_TTL_S = 24 * 3600;
/** A VAPID token is made once per push service and reused until near its end (RFC 8292 allows 24 h). */
const TOKEN_LIFE_S = 12 * 3600;
const TOKEN_RENEW_S = 3600;

/** What the service worker (src/http/portal/assets/push-worker.js) reads from a push. */
export interface PushPayload {
  title: string;
  body: string;
  url: string | null;
  tag: string;
}

/**
 * Web push (RFC 8030) with VAPID (RFC 8292) and the aes128gcm payload encryption of RFC 8291, to
 * the push service named in each browser's subscription. A delivery's `Topic` is its
 * de-duplication key: a push service replaces a still-waiting message with the same topic, so a
 * retry after a lost answer reaches an offline device once; the notification's tag does the same
 * on a device that is on.
 */
export class WebPushChannel implements Channel {
  readonly name = 'webpush';
  readonly kind = 'webpush';
  readonly limits: ChannelLimits = { maxLength: PUSH_MAX_PAYLOAD };
  readonly configured: boolean;
  readonly notConfigured: DeliveryFault | null;
  private readonly lookup: ReturnType<typeof guardedLookup>;
  private readonly agents: { 'http:': http.Agent; 'https:': https.Agent };
  private readonly tokens = new Map<string, { header: string; renewAt: number }>();

  constructor(private readonly options: WebPushOptions) {
    this.configured = Boolean(options.subject);
    this.notConfigured = this.configured ? null : NOT_CONFIGURED;
    this.lookup = guardedLookup(options.allowHosts);
    // Many subscriptions share a few push services: keep their connections open.
    this.agents = {
      'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
      'https:': new https.Agent({
        keepAlive: true,
        maxSockets: 64,
        ...(options.ca ? { ca: options.ca } : {}),
      }),
    };
  }

  /** The RFC 8030 Topic: at most 32 characters of the URL-safe alphabet. */
  dedupKey(deliveryId: string): string {
    const plain = deliveryId.replace(/-/g, '');
    if (/^[A-Za-z0-9_]{1,32}$/.test(plain)) return plain;
    return createHash('sha256').update(deliveryId).digest('base64url').slice(0, 32);
  }

  peerOf(address: string): string | null {
    try {
      return new URL((JSON.parse(address) as { endpoint: string }).endpoint).host;
    } catch {
      return null; // send() says what is wrong with it
    }
  }

  async send(outgoing: Outgoing): Promise<SendResult> {
    const o = expectKind(outgoing, 'webpush');
    if (!this.options.subject) throw new ChannelError(NOT_CONFIGURED, true);
    const read = readSubscription(o.to, this.options.allowHosts);
    // A subscription that cannot be read never will be: the contact goes.
    if ('problem' in read)
      throw new ChannelError(
        { reason: 'push_subscription', params: { field: read.field }, fault: read.fault },
        false,
        true,
      );
    const { subscription } = read;
    const topic = this.dedupKey(o.deliveryId);
    const payload = fitPayload(o.message, topic);
    const encrypted = webpush.encrypt(subscription.keys.p256dh, subscription.keys.auth, payload, 'aes128gcm');
    const endpoint = new URL(subscription.endpoint);
    const m = o.message;
    const headers: Record<string, string> = {
      authorization: this.token(endpoint.origin),
      'content-encoding': 'aes128gcm',
      'content-type': 'application/octet-stream',
      'content-length': String(encrypted.cipherText.length),
      ttl: String(Math.max(0, Math.round(m.ttlSeconds ?? DEFAULT_TTL_S))),
      urgency: m.urgency ?? 'normal',
      topic,
    };
    const answer = await this.post(endpoint, headers, encrypted.cipherText);
    return { providerId: classify(answer, topic) };
  }

  /** The VAPID Authorization header for a push service, made anew when the old one nears its end. */
  private token(audience: string): string {
    const nowS = Math.floor(this.options.clock.now().getTime() / 1000);
    const cached = this.tokens.get(audience);
    if (cached && cached.renewAt > nowS) return cached.header;
    const { Authorization } = webpush.getVapidHeaders(
      audience,
      this.options.subject!,
      this.options.keys.publicKey,
      this.options.keys.privateKey,
      'aes128gcm',
      nowS + TOKEN_LIFE_S,
    );
    this.tokens.set(audience, { header: Authorization, renewAt: nowS + TOKEN_LIFE_S - TOKEN_RENEW_S });
    return Authorization;
  }

  private post(url: URL, headers: Record<string, string>, body: Buffer): Promise<Answer> {
    const client = url.protocol === 'https:' ? https : http;
    const agent = url.protocol === 'https:' ? this.agents['https:'] : this.agents['http:'];
    return new Promise<Answer>((resolve, reject) => {
      const req = client.request(
        url,
        {
          method: 'POST',
          headers,
          agent,
          lookup: this.lookup as unknown as NonNullable<http.RequestOptions['lookup']>,
          signal: AbortSignal.timeout(this.options.timeoutMs),
        },
        (res) => {
          // The answer's body says nothing the status does not; read it so the socket is reused.
          res.resume();
          const location = typeof res.headers.location === 'string' ? res.headers.location : null;
          res.on('end', () => resolve({ status: res.statusCode ?? 0, location }));
          res.on('error', () => resolve({ status: res.statusCode ?? 0, location }));
        },
      );
      req.on('error', (err) => reject(networkError(err, url)));
      req.end(body);
    });
  }

  async verify(): Promise<void> {
    // Each subscription names its own push service; there is no one provider to ask.
    if (!this.configured) throw new ChannelError(NOT_CONFIGURED, true);
  }

  async close(): Promise<void> {
    this.agents['http:'].destroy();
    this.agents['https:'].destroy();
  }
}

interface Answer {
  status: number;
  location: string | null;
}

/**
 * The JSON the service worker reads, within what the push service accepts: a body too long for it
 * is shortened (a notification shows a few lines anyway); a message too long without its body is
 * refused.
 */
export function fitPayload(m: PushMessage, fallbackTag: string): string {
  const payload: PushPayload = { title: m.title, body: m.body, url: m.url, tag: m.tag ?? fallbackTag };
  let text = JSON.stringify(payload);
  if (Buffer.byteLength(text) <= PUSH_MAX_PAYLOAD) return text;
  const chars = [...m.body];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const fits =
      Buffer.byteLength(JSON.stringify({ ...payload, body: `${chars.slice(0, mid).join('')}…` })) <=
      PUSH_MAX_PAYLOAD;
    if (fits) lo = mid;
    else hi = mid - 1;
  }
  text = JSON.stringify({ ...payload, body: `${chars.slice(0, lo).join('')}…` });
  if (Buffer.byteLength(text) > PUSH_MAX_PAYLOAD)
    throw new ChannelError({ reason: 'push_payload_long', params: { max: PUSH_MAX_PAYLOAD } }, false);
  return text;
}

/**
 * The push service's verdict (RFC 8030 §5, §8.3): 2xx taken; 404 and 410 mean the subscription is
 * gone, so the contact goes; 408, 425, 429 and 5xx later; any other answer never.
 */
function classify(answer: Answer, topic: string): string {
  const s = answer.status;
  if (s >= 200 && s < 300) return answer.location ?? topic;
  if (s === 404 || s === 410)
    throw new ChannelError({ reason: 'push_ended', params: { answer: s } }, false, true);
  if (s === 408 || s === 425 || s === 429 || s >= 500)
    throw new ChannelError({ reason: 'push_later', params: { answer: s } }, true);
  if (s === 413) throw new ChannelError({ reason: 'push_too_large' }, false);
  throw new ChannelError({ reason: 'push_refused', params: { answer: s } }, false);
}

function networkError(err: Error & { code?: string }, url: URL): ChannelError {
  if (err.code === 'EWEBHOOKADDRESS') return new ChannelError(forbiddenAddress(err), false, true);
  if (err.name === 'TimeoutError' || err.name === 'AbortError')
    return new ChannelError({ reason: 'peer_timeout', params: { host: url.host } }, true);
  return new ChannelError(peerNetwork(url.host, err), true);
}
