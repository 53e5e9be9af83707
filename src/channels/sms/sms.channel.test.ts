import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestSmsc, type TestSmsc } from '../../../test/support/smsc.js';
import type { ReceiptState } from '../../core/sms/receipt.js';
import { smsPreview } from '../../core/sms/segment.js';
import { ChannelError, type Outgoing } from '../channel.js';
import { SmsChannel, smsReference, type SmsLedger, type SmsOptions } from './sms.channel.js';

/** The ledger port kept in memory: these tests are about the SMPP side; the database one is tested end to end. */
class MemoryLedger implements SmsLedger {
  readonly rows = new Map<string, Map<number, string | null>>();
  readonly receipts: { deliveryId: string; messageId: string; state: ReceiptState }[] = [];
  /** Receipts looked up before their part's answer was written. */
  misses = 0;
  /** How long writing an answer takes, as a busy database would. */
  acceptDelayMs = 0;
  async begin(deliveryId: string, parts: number) {
    const m = this.rows.get(deliveryId) ?? new Map<number, string | null>();
    const known = new Map(m);
    const fresh: number[] = [];
    for (let p = 1; p <= parts; p++)
      if (!m.has(p)) {
        m.set(p, null);
        fresh.push(p);
      }
    this.rows.set(deliveryId, m);
    return { fresh, known };
  }
  readonly rounds = new Map<string, number>();
  async again(deliveryId: string, parts: number) {
    const round = (this.rounds.get(deliveryId) ?? 1) + 1;
    this.rounds.set(deliveryId, round);
    this.rows.set(deliveryId, new Map(Array.from({ length: parts }, (_, k) => [k + 1, null])));
    return { round, reference: null };
  }
  async handed(_deliveryId: string, _part: number) {}
  async accepted(deliveryId: string, part: number, messageId: string) {
    if (this.acceptDelayMs) await new Promise((resolve) => setTimeout(resolve, this.acceptDelayMs));
    const m = this.rows.get(deliveryId) ?? new Map<number, string | null>();
    m.set(part, messageId);
    this.rows.set(deliveryId, m);
  }
  async refused(deliveryId: string, part: number) {
    const m = this.rows.get(deliveryId);
    if (m?.get(part) === null) m.delete(part);
  }
  /** Receipt lookups to answer "no such part", as when another process has not written it yet. */
  missNext = 0;
  /** Receipt lookups to fail, as a database that is down would. */
  failNext = 0;
  async receipt(messageId: string, state: ReceiptState) {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('the database is down');
    }
    if (this.missNext > 0) {
      this.missNext--;
      this.misses++;
      return null;
    }
    for (const [deliveryId, m] of this.rows)
      for (const id of m.values())
        if (id === messageId) {
          this.receipts.push({ deliveryId, messageId, state });
          return deliveryId;
        }
    this.misses++;
    return null;
  }
}

const sms = (text: string, to = '+77011234567', deliveryId = randomUUID()): Outgoing => ({
  deliveryId,
  to,
  language: 'ru',
  message: { kind: 'sms', text },
});

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as ChannelError,
  );

describe('the SMS channel against a real SMPP server', () => {
  let smsc: TestSmsc;
  let ledger: MemoryLedger;
  const open: SmsChannel[] = [];
  const channel = (over: Partial<SmsOptions> = {}) => {
    const c = new SmsChannel({
      url: smsc.url,
      source: 'Dabyl',
      binds: 2,
      ratePerSecond: 1000,
      timeoutMs: 5000,
      maxSegments: 10,
      ledger,
      ...over,
    });
    open.push(c);
    return c;
  };
  let main: SmsChannel;

  beforeAll(async () => {
    smsc = await startTestSmsc();
    ledger = new MemoryLedger();
    main = channel();
  });
  afterEach(() => {
    smsc.throttleNext = 0;
    smsc.holdAnswers = false;
    smsc.release();
  });
  afterAll(async () => {
    await Promise.all(open.map((c) => c.close()));
    await smsc.close();
  });

  it('delivers a GSM-7 text exactly, extension characters included, as one part', async () => {
    const text = 'EXERCISE EXERCISE EXERCISE: road A1 closed [km 5~9] {detour} 10€ | @home_';
    const before = smsc.messages.length;
    const result = await main.send(sms(text, '+7 701 123-45-67'));
    const [got] = (await smsc.waitForMessages(before + 1)).slice(before);
    expect(got).toMatchObject({ text, destination: '77011234567', source: 'Dabyl', dataCoding: 0 });
    expect(got!.parts).toHaveLength(1);
    expect(result.providerId).toBe(got!.parts[0]!.messageId);
  });

  it('splits a long GSM-7 text into 153-septet parts the SMSC puts back together', async () => {
    const text =
      'Drill at EXPO, Astana, 3 Nov 10:00-14:00. ' + 'Do not call 112; this is a drill. '.repeat(8);
    const out = sms(text);
    const before = smsc.messages.length;
    const result = await main.send(out);
    const [got] = (await smsc.waitForMessages(before + 1)).slice(before);
    expect(got!.text).toBe(text);
    const total = smsPreview(text).segments;
    expect(total).toBe(3);
    expect(got!.parts.map((p) => p.concat)).toEqual(
      [1, 2, 3].map((seq) => ({ reference: smsReference(out.deliveryId), total, seq })),
    );
    expect(got!.parts.map((p) => p.text.length)).toEqual([153, 153, text.length - 306]);
    expect(result.providerId).toBe(got!.parts.map((p) => p.messageId).join(','));
  });

  it('hands a message’s parts to the SMSC in order even when the first part’s record is written last', async () => {
    // On PostgreSQL each part's record goes over its own connection, so they can finish in any order.
    const slow = new (class extends MemoryLedger {
      override async handed(_deliveryId: string, part: number) {
        await new Promise((resolve) => setTimeout(resolve, part === 1 ? 60 : part === 2 ? 30 : 0));
      }
    })();
    const c = channel({ binds: 1, ledger: slow });
    const text = 'Drill at EXPO, Astana. ' + 'Do not call 112; this is a drill. '.repeat(12);
    const before = smsc.parts.length;
    const result = await c.send(sms(text));
    const mine = smsc.parts.slice(before);
    expect(mine.length).toBeGreaterThan(2);
    expect(mine.map((p) => p.concat?.seq)).toEqual(mine.map((_, k) => k + 1));
    expect(result.providerId).toBe(mine.map((p) => p.messageId).join(','));
  });

  it('sends Kazakh and Russian as UCS-2 in 67-unit parts, exactly', async () => {
    const text =
      'ЖАТТЫҒУ ЖАТТЫҒУ ЖАТТЫҒУ · УЧЕНИЯ\nҚарағанды, 25 қазан: әуежайда кепілге алу жаттығуы. ' +
      'Көшелер жабық: Бұқар жырау даңғылы, Ерубаев көшесі. 112-ге қоңырау шалмаңыз.\n' +
      'Караганда, 25 октября: учения по освобождению заложников в аэропорту. Не звоните в 112. 🚨';
    const before = smsc.messages.length;
    await main.send(sms(text, '+77051112233'));
    const [got] = (await smsc.waitForMessages(before + 1)).slice(before);
    expect(got!.dataCoding).toBe(8);
    expect(got!.text).toBe(text);
    expect(got!.parts.length).toBe(smsPreview(text).segments);
    expect(got!.parts.length).toBeGreaterThan(3);
  });

  it('reads the delivery receipts back to the delivery, one per part', async () => {
    const out = sms('Ы'.repeat(100));
    await main.send(out);
    await new Promise<void>((resolve) => {
      const look = () =>
        ledger.receipts.filter((r) => r.deliveryId === out.deliveryId).length >= 2
          ? resolve()
          : setTimeout(look, 20);
      look();
    });
    const mine = ledger.receipts.filter((r) => r.deliveryId === out.deliveryId);
    expect(mine.map((r) => r.state)).toEqual(['DELIVRD', 'DELIVRD']);
    expect(new Set(mine.map((r) => r.messageId)).size).toBe(2);
  });

  it('finds a receipt’s part at once when it comes in the same read as the answer, however slow the answer’s write', async () => {
    ledger.acceptDelayMs = 50;
    const misses = ledger.misses;
    try {
      const out = sms('Ы'.repeat(200));
      await main.send(out);
      await expect.poll(() => ledger.receipts.filter((r) => r.deliveryId === out.deliveryId).length).toBe(3);
      // A miss would have waited a whole retry, and with a slower write been lost.
      expect(ledger.misses).toBe(misses);
    } finally {
      ledger.acceptDelayMs = 0;
    }
  });

  it('leaves a receipt it cannot record yet with the SMSC, which sends it again, and records it once', async () => {
    // Its part is not found at first (another process's bind took the answer and has not written
    // it), then the database fails once: each time the SMSC is told to keep the receipt.
    ledger.missNext = 2;
    ledger.failNext = 1;
    const refused = smsc.receiptsRefused.length;
    const out = sms('Receipt kept by the SMSC');
    const { providerId } = await main.send(out);
    await expect
      .poll(() => ledger.receipts.filter((r) => r.deliveryId === out.deliveryId))
      .toEqual([{ deliveryId: out.deliveryId, messageId: providerId, state: 'DELIVRD' }]);
    expect(smsc.receiptsRefused.slice(refused)).toEqual(
      Array.from({ length: 3 }, () => ({ messageId: providerId, status: 0x64 })),
    );
  });

  it('takes and drops a receipt no delivery has had for ten minutes, after the SMSC kept it that long', async () => {
    let now = Date.parse('2026-12-03T08:00:00Z');
    const own = channel({ binds: 1, now: () => new Date(now) });
    const refused = smsc.receiptsRefused.length;
    ledger.missNext = Number.MAX_SAFE_INTEGER;
    try {
      const { providerId } = await own.send(sms('A receipt nobody will claim'));
      await expect.poll(() => smsc.receiptsRefused.length - refused).toBeGreaterThanOrEqual(2);
      now += 10 * 60_000;
      const until = smsc.receiptsRefused.length;
      // The next time it comes it is answered 0: the SMSC stops sending it.
      await new Promise((resolve) => setTimeout(resolve, 5 * smsc.redeliverMs));
      expect(smsc.receiptsRefused.length - until).toBeLessThanOrEqual(1);
      const count = smsc.receiptsRefused.length;
      await new Promise((resolve) => setTimeout(resolve, 5 * smsc.redeliverMs));
      expect(smsc.receiptsRefused.length).toBe(count);
      expect(smsc.receiptsRefused.slice(refused).every((r) => r.messageId === providerId)).toBe(true);
    } finally {
      ledger.missNext = 0;
    }
  });

  it('spreads messages over its binds', async () => {
    const before = smsc.parts.length;
    await Promise.all(Array.from({ length: 40 }, (_, i) => main.send(sms(`Inject ${i}`))));
    const mine = smsc.parts.slice(before);
    expect(mine).toHaveLength(40);
    expect(new Set(mine.map((p) => p.session)).size).toBe(2);
  });

  it('backs off when throttled (ESME_RTHROTTLED) and delivers once', async () => {
    smsc.throttleNext = 3;
    const throttledBefore = smsc.throttled;
    const before = smsc.parts.length;
    const text = 'Throttled but delivered once';
    await main.send(sms(text));
    expect(smsc.throttled - throttledBefore).toBe(3);
    expect(smsc.parts.slice(before).map((p) => p.text)).toEqual([text]);
  });

  it('binds again after the SMSC drops every bind, and goes on sending', async () => {
    const binds = smsc.binds;
    smsc.dropAll();
    await smsc.waitForBinds(binds + 2);
    const before = smsc.messages.length;
    await main.send(sms('After the drop'));
    expect((await smsc.waitForMessages(before + 1)).at(-1)!.text).toBe('After the drop');
  });

  it('a resend after a timeout takes the late answer instead of sending again', async () => {
    const quick = channel({ timeoutMs: 300, binds: 1 });
    const out = sms('Only once, however slow the SMSC is');
    const before = smsc.parts.length;
    smsc.holdAnswers = true;
    const first = await failure(quick.send(out));
    expect(first).toBeInstanceOf(ChannelError);
    expect(first!.temporary).toBe(true);
    expect(first!.message).toMatch(/no answer .* still awaited and will not be sent again/);
    // The outbox tries again while the answer is still outstanding: nothing new is submitted.
    expect((await failure(quick.send(out)))!.temporary).toBe(true);
    smsc.release();
    const result = await quick.send(out);
    const mine = smsc.parts.slice(before);
    expect(mine).toHaveLength(1);
    expect(result.providerId).toBe(mine[0]!.messageId);
    // And once answered, any later try returns the same id without a submit.
    expect((await quick.send(out)).providerId).toBe(mine[0]!.messageId);
    expect(smsc.parts.slice(before)).toHaveLength(1);
  });

  it('a part whose answer was lost with the connection is in doubt: never resent on its own', async () => {
    const out = sms('Maybe arrived, maybe not');
    const before = smsc.parts.length;
    smsc.dropOnNextSubmit = true;
    const err = await failure(main.send(out));
    expect(err!.temporary).toBe(false);
    expect(err!.message).toMatch(/may have reached the SMSC/);
    // Neither this channel nor a fresh one (a restarted process) submits it again.
    expect((await failure(main.send(out)))!.message).toMatch(/not sent again on its own/);
    expect((await failure(channel().send(out)))!.temporary).toBe(false);
    expect(smsc.parts.slice(before)).toHaveLength(1);
    // A person's retry forgets the doubt: then it goes.
    ledger.rows.delete(out.deliveryId);
    await main.send(out);
    expect(smsc.parts.slice(before)).toHaveLength(2);
  });

  it('refuses a bad number and a text over the segment limit before anything is sent', async () => {
    const before = smsc.parts.length;
    const bad = await failure(main.send(sms('x', 'not-a-number')));
    expect([bad!.temporary, bad!.message]).toEqual([
      false,
      expect.stringMatching(/^to: .*not a phone number/),
    ]);
    const long = await failure(channel({ maxSegments: 2 }).send(sms('a'.repeat(307))));
    expect(long!.temporary).toBe(false);
    expect(long!.message).toMatch(/needs 3 SMS segments; at most 2/);
    expect(smsc.parts.length).toBe(before);
  });

  it('without DABYL_SMPP_URL is not configured and says why', async () => {
    const none = new SmsChannel({
      url: undefined,
      source: 'Dabyl',
      binds: 1,
      ratePerSecond: 10,
      timeoutMs: 1000,
      maxSegments: 10,
      ledger,
    });
    expect(none.configured).toBe(false);
    expect(none.notConfigured?.params).toMatchObject({ setting: 'DABYL_SMPP_URL' });
    await expect(none.send(sms('x'))).rejects.toThrow(/DABYL_SMPP_URL/);
  });
});
