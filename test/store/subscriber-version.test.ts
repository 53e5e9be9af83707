import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { circlePolygon } from '../../src/core/alert/area.js';
import { placeIndex, type PlaceIndex } from '../../src/services/subscriptions/place-index.js';
import type { Db } from '../../src/store/db.js';
import { subscriberRepository as subscribers } from '../../src/store/subscriber.repository.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';

/*
 * The subscribers' version is a counter the database keeps (migration 0043): it moves with every
 * change that can alter whom a message reaches, whichever code makes it, in the same transaction;
 * it stays put while the subscribers are only read; and on PostgreSQL concurrent writers wait for
 * each other on it instead of failing.
 */

const AT = '2026-11-03T05:00:00.000Z';

describe.each(ENGINES)('the subscribers’ version on %s', (engine) => {
  let db: Db;
  let drop: () => Promise<void>;
  const version = () => subscribers.activeVersion(db.kysely);

  async function newSubscriber(q = db.kysely, status = 'active'): Promise<string> {
    const id = randomUUID();
    await subscribers.insert(q, {
      id,
      email: `${id}@example.org`,
      name: null,
      language: 'kk',
      channels: '["email"]',
      status,
      confirm_token_hash: null,
      confirm_expires_at: null,
      manage_token_hash: `hash-${id}`,
      created_at: AT,
      confirmed_at: AT,
      updated_at: AT,
    });
    return id;
  }

  const place = (subscriberId: string, n = 1) => ({
    id: `${subscriberId}:${n}`,
    subscriber_id: subscriberId,
    kind: 'point',
    label: 'Астана',
    lon: 71.43,
    lat: 51.13,
    radius_m: 500,
  });

  /** Runs `change` and says whether both versions moved (they must move together or not at all). */
  async function moves(change: () => Promise<unknown>): Promise<boolean> {
    const before = [await version(), await subscribers.everyVersion(db.kysely)];
    await change();
    const after = [await version(), await subscribers.everyVersion(db.kysely)];
    expect(after[0] !== before[0]).toBe(after[1] !== before[1]);
    return after[0] !== before[0];
  }

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    db = rt.ctx.db;
    drop = rt.drop;
  });
  afterAll(() => drop());

  it('moves with a new subscriber, a status change and an erasure', async () => {
    let id = '';
    expect(await moves(async () => (id = await newSubscriber(db.kysely, 'pending')))).toBe(true);
    expect(await moves(() => subscribers.update(db.kysely, id, 'pending', { status: 'active' }))).toBe(true);
    expect(
      await moves(() =>
        subscribers.update(db.kysely, id, 'active', { status: 'unsubscribed', updated_at: AT }),
      ),
    ).toBe(true);
    await subscribers.insertPlaces(db.kysely, [place(id)]);
    await subscribers.setContact(db.kysely, id, 'email', `${id}@example.org`, AT);
    expect(await moves(() => subscribers.remove(db.kysely, id))).toBe(true);
    expect(await subscribers.placesOf(db.kysely, id)).toEqual([]);
  });

  it('moves when a place is added, replaced or removed', async () => {
    const id = await newSubscriber();
    expect(await moves(() => subscribers.insertPlaces(db.kysely, [place(id, 1)]))).toBe(true);
    expect(await moves(() => subscribers.replacePlaces(db.kysely, id, [place(id, 2)]))).toBe(true);
    expect(
      await moves(() => db.kysely.deleteFrom('subscription_places').where('id', '=', `${id}:2`).execute()),
    ).toBe(true);
  });

  it('moves when a contact is added, changed, verified or removed', async () => {
    const id = await newSubscriber();
    expect(await moves(() => subscribers.setContact(db.kysely, id, 'email', 'a@example.org', AT))).toBe(true);
    expect(await moves(() => subscribers.verifyContact(db.kysely, id, 'email', AT))).toBe(true);
    expect(await moves(() => subscribers.setContact(db.kysely, id, 'email', 'b@example.org', AT))).toBe(true);
    expect(await moves(() => subscribers.removeContact(db.kysely, id, 'email', 'b@example.org'))).toBe(true);
  });

  it('stays put while the subscribers, their places and contacts are only read', async () => {
    const id = await newSubscriber();
    await subscribers.insertPlaces(db.kysely, [place(id)]);
    await subscribers.setContact(db.kysely, id, 'email', `${id}@example.org`, AT);
    await subscribers.verifyContact(db.kysely, id, 'email', AT);
    expect(
      await moves(async () => {
        await subscribers.activePlaces(db.kysely);
        await subscribers.byId(db.kysely, id);
        await subscribers.placesOf(db.kysely, id);
        await subscribers.contactsOf(db.kysely, id);
        await subscribers.countsByStatus(db.kysely);
        await db.kysely.transaction().execute((trx) => placeIndex(db, trx));
      }),
    ).toBe(false);
  });

  it('is seen moved inside the transaction that changed it, and not outside until it commits', async () => {
    const before = await version();
    let inside = '';
    let outside = '';
    await db.kysely.transaction().execute(async (trx) => {
      await newSubscriber(trx);
      inside = await subscribers.activeVersion(trx);
      // SQLite has one writer, whose uncommitted change a second reader would wait for; PostgreSQL's
      // other connections read the committed version meanwhile.
      if (engine === 'postgres') outside = await version();
    });
    expect(inside).not.toBe(before);
    if (engine === 'postgres') expect(outside).toBe(before);
    expect(await version()).toBe(inside);
  });

  it('is back where it was when the change is rolled back', async () => {
    const before = await version();
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await newSubscriber(trx);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await version()).toBe(before);
  });

  it('keeps the place index while nothing changed and reads a change in the transaction that made it', async () => {
    const id = await newSubscriber();
    await subscribers.setContact(db.kysely, id, 'email', `${id}@example.org`, AT);
    await subscribers.verifyContact(db.kysely, id, 'email', AT);
    const first = await placeIndex(db);
    expect(await placeIndex(db)).toBe(first);
    const owned = (index: PlaceIndex) =>
      [...index.matchEach([circlePolygon(71.43, 51.13, 1000)])].flat().filter((i) => index.owner(i).id === id)
        .length;
    expect(owned(first)).toBe(0);
    // Added and read in one transaction: the fan-out that made the change sees it.
    const after = await db.kysely.transaction().execute(async (trx) => {
      await subscribers.insertPlaces(trx, [place(id)]);
      return placeIndex(db, trx);
    });
    expect(after).not.toBe(first);
    expect(owned(after)).toBe(1);
    expect(owned(await placeIndex(db))).toBe(1);
  });

  it.runIf(engine === 'postgres')('lets two sign-ups at once both commit, one after the other', async () => {
    const before = Number(await version());
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let firstWrote!: () => void;
    const wrote = new Promise<void>((resolve) => (firstWrote = resolve));
    const ids: string[] = [];
    const first = db.kysely.transaction().execute(async (trx) => {
      const id = await newSubscriber(trx);
      ids.push(id);
      await subscribers.insertPlaces(trx, [place(id)]);
      firstWrote();
      await held;
      await subscribers.setContact(trx, id, 'email', `${id}@example.org`, AT);
    });
    await wrote;
    let secondDone = false;
    const second = db.kysely
      .transaction()
      .execute(async (trx) => {
        const id = await newSubscriber(trx);
        ids.push(id);
        await subscribers.insertPlaces(trx, [place(id)]);
        await subscribers.setContact(trx, id, 'email', `${id}@example.org`, AT);
      })
      .then(() => (secondDone = true));
    // The second waits on the counter the first holds until it commits.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(secondDone).toBe(false);
    release();
    await Promise.all([first, second]);
    for (const id of ids) expect(await subscribers.contactsOf(db.kysely, id)).toHaveLength(1);
    expect(Number(await version())).toBeGreaterThan(before);
  });

  it.runIf(engine === 'postgres')(
    'never deadlocks two writers that touch the same rows in opposite orders',
    async () => {
      const a = await newSubscriber();
      const b = await newSubscriber();
      await subscribers.setContact(db.kysely, b, 'email', 'b@example.org', AT);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let firstWrote!: () => void;
      const wrote = new Promise<void>((resolve) => (firstWrote = resolve));
      // The first changes A, then B's contact; the second B's contact, then A. Had the second
      // locked B's contact before waiting for the counter, each would wait for the other.
      const first = db.kysely.transaction().execute(async (trx) => {
        await subscribers.update(trx, a, 'active', { language: 'ru', updated_at: AT });
        firstWrote();
        await held;
        await subscribers.verifyContact(trx, b, 'email', AT);
      });
      await wrote;
      const second = db.kysely.transaction().execute(async (trx) => {
        await subscribers.verifyContact(trx, b, 'email', AT);
        await subscribers.update(trx, a, 'active', { language: 'en', updated_at: AT });
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      release();
      await expect(Promise.all([first, second])).resolves.toBeDefined();
      expect((await subscribers.byId(db.kysely, a))?.language).toBe('en');
    },
  );
});
