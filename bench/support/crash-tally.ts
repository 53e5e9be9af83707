/**
 * What the inject crash benchmark counts once the dust settles: injects lost or fired twice (from
 * the database), and each player's e-mail and SMS of each fired inject as the real receivers got
 * them: lost, or doubled (e-mail: the same Message-ID twice, which a mail client shows once, or two
 * Message-IDs, which a reader sees twice; SMS: the handset's count of whole messages).
 */
import type { AddressObject, ParsedMail } from 'mailparser';
import type { AppContext } from '../../src/services/context.js';
import type { ReassembledSms, ReceivedPart } from '../../test/support/smsc.js';
import type { Firing } from './conduct-bench.js';

/** The inject's label in the player's language, then its number: "Вводная B12: …". */
const NUMBER = /(?:Inject|Вводная|Кіріспе) (\S+):/;

export interface Player {
  email: string;
  phone: string;
}

export interface Tally {
  due: number;
  fired: number;
  lost: number;
  firedTwice: number;
  mailExpected: number;
  mailReceived: number;
  mailLost: number;
  /** Extra copies carrying a Message-ID already received. */
  mailSameIdAgain: number;
  /** Player and inject pairs that arrived under more than one Message-ID. */
  mailDistinctTwice: number;
  smsExpected: number;
  smsReceived: number;
  smsLost: number;
  /** Player and inject pairs whose SMS the handset shows more than once. */
  smsTwice: number;
  /** Whole messages at the handset made of parts of more than one message (not counted received). */
  smsGarbled: number;
  /** Deliveries the outbox gave up on (dead), which the receivers never got by design. */
  dead: number;
  /**
   * For each SMS lost at the handset: the delivery's status, its ledger rows, and what the SMSC
   * got under those message_ids (bind, concatenation header, the whole message it ended up in).
   */
  smsLostDetail: string[];
}

function addressOf(m: ParsedMail): string {
  const to = (Array.isArray(m.to) ? m.to[0] : m.to) as AddressObject | undefined;
  return to?.value[0]?.address ?? '';
}

export async function tally(
  ctx: AppContext,
  runs: readonly Firing[],
  until: number,
  players: readonly Player[],
  mails: readonly ParsedMail[],
  sms: readonly ReassembledSms[],
  smsParts: readonly ReceivedPart[] = [],
): Promise<Tally> {
  const due = runs.filter((r) => r.dueAt !== null && r.dueAt <= until);
  const fired = runs.filter((r) => r.status === 'fired');
  const firedIds = fired.map((r) => r.id);
  const audits = firedIds.length
    ? await ctx.db.kysely
        .selectFrom('audit_log')
        .select('subject_id')
        .where('action', '=', 'inject.fired')
        .where('subject_id', 'in', firedIds)
        .execute()
    : [];
  const perRun = new Map<string, number>();
  for (const a of audits) perRun.set(a.subject_id!, (perRun.get(a.subject_id!) ?? 0) + 1);
  const dead = await ctx.db.kysely
    .selectFrom('deliveries')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('source_kind', '=', 'inject')
    .where('status', '=', 'dead')
    .executeTakeFirstOrThrow();

  const numbers = new Set(fired.map((r) => r.number));
  const mailIds = new Map<string, Set<string>>();
  const seenIds = new Set<string>();
  let sameIdAgain = 0;
  for (const m of mails) {
    const n = NUMBER.exec(m.subject ?? '')?.[1];
    if (!n || !numbers.has(n)) continue;
    const id = m.messageId ?? '';
    if (seenIds.has(id)) sameIdAgain++;
    seenIds.add(id);
    const key = `${addressOf(m)}|${n}`;
    mailIds.set(key, (mailIds.get(key) ?? new Set()).add(id));
  }
  const smsCount = new Map<string, number>();
  let garbled = 0;
  for (const s of sms) {
    // Parts of two messages put together under one reference read as neither (the first part's
    // inject number would otherwise count it as that one's).
    const total = s.parts[0]?.concat?.total;
    if (total !== undefined && s.parts.length !== total) {
      garbled++;
      continue;
    }
    const n = NUMBER.exec(s.text)?.[1];
    if (!n || !numbers.has(n)) continue;
    const key = `${s.destination.replace(/^\+/, '')}|${n}`;
    smsCount.set(key, (smsCount.get(key) ?? 0) + 1);
  }
  let mailLost = 0;
  let smsLost = 0;
  const lostSms: { run: string; number: string; phone: string }[] = [];
  for (const n of numbers)
    for (const p of players) {
      if (!mailIds.has(`${p.email}|${n}`)) mailLost++;
      if (!smsCount.has(`${p.phone.replace(/^\+/, '')}|${n}`)) {
        smsLost++;
        lostSms.push({ run: fired.find((r) => r.number === n)!.id, number: n, phone: p.phone });
      }
    }
  const smsLostDetail = await explainLostSms(ctx, lostSms, sms, smsParts);
  return {
    due: due.length,
    fired: fired.length,
    lost: due.filter((r) => r.status !== 'fired').length,
    firedTwice: [...perRun.values()].filter((c) => c > 1).length,
    mailExpected: numbers.size * players.length,
    mailReceived: [...mailIds.values()].reduce((s, ids) => s + ids.size, 0) + sameIdAgain,
    mailLost,
    mailSameIdAgain: sameIdAgain,
    mailDistinctTwice: [...mailIds.values()].filter((ids) => ids.size > 1).length,
    smsExpected: numbers.size * players.length,
    smsReceived: [...smsCount.values()].reduce((s, c) => s + c, 0),
    smsLost,
    smsTwice: [...smsCount.values()].filter((c) => c > 1).length,
    smsGarbled: garbled,
    dead: Number(dead.n),
    smsLostDetail,
  };
}

async function explainLostSms(
  ctx: AppContext,
  lost: readonly { run: string; number: string; phone: string }[],
  sms: readonly ReassembledSms[],
  parts: readonly ReceivedPart[],
): Promise<string[]> {
  const byId = new Map(parts.map((p) => [p.messageId, p]));
  const wholeOf = new Map<ReceivedPart, ReassembledSms>();
  for (const m of sms) for (const p of m.parts) wholeOf.set(p, m);
  const describe = (p: ReceivedPart): string => {
    const c = p.concat ? `ref ${p.concat.reference} ${p.concat.seq}/${p.concat.total}` : 'single';
    const m = wholeOf.get(p);
    const whole = m
      ? `in a whole message of ${m.parts.map((q) => q.messageId).join('+')} reading "${m.text.slice(0, 40)}…"`
      : 'in no whole message';
    return `${p.messageId} on bind ${p.session}, ${c}, ${whole}`;
  };
  const out: string[] = [];
  for (const l of lost) {
    const deliveries = await ctx.db.kysely
      .selectFrom('deliveries')
      .select(['id', 'status', 'address', 'attempts'])
      .where('source_id', '=', l.run)
      .where('channel', '=', 'sms')
      .execute();
    const d = deliveries.find((x) => (x.address ?? '').replace(/^\+/, '') === l.phone.replace(/^\+/, ''));
    if (!d) {
      out.push(`inject ${l.number} to ${l.phone}: no SMS delivery`);
      continue;
    }
    const rows = await ctx.db.kysely
      .selectFrom('sms_parts')
      .select(['round', 'part', 'message_id', 'handed_at', 'accepted_at'])
      .where('delivery_id', '=', d.id)
      .orderBy('round')
      .orderBy('part')
      .execute();
    out.push(
      `inject ${l.number} to ${l.phone}: delivery ${d.id} ${d.status} after ${d.attempts} tries; ` +
        (rows
          .map((r) => {
            const got = r.message_id ? byId.get(r.message_id) : undefined;
            return (
              `${r.round > 1 ? `round ${r.round} ` : ''}part ${r.part}: handed ${r.handed_at ?? '-'}, message_id ${r.message_id ?? '-'}` +
              (got ? ` (SMSC: ${describe(got)})` : r.message_id ? ' (SMSC: no such part)' : '')
            );
          })
          .join('; ') || 'no ledger rows'),
    );
  }
  const loose = parts.filter((p) => !wholeOf.has(p));
  if (loose.length) out.push(`parts in no whole message at the SMSC: ${loose.map(describe).join('; ')}`);
  return out;
}
