import {
  checkLink,
  GENESIS_HASH,
  hashEntry,
  anchorDiffers,
  cutOff,
  type ChainProblem,
  type StoredEntry,
} from '../core/audit/chain.js';
import type { AuditAction } from '../core/messages/codes.js';
import { auditRepository } from '../store/audit.repository.js';
import type { AuditRow } from '../store/schema.js';
import type { ActorInfo, AppContext, Q } from './context.js';
import type { OrganisationReach } from '../store/reach.js';

export interface AuditEntry {
  seq: number;
  at: string;
  actorName: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  detail: Record<string, unknown>;
}

export interface AuditEvent {
  /** Declared in src/core/messages/codes.ts, where each action gets its sentence in every language. */
  action: AuditAction;
  subjectType?: string;
  subjectId?: string;
  detail?: Record<string, unknown>;
}

/**
 * Appends one entry, chained to the last. Call it inside the transaction that makes the change it
 * records, so the change and its audit entry commit or vanish together.
 */
export async function appendAudit(
  ctx: AppContext,
  trx: Q,
  actor: ActorInfo,
  event: AuditEvent,
): Promise<void> {
  await appendAudits(ctx, trx, actor, [event]);
}

/**
 * Appends several entries by one actor, in order, each chained to the one before exactly as
 * appendAudit would chain them one by one, under one lock and in few statements (a batch of
 * injects fired together).
 */
export async function appendAudits(
  ctx: AppContext,
  trx: Q,
  actor: ActorInfo,
  events: readonly AuditEvent[],
): Promise<void> {
  if (!events.length) return;
  await auditRepository.lockForAppend(trx, ctx.db.engine);
  const last = await auditRepository.last(trx);
  let seq = last ? Number(last.seq) : 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const at = ctx.clock.now().toISOString();
  const rows: AuditRow[] = events.map((event) => {
    const fields = {
      seq: ++seq,
      at,
      actorId: actor.userId,
      actorName: actor.name,
      action: event.action,
      subjectType: event.subjectType ?? null,
      subjectId: event.subjectId ?? null,
      detail: JSON.stringify(event.detail ?? {}),
    };
    const row: AuditRow = {
      seq: fields.seq,
      at: fields.at,
      actor_id: fields.actorId,
      actor_name: fields.actorName,
      action: fields.action,
      subject_type: fields.subjectType,
      subject_id: fields.subjectId,
      detail: fields.detail,
      prev_hash: prevHash,
      hash: hashEntry(prevHash, fields),
    };
    prevHash = row.hash;
    return row;
  });
  await auditRepository.insert(trx, rows);
}

/** Records an event on its own (a failed sign-in changes nothing else). */
export async function recordAudit(ctx: AppContext, actor: ActorInfo, event: AuditEvent): Promise<void> {
  await ctx.db.kysely.transaction().execute((trx) => appendAudit(ctx, trx, actor, event));
}

const toStored = (r: AuditRow): StoredEntry => ({
  seq: Number(r.seq),
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  action: r.action,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  detail: r.detail,
  prevHash: r.prev_hash,
  hash: r.hash,
});

export const toAuditEntry = (r: AuditRow): AuditEntry => ({
  seq: Number(r.seq),
  at: r.at,
  actorName: r.actor_name,
  action: r.action,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  detail: safeJson(r.detail),
});

function safeJson(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : { value: v };
  } catch {
    return { unreadable: text };
  }
}

/** The log, newest first; for a scoped reader, only the entries about their organisations. */
export async function listAudit(
  ctx: AppContext,
  limit: number,
  before?: number,
  reach: OrganisationReach = 'everywhere',
): Promise<AuditEntry[]> {
  return (await auditRepository.page(ctx.db.kysely, limit, before, reach)).map(toAuditEntry);
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  /** The first entry that does not hold, and why, in English. */
  firstBad: { seq: number; problem: string } | null;
  /** The newest entry checked: record it outside Dabyl and pass it back as an anchor later. */
  head: AuditAnchor | null;
}

/** {@link VerifyResult} whose problem also carries its sentence's key, to be worded in any language. */
export interface ChainCheck extends VerifyResult {
  firstBad: ChainProblem | null;
}

/**
 * An entry's sequence number and hash, kept somewhere the database's owner cannot rewrite (a
 * ticket, a printout, another system). The chain alone cannot show that its newest entries were
 * cut off the end; an anchor can.
 */
export interface AuditAnchor {
  seq: number;
  hash: string;
}

/**
 * The verification as the API answers it: the problem in English alone. `dabyl audit verify`
 * prints the same from {@link checkAuditChain}, in the operator's language.
 */
export async function verifyAudit(
  ctx: AppContext,
  onProgress?: (checked: number) => void,
  anchor?: AuditAnchor,
): Promise<VerifyResult> {
  return inEnglish(await checkAuditChain(ctx, onProgress, anchor));
}

/**
 * A check's result without its problem's key, as the API and `--json` give it: the API's schema
 * names only `seq` and `problem`, and its response check refuses any other field.
 */
export const inEnglish = (check: ChainCheck): VerifyResult => ({
  ...check,
  firstBad: check.firstBad && { seq: check.firstBad.seq, problem: check.firstBad.problem },
});

/** Walks the whole chain from the first entry; stops at the first entry that does not hold. */
export async function checkAuditChain(
  ctx: AppContext,
  onProgress?: (checked: number) => void,
  anchor?: AuditAnchor,
): Promise<ChainCheck> {
  let prev: StoredEntry | null = null;
  let checked = 0;
  let anchorSeen = false;
  for (;;) {
    const rows = await auditRepository.chunk(ctx.db.kysely, prev?.seq ?? 0, 2000);
    if (rows.length === 0) break;
    for (const row of rows) {
      const entry = toStored(row);
      const head = prev ? { seq: prev.seq, hash: prev.hash } : null;
      const problem = checkLink(prev, entry);
      if (problem) return { ok: false, entries: checked, firstBad: problem, head };
      if (anchor && entry.seq === anchor.seq) {
        if (entry.hash !== anchor.hash)
          return { ok: false, entries: checked, firstBad: anchorDiffers(entry.seq), head };
        anchorSeen = true;
      }
      prev = entry;
      checked++;
    }
    onProgress?.(checked);
  }
  const head = prev ? { seq: prev.seq, hash: prev.hash } : null;
  if (anchor && !anchorSeen)
    return { ok: false, entries: checked, firstBad: cutOff(head?.seq ?? 0, anchor.seq), head };
  return { ok: true, entries: checked, firstBad: null, head };
}

/** Reads an anchor written as "SEQ:HASH" (what `dabyl audit verify` prints as the head). */
export function parseAuditAnchor(text: string): AuditAnchor | null {
  const m = /^(\d{1,15}):([0-9a-f]{64})$/.exec(text.trim());
  return m ? { seq: Number(m[1]), hash: m[2]! } : null;
}
