import smpp, { type PDU, type Session } from 'smpp';
import { deliveryText, type DeliveryFault } from '../../core/messages/messages.js';
import { failedWith } from '../channel.js';
import { Pacer } from './pacer.js';

export interface BindOptions {
  host: string;
  port: number;
  tls: boolean;
  systemId: string;
  password: string;
  /** Submits per second this bind may make; Infinity for no bound. */
  ratePerSecond: number;
  /** Submits awaiting their answer at once (the SMPP window). */
  window: number;
  /** How long a submit may go unanswered before the bind is asked whether it is alive. */
  timeoutMs: number;
  /**
   * Every deliver_sm (receipts, replies); the bind answers it with the status this settles to: 0
   * taken, or an error for the SMSC to deliver it again later (a rejection answers ESME_RX_T_APPN).
   */
  onDeliver(pdu: PDU): Promise<number>;
  log(level: 'warn' | 'info', message: string): void;
}

/** "Temporary application error": the SMSC keeps the deliver_sm and delivers it again later. */
export const ESME_RX_T_APPN = 0x64;

/** The submit was never written to the SMSC: trying it elsewhere cannot duplicate it. */
export class NotSent extends Error {
  constructor(readonly fault: DeliveryFault) {
    super(deliveryText('en', fault));
  }
}

/** The connection ended after the submit was written and before its answer came: it may have arrived. */
export class AnswerLost extends Error {
  constructor(readonly fault: DeliveryFault) {
    super(deliveryText('en', fault));
  }
}

const RECONNECT_FIRST_MS = 250;
const RECONNECT_MAX_MS = 30_000;
const SLOW_DOWN_FIRST_MS = 200;
const SLOW_DOWN_MAX_MS = 10_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

interface Pending {
  reject(err: Error): void;
  sentAt: number;
}

/**
 * One SMPP transceiver bind that keeps itself up: it reconnects with back-off when the connection
 * drops or the SMSC unbinds, spaces its submits to its rate, keeps at most a window of them
 * unanswered, and slows down when the SMSC says it is throttled. A submit left unanswered past the
 * timeout makes the bind send enquire_link; an SMSC that answers neither is dropped and bound again.
 */
export class SmppBind {
  private session: Session | null = null;
  private bound = false;
  private closed = false;
  private reconnectMs = RECONNECT_FIRST_MS;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly boundWaiters = new Set<() => void>();
  private readonly pending = new Map<number, Pending>();
  private inFlight = 0;
  /** Settles once the previous submit's PDU is written (or given up): the next one's turn. */
  private writeTurn: Promise<void> = Promise.resolve();
  private readonly windowWaiters: (() => void)[] = [];
  private readonly pacer: Pacer;
  private slowDownMs = 0;
  private probing = false;
  private watchdog: NodeJS.Timeout | null = null;
  /** Why the bind is not up, when it is not: told with each submit it cannot take. */
  lastProblem: DeliveryFault | null = null;
  /** Submits queued or unanswered here: how busy the bind is when a part picks one. */
  load = 0;

  constructor(
    readonly index: number,
    private readonly o: BindOptions,
  ) {
    this.pacer = new Pacer(o.ratePerSecond);
  }

  get isBound(): boolean {
    return this.bound;
  }

  start(): void {
    if (this.session || this.closed) return;
    this.connect();
  }

  /** Resolves once bound; false when `ms` pass first. */
  whenBound(ms: number): Promise<boolean> {
    if (this.bound) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.boundWaiters.delete(onBound);
        resolve(ok);
      };
      const onBound = () => done(true);
      const timer = setTimeout(() => done(false), ms);
      timer.unref();
      this.boundWaiters.add(onBound);
    });
  }

  /**
   * Writes one submit_sm and resolves with its answer, however late; `beforeWrite` runs once the
   * submit's turn has come, just before the PDU is written. Rejects with {@link NotSent}
   * when the PDU could not be written, or {@link AnswerLost} when the connection ended first.
   */
  async submit(fields: Record<string, unknown>, beforeWrite?: () => Promise<void>): Promise<PDU> {
    this.load++;
    try {
      await this.windowSlot();
      try {
        await this.rateSlot();
        // Recorded once its turn has come, not while it waits: a crash in the wait leaves a part
        // that never left, which a later try may send without risking a duplicate. The records
        // are written side by side, but the PDUs leave in the order their turns came, so a
        // message's parts reach the SMSC in order whichever record's write ends first.
        const recorded = beforeWrite?.();
        const earlier = this.writeTurn;
        let mine!: () => void;
        this.writeTurn = new Promise<void>((resolve) => (mine = resolve));
        let answer: Promise<PDU>;
        try {
          await recorded;
          await earlier;
          answer = this.write(fields);
        } finally {
          mine();
        }
        return await answer;
      } finally {
        this.inFlight--;
        this.windowWaiters.shift()?.();
      }
    } finally {
      this.load--;
    }
  }

  /** The SMSC said it is throttled or its queue is full: wait longer before the next submit. */
  slowDown(): void {
    this.slowDownMs = Math.min(SLOW_DOWN_MAX_MS, this.slowDownMs ? this.slowDownMs * 2 : SLOW_DOWN_FIRST_MS);
    this.pacer.pause(Date.now() + this.slowDownMs);
    this.o.log('warn', `sms: bind ${this.index} throttled by the SMSC; pausing ${this.slowDownMs} ms`);
  }

  /** A submit was accepted: the throttle back-off starts again from its first step next time. */
  eased(): void {
    this.slowDownMs = 0;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const session = this.session;
    if (!session) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => session.destroy(() => resolve()), 1000);
      timer.unref();
      const sent = this.bound && session.unbind({}, () => session.close());
      if (!sent) session.destroy();
      session.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private async windowSlot(): Promise<void> {
    while (this.inFlight >= this.o.window) await new Promise<void>((r) => this.windowWaiters.push(r));
    this.inFlight++;
  }

  /** Reserves the next send slot at the bind's rate; a throttle pause met on waking is waited out too. */
  private async rateSlot(): Promise<void> {
    for (;;) {
      const now = Date.now();
      const at = this.pacer.reserve(now);
      if (at > now) await sleep(at - now);
      if (!this.pacer.paused(Date.now())) return;
    }
  }

  private write(fields: Record<string, unknown>): Promise<PDU> {
    return new Promise((resolve, reject) => {
      const session = this.session;
      if (!session || !this.bound)
        return reject(new NotSent(this.lastProblem ?? { reason: 'sms_bind_down' }));
      const pdu = new smpp.PDU('submit_sm', fields);
      const sent = session.send(pdu, (resp) => {
        if (!this.pending.delete(seq)) return;
        resolve(resp);
      });
      if (!sent) return reject(new NotSent({ reason: 'sms_not_writable' }));
      // send() numbered the PDU; its answer comes back under the same number.
      const seq = pdu.sequence_number;
      this.pending.set(seq, { reject, sentAt: Date.now() });
    });
  }

  /** Looks for a submit unanswered past the timeout (one timer per bind, not one per submit). */
  private watch(): void {
    const late = Date.now() - this.o.timeoutMs;
    for (const p of this.pending.values())
      if (p.sentAt <= late) {
        this.probe();
        return;
      }
  }

  /** A submit went unanswered: an SMSC that does not answer enquire_link either is dropped. */
  private probe(): void {
    const session = this.session;
    if (this.probing || !session || !this.bound) return;
    this.probing = true;
    const timer = setTimeout(() => {
      this.o.log('warn', `sms: bind ${this.index} answers nothing, not even enquire_link; reconnecting`);
      session.destroy();
    }, this.o.timeoutMs);
    timer.unref();
    const sent = session.enquire_link({}, () => {
      clearTimeout(timer);
      this.probing = false;
    });
    if (!sent) clearTimeout(timer);
  }

  private connect(): void {
    this.reconnectTimer = null;
    const session = smpp.connect({
      host: this.o.host,
      port: this.o.port,
      tls: this.o.tls,
      auto_enquire_link_period: 30_000,
    });
    this.session = session;
    session.on(this.o.tls ? 'secureConnect' : 'connect', () => this.bind(session));
    session.on('error', (err: Error) => {
      this.lastProblem = failedWith(err);
    });
    session.on('close', () => this.closedUnder(session));
    session.on('deliver_sm', (pdu: PDU) => {
      void this.o
        .onDeliver(pdu)
        .catch(() => ESME_RX_T_APPN)
        // Not written on a connection gone meanwhile: unanswered, the SMSC delivers it again.
        .then((status) => session.send(pdu.response({ command_status: status })));
    });
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      this.bound = false;
      session.send(pdu.response());
      session.close();
    });
  }

  private bind(session: Session): void {
    session.bind_transceiver(
      { system_id: this.o.systemId, password: this.o.password, interface_version: 0x34 },
      (resp) => {
        if (resp.command_status !== 0) {
          this.lastProblem = { reason: 'sms_bind_refused', params: { answer: resp.command_status } };
          this.o.log('warn', `sms: bind ${this.index}: ${deliveryText('en', this.lastProblem)}`);
          session.destroy();
          return;
        }
        this.bound = true;
        this.lastProblem = null;
        this.watchdog = setInterval(() => this.watch(), Math.max(50, this.o.timeoutMs / 2));
        this.watchdog.unref();
        this.reconnectMs = RECONNECT_FIRST_MS;
        for (const w of [...this.boundWaiters]) w();
      },
    );
  }

  private closedUnder(session: Session): void {
    if (this.session !== session) return;
    const wasBound = this.bound;
    this.bound = false;
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    this.probing = false;
    this.session = null;
    this.lastProblem ??= { reason: 'sms_connection_closed' };
    for (const [, p] of this.pending)
      p.reject(new AnswerLost({ reason: 'sms_answer_cut', cause: this.lastProblem }));
    this.pending.clear();
    if (this.closed) return;
    if (wasBound)
      this.o.log(
        'warn',
        `sms: bind ${this.index} lost: ${deliveryText('en', this.lastProblem)}; binding again`,
      );
    this.reconnectTimer = setTimeout(() => this.connect(), this.reconnectMs);
    this.reconnectTimer.unref();
    this.reconnectMs = Math.min(RECONNECT_MAX_MS, this.reconnectMs * 2);
  }
}
