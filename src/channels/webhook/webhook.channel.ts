import http from 'node:http';
import https from 'node:https';
import {
  ChannelError,
  expectKind,
  type Channel,
  type ChannelLimits,
  type Outgoing,
  type SendResult,
} from '../channel.js';
import { guardedLookup, webhookUrlProblem } from './address.js';
import { receiverSecret, signWebhook } from './signature.js';

export interface WebhookOptions {
  /** Dabyl's signing key; undefined: not configured, deliveries wait. */
  signingKey: string | undefined;
  /** Internal hosts that are real receivers: allowed despite a private address, and over http. */
  allowHosts: ReadonlySet<string>;
  /** How long one request may take from connection to the end of the answer. */
  timeoutMs: number;
  clock: { now(): Date };
}

/** The largest body Dabyl sends; a CAP alert with three languages and its areas fits well within. */
export const WEBHOOK_MAX_BODY = 1024 * 1024;
/** How much of a receiver's answer is read (it is not used: only the status counts). */
const MAX_ANSWER = 64 * 1024;

interface Answer {
  status: number;
}

/**
 * JSON to other agencies' systems over HTTPS, signed per receiver (Standard Webhooks headers). The
 * same delivery always carries the same webhook-id, so a retry after a timeout is recognisable and
 * the receiver's side stays idempotent. Redirects are not followed: they would lead around the
 * address check.
 */
export class WebhookChannel implements Channel {
  readonly name = 'webhook';
  readonly kind = 'webhook';
  readonly limits: ChannelLimits = { maxLength: WEBHOOK_MAX_BODY };
  readonly configured: boolean;
  readonly notConfiguredReason: string | null;
  private readonly lookup: ReturnType<typeof guardedLookup>;
  /**
   * Connections kept open per receiver: a new one per message held a burst of alerts to a third
   * of what the same client sends over kept connections. Each new connection still resolves its
   * name through the guarded lookup, and a kept one stays on the address that was checked.
   */
  private readonly agents: { 'http:': http.Agent; 'https:': https.Agent };

  constructor(private readonly options: WebhookOptions) {
    this.configured = Boolean(options.signingKey);
    this.notConfiguredReason = this.configured
      ? null
      : 'DABYL_WEBHOOK_SIGNING_KEY is not set: webhooks wait in the outbox until it is';
    this.lookup = guardedLookup(options.allowHosts);
    const kept = { keepAlive: true, maxSockets: 64, timeout: options.timeoutMs };
    this.agents = { 'http:': new http.Agent(kept), 'https:': new https.Agent(kept) };
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
    if (!this.options.signingKey) throw new ChannelError(this.notConfiguredReason!, true);
    const problem = webhookUrlProblem(o.to, this.options.allowHosts);
    if (problem) throw new ChannelError(`the receiver's URL ${problem}`, false);
    const body = JSON.stringify(o.message.body);
    if (Buffer.byteLength(body) > WEBHOOK_MAX_BODY)
      throw new ChannelError(`the message is larger than ${WEBHOOK_MAX_BODY} bytes`, false);
    const id = this.dedupKey(o.deliveryId);
    const timestamp = Math.floor(this.options.clock.now().getTime() / 1000);
    const secret = receiverSecret(this.options.signingKey, o.to);
    const headers = {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'user-agent': 'Dabyl-Webhook/1',
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(secret, id, timestamp, body),
    };
    const answer = await this.post(new URL(o.to), headers, body);
    return { providerId: classify(answer, id) };
  }

  private post(url: URL, headers: Record<string, string>, body: string): Promise<Answer> {
    const tls = url.protocol === 'https:';
    const client = tls ? https : http;
    return new Promise<Answer>((resolve, reject) => {
      const req = client.request(
        url,
        {
          method: 'POST',
          headers,
          lookup: this.lookup as unknown as NonNullable<http.RequestOptions['lookup']>,
          signal: AbortSignal.timeout(this.options.timeoutMs),
          agent: tls ? this.agents['https:'] : this.agents['http:'],
        },
        (res) => {
          let read = 0;
          res.on('data', (chunk: Buffer) => {
            read += chunk.length;
            // The answer is not used; a receiver that sends a lot is not read to the end.
            if (read > MAX_ANSWER) res.destroy();
          });
          const done = () => resolve({ status: res.statusCode ?? 0 });
          res.on('end', done);
          res.on('close', done);
          res.on('error', done);
        },
      );
      req.on('error', (err) => reject(classifyNetworkError(err, url)));
      req.end(body);
    });
  }

  async verify(): Promise<void> {
    // There is no one provider to ask: each receiver answers for itself on each send.
    if (!this.configured) throw new Error(this.notConfiguredReason!);
  }

  async close(): Promise<void> {
    this.agents['http:'].destroy();
    this.agents['https:'].destroy();
  }
}

/** The receiver's verdict: 2xx taken; 408, 425, 429 and 5xx later; other answers never. */
function classify(answer: Answer, id: string): string {
  const s = answer.status;
  if (s >= 200 && s < 300) return id;
  if (s === 408 || s === 425 || s === 429 || s >= 500)
    throw new ChannelError(`the receiver answered ${s}; it will be tried again`, true);
  if (s >= 300 && s < 400)
    throw new ChannelError(`the receiver answered ${s} (a redirect); give Dabyl its final URL`, false);
  throw new ChannelError(`the receiver refused the message with ${s}`, false);
}

function classifyNetworkError(err: Error & { code?: string }, url: URL): ChannelError {
  if (err.code === 'EWEBHOOKADDRESS') return new ChannelError(err.message, false);
  if (err.name === 'TimeoutError' || err.name === 'AbortError')
    return new ChannelError(`${url.host} did not answer in time`, true);
  return new ChannelError(`${url.host}: ${err.code ?? err.message}`.slice(0, 300), true);
}
