import { parseCap } from '../../cap/parse.js';
import type { CapAlert, CapInfo } from '../../cap/model.js';
import type { CellBroadcastMessage } from '../../channels/channel.js';
import { ALERT_LANGUAGES, type AlertArea, type AlertMsgType } from '../../core/alert/alert.js';
import { ALERT_CAP_LANGUAGE } from '../../core/alert/cap.js';
import { cbCategoryOf, type CbCategoryChoice } from '../../core/cellbroadcast/category.js';
import type { AlertRow } from '../../store/alert-tables.js';
import type { AppContext, Q } from '../context.js';
import type { AudienceMember } from '../outbox/source.js';

/** A CAP parameter by which an originator explicitly asks for a presidential alert. */
export const PRESIDENTIAL_PARAMETER = { valueName: 'cellBroadcastCategory', value: 'presidential' } as const;

function categoryOf(cap: CapAlert): CbCategoryChoice {
  const info = cap.info[0];
  return cbCategoryOf({
    status: cap.status,
    severity: info?.severity ?? 'Unknown',
    urgency: info?.urgency ?? 'Unknown',
    certainty: info?.certainty ?? 'Unknown',
    presidential: cap.info.some((i) =>
      i.parameter.some(
        (p) => p.valueName === PRESIDENTIAL_PARAMETER.valueName && p.value === PRESIDENTIAL_PARAMETER.value,
      ),
    ),
  });
}

/** What a page says: what happened, then what to do, as on SMS. */
const textOf = (info: CapInfo): string => [info.headline, info.instruction].filter(Boolean).join('\n');

/**
 * The broadcast of one alert message: each language the message has, its category, and for an
 * Update or Cancel the identifiers the thread's earlier messages went out on, to be replaced.
 */
export async function cellBroadcastOf(db: Q, row: AlertRow, cap: CapAlert): Promise<CellBroadcastMessage> {
  const pages: CellBroadcastMessage['pages'] = [];
  for (const language of ALERT_LANGUAGES) {
    const info = cap.info.find((i) => i.language === ALERT_CAP_LANGUAGE[language]);
    if (info) pages.push({ language, text: textOf(info) });
  }
  const replaces: number[] = [];
  if (row.sequence > 1) {
    const earlier = await db
      .selectFrom('alerts')
      .select('cap_xml')
      .where('thread_id', '=', row.thread_id)
      .where('sequence', '<', row.sequence)
      .where('cap_xml', 'is not', null)
      .orderBy('sequence')
      .execute();
    for (const e of earlier) {
      const c = categoryOf(parseCap(e.cap_xml!).alert);
      for (const id of [c.messageId, c.additionalLanguageId]) if (!replaces.includes(id)) replaces.push(id);
    }
  }
  return {
    kind: 'cellbroadcast',
    pages,
    ...categoryOf(cap),
    msgType: row.msg_type as AlertMsgType,
    replaces,
    area: JSON.parse(row.area) as AlertArea,
    cap,
    organisationId: row.organisation_id,
  };
}

/**
 * The operators' centres a public alert message goes to: one delivery per configured centre whose
 * regions hold the area (a centre with none serves the whole country), and, for an Update or
 * Cancel, every centre an earlier message of the thread went to, wherever the area is now. Cells
 * are public, like a public siren: exercise traffic reaches them only when the exercise includes
 * the public, and then marked (the dispatcher decides).
 */
export async function cellBroadcastMembers(ctx: AppContext, db: Q, row: AlertRow): Promise<AudienceMember[]> {
  const centres = ctx.config.cbcCentres;
  if (!centres.length) return [];
  const earlier =
    row.sequence > 1
      ? new Set(
          (
            await db
              .selectFrom('deliveries')
              .select('address')
              .distinct()
              .where('source_kind', '=', 'alert')
              .where('source_id', '=', row.thread_id)
              .where('sequence', '<', row.sequence)
              .where('channel', '=', 'cellbroadcast')
              .execute()
          ).map((d) => d.address),
        )
      : new Set<string | null>();
  const region = (JSON.parse(row.area) as AlertArea).region;
  return centres
    .filter(
      (c) =>
        earlier.has(c.name) ||
        (row.audience === 'public' && (c.regions.length === 0 || c.regions.includes(region))),
    )
    .map((c) => ({
      recipientKind: 'subscriber',
      recipientId: `cbc:${c.name}`,
      channel: 'cellbroadcast',
      address: c.name,
      language: 'kk',
    }));
}
