/**
 * An SMTP server for the scaled fan-out benches that counts what arrives and keeps nothing:
 * test/support/smtp.ts parses and keeps every message, a few GB at a million. The fixture's
 * residents have the addresses s<k>@example.org (bench/support/fanout-fixture.ts), so the envelope
 * says who received a mail, and a {@link Tally} per message says who received it twice.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** The fixture's resident number of an address s<k>@example.org; -1 for any other address. */
export const residentOf = (address: string): number => Number(/^s(\d+)@/.exec(address)?.[1] ?? -1);

/** Mails of one message to residents 0 … size-1: how many, when the first and last came, how many doubled. */
export class Tally {
  count = 0;
  first = 0;
  last = 0;
  /** Mails to a resident who had already received one: a doubled delivery. */
  doubled = 0;
  private readonly seen: Uint8Array;

  constructor(size: number) {
    this.seen = new Uint8Array(size);
  }

  add(k: number, at = performance.now()): void {
    if (this.first === 0) this.first = at;
    this.last = at;
    this.count++;
    if (this.seen[k]) this.doubled++;
    this.seen[k] = 1;
  }
}

/** One mail as it arrived: an envelope recipient, and the raw Subject header if it was asked for. */
export interface Arrived {
  to: string;
  subject?: string;
}

/** Where the header of a message ends; the body is never read. */
const HEADER_LIMIT = 64 * 1024;

/** The unfolded value of the Subject header as it was sent (encoded words left as they are). */
function subjectOf(header: string): string {
  const m = /(?:^|\r?\n)subject:[ \t]*((?:.*)(?:\r?\n[ \t].*)*)/i.exec(header);
  return m ? m[1]!.replace(/\r?\n[ \t]+/g, ' ').trim() : '';
}

/**
 * Listens on 127.0.0.1 and calls `onMail` once per envelope recipient of every message, when its
 * data has ended; with `subjects`, each call also carries the message's raw Subject header.
 */
export async function countingSmtp(
  onMail: (mail: Arrived) => void,
  options: { subjects?: boolean } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let header: string | undefined;
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (!options.subjects || header !== undefined) return;
        head += chunk.toString('latin1');
        const end = head.search(/\r?\n\r?\n/);
        if (end >= 0) header = head.slice(0, end);
        else if (head.length > HEADER_LIMIT) header = head;
      });
      stream.on('end', () => {
        const subject = options.subjects ? subjectOf(header ?? head) : undefined;
        for (const rcpt of session.envelope.rcptTo) onMail({ to: rcpt.address, subject });
        callback();
      });
    },
  });
  // A worker stopped mid-conversation resets its connection; that is no failure of the run.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
