import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on a free loopback port that keeps every message it accepts, parsed. */
export interface TestSmtp {
  url: string;
  mails: ParsedMail[];
  /** While set, every RCPT is answered with this reply code (e.g. 451 temporary, 550 permanent). */
  failWith: number | null;
  /** Resolves once `count` messages have arrived in total. */
  waitFor(count: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const waiters: { count: number; resolve: (m: ParsedMail[]) => void }[] = [];
  const state: TestSmtp = {
    url: '',
    mails: [],
    failWith: null,
    waitFor: (count) =>
      state.mails.length >= count
        ? Promise.resolve(state.mails)
        : new Promise((resolve) => waiters.push({ count, resolve })),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (state.failWith) {
        const err = Object.assign(new Error(`test server refuses ${address.address}`), {
          responseCode: state.failWith,
        });
        return callback(err);
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          state.mails.push(mail);
          for (const w of waiters.splice(0)) {
            if (state.mails.length >= w.count) w.resolve(state.mails);
            else waiters.push(w);
          }
          callback();
        })
        .catch(callback);
    },
  });
  // A client that dies mid-conversation (a killed server process, a crash test's SIGKILL) resets
  // its connection; the mail server of a real mail system logs that and goes on, so must this one.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  state.url = `smtp://127.0.0.1:${port}`;
  return state;
}
