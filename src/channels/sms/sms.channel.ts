import { createHash } from 'node:crypto';
import type { PDU } from 'smpp';
import { parseReceipt, type ReceiptState } from '../../core/sms/receipt.js';
import { encodeSms, SmsTooLong } from '../../core/sms/segment.js';
import {
  ChannelError,
  failedWith,
  notConfiguredFault,
  expectKind,
  type Channel,
  type ChannelLimits,
  type ChannelLog,
  type Outgoing,
  type SendResult,
} from '../channel.js';
import type { DeliveryFault } from '../../core/messages/messages.js';
import { destination, senderAddress, type Address } from './address.js';
import { AnswerLost, ESME_RX_T_APPN, NotSent, SmppBind } from './smpp.bind.js';
import { asksToSlowDown, isPermanentRefusal, smppStatusName } from './status.js';

const NOT_CONFIGURED = notConfiguredFault('sms', 'DABYL_SMPP_URL');

/**
 * Where the channel keeps what it handed to the SMSC, so that no part is submitted twice: the
 * database in Dabyl (src/store/sms-part.repository.ts), a map in a benchmark's baseline.
 */
export interface SmsLedger {
  /**
   * Writes a row for every part of a delivery that has none (before those are submitted) and
   * tells which parts were new and what the ledger holds for the others: the message_id, or null
   * for a part handed over whose answer is not recorded. Given the number, a multi-part message
   * new to the ledger gets the concatenation reference that number has gone longest without
   * (`preferred` when it never had it), kept for every later try.
   */
  begin(
    deliveryId: string,
    parts: number,
    at: string,
    to?: { destination: string; preferred: number },
  ): Promise<LedgerStart>;
  /**
   * Gives up the delivery's latest sending, which can never be shown whole, and writes the rows of
   * a new one with a reference of its own (the number's longest unused).
   */
  again(
    deliveryId: string,
    parts: number,
    at: string,
    to: { destination: string; preferred: number },
  ): Promise<{ round: number; reference: number | null }>;
  /** The part is about to be written to the SMSC's connection; from here it may be there. */
  handed(deliveryId: string, part: number, round: number): Promise<void>;
  accepted(deliveryId: string, part: number, messageId: string, at: string, round: number): Promise<void>;
  /** The part is not at the SMSC (refused, or never written): a later try may submit it. */
  refused(deliveryId: string, part: number, round: number): Promise<void>;
  /** Returns the delivery the message_id belongs to, or null when none (yet). */
  receipt(messageId: string, state: ReceiptState, at: string): Promise<string | null>;
}

export interface LedgerStart {
  fresh: number[];
  known: Map<number, string | null>;
  /** Parts with a row whose submit never left (an earlier try stopped before their turn). */
  unsent?: number[];
  /** The message's concatenation reference; absent or null: the hash of the delivery's id. */
  reference?: number | null;
  /** Which sending of the message these parts belong to; absent: the first. */
  round?: number;
}

export interface SmsOptions {
  /** `smpp://system_id:password@host:2775` or `ssmpp://…` (TLS); undefined: not configured. */
  url: string | undefined;
  /** The sender shown on the phone: letters (alphanumeric, up to 11) or a number. */
  source: string;
  /** Transceiver binds kept open in parallel. */
  binds: number;
  /** Submits per second per bind (each part is one submit). */
  ratePerSecond: number;
  /** How long a send waits for the SMSC's answer before it reports a temporary failure. */
  timeoutMs: number;
  /** Most parts one message may take; a longer text is refused. */
  maxSegments: number;
  /** Submits unanswered at once per bind. */
  window?: number;
  ledger: SmsLedger;
  /** A receipt was recorded for a delivery (for live screens). */
  onReceipt?: (deliveryId: string, state: ReceiptState) => void;
  log?: ChannelLog;
  now?: () => Date;
}

/**
 * The concatenation reference a delivery's message prefers: the ledger gives it unless its number
 * had it lately, and parts kept before the ledger held references went out under it.
 */
export const smsReference = (deliveryId: string): number =>
  createHash('sha256').update(deliveryId).digest()[0]!;

const toChannelError = (err: unknown): ChannelError =>
  err instanceof ChannelError ? err : new ChannelError(failedWith(err), true);

const UDH_INDICATOR = 0x40;
const RECEIPT_BITS = 0x3c;
const SMSC_DELIVERY_RECEIPT = 0x04;
/** How long a receipt no delivery has is sent back to the SMSC to come again before it is dropped. */
const UNMATCHED_RECEIPT_MS = 10 * 60_000;
/** Receipts waiting for their part remembered at once; past this the memory starts again. */
const MAX_UNMATCHED = 10_000;
/** How long a throttled part keeps trying in the background, in timeouts. */
const THROTTLE_GIVE_UP_TIMEOUTS = 6;

/**
 * SMS over SMPP: several transceiver binds, each bounded to its rate, sharing the parts of the
 * messages; the deliveries' receipts come back by deliver_sm on any bind.
 *
 * A part is never submitted twice (docs/decisions/0015-sms-over-smpp.md): its ledger row is
 * written before the submit, stamped as handed over just before the PDU is written (after its
 * turn at the bind's rate), and completed from the answer, however late that answer comes. A send
 * that times out leaves its submit awaited; the outbox's next try of the delivery takes the
 * answer (or keeps waiting for it) instead of submitting again. A part whose connection ended
 * before its answer came may have reached the SMSC: it is not sent again, the delivery becomes a
 * dead letter saying so, and a person's retry is what resends it. Every try of a message carries
 * the concatenation reference the ledger chose for it, one its number has gone longest without, so
 * a handset holding a first part while the rest waits for a restart puts no other message with it.
 */
export class SmsChannel implements Channel {
  readonly name = 'sms';
  readonly kind = 'sms';
  readonly limits: ChannelLimits;
  readonly configured: boolean;
  readonly notConfigured: DeliveryFault | null;
  private readonly binds: SmppBind[] = [];
  private started = false;
  /** Parts submitted and not yet answered, by `${deliveryId}#${round}#${part}`: a retry awaits these. */
  private readonly inflight = new Map<string, Promise<string>>();
  /** Ledger writes of answers under way; a receipt waits for them before it looks up its part. */
  private readonly accepting = new Set<Promise<void>>();
  /** Receipts no delivery had yet, by message id, with when that was first seen. */
  private readonly unmatched = new Map<string, number>();
  private readonly sender: Address | null;
  private log: ChannelLog;
  private readonly now: () => Date;

  constructor(private readonly o: SmsOptions) {
    this.log = o.log ?? (() => undefined);
    this.now = o.now ?? (() => new Date());
    this.limits = { maxSegments: o.maxSegments, ratePerSecond: o.binds * o.ratePerSecond };
    this.configured = Boolean(o.url);
    this.notConfigured = this.configured ? null : NOT_CONFIGURED;
    this.sender = o.url ? senderAddress(o.source) : null;
    if (!o.url) return;
    const url = new URL(o.url);
    for (let i = 0; i < o.binds; i++)
      this.binds.push(
        new SmppBind(i + 1, {
          host: url.hostname,
          port: Number(url.port) || (url.protocol === 'ssmpp:' ? 3550 : 2775),
          tls: url.protocol === 'ssmpp:',
          systemId: decodeURIComponent(url.username),
          password: decodeURIComponent(url.password),
          ratePerSecond: o.ratePerSecond,
          window: o.window ?? 10,
          timeoutMs: o.timeoutMs,
          onDeliver: (pdu) => this.delivered(pdu),
          log: (level, message) => this.log(level, message),
        }),
      );
  }

  useLog(log: ChannelLog): void {
    this.log = log;
  }

  dedupKey(deliveryId: string): string {
    return `sms:${deliveryId}#ref${smsReference(deliveryId)}`;
  }

  async send(outgoing: Outgoing): Promise<SendResult> {
    if (!this.configured) throw new ChannelError(NOT_CONFIGURED, true);
    const { message, to, deliveryId } = expectKind(outgoing, 'sms');
    const dest = destination(to);
    let sms;
    try {
      sms = encodeSms(message.text, smsReference(deliveryId));
    } catch (err) {
      if (!(err instanceof SmsTooLong)) throw err;
      throw new ChannelError(
        { reason: 'sms_too_long', params: { total: err.segments, max: err.max } },
        false,
      );
    }
    const total = sms.parts.length;
    if (total > this.o.maxSegments)
      throw new ChannelError(
        {
          reason: 'sms_segments',
          params: { total, max: this.o.maxSegments, setting: 'DABYL_SMPP_MAX_SEGMENTS' },
        },
        false,
      );
    this.start();
    const number = { destination: dest.addr, preferred: smsReference(deliveryId) };
    const at = this.now().toISOString();
    const begun = await this.o.ledger.begin(deliveryId, total, at, number);
    let { fresh, known, unsent = [], reference, round = 1 } = begun;
    const waiting = (i: number) => this.inflight.get(`${deliveryId}#${round}#${i}`);
    // A part handed over whose answer nobody awaits may be at the SMSC.
    const doubts = [...known].filter(([i, id]) => id === null && !waiting(i)).map(([i]) => i);
    if (doubts.length) {
      const neverLeft = [...fresh, ...unsent.filter((i) => !waiting(i))];
      const busy = [...known.keys(), ...unsent].some((i) => waiting(i));
      if (!neverLeft.length || busy) throw this.inDoubt(doubts[0]!, total);
      // A part of this sending never left, and none is on its way: the handset can never show it
      // whole, so all of it goes again under another reference without showing anything twice.
      ({ round, reference } = await this.o.ledger.again(deliveryId, total, at, number));
      this.log(
        'warn',
        `sms: delivery ${deliveryId}: part ${doubts[0]}/${total} may have reached the SMSC but part ` +
          `${Math.min(...neverLeft)} never left, so the message goes again whole under a new reference`,
      );
      fresh = sms.parts.map((_, k) => k + 1);
      known = new Map();
      unsent = [];
    }
    // The handset puts parts together by sender and reference: every try of a message uses the
    // one the ledger keeps for it, which no recent message to the same number has.
    if (total > 1 && reference != null && reference !== smsReference(deliveryId))
      sms = encodeSms(message.text, reference);
    // Each part's answer: already recorded, awaited from an earlier try, or from a submit now.
    const answers = new Map<number, Promise<string>>();
    for (const [i, id] of known) answers.set(i, typeof id === 'string' ? Promise.resolve(id) : waiting(i)!);
    // A part an earlier try wrote down but never handed over is this try's to submit, unless that
    // try is still waiting its turn in this process.
    const toSubmit = [...fresh];
    for (const i of unsent) {
      const earlier = waiting(i);
      if (earlier) answers.set(i, earlier);
      else toSubmit.push(i);
    }
    toSubmit.sort((a, b) => a - b);
    // A message's parts go on one bind, in order, as SMSCs that reassemble prefer.
    const bind = this.leastBusy();
    for (const i of toSubmit) {
      const part = sms.parts[i - 1]!;
      answers.set(
        i,
        this.submitPart(deliveryId, round, i, total, bind, {
          source_addr_ton: this.sender!.ton,
          source_addr_npi: this.sender!.npi,
          source_addr: this.sender!.addr,
          dest_addr_ton: dest.ton,
          dest_addr_npi: dest.npi,
          destination_addr: dest.addr,
          esm_class: part.udhLength ? UDH_INDICATOR : 0,
          registered_delivery: 1,
          data_coding: sms.dataCoding,
          short_message: Buffer.from(part.userData),
        }),
      );
    }
    // Every part settles (or times out) before the outcome is told, so the outbox never marks a
    // delivery while one of its parts is still on its way.
    const settled = await this.answers(
      sms.parts.map((_, k) => answers.get(k + 1)!),
      total,
    );
    const failures = settled.flatMap((r) => (r.status === 'rejected' ? [toChannelError(r.reason)] : []));
    if (failures.length) throw failures.find((f) => !f.temporary) ?? failures[0]!;
    const ids = settled.map((r) => (r as PromiseFulfilledResult<string>).value);
    return { providerId: ids.join(',') };
  }

  /** Binds and waits for one bind to come up. */
  async verify(): Promise<void> {
    if (!this.configured) throw new ChannelError(NOT_CONFIGURED, true);
    this.start();
    const ok = await Promise.race(this.binds.map((b) => b.whenBound(this.o.timeoutMs)));
    if (!ok && !this.binds.some((b) => b.isBound))
      throw new ChannelError(
        { reason: 'sms_no_bind', cause: this.binds[0]?.lastProblem ?? { reason: 'sms_bind_down' } },
        true,
      );
  }

  async close(): Promise<void> {
    await Promise.all(this.binds.map((b) => b.close()));
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    for (const b of this.binds) b.start();
  }

  /**
   * The parts' message_ids, each awaited at most the timeout (one timer for the message); a
   * submit itself goes on after that, and its answer is recorded whenever it comes.
   */
  private async answers(pending: Promise<string>[], total: number): Promise<PromiseSettledResult<string>[]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.o.timeoutMs);
      timer.unref();
    });
    const done: (PromiseSettledResult<string> | undefined)[] = pending.map(() => undefined);
    const all = Promise.all(
      pending.map((p, k) =>
        p.then(
          (value) => void (done[k] = { status: 'fulfilled', value }),
          (reason: unknown) => void (done[k] = { status: 'rejected', reason }),
        ),
      ),
    );
    try {
      await Promise.race([all, timeout]);
    } finally {
      clearTimeout(timer);
    }
    return done.map(
      (r, k) =>
        r ?? {
          status: 'rejected',
          reason: new ChannelError(
            { reason: 'sms_no_answer', params: { part: k + 1, total, ms: this.o.timeoutMs } },
            true,
          ),
        },
    );
  }

  /** The error that dead-letters a message a part of which may be at the SMSC. */
  private inDoubt(part: number, total: number): ChannelError {
    return new ChannelError({ reason: 'sms_in_doubt', params: { part, total } }, false);
  }

  private submitPart(
    deliveryId: string,
    round: number,
    part: number,
    total: number,
    preferred: SmppBind | undefined,
    fields: Record<string, unknown>,
  ): Promise<string> {
    const key = `${deliveryId}#${round}#${part}`;
    const giveUpAt = Date.now() + THROTTLE_GIVE_UP_TIMEOUTS * this.o.timeoutMs;
    // The send learns the message_id as soon as the SMSC answers; the part stays awaited (in
    // `inflight`) until its answer is also in the ledger, so no later try can read it as in doubt.
    let answered!: (messageId: string) => void;
    const answer = new Promise<string>((resolve) => (answered = resolve));
    const run = async (): Promise<string> => {
      for (;;) {
        // Picked and handed the submit in one step, so concurrent parts see each other's load.
        const bind =
          (preferred?.isBound ? preferred : this.leastBusy()) ?? (await this.waitForBind(giveUpAt));
        preferred = undefined;
        let resp: PDU;
        try {
          resp = await bind.submit(fields, () => this.o.ledger.handed(deliveryId, part, round));
        } catch (err) {
          if (err instanceof NotSent) {
            if (Date.now() < giveUpAt) continue;
            await this.o.ledger.refused(deliveryId, part, round);
            throw new ChannelError({ reason: 'sms_bind_busy', cause: err.fault }, true);
          }
          // AnswerLost: the row stays without a message_id, so no later try submits it again.
          throw new ChannelError(
            {
              reason: 'sms_answer_lost',
              params: { part, total },
              cause: err instanceof AnswerLost ? err.fault : failedWith(err),
            },
            false,
          );
        }
        const status = resp.command_status;
        if (status === 0) {
          bind.eased();
          const messageId = String(resp.message_id ?? '');
          const write = this.o.ledger.accepted(deliveryId, part, messageId, this.now().toISOString(), round);
          this.accepting.add(write);
          answered(messageId);
          try {
            await write;
          } finally {
            this.accepting.delete(write);
          }
          return messageId;
        }
        if (asksToSlowDown(status)) {
          bind.slowDown();
          if (Date.now() < giveUpAt) continue;
        }
        await this.o.ledger.refused(deliveryId, part, round);
        throw new ChannelError(
          { reason: 'sms_refused', params: { part, total, answer: smppStatusName(status) } },
          !isPermanentRefusal(status),
        );
      }
    };
    const recorded = run().finally(() => this.inflight.delete(key));
    const p = Promise.race([answer, recorded]);
    // Nobody may be awaiting it any more (its send timed out): its failure is not unhandled.
    recorded.catch((err: unknown) => {
      if (!(err instanceof ChannelError)) this.log('error', `sms: ${(err as Error).message}`);
    });
    p.catch(() => undefined);
    this.inflight.set(key, p);
    return p;
  }

  /** The bound bind with the least queued on it, if any is bound. */
  private leastBusy(): SmppBind | undefined {
    let best: SmppBind | undefined;
    for (const b of this.binds) if (b.isBound && (!best || b.load < best.load)) best = b;
    return best;
  }

  /** Waits for a bind to come up until `until`. */
  private async waitForBind(until: number): Promise<SmppBind> {
    for (;;) {
      const best = this.leastBusy();
      if (best) return best;
      const left = until - Date.now();
      if (left <= 0) throw new NotSent(this.binds[0]?.lastProblem ?? { reason: 'sms_bind_down' });
      await Promise.race(this.binds.map((b) => b.whenBound(Math.min(left, this.o.timeoutMs))));
    }
  }

  /**
   * A deliver_sm: a receipt is recorded against its part, and answered 0 once it is; anything else
   * is only logged. A receipt that cannot be recorded now is answered with a temporary error, so
   * the SMSC keeps it and delivers it again, rather than its being lost here.
   */
  private async delivered(pdu: PDU): Promise<number> {
    const esm = Number(pdu.esm_class ?? 0);
    if ((esm & RECEIPT_BITS) !== SMSC_DELIVERY_RECEIPT) {
      this.log('info', `sms: a message from ${String(pdu.source_addr)} arrived; replies are not read yet`);
      return 0;
    }
    const sm = pdu.short_message as { message?: unknown } | Buffer | undefined;
    const raw = Buffer.isBuffer(sm) ? sm : sm?.message;
    const text = Buffer.isBuffer(raw) ? raw.toString('latin1') : String(raw ?? '');
    const receipt = parseReceipt({
      text,
      receiptedMessageId: pdu.receipted_message_id as string | undefined,
      messageState: pdu.message_state as number | undefined,
    });
    if (!receipt) {
      // Delivered again, it would say no more.
      this.log('warn', `sms: a receipt that says nothing readable: ${text.slice(0, 100)}`);
      return 0;
    }
    return this.record(receipt.messageId, receipt.state);
  }

  private async record(messageId: string, state: ReceiptState): Promise<number> {
    // A receipt often comes in the same read as its part's answer, and is parsed before the
    // answer's continuation has put its ledger write in `accepting`: let those run first, or the
    // receipt finds no part and goes back to the SMSC for nothing.
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.allSettled([...this.accepting]);
    try {
      const deliveryId = await this.o.ledger.receipt(messageId, state, this.now().toISOString());
      if (deliveryId) {
        this.unmatched.delete(messageId);
        this.o.onReceipt?.(deliveryId, state);
        return 0;
      }
    } catch (err) {
      this.log(
        'warn',
        `sms: a receipt could not be recorded now; the SMSC will send it again: ${(err as Error).message}`,
      );
      return ESME_RX_T_APPN;
    }
    // Its answer may have come to another process's bind and not be written yet: the SMSC keeps
    // the receipt and sends it again. One no delivery has for a long while is taken and dropped.
    const now = this.now().getTime();
    const first = this.unmatched.get(messageId) ?? now;
    if (now - first < UNMATCHED_RECEIPT_MS) {
      if (this.unmatched.size >= MAX_UNMATCHED) this.unmatched.clear();
      this.unmatched.set(messageId, first);
      return ESME_RX_T_APPN;
    }
    this.unmatched.delete(messageId);
    this.log('warn', `sms: a receipt for message_id ${messageId}, which no delivery has`);
    return 0;
  }
}
