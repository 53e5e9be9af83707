import { notSentOver, type ChannelMessage } from '../../channels/channel.js';
import { NOTICE_LANGUAGES, type NoticeLanguage } from '../../core/notice/notice.js';
import type { SubscriberRow } from '../../store/public-tables.js';
import { subscriberRepository } from '../../store/subscriber.repository.js';
import type { OutboxSource } from '../outbox/source.js';
import { confirmLink, manageLink } from './links.js';
import { alreadySubscribedMail, confirmationMail } from './mail.render.js';
import { confirmTokenFor, manageTokenFor } from './tokens.js';

export const SUBSCRIPTION_SOURCE = 'subscription';

interface SubscriptionMessage {
  subscriber: SubscriberRow;
  places: string[];
}

/**
 * Messages about a subscription itself: the double opt-in's confirmation, or "you are already
 * subscribed" to an address that is. Rendered from the subscriber as they are when it is sent,
 * with the link of their newest request, so an older e-mail still waiting never carries a dead link.
 * They are written straight to the outbox for their one recipient, so there is no audience.
 */
export const subscriptionSource: OutboxSource<SubscriptionMessage> = {
  kind: SUBSCRIPTION_SOURCE,

  async load(ctx, subscriberId) {
    const db = ctx.db.kysely;
    const subscriber = await subscriberRepository.byId(db, subscriberId);
    if (!subscriber || subscriber.status === 'unsubscribed') return undefined;
    const places = await subscriberRepository.placesOf(db, subscriberId);
    return { subscriber, places: places.map((p) => p.label) };
  },

  async render(ctx, { subscriber, places }, target): Promise<ChannelMessage> {
    if (target.kind !== 'email') throw notSentOver('subscription', target.kind);
    const lang: NoticeLanguage = (NOTICE_LANGUAGES as readonly string[]).includes(target.language)
      ? (target.language as NoticeLanguage)
      : 'kk';
    const at = ctx.clock.now().toISOString();
    const db = ctx.db.kysely;
    const manageUrl = manageLink(ctx, lang, await manageTokenFor(db, subscriber.id, at));
    const mail =
      subscriber.status === 'active'
        ? alreadySubscribedMail(lang, { manageUrl })
        : confirmationMail(lang, {
            places: places.join('; '),
            confirmUrl: confirmLink(
              ctx,
              lang,
              await confirmTokenFor(db, subscriber.id, Number(subscriber.message_sequence), at),
            ),
            manageUrl,
          });
    return { kind: 'email', ...mail };
  },

  // eslint-disable-next-line require-yield -- one recipient, written with the request
  async *audience() {
    return;
  },
};
