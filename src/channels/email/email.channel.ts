import nodemailer, { type Transporter } from 'nodemailer';
import {
  ChannelError,
  notConfiguredFault,
  checkHeaderValue,
  expectKind,
  type Channel,
  type ChannelLimits,
  type Outgoing,
  type SendResult,
} from '../channel.js';
import type { DeliveryFault } from '../../core/messages/messages.js';

const NOT_CONFIGURED = notConfiguredFault('email', 'DABYL_SMTP_URL');

export interface EmailOptions {
  /** `smtp://…` or `smtps://…`; undefined: not configured. */
  smtpUrl: string | undefined;
  /** The From header: `a@b.kz` or `Name <a@b.kz>`. */
  from: string;
}

/** The domain the Message-ID is made in: the From address's. */
function fromDomain(from: string): string {
  const m = /@([^<>@\s]+?)>?\s*$/.exec(from);
  return m?.[1] ?? 'localhost';
}

/** The Message-ID of a delivery: the same delivery always yields the same id, so a resend is recognisable. */
export const messageIdOf = (deliveryId: string, from: string): string =>
  `<${deliveryId}@${fromDomain(from)}>`;

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  /** The server's reply itself ("550 5.1.1 no such user"), without the library's English around it. */
  response?: string;
  message?: string;
}

/**
 * SMTP's own verdict: 5xx replies are permanent (the address or message is refused), 4xx and
 * connection trouble are temporary.
 */
export function classifySmtpError(err: unknown): ChannelError {
  if (err instanceof ChannelError) return err;
  const e = (err ?? {}) as SmtpFailure;
  if (typeof e.responseCode === 'number') {
    const params = { detail: (e.response ?? e.message ?? String(err)).slice(0, 500) };
    return e.responseCode < 500
      ? new ChannelError({ reason: 'email_later', params }, true)
      : new ChannelError({ reason: 'email_refused', params }, false);
  }
  const detail = (e.message ?? String(err)).slice(0, 500);
  return new ChannelError({ reason: 'email_unreachable', params: { detail } }, true);
}

/**
 * E-mail over SMTP with a pooled nodemailer transport. Every message carries a Message-ID made
 * from its delivery id and the RFC 8058 one-click unsubscribe headers; a header value with a line
 * break is refused before anything is sent.
 */
export class EmailChannel implements Channel {
  readonly name = 'email';
  readonly kind = 'email';
  readonly limits: ChannelLimits = {};
  readonly configured: boolean;
  readonly notConfigured: DeliveryFault | null;
  private transport: Transporter | null;

  constructor(private readonly options: EmailOptions) {
    this.configured = Boolean(options.smtpUrl);
    this.notConfigured = this.configured ? null : NOT_CONFIGURED;
    this.transport = options.smtpUrl
      ? nodemailer.createTransport({
          url: options.smtpUrl,
          pool: true,
          maxConnections: 4,
          // A local or internal relay often has a self-signed certificate; the URL's scheme decides TLS.
          tls: { rejectUnauthorized: false },
          connectionTimeout: 10_000,
          socketTimeout: 30_000,
        } as Parameters<typeof nodemailer.createTransport>[0])
      : null;
  }

  dedupKey(deliveryId: string): string {
    return messageIdOf(deliveryId, this.options.from);
  }

  async send(outgoing: Outgoing): Promise<SendResult> {
    if (!this.transport) throw new ChannelError(NOT_CONFIGURED, true);
    const { message, ...to } = expectKind(outgoing, 'email');
    checkHeaderValue('to', to.to);
    checkHeaderValue('name', to.toName ?? '');
    checkHeaderValue('subject', message.subject);
    if (message.unsubscribeUrl) checkHeaderValue('unsubscribeUrl', message.unsubscribeUrl);
    const messageId = this.dedupKey(to.deliveryId);
    const headers: Record<string, string> = { 'X-Dabyl-Delivery': to.deliveryId };
    if (message.unsubscribeUrl) {
      headers['List-Unsubscribe'] = `<${message.unsubscribeUrl}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    try {
      const info = (await this.transport.sendMail({
        from: this.options.from,
        to: to.toName ? { name: to.toName, address: to.to } : to.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId,
        headers,
        // Bodies are our own text: never let nodemailer read a file or fetch a URL named in them.
        disableFileAccess: true,
        disableUrlAccess: true,
      })) as { messageId?: string };
      return { providerId: info.messageId ?? messageId };
    } catch (err) {
      throw classifySmtpError(err);
    }
  }

  async verify(): Promise<void> {
    if (!this.transport) throw new ChannelError(NOT_CONFIGURED, true);
    await this.transport.verify();
  }

  async close(): Promise<void> {
    this.transport?.close();
    this.transport = null;
  }
}
