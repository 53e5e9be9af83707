import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import { NOTICE_LANGUAGES, type NoticeLanguage } from '../../core/notice/notice.js';
import {
  checkPlaceCircle,
  findPlace,
  MAX_PLACE_RADIUS_M,
  MIN_PLACE_RADIUS_M,
} from '../../core/notice/places.js';
import { AppError, badField, refusedAs } from '../../errors.js';
import { deliveryRepository } from '../../store/delivery.repository.js';
import type { SubscriberRow, SubscriptionPlaceTable } from '../../store/public-tables.js';
import { subscriberRepository } from '../../store/subscriber.repository.js';
import { appendAudit } from '../audit.service.js';
import type { AppContext, Q } from '../context.js';
import { CORRECTION_PRIORITY } from '../outbox/fanout.js';
import { outboxWritten } from '../outbox/wake.js';
import { SUBSCRIPTION_SOURCE } from './subscription.source.js';
import { confirmTokenFor, hashToken, looksLikeToken, manageTokenFor } from './tokens.js';

/** A place as a resident picks it: a named city or district, or a point with a radius. */
export type PlaceInput = { placeId: string } | { lon: number; lat: number; radiusM: number; label?: string };

export interface SubscribeInput {
  email: string;
  name?: string | null;
  language: string;
  places: PlaceInput[];
  channels?: string[];
}

export const CONFIRM_HOURS = 48;
const MAX_PLACES = 10;
export const SUBSCRIPTION_CHANNELS = ['email'] as const;

const actorFor = (s: Pick<SubscriberRow, 'id'>) => ({ userId: null, name: `subscriber ${s.id.slice(0, 8)}` });

function cleanEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (/[\r\n]/.test(raw)) throw badField('email', 'no_line_break');
  if (email.length > 254 || !/^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/.test(email))
    throw badField('email', 'not_email');
  return email;
}

function cleanName(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  // A line break in a name would start a header of its own in the e-mail's To: line.
  if (/[\r\n]/.test(raw)) throw badField('name', 'no_line_break');
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(raw)) throw badField('name', 'no_control_characters');
  const name = raw.normalize('NFC').trim();
  if (name.length > 100) throw badField('name', 'max_length', { max: 100 });
  return name || null;
}

function cleanLanguage(raw: string): NoticeLanguage {
  if (!(NOTICE_LANGUAGES as readonly string[]).includes(raw))
    throw badField('language', 'one_of', { allowed: NOTICE_LANGUAGES.join(', ') });
  return raw as NoticeLanguage;
}

function resolvePlaces(
  places: PlaceInput[],
  subscriberId: string,
  lang: NoticeLanguage,
): Insertable<SubscriptionPlaceTable>[] {
  if (places.length === 0) throw badField('places', 'choose_a_place');
  if (places.length > MAX_PLACES) throw badField('places', 'max_items', { max: MAX_PLACES });
  return places.map((p, i) => {
    if ('placeId' in p) {
      const named = findPlace(p.placeId);
      if (!named) throw badField(`places/${i}/placeId`, 'not_known_place', { place: p.placeId });
      return {
        id: randomUUID(),
        subscriber_id: subscriberId,
        kind: named.kind,
        label: named.names[lang],
        lon: named.lon,
        lat: named.lat,
        radius_m: named.radiusM,
      };
    }
    const problem = checkPlaceCircle(p.lon, p.lat, p.radiusM);
    if (problem) {
      const field = `places/${i}/${problem.field}`;
      if (problem.field === 'radiusM')
        throw refusedAs(field, problem.problem, 'radius_range', {
          min: MIN_PLACE_RADIUS_M,
          max: MAX_PLACE_RADIUS_M / 1000,
        });
      const [min, max] = problem.field === 'lat' ? [-90, 90] : [-180, 180];
      throw refusedAs(field, problem.problem, 'between', { min, max });
    }
    const label = cleanName(p.label ?? null) ?? `${p.lat.toFixed(4)}, ${p.lon.toFixed(4)}`;
    return {
      id: randomUUID(),
      subscriber_id: subscriberId,
      kind: 'point',
      label: `${label} (${Math.round(p.radiusM)} m)`,
      lon: p.lon,
      lat: p.lat,
      radius_m: p.radiusM,
    };
  });
}

/**
 * Asks to subscribe an address: it stays pending until the link in the confirmation e-mail is
 * followed (double opt-in). The answer is the same whether the address was new, pending or active
 * — only its owner's mailbox learns which — so the form cannot be used to find out who subscribes.
 */
export async function subscribe(ctx: AppContext, input: SubscribeInput): Promise<void> {
  const email = cleanEmail(input.email);
  const name = cleanName(input.name);
  const language = cleanLanguage(input.language);
  const channels = input.channels ?? ['email'];
  for (const [i, c] of channels.entries())
    if (!(SUBSCRIPTION_CHANNELS as readonly string[]).includes(c))
      throw badField(`channels/${i}`, 'not_subscription_channel', {
        channel: c,
        allowed: SUBSCRIPTION_CHANNELS.join(', '),
      });
  const now = ctx.clock.now();
  const at = now.toISOString();
  const expires = new Date(now.getTime() + CONFIRM_HOURS * 3_600_000).toISOString();
  if (!ctx.channels.byName.get('email')?.configured)
    throw new AppError(
      'email_not_configured',
      503,
      'E-mail is not set up on this server yet, so no confirmation can be sent. Please try again later.',
    );

  await ctx.db.kysely.transaction().execute(async (trx) => {
    const existing = await subscriberRepository.byEmail(trx, email);
    if (existing?.status === 'active') {
      // Only the address's owner learns it is already subscribed, from the e-mail.
      await queueSubscriptionMail(ctx, trx, existing.id, email, existing.language, at);
      return;
    }
    const id = existing?.id ?? randomUUID();
    const places = resolvePlaces(input.places, id, language);
    const fields = {
      name,
      language,
      channels: JSON.stringify([...new Set(channels)]),
      status: 'pending',
      confirm_expires_at: expires,
      updated_at: at,
    };
    if (existing) {
      await subscriberRepository.update(trx, id, existing.status, fields);
      await subscriberRepository.replacePlaces(trx, id, places);
      await subscriberRepository.setContact(trx, id, 'email', email, at);
    } else {
      const manage = await manageTokenFor(trx, id, at);
      await subscriberRepository.insert(trx, {
        id,
        email,
        ...fields,
        manage_token_hash: hashToken(manage),
        created_at: at,
        confirmed_at: null,
      });
      await subscriberRepository.insertPlaces(trx, places);
      await subscriberRepository.setContact(trx, id, 'email', email, at);
    }
    const sequence = await queueSubscriptionMail(ctx, trx, id, email, language, at);
    await subscriberRepository.update(trx, id, 'pending', {
      confirm_token_hash: hashToken(await confirmTokenFor(trx, id, sequence, at)),
    });
  });
  await outboxWritten(ctx.db);
}

/**
 * Puts the next message about a subscription (the confirmation, or "you are already subscribed")
 * in the outbox, in the caller's transaction; the subscription source renders it when it is sent.
 */
async function queueSubscriptionMail(
  ctx: AppContext,
  trx: Q,
  subscriberId: string,
  address: string,
  language: string,
  at: string,
): Promise<number> {
  const sequence = await subscriberRepository.nextMessage(trx, subscriberId);
  await deliveryRepository.insertMany(trx, ctx.db.engine, [
    {
      id: randomUUID(),
      source_kind: SUBSCRIPTION_SOURCE,
      source_id: subscriberId,
      sequence,
      recipient_kind: 'subscriber',
      recipient_id: subscriberId,
      channel: 'email',
      address,
      language,
      mode: 'actual',
      exercise_id: null,
      // Someone is waiting at the form for this e-mail.
      priority: CORRECTION_PRIORITY,
      status: 'pending',
      next_attempt_at: at,
      created_at: at,
    },
  ]);
  return sequence;
}

const unknownLink = (field: string) =>
  new AppError(
    'token_unknown',
    404,
    'This link is not valid: it may be cut short or mistyped. Copy the whole link from the e-mail, or subscribe again.',
    field,
  );

/** The pending subscription a confirmation token would confirm, without changing anything. */
export async function checkConfirmToken(ctx: AppContext, token: string): Promise<SubscriberRow> {
  const found = looksLikeToken(token)
    ? await subscriberRepository.byConfirmHash(ctx.db.kysely, hashToken(token))
    : undefined;
  if (!found) throw unknownLink('token');
  if (found.status === 'active')
    throw new AppError(
      'token_used',
      409,
      'This subscription is already confirmed: the link has been used.',
      'token',
    );
  if (found.status !== 'pending') throw unknownLink('token');
  if (!found.confirm_expires_at || found.confirm_expires_at < ctx.clock.now().toISOString())
    throw new AppError(
      'token_expired',
      410,
      `This confirmation link has expired (links work for ${CONFIRM_HOURS} hours). Subscribe again to get a new one.`,
      'token',
    );
  return found;
}

/** Follows a confirmation link: the subscription becomes active. Returns the subscriber's language. */
export async function confirmSubscription(ctx: AppContext, token: string): Promise<{ language: string }> {
  const found = await checkConfirmToken(ctx, token);
  const at = ctx.clock.now().toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    // The hash stays so that a second click can be told "already confirmed" rather than "unknown".
    const won = await subscriberRepository.update(trx, found.id, 'pending', {
      status: 'active',
      confirmed_at: at,
      confirm_expires_at: null,
      updated_at: at,
    });
    if (!won)
      throw new AppError(
        'token_used',
        409,
        'This subscription is already confirmed: the link has been used.',
        'token',
      );
    // Following the e-mailed link is what proves the e-mail address.
    await subscriberRepository.verifyContact(trx, found.id, 'email', at);
    await appendAudit(ctx, trx, actorFor(found), {
      action: 'subscriber.confirmed',
      subjectType: 'subscriber',
      subjectId: found.id,
    });
  });
  return { language: found.language };
}

async function byManageToken(ctx: AppContext, token: string): Promise<SubscriberRow> {
  const found = looksLikeToken(token)
    ? await subscriberRepository.byManageHash(ctx.db.kysely, hashToken(token))
    : undefined;
  if (!found) throw unknownLink('token');
  return found;
}

/** The subscriber a manage token names, for pages that ask before they act; changes nothing. */
export async function subscriberLanguage(
  ctx: AppContext,
  token: string,
): Promise<{ language: string; status: string }> {
  const s = await byManageToken(ctx, token);
  return { language: s.language, status: s.status };
}

/**
 * One-click unsubscribe (RFC 8058). Repeating it is fine: mail clients may POST more than once.
 * Deliveries not yet sent to the address are not sent.
 */
export async function unsubscribe(ctx: AppContext, token: string): Promise<{ language: string }> {
  const found = await byManageToken(ctx, token);
  if (found.status === 'unsubscribed') return { language: found.language };
  const at = ctx.clock.now().toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (
      !(await subscriberRepository.update(trx, found.id, found.status, {
        status: 'unsubscribed',
        updated_at: at,
      }))
    )
      return;
    await deliveryRepository.dropPendingOf(trx, found.id, at);
    await appendAudit(ctx, trx, actorFor(found), {
      action: 'subscriber.unsubscribed',
      subjectType: 'subscriber',
      subjectId: found.id,
    });
  });
  return { language: found.language };
}

/** Everything stored about a subscriber, as their own page shows it. */
export interface SubscriberData {
  /** Null for a subscription on a device only (web push). */
  email: string | null;
  name: string | null;
  language: string;
  status: string;
  channels: string[];
  places: { kind: string; label: string; lon: number; lat: number; radiusM: number }[];
  createdAt: string;
  confirmedAt: string | null;
  updatedAt: string;
  deliveries: {
    noticeSlug: string;
    revision: number;
    channel: string;
    status: string;
    sentAt: string | null;
    createdAt: string;
  }[];
}

export async function subscriberData(ctx: AppContext, token: string): Promise<SubscriberData> {
  const s = await byManageToken(ctx, token);
  const db = ctx.db.kysely;
  const [places, deliveries] = await Promise.all([
    subscriberRepository.placesOf(db, s.id),
    deliveryRepository.sentTo(db, s.id),
  ]);
  return {
    email: s.email,
    name: s.name,
    language: s.language,
    status: s.status,
    channels: JSON.parse(s.channels) as string[],
    places: places.map((p) => ({
      kind: p.kind,
      label: p.label,
      lon: p.lon,
      lat: p.lat,
      radiusM: p.radius_m,
    })),
    createdAt: s.created_at,
    confirmedAt: s.confirmed_at,
    updatedAt: s.updated_at,
    deliveries: deliveries.map((d) => ({
      noticeSlug: d.slug,
      revision: d.revision,
      channel: d.channel,
      status: d.status,
      sentAt: d.sent_at,
      createdAt: d.created_at,
    })),
  };
}

/**
 * Erases a subscriber: the subscriber and their places are deleted, deliveries still to be sent
 * go, and those sent lose the address. The audit entry records that an erasure happened, never
 * the address.
 */
export async function eraseSubscriber(ctx: AppContext, token: string): Promise<{ language: string }> {
  const s = await byManageToken(ctx, token);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await deliveryRepository.forget(trx, s.id);
    await subscriberRepository.remove(trx, s.id);
    await appendAudit(ctx, trx, actorFor(s), {
      action: 'subscriber.erased',
      subjectType: 'subscriber',
      subjectId: s.id,
    });
  });
  return { language: s.language };
}

/** Counts for the console: never an address. */
export async function subscriberStats(ctx: AppContext) {
  const db = ctx.db.kysely;
  const [byStatus, byKind] = await Promise.all([
    subscriberRepository.countsByStatus(db),
    subscriberRepository.countPlacesByKind(db),
  ]);
  const count = (rows: { n: string | number }[], pick: (r: never) => boolean) =>
    rows.filter(pick as (r: unknown) => boolean).reduce((n, r) => n + Number(r.n), 0);
  return {
    pending: count(byStatus, (r: { status: string }) => r.status === 'pending'),
    active: count(byStatus, (r: { status: string }) => r.status === 'active'),
    unsubscribed: count(byStatus, (r: { status: string }) => r.status === 'unsubscribed'),
    placesByKind: Object.fromEntries(byKind.map((r) => [r.kind, Number(r.n)])),
  };
}
