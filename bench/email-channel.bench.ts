/**
 * The e-mail channel's overhead: Dabyl's EmailChannel (header checks, the Message-ID made from the
 * delivery id, the RFC 8058 unsubscribe headers, classifying SMTP's answer; pooled nodemailer
 * inside) beside raw pooled nodemailer (`createTransport({ pool: true, … })`, the same 4
 * connections) sending the very same messages — same sender, recipients, subject, text, HTML,
 * Message-ID and headers — to the same SMTP server: the smtp-server package on loopback, in a child
 * process, accepting every recipient and draining each DATA stream without parsing it (so the
 * server is not the bottleneck), and counting. CONCURRENCY messages under way at once on both sides
 * (the dispatcher's batch). The raw side is handed its mail options already built: only the SMTP
 * work counts. Each side opens its transport before the clock starts and closes it after.
 * Target: ≥ 0.8× raw nodemailer's messages per second.
 * Run: npx tsx bench/email-channel.bench.ts   (N=3000 CONCURRENCY=50 ROUNDS=5)
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { messageIdOf } from '../src/channels/email/email.channel.js';

const N = Number(process.env.N ?? 3000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 50);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
/** The channel's own pool size (src/channels/email/email.channel.ts); the raw side gets the same. */
const CONNECTIONS = 4;
const FROM = 'Dabyl <notices@dabyl.example.kz>';

// ---- the SMTP server's process ----------------------------------------------------------------
async function serve(): Promise<void> {
  let mails = 0;
  let bytes = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // Longer than a round: a pooled connection must not be dropped while a sender holds it idle.
    socketTimeout: 120_000,
    onData(stream, _session, callback) {
      stream.on('data', (c: Buffer) => (bytes += c.length));
      stream.on('end', () => {
        mails++;
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  process.send!({ url: `smtp://127.0.0.1:${port}` });
  process.on('message', (m: { count?: boolean }) => {
    if (m.count) process.send!({ mails, bytes });
  });
}

// ---- the two senders --------------------------------------------------------------------------
interface Message {
  deliveryId: string;
  to: string;
  toName: string;
  subject: string;
  text: string;
  html: string;
  unsubscribeUrl: string;
}

/** A drill notice as Dabyl renders it: Russian and Kazakh, about 1.5 KB of text and 2.5 KB of HTML. */
function messages(): Message[] {
  const para = [
    'УЧЕНИЯ. 12 декабря с 10:00 до 14:00 в районе проспекта Мангилик Ел проводятся учения служб',
    'гражданской защиты. Будут слышны сирены, движение по проспекту перекрыто, объезд по улице',
    'Кабанбай батыра. Это не настоящая тревога: не звоните в 112.',
    'ЖАТТЫҒУ. 12 желтоқсанда 10:00-ден 14:00-ге дейін Мәңгілік Ел даңғылы ауданында азаматтық',
    'қорғау қызметтерінің жаттығуы өтеді. Бұл нағыз дабыл емес: 112-ге қоңырау шалмаңыз.',
  ];
  const text = `${para.join('\n')}\n\n${para.join('\n')}\n`;
  const html = `<!doctype html><html><body>${para
    .concat(para)
    .map((p) => `<p style="margin:0 0 12px;font-family:sans-serif">${p}</p>`)
    .join('')}</body></html>`;
  return Array.from({ length: N }, (_, i) => {
    const deliveryId = randomUUID();
    return {
      deliveryId,
      to: `subscriber${i}@example.org`,
      toName: `Подписчик ${i}`,
      subject: 'Учения в Астане 12 декабря: перекрытие Мангилик Ел',
      text,
      html,
      unsubscribeUrl: `https://dabyl.example.kz/unsubscribe?token=${deliveryId.replace(/-/g, '')}`,
    };
  });
}

/** Runs `work` over the items with at most CONCURRENCY under way. */
async function pool<T>(items: readonly T[], work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** Messages per second, and this process's CPU time per message (µs) while they were sent. */
interface Run {
  rate: number;
  cpu: number;
}

async function rawNodemailer(url: string, list: Message[]): Promise<Run> {
  const transport = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: CONNECTIONS,
    tls: { rejectUnauthorized: false },
    connectionTimeout: 10_000,
    socketTimeout: 30_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  await transport.verify();
  // The same mail options the channel builds, built before the clock starts.
  const prepared = list.map((m) => ({
    from: FROM,
    to: { name: m.toName, address: m.to },
    subject: m.subject,
    text: m.text,
    html: m.html,
    messageId: messageIdOf(m.deliveryId, FROM),
    headers: {
      'X-Dabyl-Delivery': m.deliveryId,
      'List-Unsubscribe': `<${m.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    disableFileAccess: true,
    disableUrlAccess: true,
  }));
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await pool(prepared, (mail) => transport.sendMail(mail));
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  transport.close();
  return { rate: list.length / seconds, cpu: (c.user + c.system) / list.length };
}

async function ourChannel(url: string, list: Message[]): Promise<Run> {
  const { EmailChannel } = await import('../src/channels/email/email.channel.js');
  const channel = new EmailChannel({ smtpUrl: url, from: FROM });
  await channel.verify();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await pool(list, (m) =>
    channel.send({
      deliveryId: m.deliveryId,
      to: m.to,
      toName: m.toName,
      language: 'ru',
      message: {
        kind: 'email',
        subject: m.subject,
        text: m.text,
        html: m.html,
        unsubscribeUrl: m.unsubscribeUrl,
      },
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  await channel.close();
  return { rate: list.length / seconds, cpu: (c.user + c.system) / list.length };
}

async function main(): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['smtp'], { execArgv: ['--import', 'tsx'] });
  const { url } = await new Promise<{ url: string }>((resolve) => child.once('message', resolve as never));
  const count = () =>
    new Promise<{ mails: number; bytes: number }>((resolve) => {
      child.once('message', resolve as never);
      child.send({ count: true });
    });
  // A first, uncounted round each: every side's code is compiled before anything is timed.
  const warm = messages().slice(0, Math.ceil(N / 5));
  await rawNodemailer(url, warm);
  await ourChannel(url, messages().slice(0, warm.length));
  const runs: Record<'raw' | 'ours', Run[]> = { raw: [], ours: [] };
  const order = ['raw', 'ours'] as const;
  for (let r = 0; r < ROUNDS; r++) {
    // Rotate which goes first, so none always meets a warmer or a busier server.
    for (let k = 0; k < order.length; k++) {
      const who = order[(r + k) % order.length]!;
      runs[who].push(
        who === 'raw' ? await rawNodemailer(url, messages()) : await ourChannel(url, messages()),
      );
    }
  }
  const got = await count();
  child.kill();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const raw = median(runs.raw.map((x) => x.rate));
  console.log(
    `E-mail channel: ${N} messages a round, ${ROUNDS} rounds, ${CONNECTIONS} pooled connections, ${CONCURRENCY} at once`,
  );
  console.log(
    `server drained ${got.mails} messages, ${(got.bytes / got.mails / 1024).toFixed(1)} KB each (expected ${2 * N * ROUNDS + 2 * warm.length})`,
  );
  // SMTP is a conversation: with the pool's 4 connections both sides can wait on round trips
  // rather than on their own work, so the sender's CPU per message is shown beside the rate.
  console.log('| sender | messages/s per round | median | ratio to raw | sender CPU µs/message (median) |');
  console.log('| --- | --- | --- | --- | --- |');
  const line = (name: string, xs: Run[]) =>
    console.log(
      `| ${name} | ${xs.map((x) => x.rate.toFixed(0)).join(' / ')} | ${median(xs.map((x) => x.rate)).toFixed(0)} | ${(median(xs.map((x) => x.rate)) / raw).toFixed(2)}× | ${median(xs.map((x) => x.cpu)).toFixed(0)} |`,
    );
  line('raw pooled nodemailer', runs.raw);
  line('EmailChannel', runs.ours);
  console.log('target: EmailChannel ≥ 0.8× raw pooled nodemailer');
}

if (process.argv[2] === 'smtp') await serve();
else await main();
