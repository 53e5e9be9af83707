import { PlaceMatcher } from '../../core/notice/match.js';
import type { Db } from '../../store/db.js';
import { subscriberRepository } from '../../store/subscriber.repository.js';
import type { Q } from '../context.js';

/** The active subscribers' places, indexed, and which subscriber each place belongs to. */
export interface PlaceIndex {
  version: string;
  matcher: PlaceMatcher;
  /** Per place, its subscriber and what a delivery to them needs. */
  owners: { id: string; email: string; language: string; channels: string }[];
}

const built = new WeakMap<Db, PlaceIndex>();

/**
 * The place index for the database as `trx` sees it, with each place's subscriber's address,
 * language and channels. Building it means reading every active
 * place, so it is kept between publications and rebuilt only when the active subscribers have
 * changed since (the version is read inside the caller's transaction, so a stale index is never
 * used).
 */
export async function placeIndex(db: Db, trx: Q): Promise<PlaceIndex> {
  const version = await subscriberRepository.activeVersion(trx);
  const kept = built.get(db);
  if (kept?.version === version) return kept;
  const places = await subscriberRepository.activePlaces(trx);
  const index: PlaceIndex = {
    version,
    matcher: new PlaceMatcher(places.map((p) => ({ lon: p.lon, lat: p.lat, radiusM: p.radius_m }))),
    owners: places.map((p) => ({
      id: p.subscriber_id,
      email: p.email,
      language: p.language,
      channels: p.channels,
    })),
  };
  built.set(db, index);
  return index;
}
