import type { ChannelKind, ChannelMessage } from '../../channels/channel.js';
import { markMessage } from '../../channels/mark.js';
import { ALERT_LANGUAGES, isDrill, type AlertLanguage, type AlertStatus } from '../../core/alert/alert.js';
import { cbPages, type CbPages } from '../../core/cellbroadcast/pages.js';
import { smsPreview, type SmsPreview } from '../../core/sms/segment.js';
import { notFound } from '../../errors.js';
import { alertRepository } from '../../store/alert.repository.js';
import { exerciseRepository } from '../../store/exercise.repository.js';
import type { AppContext } from '../context.js';
import { alertSource } from './alert.source.js';
import { buildAlertCap } from './alerts.service.js';

/** The channels an alert goes out on, in the order the composer shows them. */
export const PREVIEW_CHANNELS = [
  'sms',
  'webpush',
  'email',
  'siren',
  'cellbroadcast',
  'webhook',
] as const satisfies readonly ChannelKind[];

export interface ChannelPreview {
  channel: (typeof PREVIEW_CHANNELS)[number];
  language: AlertLanguage;
  /** The message exactly as the channel would be handed it, marked when it is a drill. */
  message: ChannelMessage;
  /** For SMS: the encoding, length and segments the text costs. */
  sms?: SmsPreview;
  /** For cell broadcast: the encoding and pages this language's text costs (at most 15). */
  cellBroadcast?: CbPages;
}

/** What the preview shows of a message: a broadcast without the CAP message it carries for CAP centres. */
function shown(message: ChannelMessage): ChannelMessage {
  if (message.kind !== 'cellbroadcast') return message;
  const { cap: _cap, ...rest } = message;
  return rest as ChannelMessage;
}

function costOf(message: ChannelMessage, language: AlertLanguage): Partial<ChannelPreview> {
  if (message.kind === 'sms') return { sms: smsPreview(message.text) };
  if (message.kind === 'cellbroadcast')
    return { cellBroadcast: cbPages(message.pages.find((p) => p.language === language)?.text ?? '') };
  return {};
}

/**
 * Each channel's message for each language, as people will receive it: rendered by the outbox's
 * own renderer from the CAP message approval would issue, and marked by the outbox's own marking.
 * Nothing is signed, stored or sent.
 */
export async function previewAlert(ctx: AppContext, id: string): Promise<ChannelPreview[]> {
  const db = ctx.db.kysely;
  const row = await alertRepository.get(db, id);
  if (!row) throw notFound('The alert');
  const thread = await alertRepository.thread(db, row.thread_id);
  const built = await buildAlertCap(ctx, db, row, thread, ctx.clock.now());
  const exercise = row.exercise_id ? await exerciseRepository.get(db, row.exercise_id) : undefined;
  const drill = isDrill(row.status as AlertStatus);
  const out: ChannelPreview[] = [];
  for (const language of ALERT_LANGUAGES)
    for (const channel of PREVIEW_CHANNELS) {
      // Before approval nothing is signed: agencies' systems are shown the CAP approval would sign.
      const rendered = await alertSource.render(
        ctx,
        { row: { ...row, cap_xml: row.cap_xml ?? built.xml }, cap: built.alert },
        { language, kind: channel, recipientKind: 'subscriber', recipientId: null },
      );
      const message = drill ? markMessage(rendered, language, exercise?.name ?? null) : rendered;
      out.push({
        channel,
        language,
        message: shown(message),
        ...costOf(message, language),
      });
    }
  return out;
}
