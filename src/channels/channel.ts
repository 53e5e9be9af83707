/**
 * One interface for every way Dabyl reaches a person. The dispatcher hands a channel one message
 * at a time, already rendered for the channel's kind and already marked for its traffic mode; the
 * channel returns the provider's id or throws a {@link ChannelError} saying whether trying again
 * later could help. Only the dispatcher calls `send`.
 */

import type { CapAlert } from '../cap/model.js';
import { CHANNEL_KINDS } from '../contract/enums.js';
import type { AlertArea } from '../core/alert/alert.js';
import type { CbCategory } from '../core/cellbroadcast/category.js';
import { deliveryText, type DeliveryFault } from '../core/messages/messages.js';
export { CHANNEL_KINDS };

export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export interface EmailMessage {
  kind: 'email';
  subject: string;
  text: string;
  html: string;
  /** One-click unsubscribe (RFC 8058): the https URL a POST to which unsubscribes. */
  unsubscribeUrl?: string | null;
}
/** Segmented by the channel within its limits (GSM-7 or UCS-2). */
export interface SmsMessage {
  kind: 'sms';
  text: string;
}
/** How soon a push service should wake the device (RFC 8030 §5.3). */
export type PushUrgency = 'very-low' | 'low' | 'normal' | 'high';
/** A browser notification; the channel encrypts it for the subscription (RFC 8291). */
export interface PushMessage {
  kind: 'webpush';
  title: string;
  body: string;
  /** Opened when the notification is clicked. */
  url: string | null;
  /** A later message with the same tag replaces this one on the device (an Update, a Cancel). */
  tag?: string | null;
  /** How long the push service keeps it for a device that is off; default one day. */
  ttlSeconds?: number;
  urgency?: PushUrgency;
}
/** A JSON document for another agency's system, signed by the channel. */
export interface WebhookMessage {
  kind: 'webhook';
  /**
   * Never changed once rendered: a renderer may hand one body to every receiver, and the channel
   * encodes a body once however many receivers it goes to.
   */
  body: Readonly<Record<string, unknown>>;
}
export interface SirenMessage {
  kind: 'siren';
  /** Sound it, test it silently, or stop it. */
  action: 'activate' | 'test' | 'stop';
  /** The tone pattern the siren plays (e.g. `alert`, `all-clear`, `test`). */
  pattern: string;
  announcement: string | null;
  /** The CAP identifier of the alert the command is for. */
  alertId: string | null;
  /** Set by the dispatcher's marking: exercise or test traffic, which the controller logs as a drill. */
  exercise?: boolean;
}
/**
 * A public warning for an operator's Cell Broadcast Centre. The CBC is told the category, the text
 * of each language and the area; it picks the cells and repeats the message until it is replaced,
 * deleted or expires.
 */
export interface CellBroadcastMessage {
  kind: 'cellbroadcast';
  /** Each language's text, in the order the languages go out; the channel cuts it to 15 pages. */
  pages: { language: string; text: string }[];
  /** The handset category (src/core/cellbroadcast/category.ts). */
  category: CbCategory;
  /** The message identifier of the first language, and of the additional languages. */
  messageId: number;
  additionalLanguageId: number;
  /** Alert broadcasts; Update replaces what the thread broadcast before; Cancel stops it. */
  msgType: 'Alert' | 'Update' | 'Cancel';
  /** The message identifiers the thread's earlier messages went out on (an Update or Cancel removes them). */
  replaces: number[];
  /** Where it is for (polygon or circle), for the CBC to pick its cells. */
  area: AlertArea;
  /** The alert's CAP message, for a CBC that takes CAP: its identifier and references are the thread's. */
  cap: CapAlert;
  /** Whose key signs the CAP a centre is posted (the alert's organisation; null: the installation's). */
  organisationId: string | null;
}
export interface InAppMessage {
  kind: 'inapp';
  title: string;
  body: string;
}
/** A prompt on a controller's screen: what to say on the radio or the phone, and to whom. */
export interface ManualMessage {
  kind: 'manual';
  script: string;
}

export type ChannelMessage =
  | EmailMessage
  | SmsMessage
  | PushMessage
  | WebhookMessage
  | SirenMessage
  | CellBroadcastMessage
  | InAppMessage
  | ManualMessage;

/** A message ready to go: what the dispatcher hands a channel. */
export interface Outgoing<M extends ChannelMessage = ChannelMessage> {
  /** The outbox delivery it carries; the channel's de-duplication key is made from it. */
  deliveryId: string;
  /** The address in the channel's own terms (an e-mail address, a phone number, a URL). */
  to: string;
  /** The person's name when known. */
  toName?: string | null;
  language: string;
  message: M;
  /** Which try of the delivery this is, from 1 (a person's retry of a dead letter starts again). */
  attempt?: number;
}

export type ChannelLog = (level: 'warn' | 'error' | 'info', message: string) => void;

export interface SendResult {
  /** The provider's id for the message (the Message-ID for e-mail). */
  providerId: string;
}

/** What a channel can carry and how fast; the dispatcher and the composer's preview read it. */
export interface ChannelLimits {
  /** Longest text of one message in characters, where the channel has one. */
  maxLength?: number;
  /** Most parts one message may be split into (SMS segments, broadcast pages). */
  maxSegments?: number;
  /** Messages per second the provider accepts from us; the dispatcher's batch size follows it. */
  ratePerSecond?: number;
}

export interface Channel {
  /** The channel's name as deliveries store it. */
  readonly name: string;
  /** The message kind it carries (the renderer is asked for this kind). */
  readonly kind: ChannelKind;
  readonly limits: ChannelLimits;
  /** False when its configuration is missing: deliveries then wait instead of failing. */
  readonly configured: boolean;
  /** Why it is not configured, for the console and the log; null when it is. */
  readonly notConfigured: DeliveryFault | null;
  /** The key the provider de-duplicates on for a delivery (the same delivery, the same key). */
  dedupKey(deliveryId: string): string;
  send(outgoing: Outgoing): Promise<SendResult>;
  /**
   * The peer an address is sent to, for a channel that talks to many independent peers (the
   * browsers' push services, webhook receivers): one peer failing or throttling then waits alone
   * instead of halting the channel for everyone. Absent: the channel is one provider, up or down.
   */
  peerOf?(address: string): string | null;
  /** Checks the provider answers (the console's "up" light); throws when it does not. */
  verify(): Promise<void>;
  /** Where a channel with connections of its own tells what happens to them (a bind lost, a throttle). */
  useLog?(log: ChannelLog): void;
  close(): Promise<void>;
}

/**
 * A send that did not happen. `temporary`: the provider or the network may accept it later (retry
 * with back-off); otherwise the address or the message is refused and retrying cannot help. The
 * reason is kept as a code with its values, so the console tells it in the reader's language;
 * the message is its English sentence, for the log.
 */
export class ChannelError extends Error {
  /**
   * `addressGone`: the provider says the address no longer exists (an expired push subscription);
   * the dispatcher removes the contact so that nothing more is sent to it.
   */
  constructor(
    readonly fault: DeliveryFault,
    readonly temporary: boolean,
    readonly addressGone = false,
  ) {
    super(deliveryText('en', fault));
    this.name = 'ChannelError';
  }
}

/** A source asked for a channel it has no message for: the fan-out's bug, not the recipient's. */
export const notSentOver = (source: string, channel: string): ChannelError =>
  new ChannelError({ reason: 'source_not_over', params: { source, channel } }, false);

/** A failure nobody worded (a library's own error): its message, as it came. */
export const failedWith = (err: unknown): DeliveryFault => ({
  reason: 'failed',
  params: { detail: (err instanceof Error ? err.message : String(err)).slice(0, 500) },
});

/** A peer's connection failed: its host and the socket's own code ("ECONNREFUSED"). */
export const peerNetwork = (host: string, err: Error & { code?: string }): DeliveryFault => ({
  reason: 'peer_network',
  params: { host, detail: (err.code ?? err.message).slice(0, 300) },
});

/** The reason a channel waits while its setting is missing. */
export const notConfiguredFault = (channel: ChannelKind, setting: string): DeliveryFault => ({
  reason: 'not_configured',
  params: { channel, setting },
});

/** Narrows an outgoing message to the kind a channel carries; a mismatch is the renderer's bug. */
export function expectKind<K extends ChannelMessage['kind']>(
  outgoing: Outgoing,
  kind: K,
): Outgoing<Extract<ChannelMessage, { kind: K }>> {
  if (outgoing.message.kind !== kind)
    throw new ChannelError(
      { reason: 'kind_mismatch', params: { message: outgoing.message.kind, channel: kind } },
      false,
    );
  return outgoing as Outgoing<Extract<ChannelMessage, { kind: K }>>;
}

/** A header value carrying CR or LF would start a header of its own; refuse it. */
export function checkHeaderValue(field: string, value: string): void {
  if (/[\r\n]/.test(value)) throw new ChannelError({ reason: 'header_injection', params: { field } }, false);
}
