import { parseCap } from '../../cap/parse.js';
import type { CapAlert, CapInfo } from '../../cap/model.js';
import { ChannelError, notSentOver, type WebhookMessage } from '../../channels/channel.js';
import {
  ALERT_LANGUAGES,
  trafficModeOf,
  type AlertArea,
  type AlertLanguage,
  type AlertMsgType,
  type AlertStatus,
  type Hazard,
} from '../../core/alert/alert.js';
import { ALERT_CAP_LANGUAGE } from '../../core/alert/cap.js';
import { alertGeometry } from '../../core/alert/area.js';
import type { AlertRow } from '../../store/alert-tables.js';
import { deliveryRepository } from '../../store/delivery.repository.js';
import type { AppContext } from '../context.js';
import { inBatches } from '../outbox/audience.js';
import { FanOutRefused, type AudienceMember, type OutboxSource } from '../outbox/source.js';
import { manageLink, unsubscribeLink } from '../subscriptions/links.js';
import { placeIndex } from '../subscriptions/place-index.js';
import { manageTokenFor } from '../subscriptions/tokens.js';
import { sirenActionFor } from '../../core/siren/command.js';
import { sirenMembers } from '../sirens/siren.audience.js';
import { cellBroadcastMembers, cellBroadcastOf } from './alert.cellbroadcast.js';
import { alertMail } from './alert.mail.js';
import { alertPush } from './alert.push.js';

/** One issued message of an alert thread, as the outbox sends it. */
export interface AlertMessageSource {
  row: AlertRow;
  cap: CapAlert;
}

/** The channels alerts go out on in this version; the others join as their adapters land. */
const ALERT_CHANNELS: ReadonlySet<string> = new Set([
  'email',
  'sms',
  'webpush',
  'webhook',
  'siren',
  'cellbroadcast',
]);

const languageOf = (language: string): AlertLanguage =>
  (ALERT_LANGUAGES as readonly string[]).includes(language) ? (language as AlertLanguage) : 'kk';

function infoFor(cap: CapAlert, lang: AlertLanguage): CapInfo {
  const info = cap.info.find((i) => i.language === ALERT_CAP_LANGUAGE[lang]) ?? cap.info[0];
  if (!info)
    throw new ChannelError({ reason: 'alert_no_info', params: { identifier: cap.identifier } }, false);
  return info;
}

const ours = (members: AudienceMember[]) => members.filter((m) => ALERT_CHANNELS.has(m.channel));

/** Residents an earlier message of the thread reached, a page at a time. */
async function* earlierOf(ctx: AppContext, row: AlertRow): AsyncGenerator<AudienceMember[]> {
  for await (const page of deliveryRepository.earlierRecipients(
    ctx.db.kysely,
    'alert',
    row.thread_id,
    row.sequence,
    { evenUnsubscribed: true },
  ))
    yield ours(
      page.map((r) => ({
        recipientKind: 'subscriber' as const,
        recipientId: r.subscriber_id,
        channel: r.channel,
        address: r.address,
        language: r.language,
      })),
    );
}

/** Residents whose places the area touches, as the place index finds them; none for an exercise-only alert. */
async function* placesOf(ctx: AppContext, row: AlertRow): AsyncGenerator<AudienceMember[]> {
  if (row.audience !== 'public') return;
  const index = await placeIndex(ctx.db, ctx.db.kysely);
  for (const found of index.matchEach([alertGeometry(JSON.parse(row.area) as AlertArea)]))
    yield ours(
      found.map((i) => {
        const o = index.owner(i);
        return {
          recipientKind: 'subscriber' as const,
          recipientId: o.id,
          channel: o.channel,
          address: o.address,
          language: o.language,
        };
      }),
    );
}

/** The exercise's phone book on the channels alerts use; drill traffic only. */
async function phoneBookOf(ctx: AppContext, row: AlertRow, mode: string) {
  if (mode === 'actual' || !row.exercise_id) return [];
  const book = await ctx.db.kysely
    .selectFrom('exercise_contacts')
    .selectAll()
    .where('exercise_id', '=', row.exercise_id)
    .orderBy('id')
    .execute();
  return book.filter((c) => ALERT_CHANNELS.has(c.channel));
}

/**
 * Everyone a message of the thread reaches now, on the channels alerts use, a chunk at a time (the
 * same person may come twice; {@link inBatches} keeps the first): what its fan-out writes. Sirens
 * and cell broadcast come first: a handful of deliveries that warn whole districts at once must not
 * wait behind a million e-mails; then earlier recipients (a Cancel or Update must not wait behind
 * new ones), the exercise's phone book, and residents as the place index finds them.
 */
async function* membersOf(ctx: AppContext, row: AlertRow, mode: string): AsyncGenerator<AudienceMember[]> {
  const db = ctx.db.kysely;
  yield ours(await sirenMembers(db, row, mode));
  yield ours(await cellBroadcastMembers(ctx, db, row));
  yield* earlierOf(ctx, row);
  yield (await phoneBookOf(ctx, row, mode)).map((c) => ({
    recipientKind: 'participant' as const,
    recipientId: c.id,
    channel: c.channel,
    address: c.address,
    language: c.language,
  }));
  yield* placesOf(ctx, row);
}

/** What a siren's loudspeaker reads out: the headline and the instruction, in Kazakh, then Russian. */
function announcementOf(cap: CapAlert): string {
  return (['kk', 'ru'] as const)
    .map((lang) => infoFor(cap, lang))
    .map((i) => [i.headline, i.instruction].filter(Boolean).join('. '))
    .filter((t, i, all) => t && all.indexOf(t) === i)
    .join('\n');
}

/**
 * How many residents a message would reach if it were sent now, by the same walk its fan-out
 * makes: people, not deliveries (a resident on e-mail and SMS is one). The costly part of a reach:
 * it reads every earlier recipient and matches the area against every active place.
 */
export async function alertResidents(ctx: AppContext, row: AlertRow): Promise<number> {
  if (!trafficModeOf(row.status as AlertStatus)) return 0;
  const residents = new Set<string>();
  for (const part of [earlierOf(ctx, row), placesOf(ctx, row)])
    for await (const chunk of part) for (const m of chunk) residents.add(m.recipientId);
  return residents.size;
}

/**
 * How many of the exercise's people a message would reach now: a player in the phone book on
 * e-mail and SMS is one person (a contact with no person behind it, say a team's shared mailbox,
 * counts on its own). A phone book is small and read by its exercise's key, so this is counted
 * afresh on every read.
 */
export async function alertParticipants(ctx: AppContext, row: AlertRow): Promise<number> {
  const mode = trafficModeOf(row.status as AlertStatus);
  if (!mode) return 0;
  const book = await phoneBookOf(ctx, row, mode);
  return new Set(book.map((c) => (c.person_id === null ? `contact ${c.id}` : `person ${c.person_id}`))).size;
}

/**
 * How many residents and exercise participants a message would reach if it were sent now, counted
 * now: what an authoriser confirms when approving an alert for a wide area.
 */
export async function alertReach(
  ctx: AppContext,
  row: AlertRow,
): Promise<{ residents: number; participants: number }> {
  const [residents, participants] = await Promise.all([
    alertResidents(ctx, row),
    alertParticipants(ctx, row),
  ]);
  return { residents, participants };
}

/**
 * One document per message and language for every agency's system: rendered once per loaded
 * message, so the webhook channel, which keeps the bytes of a body it has seen, serialises it once
 * for all receivers instead of once each (a CAP alert with its areas runs to kilobytes).
 */
const webhookBodies = new WeakMap<AlertMessageSource, Map<AlertLanguage, WebhookMessage>>();

/**
 * A receiving system files the message by its CAP triple and may act on the signed CAP itself; the
 * reader's language's headline is there for a system that only shows it.
 */
function webhookOf(source: AlertMessageSource, lang: AlertLanguage, info: CapInfo): WebhookMessage {
  let byLanguage = webhookBodies.get(source);
  if (!byLanguage) webhookBodies.set(source, (byLanguage = new Map()));
  let message = byLanguage.get(lang);
  if (!message) {
    const { row, cap } = source;
    message = {
      kind: 'webhook',
      body: {
        type: 'alert',
        thread: row.thread_id,
        sequence: row.sequence,
        msgType: cap.msgType,
        status: cap.status,
        identifier: cap.identifier,
        sender: cap.sender,
        sent: cap.sent,
        references: cap.references ?? null,
        language: lang,
        headline: info.headline ?? info.event,
        cap: row.cap_xml,
      },
    };
    byLanguage.set(lang, message);
  }
  return message;
}

/**
 * Public alerts. A message reaches, on the channels alerts use: for the public, the residents whose
 * places its area touches; for an exercise, the exercise's own phone book (and residents only when
 * the exercise includes the public: the dispatcher refuses them otherwise). An Update or Cancel
 * also reaches everyone an earlier message of the thread reached, wherever their places are now.
 */
export const alertSource: OutboxSource<AlertMessageSource> = {
  kind: 'alert',

  async load(ctx, threadId, sequence) {
    const row = await ctx.db.kysely
      .selectFrom('alerts')
      .selectAll()
      .where('thread_id', '=', threadId)
      .where('sequence', '=', sequence)
      .executeTakeFirst();
    if (!row?.cap_xml) return undefined;
    return { row, cap: parseCap(row.cap_xml).alert };
  },

  async render(ctx, source, target) {
    const lang = languageOf(target.language);
    const info = infoFor(source.cap, lang);
    switch (target.kind) {
      case 'email': {
        const token =
          target.recipientKind === 'subscriber' && target.recipientId
            ? await manageTokenFor(ctx.db.kysely, target.recipientId, ctx.clock.now().toISOString())
            : null;
        const mail = alertMail(lang, info, token ? manageLink(ctx, lang, token) : null);
        return { kind: 'email', ...mail, unsubscribeUrl: token ? unsubscribeLink(ctx, token) : null };
      }
      case 'sms':
        // What to do comes right after what happened: a long instruction costs segments, not clarity.
        return { kind: 'sms', text: [info.headline, info.instruction].filter(Boolean).join('\n') };
      case 'webpush': {
        const url = `${ctx.config.publicUrl.replace(/\/+$/, '')}/${lang}/`;
        return alertPush(info, source.row.thread_id, url, ctx.clock.now());
      }
      case 'siren': {
        const { row, cap } = source;
        const { action, pattern } = sirenActionFor(
          row.status as AlertStatus,
          row.msg_type as AlertMsgType,
          row.hazard as Hazard,
        );
        return {
          kind: 'siren',
          action,
          pattern,
          announcement: action === 'activate' ? announcementOf(cap) : null,
          alertId: cap.identifier,
        };
      }
      case 'cellbroadcast':
        return cellBroadcastOf(ctx.db.kysely, source.row, source.cap);
      case 'webhook':
        return webhookOf(source, lang, info);
      default:
        throw notSentOver('alert', target.kind);
    }
  },

  async *audience(ctx, fanout) {
    const source = await alertSource.load(ctx, fanout.source_id, fanout.sequence);
    if (!source) return;
    const { row } = source;
    // The fan-out's mode must be the one the message's status gives, and actual traffic never
    // carries a drill: a fan-out written any other way fails here, visibly, with nothing sent.
    const expected = trafficModeOf(row.status as AlertStatus);
    if (
      fanout.mode !== expected ||
      (fanout.mode === 'actual' && (row.exercise_id !== null || fanout.exercise_id !== null))
    )
      throw new FanOutRefused({
        reason: 'alert_not_sendable',
        params: { id: row.id, capStatus: row.status, mode: fanout.mode },
      });
    yield* inBatches(membersOf(ctx, row, fanout.mode));
  },

  async announce(ctx, threadIds) {
    const rows = await ctx.db.kysely
      .selectFrom('alerts')
      .select(['thread_id', 'organisation_id', 'exercise_id'])
      .where('thread_id', 'in', threadIds)
      .where('sequence', '=', 1)
      .execute();
    // Scoped like the alert, so only those who may read it are told.
    return rows.map((r) => ({
      type: 'alert.deliveries' as const,
      organisationId: r.organisation_id,
      exerciseId: r.exercise_id,
      subjectType: 'alert',
      subjectId: r.thread_id,
      payload: { thread: r.thread_id },
    }));
  },
};
