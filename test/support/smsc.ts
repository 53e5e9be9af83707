import type { AddressInfo } from 'node:net';
import smpp, { type PDU, type Session } from 'smpp';

/** One submit_sm as the SMSC received it, decoded by the smpp package itself. */
export interface ReceivedPart {
  messageId: string;
  source: string;
  destination: string;
  dataCoding: number;
  /** The concatenation header's reference, count and number; null for a single message. */
  concat: { reference: number; total: number; seq: number } | null;
  text: string;
  /** The bind (server session) it came on. */
  session: number;
  /** The SMSC sent its answer (a held or dropped submit has none). */
  answered: boolean;
}

/** A whole message as the handset would show it, put together from its parts. */
export interface ReassembledSms {
  destination: string;
  source: string;
  text: string;
  dataCoding: number;
  parts: ReceivedPart[];
}

/**
 * A real SMPP server (the smpp package's) on a free loopback port, standing in for an operator's
 * SMSC: it accepts binds with one system_id and password, answers submits with message ids,
 * reassembles concatenated messages, sends delivery receipts by deliver_sm, and can be told to
 * throttle, to hold its answers, or to drop a bind.
 */
export interface TestSmsc {
  url: string;
  port: number;
  /** Every submit_sm accepted, in arrival order. */
  parts: ReceivedPart[];
  /** Every complete message, in the order its last part arrived. */
  messages: ReassembledSms[];
  /** Submits refused with ESME_RTHROTTLED, counted. */
  throttled: number;
  /** Successful binds so far. */
  binds: number;
  /** Answer the next N submits with ESME_RTHROTTLED. */
  throttleNext: number;
  /** While true, submits are accepted but their answers are held until {@link release}. */
  holdAnswers: boolean;
  /** The next submit is received (and counted) and then its connection is cut without an answer. */
  dropOnNextSubmit: boolean;
  /** Send a receipt (DELIVRD) for each accepted part. */
  receipts: boolean;
  /** Receipts the client answered with an error (each then delivered again), in order. */
  receiptsRefused: { messageId: string; status: number }[];
  /** How long a refused receipt waits before it is delivered again. */
  redeliverMs: number;
  /** Sends the held answers. */
  release(): void;
  /** Cuts every bind's connection. */
  dropAll(): void;
  liveSessions(): number;
  waitForMessages(count: number): Promise<ReassembledSms[]>;
  waitForParts(count: number): Promise<ReceivedPart[]>;
  waitForBinds(count: number): Promise<void>;
  close(): Promise<void>;
}

export const SMSC_SYSTEM_ID = 'dabyl';
export const SMSC_PASSWORD = 'secret';

function textOf(pdu: PDU): { text: string; udh: Buffer[] } {
  const sm = pdu.short_message as { message?: unknown; udh?: Buffer[] } | Buffer;
  if (Buffer.isBuffer(sm)) return { text: sm.toString('latin1'), udh: [] };
  return { text: String(sm.message ?? ''), udh: sm.udh ?? [] };
}

export async function startTestSmsc(): Promise<TestSmsc> {
  const waiters: (() => void)[] = [];
  const held: (() => void)[] = [];
  const pending = new Map<string, ReceivedPart[]>();
  let nextId = 1;
  let sessionNo = 0;
  const changed = () => {
    for (const w of waiters.splice(0)) w();
  };
  const until = (ok: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => (ok() ? resolve() : waiters.push(check));
      check();
    });

  const server = smpp.createServer((session: Session) => {
    const no = ++sessionNo;
    let bound = false;
    session.on('error', () => undefined);
    session.on('bind_transceiver', (pdu: PDU) => {
      if (pdu.system_id !== SMSC_SYSTEM_ID || pdu.password !== SMSC_PASSWORD) {
        session.send(pdu.response({ command_status: 0x0d }));
        session.close();
        return;
      }
      bound = true;
      state.binds++;
      session.send(pdu.response({ system_id: 'test-smsc' }));
      changed();
    });
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('deliver_sm_resp', () => undefined);
    session.on('submit_sm', (pdu: PDU) => {
      if (!bound) return session.send(pdu.response({ command_status: 0x04 }));
      if (state.throttleNext > 0) {
        state.throttleNext--;
        state.throttled++;
        return session.send(pdu.response({ command_status: 0x58 }));
      }
      const { text, udh } = textOf(pdu);
      const concatIe = udh.find((u) => u[0] === 0x00 && u[1] === 0x03);
      const part: ReceivedPart = {
        messageId: `M${String(nextId++).padStart(6, '0')}`,
        source: String(pdu.source_addr),
        destination: String(pdu.destination_addr),
        dataCoding: Number(pdu.data_coding),
        concat: concatIe ? { reference: concatIe[2]!, total: concatIe[3]!, seq: concatIe[4]! } : null,
        text,
        session: no,
        answered: false,
      };
      state.parts.push(part);
      collect(part);
      changed();
      if (state.dropOnNextSubmit) {
        state.dropOnNextSubmit = false;
        session.destroy();
        return;
      }
      const answer = () => {
        part.answered = session.send(pdu.response({ message_id: part.messageId }));
        if (state.receipts && Number(pdu.registered_delivery) & 1) receipt(session, part);
      };
      if (state.holdAnswers) held.push(answer);
      else answer();
    });
  });

  /**
   * A DELIVRD receipt for the part; one answered with an error is kept and delivered again after
   * `redeliverMs`, on its bind or, if that is gone, on another, as an SMSC does.
   */
  function receipt(session: Session, part: ReceivedPart): void {
    const live = session.socket.writable ? session : server.sessions.find((s) => s.socket.writable);
    live?.deliver_sm(
      {
        source_addr: part.destination,
        destination_addr: part.source,
        esm_class: 0x04,
        short_message: `id:${part.messageId} sub:001 dlvrd:001 submit date:2610250500 done date:2610250500 stat:DELIVRD err:000 text:`,
        receipted_message_id: part.messageId,
        message_state: 2,
      },
      (resp: PDU) => {
        if (Number(resp.command_status) === 0) return;
        state.receiptsRefused.push({ messageId: part.messageId, status: Number(resp.command_status) });
        setTimeout(() => receipt(live, part), state.redeliverMs).unref();
      },
    );
  }

  function collect(part: ReceivedPart): void {
    if (!part.concat) {
      state.messages.push({
        destination: part.destination,
        source: part.source,
        text: part.text,
        dataCoding: part.dataCoding,
        parts: [part],
      });
      return;
    }
    const key = `${part.source}|${part.destination}|${part.concat.reference}|${part.concat.total}`;
    const list = [...(pending.get(key) ?? []), part];
    const seqs = new Set(list.map((p) => p.concat!.seq));
    if (seqs.size < part.concat.total) {
      pending.set(key, list);
      return;
    }
    pending.delete(key);
    const ordered = [...list].sort((a, b) => a.concat!.seq - b.concat!.seq);
    state.messages.push({
      destination: part.destination,
      source: part.source,
      text: ordered.map((p) => p.text).join(''),
      dataCoding: part.dataCoding,
      parts: ordered,
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const state: TestSmsc = {
    url: `smpp://${SMSC_SYSTEM_ID}:${SMSC_PASSWORD}@127.0.0.1:${port}`,
    port,
    parts: [],
    messages: [],
    throttled: 0,
    binds: 0,
    throttleNext: 0,
    holdAnswers: false,
    dropOnNextSubmit: false,
    receipts: true,
    receiptsRefused: [],
    redeliverMs: 100,
    release: () => {
      for (const a of held.splice(0)) a();
    },
    dropAll: () => {
      for (const s of [...server.sessions]) s.destroy();
    },
    liveSessions: () => server.sessions.length,
    waitForMessages: async (count) => {
      await until(() => state.messages.length >= count);
      return state.messages;
    },
    waitForParts: async (count) => {
      await until(() => state.parts.length >= count);
      return state.parts;
    },
    waitForBinds: (count) => until(() => state.binds >= count),
    close: () =>
      new Promise((resolve) => {
        for (const s of [...server.sessions]) s.destroy();
        server.close(() => resolve());
      }),
  };
  return state;
}
