import type { Dispatcher } from 'undici';
import {
  ChannelError,
  notConfiguredFault,
  peerNetwork,
  expectKind,
  type Channel,
  type ChannelLimits,
  type Outgoing,
  type SendResult,
  type WebhookMessage,
} from '../channel.js';
import type { FieldFault } from '../../core/messages/catalogue.js';
import type { DeliveryFault } from '../../core/messages/messages.js';
import { forbiddenAddress, webhookUrlFault, type Resolve } from './address.js';
import { receiverSecret, secretKey, signWebhookBytes } from './signature.js';
import { postWebhook, webhookDispatcher } from './transport.js';

const NOT_CONFIGURED = notConfiguredFault('webhook', 'DABYL_WEBHOOK_SIGNING_KEY');

export interface WebhookOptions {
  /** Dabyl's signing key; undefined: not configured, deliveries wait. */
  signingKey: string | undefined;
  /** Internal hosts that are real receivers: allowed despite a private address, and over http. */
  allowHosts: ReadonlySet<string>;
  /** How long one request may take from connection to the end of the answer. */
  timeoutMs: number;
  clock: { now(): Date };
  /** How receivers' names are resolved under the address guard; unset: the system's DNS. */
  resolve?: Resolve;
}

/** The largest body Dabyl sends; a CAP alert with three languages and its areas fits well within. */
export const WEBHOOK_MAX_BODY = 1024 * 1024;
/** Receivers whose URL check and derived secret are kept; past this the memo starts again. */
const MEMO_RECEIVERS = 10_000;

/**
 * What send() needs of a receiver's URL, worked out once per receiver, not once per message: the
 * URL check, where to send, and the bytes of its secret to sign with (kept with the signing key they
 * were derived from, so another key derives them anew).
 */
type Receiver = { signingKey: string } & (
  { problem: FieldFault } | { problem: null; origin: string; path: string; host: string; key: Buffer }
);

/**
 * JSON to other agencies' systems over HTTPS, signed per receiver (Standard Webhooks headers). The
 * same delivery always carries the same webhook-id, so a retry after a timeout is recognisable and
 * the receiver's side stays idempotent. Redirects are not followed: they would lead around the
 * address check. The transport is undici with connections kept per receiver (./transport.ts).
 */
export class WebhookChannel implements Channel {
  readonly name = 'webhook';
  readonly kind = 'webhook';
  readonly limits: ChannelLimits = { maxLength: WEBHOOK_MAX_BODY };
  readonly configured: boolean;
  readonly notConfigured: DeliveryFault | null;
  private readonly dispatcher: Dispatcher;
  private readonly receivers = new Map<string, Receiver>();
  /** Bodies already encoded, dropped with the message (a body is not changed once rendered). */
  private readonly encoded = new WeakMap<WebhookMessage['body'], Buffer>();

  constructor(private readonly options: WebhookOptions) {
    this.configured = Boolean(options.signingKey);
    this.notConfigured = this.configured ? null : NOT_CONFIGURED;
    this.dispatcher = webhookDispatcher(options.allowHosts, options.timeoutMs, options.resolve);
  }

  dedupKey(deliveryId: string): string {
    return `msg_${deliveryId}`;
  }

  peerOf(address: string): string | null {
    try {
      return new URL(address).host;
    } catch {
      return null; // send() says what is wrong with it
    }
  }

  async send(outgoing: Outgoing): Promise<SendResult> {
    const o = expectKind(outgoing, 'webhook');
    if (!this.options.signingKey) throw new ChannelError(NOT_CONFIGURED, true);
    const receiver = this.receiver(o.to, this.options.signingKey);
    if (receiver.problem !== null)
      throw new ChannelError({ reason: 'webhook_url', fault: receiver.problem }, false);
    const body = this.bytesOf(o.message.body);
    if (body.length > WEBHOOK_MAX_BODY)
      throw new ChannelError({ reason: 'webhook_too_large', params: { max: WEBHOOK_MAX_BODY } }, false);
    const id = this.dedupKey(o.deliveryId);
    const timestamp = Math.floor(this.options.clock.now().getTime() / 1000);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Dabyl-Webhook/1',
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhookBytes(receiver.key, id, timestamp, body),
    };
    let status: number;
    try {
      status = await postWebhook(
        this.dispatcher,
        { origin: receiver.origin, path: receiver.path, headers, body },
        this.options.timeoutMs,
      );
    } catch (err) {
      throw classifyNetworkError(err as Error, receiver.host);
    }
    return { providerId: classify(status, id) };
  }

  /**
   * The body's bytes, both signed and sent: undici takes a Buffer as it is and sends its length as
   * content-length (a string was encoded once for the signature and again by undici). Kept per body:
   * an alert's document is the same for every agency in a language, rendered once and handed to
   * each of them, so it is serialised once, not once per receiver.
   */
  private bytesOf(body: WebhookMessage['body']): Buffer {
    let bytes = this.encoded.get(body);
    if (!bytes) {
      bytes = Buffer.from(JSON.stringify(body));
      this.encoded.set(body, bytes);
    }
    return bytes;
  }

  /** The URL check and the receiver's secret, memoised: both depend on the URL and the signing key alone. */
  private receiver(to: string, signingKey: string): Receiver {
    let r = this.receivers.get(to);
    if (r?.signingKey === signingKey) return r;
    const problem = webhookUrlFault(to, this.options.allowHosts)?.fault;
    if (problem) r = { signingKey, problem };
    else {
      const u = new URL(to);
      r = {
        signingKey,
        problem: null,
        origin: u.origin,
        path: `${u.pathname}${u.search}`,
        host: u.host,
        key: secretKey(receiverSecret(signingKey, to)),
      };
    }
    if (this.receivers.size >= MEMO_RECEIVERS) this.receivers.clear();
    this.receivers.set(to, r);
    return r;
  }

  async verify(): Promise<void> {
    // There is no one provider to ask: each receiver answers for itself on each send.
    if (!this.configured) throw new ChannelError(NOT_CONFIGURED, true);
  }

  async close(): Promise<void> {
    await this.dispatcher.destroy();
  }
}

/** The receiver's verdict: 2xx taken; 408, 425, 429 and 5xx later; other answers never. */
function classify(s: number, id: string): string {
  if (s >= 200 && s < 300) return id;
  if (s === 408 || s === 425 || s === 429 || s >= 500)
    throw new ChannelError({ reason: 'webhook_later', params: { answer: s } }, true);
  if (s >= 300 && s < 400)
    throw new ChannelError({ reason: 'webhook_redirect', params: { answer: s } }, false);
  throw new ChannelError({ reason: 'webhook_refused', params: { answer: s } }, false);
}

/** undici's own timeouts (connect, headers, body) beside the whole request's deadline. */
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function classifyNetworkError(err: Error & { code?: string }, host: string): ChannelError {
  if (err.code === 'EWEBHOOKADDRESS') return new ChannelError(forbiddenAddress(err), false);
  if (err.name === 'TimeoutError' || err.name === 'AbortError' || TIMEOUT_CODES.has(err.code ?? ''))
    return new ChannelError({ reason: 'peer_timeout', params: { host } }, true);
  return new ChannelError(peerNetwork(host, err), true);
}
