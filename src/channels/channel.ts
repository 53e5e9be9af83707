/**
 * One interface for every way Dabyl reaches a person. The outbox hands a channel one message at a
 * time; the channel either returns the provider's id or throws a {@link ChannelError} saying whether
 * trying again later could help.
 */

/** A message ready to go, whatever the channel. */
export interface OutgoingMessage {
  /** The outbox delivery it carries; a channel puts it where its provider de-duplicates on it. */
  deliveryId: string;
  /** The address in the channel's own terms (an e-mail address, a phone number, a URL). */
  to: string;
  /** The person's name when known. */
  toName?: string | null;
  language: string;
  subject: string;
  text: string;
  html: string;
  /** One-click unsubscribe (RFC 8058): the https URL a POST to which unsubscribes. */
  unsubscribeUrl?: string | null;
}

export interface SendResult {
  /** The provider's id for the message (the Message-ID for e-mail). */
  providerId: string;
}

export interface Channel {
  /** The channel's name as deliveries store it: `email`. */
  readonly name: string;
  /** False when its configuration is missing: deliveries then wait instead of failing. */
  readonly configured: boolean;
  /** Why it is not configured, for the console and the log; null when it is. */
  readonly notConfiguredReason: string | null;
  send(message: OutgoingMessage): Promise<SendResult>;
  /** Checks the provider answers (the console's "up" light); throws when it does not. */
  verify(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A send that did not happen. `temporary`: the provider or the network may accept it later (retry
 * with back-off); otherwise the address or the message is refused and retrying cannot help.
 */
export class ChannelError extends Error {
  constructor(
    message: string,
    readonly temporary: boolean,
  ) {
    super(message);
    this.name = 'ChannelError';
  }
}

/** A header value carrying CR or LF would start a header of its own; refuse it. */
export function checkHeaderValue(field: string, value: string): void {
  if (/[\r\n]/.test(value))
    throw new ChannelError(`${field}: a line break in a header value is refused (header injection)`, false);
}
