import { PlaceMatcher } from '../../core/notice/match.js';
import type { Db } from '../../store/db.js';
import { subscriberRepository } from '../../store/subscriber.repository.js';
import type { Q } from '../context.js';

/** The active subscribers' places, indexed, and which subscriber's contact each entry reaches. */
export interface PlaceIndex {
  version: string;
  matcher: PlaceMatcher;
  /** Per entry, the subscriber and the verified contact a delivery goes to. */
  owners: { id: string; channel: string; address: string; language: string }[];
}

const built = new WeakMap<Db, PlaceIndex>();

/**
 * The place index for the database as `trx` sees it: one entry per place and verified contact on a
 * channel the subscriber chose. Building it means reading every active place, so it is kept
 * between publications and rebuilt only when the subscribers, their places or contacts have
 * changed since (the version, a counter the database keeps, is read inside the caller's
 * transaction, so a stale index is never used).
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
      channel: p.channel,
      address: p.address,
      language: p.language,
    })),
  };
  built.set(db, index);
  return index;
}
