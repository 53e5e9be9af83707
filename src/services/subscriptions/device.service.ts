import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { readSubscription, subscriptionAddress } from '../../channels/webpush/subscription.js';
import { findPlace } from '../../core/notice/places.js';
import { AppError, badField, refusedAs } from '../../errors.js';
import { deliveryRepository } from '../../store/delivery.repository.js';
import { subscriberRepository } from '../../store/subscriber.repository.js';
import { appendAudit } from '../audit.service.js';
import type { AppContext, Q } from '../context.js';
import { vapidKeys } from '../keys/vapid.js';
import { hashToken } from './tokens.js';
import { randomBytes } from 'node:crypto';
import { NOTICE_LANGUAGES, type NoticeLanguage } from '../../core/notice/notice.js';

/*
 * Alerts on a device: a browser's push subscription is a contact of its own, proven by existing
 * (only the browser holding the subscription's private key can read what is sent to it), so it is
 * active at once, with no e-mail. One device is one subscriber; each area it asks for is one of its
 * places. The endpoint URL is the device's secret handle: knowing it is what lets a page stop it.
 */

export const DEVICE_MAX_PLACES = 10;

export interface DevicePlaces {
  places: { placeId: string | null; label: string }[];
}

const actorFor = (id: string) => ({ userId: null, name: `subscriber ${id.slice(0, 8)}` });

function pushReady(ctx: AppContext): void {
  if (!ctx.channels.byName.get('webpush')?.configured)
    throw new AppError('push_not_configured', 503, 'Alerts on devices are not set up on this server yet.');
}

/** The public key a browser subscribes with (PushManager's applicationServerKey); null until set up. */
export function pushPublicKey(ctx: AppContext): string | null {
  return ctx.channels.byName.get('webpush')?.configured ? vapidKeys(ctx.config).publicKey : null;
}

/** The device subscriber whose contact holds this endpoint. */
async function byEndpoint(db: Q, endpoint: string) {
  const prefix = `{"endpoint":${JSON.stringify(endpoint)},`;
  return db
    .selectFrom('contacts')
    .select(['subscriber_id', 'address'])
    .where('channel', '=', 'webpush')
    .where(sql<string>`substr(address, 1, ${prefix.length})`, '=', prefix)
    .executeTakeFirst();
}

function cleanLanguage(raw: string): NoticeLanguage {
  if (!(NOTICE_LANGUAGES as readonly string[]).includes(raw))
    throw badField('language', 'one_of', { allowed: NOTICE_LANGUAGES.join(', ') });
  return raw as NoticeLanguage;
}

async function placesOf(db: Q, subscriberId: string): Promise<DevicePlaces> {
  const rows = await subscriberRepository.placesOf(db, subscriberId);
  return { places: rows.map((p) => ({ placeId: p.id.split(':')[1] ?? null, label: p.label })) };
}

/**
 * Alerts for an area on this device. A new subscription makes a device subscriber; a known one
 * gains the area (again asking for an area it has changes nothing) and takes the keys the
 * browser gives now.
 */
export async function subscribeDevice(
  ctx: AppContext,
  input: { subscription: unknown; placeId: string; language: string },
): Promise<DevicePlaces> {
  pushReady(ctx);
  const read = readSubscription(input.subscription, ctx.config.webpush.allowHosts);
  if ('problem' in read) throw refusedAs(read.field, read.problem, read.fault.problem, read.fault.params);
  const language = cleanLanguage(input.language);
  const named = findPlace(input.placeId);
  if (!named) throw badField('placeId', 'not_known_place', { place: input.placeId });
  const address = subscriptionAddress(read.subscription);
  const at = ctx.clock.now().toISOString();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const known = await byEndpoint(trx, read.subscription.endpoint);
    const id = known?.subscriber_id ?? randomUUID();
    if (!known) {
      await subscriberRepository.insert(trx, {
        id,
        email: null,
        name: null,
        language,
        channels: JSON.stringify(['webpush']),
        status: 'active',
        confirm_token_hash: null,
        confirm_expires_at: null,
        // Nobody is given this token: the endpoint is the device's handle.
        manage_token_hash: hashToken(randomBytes(32).toString('base64url')),
        created_at: at,
        confirmed_at: at,
        updated_at: at,
      });
      await appendAudit(ctx, trx, actorFor(id), {
        action: 'subscriber.device_subscribed',
        subjectType: 'subscriber',
        subjectId: id,
      });
    } else {
      await trx.updateTable('subscribers').set({ language, updated_at: at }).where('id', '=', id).execute();
    }
    // The subscription is its own proof: verified as it is stored.
    await subscriberRepository.setContact(trx, id, 'webpush', address, at);
    await subscriberRepository.verifyContact(trx, id, 'webpush', at);
    const places = await subscriberRepository.placesOf(trx, id);
    const placeRowId = `${id}:${named.id}`;
    if (!places.some((p) => p.id === placeRowId)) {
      if (places.length >= DEVICE_MAX_PLACES)
        throw badField('placeId', 'device_max_places', { max: DEVICE_MAX_PLACES });
      await subscriberRepository.insertPlaces(trx, [
        {
          id: placeRowId,
          subscriber_id: id,
          kind: named.kind,
          label: named.names[language],
          lon: named.lon,
          lat: named.lat,
          radius_m: named.radiusM,
        },
      ]);
    }
    return placesOf(trx, id);
  });
}

/**
 * Stops alerts for one area on this device, or for all of them when no area is named; a device
 * left with no area is erased (it has nothing else stored). Unknown endpoints answer the same
 * empty list, so the call cannot be used to learn who subscribes.
 */
export async function unsubscribeDevice(
  ctx: AppContext,
  input: { endpoint: string; placeId?: string | undefined },
): Promise<DevicePlaces> {
  if (typeof input.endpoint !== 'string' || !input.endpoint)
    throw badField('endpoint', 'not_subscription_endpoint');
  const at = ctx.clock.now().toISOString();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const known = await byEndpoint(trx, input.endpoint);
    if (!known) return { places: [] };
    const id = known.subscriber_id;
    if (input.placeId)
      await trx.deleteFrom('subscription_places').where('id', '=', `${id}:${input.placeId}`).execute();
    const left = input.placeId ? await subscriberRepository.placesOf(trx, id) : [];
    if (left.length) {
      await trx.updateTable('subscribers').set({ updated_at: at }).where('id', '=', id).execute();
      return placesOf(trx, id);
    }
    await deliveryRepository.forget(trx, id);
    await subscriberRepository.remove(trx, id);
    await appendAudit(ctx, trx, actorFor(id), {
      action: 'subscriber.device_unsubscribed',
      subjectType: 'subscriber',
      subjectId: id,
    });
    return { places: [] };
  });
}

/** The areas this device follows (the public site shows them beside its buttons). */
export async function devicePlaces(ctx: AppContext, endpoint: string): Promise<DevicePlaces> {
  const known = await byEndpoint(ctx.db.kysely, endpoint);
  return known ? placesOf(ctx.db.kysely, known.subscriber_id) : { places: [] };
}
