import type { AreaGeometry } from '../../core/notice/notice.js';
import { PlaceMatcher } from '../../core/notice/match.js';
import type { Db } from '../../store/db.js';
import { subscriberRepository } from '../../store/subscriber.repository.js';
import type { Q } from '../context.js';

/** Whom an entry of the index reaches: the subscriber and the verified contact a delivery goes to. */
export interface PlaceOwner {
  id: string;
  channel: string;
  address: string;
  language: string;
}

/** The active subscribers' places, indexed, as of one version of the subscribers. */
export interface PlaceIndex {
  readonly version: string;
  /** Positions of the places the geometries touch, each once, in chunks as they are found. */
  matchEach(geometries: readonly AreaGeometry[]): Generator<number[]>;
  owner(position: number): PlaceOwner;
}

type PlaceRow = Awaited<ReturnType<typeof subscriberRepository.activePlaces>>[number];

/** Every place read at one version: rebuilt rarely, since reading a million places takes seconds. */
interface Base {
  matcher: PlaceMatcher;
  owners: PlaceOwner[];
}

/**
 * A base with the subscribers changed since patched over it: their base entries are dead and their
 * current ones live in a small index of its own, numbered after the base's.
 */
export class PatchedIndex implements PlaceIndex {
  private readonly delta: PlaceMatcher;

  constructor(
    readonly version: string,
    readonly base: Base,
    /** Subscribers changed since the base, whose base entries no longer count. */
    readonly changed: ReadonlySet<string>,
    readonly dead: Uint8Array,
    readonly added: readonly PlaceRow[],
  ) {
    this.delta = matcherOf(added);
  }

  *matchEach(geometries: readonly AreaGeometry[]): Generator<number[]> {
    for (const found of this.base.matcher.matchEach(geometries)) {
      const live = found.filter((i) => this.dead[i] !== 1);
      if (live.length) yield live;
    }
    if (!this.added.length) return;
    const n = this.base.owners.length;
    for (const found of this.delta.matchEach(geometries)) yield found.map((i) => n + i);
  }

  owner(position: number): PlaceOwner {
    const n = this.base.owners.length;
    return position < n ? this.base.owners[position]! : ownerOf(this.added[position - n]!);
  }
}

const kept = new WeakMap<Db, PatchedIndex>();
const refreshing = new WeakMap<Db, Promise<Refreshed>>();

/** What bringing the index up to date did, and the subscribers' version it found. */
export interface Refreshed {
  index: PatchedIndex | undefined;
  version: string;
  did: 'nothing' | 'patched' | 'read' | 'left behind';
}

/**
 * The place index for the database as `q` sees it: one entry per place and verified contact on a
 * channel the subscriber chose. Reading every place costs seconds at a million residents, so the
 * index is kept, and brought up to date by reading only the subscribers changed since (the
 * database logs them with the subscribers' version, migration 0046); everything is read afresh
 * only when more changed than patching is worth, or the log does not reach back.
 *
 * Only an index read outside a transaction is kept: a transaction may hold changes of its own
 * that it later rolls back, and its version would then name another state. Outside one, the
 * version is read before the changes and the changes before the places, so an index may hold
 * newer places than its version says, which the next patch reads again, never older ones.
 */
export async function placeIndex(db: Db, q: Q = db.kysely): Promise<PlaceIndex> {
  const { index } =
    q === db.kysely ? await refreshKept(db, () => true) : await current(q, kept.get(db), () => true);
  return index!;
}

/**
 * Brings the kept index up to date between fan-outs: patched when it can be; read afresh only if
 * `mayRead` allows it, given the version found (a caller keeping the index current in the
 * background decides how often it may spend seconds on that).
 */
export async function keepPlaceIndex(db: Db, mayRead: (version: string) => boolean): Promise<Refreshed> {
  return refreshKept(db, mayRead);
}

async function refreshKept(db: Db, mayRead: (version: string) => boolean): Promise<Refreshed> {
  // One at a time per database: several waiting callers must not all read at once when it ends.
  for (let running = refreshing.get(db); running; running = refreshing.get(db))
    await running.catch(() => undefined);
  const refresh = current(db.kysely, kept.get(db), mayRead).then((r) => {
    if (r.index) kept.set(db, r.index);
    return r;
  });
  refreshing.set(db, refresh);
  try {
    return await refresh;
  } finally {
    if (refreshing.get(db) === refresh) refreshing.delete(db);
  }
}

async function current(
  q: Q,
  index: PatchedIndex | undefined,
  mayRead: (version: string) => boolean,
): Promise<Refreshed> {
  const version = await subscriberRepository.activeVersion(q);
  if (index?.version === version) return { index, version, did: 'nothing' };
  // A version that went back (a restored backup) says nothing about what changed since.
  if (index && BigInt(version) > BigInt(index.version)) {
    // Patching costs a read per changed subscriber and a pass over the base; past a tenth of
    // the base, reading everything is as quick and leaves nothing to patch next time.
    const limit = Math.max(1000, Math.floor(index.base.owners.length / 10));
    const changed = await subscriberRepository.changedSince(q, index.version, limit);
    if (changed && index.changed.size + changed.length <= limit)
      return { index: await patch(q, index, version, changed), version, did: 'patched' };
  }
  if (!mayRead(version)) return { index, version, did: 'left behind' };
  const places = await subscriberRepository.activePlaces(q);
  const base: Base = { matcher: matcherOf(places), owners: places.map(ownerOf) };
  return {
    index: new PatchedIndex(version, base, new Set(), new Uint8Array(places.length), []),
    version,
    did: 'read',
  };
}

async function patch(q: Q, index: PatchedIndex, version: string, changed: string[]): Promise<PatchedIndex> {
  const now = new Set(changed);
  const rows = changed.length ? await subscriberRepository.activePlaces(q, changed) : [];
  const dead = Uint8Array.from(index.dead);
  const owners = index.base.owners;
  for (let i = 0; i < owners.length; i++) if (now.has(owners[i]!.id)) dead[i] = 1;
  return new PatchedIndex(version, index.base, new Set([...index.changed, ...now]), dead, [
    ...index.added.filter((r) => !now.has(r.subscriber_id)),
    ...rows,
  ]);
}

function matcherOf(places: readonly PlaceRow[]): PlaceMatcher {
  return new PlaceMatcher(places.map((p) => ({ lon: p.lon, lat: p.lat, radiusM: p.radius_m })));
}

function ownerOf(p: PlaceRow): PlaceOwner {
  return { id: p.subscriber_id, channel: p.channel, address: p.address, language: p.language };
}
