import { randomUUID } from 'node:crypto';
import { findPlace } from '../../core/notice/places.js';
import { subscriberRepository } from '../../store/subscriber.repository.js';
import type { AppContext } from '../context.js';
import { hashToken, manageTokenFor } from '../subscriptions/tokens.js';

/**
 * A few residents who have subscribed and confirmed, so the demo's notices have somebody to reach
 * and the console's deliveries screen has something to show. Addresses are example.org: no mail
 * to them reaches anyone.
 */
const DEMO_SUBSCRIBERS = [
  { email: 'aigerim.demo@example.org', name: 'Айгерім', language: 'kk', places: ['astana-yesil'] },
  { email: 'sergey.demo@example.org', name: 'Сергей', language: 'ru', places: ['astana'] },
  { email: 'dana.demo@example.org', name: 'Dana', language: 'en', places: ['astana-nura', 'almaty'] },
  { email: 'marat.demo@example.org', name: 'Марат', language: 'ru', places: ['karaganda'] },
  { email: 'zhanna.demo@example.org', name: 'Жанна', language: 'kk', places: ['pavlodar'] },
] as const;

/** Adds the demo subscribers missing (looked up by address); returns how many were added. */
export async function loadDemoSubscribers(ctx: AppContext): Promise<number> {
  const at = ctx.clock.now().toISOString();
  let added = 0;
  await ctx.db.kysely.transaction().execute(async (trx) => {
    for (const s of DEMO_SUBSCRIBERS) {
      if (await subscriberRepository.byEmail(trx, s.email)) continue;
      const id = randomUUID();
      await subscriberRepository.insert(trx, {
        id,
        email: s.email,
        name: s.name,
        language: s.language,
        channels: '["email"]',
        status: 'active',
        confirm_token_hash: null,
        confirm_expires_at: null,
        manage_token_hash: hashToken(await manageTokenFor(trx, id, at)),
        created_at: at,
        confirmed_at: at,
        updated_at: at,
      });
      await subscriberRepository.insertPlaces(
        trx,
        s.places.map((placeId) => {
          const place = findPlace(placeId)!;
          return {
            id: randomUUID(),
            subscriber_id: id,
            kind: place.kind,
            label: place.names[s.language],
            lon: place.lon,
            lat: place.lat,
            radius_m: place.radiusM,
          };
        }),
      );
      // Demo residents have confirmed: their e-mail contact is verified.
      await subscriberRepository.setContact(trx, id, 'email', s.email, at);
      await subscriberRepository.verifyContact(trx, id, 'email', at);
      added++;
    }
  });
  return added;
}
