import { sirenRepository } from '../../store/siren.repository.js';
import { failureText, type MessageLang } from '../../core/messages/messages.js';
import type { AppContext } from '../context.js';

/** One command an alert gave one siren, and what became of it. */
export interface SirenCommandReport {
  deliveryId: string;
  /** The alert message (1: the original; then each Update or Cancel). */
  sequence: number;
  sirenId: string | null;
  name: { kk: string; ru: string; en: string } | null;
  topicPrefix: string | null;
  /** The outbox's state of the command: pending, sending, sent (the broker took it), dead. */
  status: string;
  queuedAt: string;
  handedAt: string | null;
  acknowledgedAt: string | null;
  /** ACK, or REFUSED with the controller's reason. */
  receipt: string | null;
  lastError: string | null;
  /** True once the siren has not acknowledged within the configured time. */
  silent: boolean;
  battery: number | null;
  mains: boolean | null;
  fault: string | null;
}

export interface SirenReport {
  ackTimeoutSeconds: number;
  acknowledged: number;
  waiting: number;
  silent: number;
  commands: SirenCommandReport[];
}

/**
 * What an alert's sirens did: per command, whether the siren acknowledged it, and the ones that
 * did not within DABYL_SIREN_ACK_SECONDS of the command being queued (whether the broker could
 * not be reached or the siren stayed mute, it did not answer).
 */
export async function sirenReport(
  ctx: AppContext,
  threadId: string,
  lang: MessageLang = 'en',
): Promise<SirenReport> {
  const now = ctx.clock.now().getTime();
  const timeout = ctx.config.sirenAckTimeoutMs;
  const rows = await sirenRepository.commandsOf(ctx.db.kysely, threadId);
  const commands = rows.map((r): SirenCommandReport => ({
    deliveryId: r.id,
    sequence: r.sequence,
    sirenId: r.siren_id,
    name: r.name_en === null ? null : { kk: r.name_kk!, ru: r.name_ru!, en: r.name_en },
    topicPrefix: r.address,
    status: r.status,
    queuedAt: r.created_at,
    handedAt: r.handed_at,
    acknowledgedAt: r.delivered_at,
    receipt: r.receipt,
    lastError: failureText(lang, r.last_error, r.last_reason),
    silent: r.delivered_at === null && now - Date.parse(r.created_at) >= timeout,
    battery: r.battery === null ? null : Number(r.battery),
    mains: r.mains === null ? null : Number(r.mains) === 1,
    fault: r.fault,
  }));
  const acknowledged = commands.filter((c) => c.acknowledgedAt !== null).length;
  const silent = commands.filter((c) => c.silent).length;
  return {
    ackTimeoutSeconds: Math.round(timeout / 1000),
    acknowledged,
    silent,
    waiting: commands.length - acknowledged - silent,
    commands,
  };
}
