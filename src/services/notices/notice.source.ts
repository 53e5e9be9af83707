import { ChannelError, notSentOver, type ChannelMessage } from '../../channels/channel.js';
import { readSnapshot } from '../../core/notice/area.js';
import { NOTICE_LANGUAGES, type NoticeLanguage, type NoticeSnapshot } from '../../core/notice/notice.js';
import { deliveryRepository } from '../../store/delivery.repository.js';
import type { AppContext } from '../context.js';
import type { AudienceMember, OutboxSource, RenderTarget } from '../outbox/source.js';
import { noticeMail } from '../subscriptions/mail.render.js';
import { placeIndex } from '../subscriptions/place-index.js';
import { inBatches } from '../outbox/audience.js';
import { manageLink, unsubscribeLink } from '../subscriptions/links.js';
import { manageTokenFor } from '../subscriptions/tokens.js';

/** A published revision of a notice, as the outbox sends it. */
export interface NoticeRevisionSource {
  snapshot: NoticeSnapshot;
  revision: number;
  /** The CAP msgType of this revision. */
  kind: 'Alert' | 'Update' | 'Cancel';
}

const languageOf = (language: string): NoticeLanguage =>
  (NOTICE_LANGUAGES as readonly string[]).includes(language) ? (language as NoticeLanguage) : 'kk';

/** A short text of the notice in one language, for channels without a body (SMS, push, in-app). */
function shortText(lang: NoticeLanguage, s: NoticeRevisionSource): { title: string; body: string } {
  const text = s.snapshot.texts[lang] ?? NOTICE_LANGUAGES.map((l) => s.snapshot.texts[l]).find(Boolean);
  if (!text)
    throw new ChannelError(
      { reason: 'notice_no_text', params: { revision: s.revision, notice: s.snapshot.id } },
      false,
    );
  return { title: text.title, body: text.summary };
}

/**
 * Public notices of drills. A notice reaches the residents whose places its areas touch; a
 * correction or cancellation also reaches everyone who got an earlier revision, wherever their
 * places are now (DESIGN.md, Safety).
 */
export const noticeSource: OutboxSource<NoticeRevisionSource> = {
  kind: 'notice',

  async load(ctx, noticeId, revision) {
    const row = await ctx.db.kysely
      .selectFrom('notice_revisions')
      .select(['snapshot', 'kind'])
      .where('notice_id', '=', noticeId)
      .where('revision', '=', revision)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      snapshot: readSnapshot(row.snapshot),
      revision,
      kind: row.kind as NoticeRevisionSource['kind'],
    };
  },

  async render(ctx: AppContext, source, target: RenderTarget): Promise<ChannelMessage> {
    const lang = languageOf(target.language);
    const base = ctx.config.publicUrl.replace(/\/+$/, '');
    const noticeUrl = `${base}/${lang}/notices/${encodeURIComponent(source.snapshot.slug)}`;
    switch (target.kind) {
      case 'email': {
        const at = ctx.clock.now().toISOString();
        const token =
          target.recipientKind === 'subscriber' && target.recipientId
            ? await manageTokenFor(ctx.db.kysely, target.recipientId, at)
            : null;
        const unsubscribeUrl = token ? unsubscribeLink(ctx, token) : null;
        const mail = noticeMail(lang, source.snapshot, source.kind, {
          noticeUrl,
          manageUrl: token ? manageLink(ctx, lang, token) : null,
          unsubscribeUrl,
        });
        return { kind: 'email', ...mail, unsubscribeUrl };
      }
      case 'sms': {
        const { title } = shortText(lang, source);
        return { kind: 'sms', text: `${title}\n${noticeUrl}` };
      }
      case 'webpush':
        return {
          kind: 'webpush',
          ...shortText(lang, source),
          url: noticeUrl,
          // A correction or cancellation replaces the notification of the revision it corrects.
          tag: `notice-${source.snapshot.id}`,
        };
      case 'inapp':
        return { kind: 'inapp', ...shortText(lang, source) };
      case 'webhook':
        return {
          kind: 'webhook',
          body: {
            type: 'notice',
            id: source.snapshot.id,
            revision: source.revision,
            msgType: source.kind,
            url: noticeUrl,
            cap: `${base}/notices/${encodeURIComponent(source.snapshot.id)}.cap?revision=${source.revision}`,
          },
        };
      default:
        throw notSentOver('notice', target.kind);
    }
  },

  async *audience(ctx, fanout) {
    const snapshotSource = await noticeSource.load(ctx, fanout.source_id, fanout.sequence);
    if (!snapshotSource) return;
    yield* inBatches(noticeMembers(ctx, snapshotSource));
  },
};

/** Whom a revision reaches: earlier recipients first (a correction must not wait behind new readers), then residents whose places its areas touch, as the index finds them. */
async function* noticeMembers(
  ctx: AppContext,
  { snapshot, revision, kind }: NoticeRevisionSource,
): AsyncGenerator<AudienceMember[]> {
  const db = ctx.db.kysely;
  const member = (
    recipientId: string,
    channel: string,
    address: string,
    language: string,
  ): AudienceMember => ({
    recipientKind: 'subscriber',
    recipientId,
    channel,
    address,
    language,
  });
  if (kind !== 'Alert')
    for await (const page of deliveryRepository.earlierRecipients(db, 'notice', snapshot.id, revision))
      yield page.map((r) => member(r.subscriber_id, r.channel, r.address, r.language));
  const geometries = snapshot.areas.map((a) => a.geometry);
  if (!geometries.length) return;
  const index = await placeIndex(ctx.db, db);
  for (const found of index.matchEach(geometries))
    yield found.map((i) => {
      const o = index.owner(i);
      return member(o.id, o.channel, o.address, o.language);
    });
}
