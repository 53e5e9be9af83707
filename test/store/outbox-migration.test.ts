import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import type { NoticeSnapshot } from '../../src/core/notice/notice.js';
import { FanOutWorker } from '../../src/jobs/fanout.worker.js';
import { OutboxDispatcher } from '../../src/jobs/outbox.dispatcher.js';
import { contextFor } from '../../src/runtime.js';
import type { AppContext } from '../../src/services/context.js';
import { requestFanOut } from '../../src/services/outbox/fanout.js';
import type { Db } from '../../src/store/db.js';
import { ENGINES } from '../support/engines.js';
import { openAtMigration, type DbAtMigration } from '../support/migration-db.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';

/*
 * Migration 0009 on a database populated the way the notice-shaped outbox left it: subscribers in
 * every state, two published revisions, deliveries sent, waiting, dead and erased. After it, every
 * delivery is still there under its source, every subscriber has an e-mail contact verified as
 * their subscription was, and nobody is sent again what they already had.
 */

const AT = '2026-10-20T06:00:00.000Z';
const NOTICE = '11111111-1111-4111-8111-111111111111';
const square: NoticeSnapshot['areas'][number]['geometry'] = {
  type: 'Polygon',
  coordinates: [
    [
      [71.41, 51.085],
      [71.42, 51.085],
      [71.42, 51.095],
      [71.41, 51.095],
      [71.41, 51.085],
    ],
  ],
};
// As stored then: an area carried one name (and a road) for every language.
const snapshot: Omit<NoticeSnapshot, 'areas'> & { areas: Record<string, unknown>[] } = {
  id: NOTICE,
  slug: 'expo-drill',
  exerciseId: null,
  city: 'Astana',
  timeZone: 'Asia/Almaty',
  startsAt: '2026-11-03T04:00:00.000Z',
  endsAt: '2026-11-03T09:00:00.000Z',
  texts: {
    ru: {
      title: 'Учения у EXPO',
      summary: 'Учения.',
      seeAndHear: 'Сирены.',
      doList: [],
      dontList: [],
      contacts: '112',
    },
  },
  areas: [
    {
      id: 'a1',
      kind: 'area',
      name: 'EXPO',
      road: null,
      geometry: square,
      startsAt: null,
      endsAt: null,
      zoneId: null,
    },
  ],
};

const SUBSCRIBERS = [
  // id, e-mail, status, confirmed
  ['s-active-1', 'one@example.org', 'active', AT],
  ['s-active-2', 'two@example.org', 'active', AT],
  ['s-pending', 'pending@example.org', 'pending', null],
  ['s-gone', 'gone@example.org', 'unsubscribed', AT],
] as const;

// id, revision, subscriber, status, address, sent_at
const DELIVERIES = [
  ['d1', 1, 's-active-1', 'sent', 'one@example.org', AT],
  ['d2', 1, 's-active-2', 'sent', 'two@example.org', AT],
  ['d3', 1, 's-gone', 'sent', 'gone@example.org', AT],
  ['d4', 1, null, 'sent', null, AT],
  ['d5', 2, 's-active-1', 'sent', 'one@example.org', AT],
  ['d6', 2, 's-active-2', 'pending', 'two@example.org', null],
  ['d7', 2, 's-gone', 'dead', 'gone@example.org', null],
] as const;

async function populate(db: Db): Promise<void> {
  const k = db.kysely;
  for (const [id, email, status, confirmed] of SUBSCRIBERS) {
    await sql`insert into subscribers (id, email, name, language, channels, status, manage_token_hash,
        created_at, confirmed_at, updated_at)
      values (${id}, ${email}, null, 'ru', '["email"]', ${status}, ${`h-${id}`}, ${AT}, ${confirmed}, ${AT})`.execute(
      k,
    );
    await sql`insert into subscription_places (id, subscriber_id, kind, label, lon, lat, radius_m)
      values (${`p-${id}`}, ${id}, 'point', 'EXPO', 71.415, 51.09, 1000)`.execute(k);
  }
  await sql`insert into notices (id, exercise_id, slug, status, city, time_zone, starts_at, ends_at, texts,
      areas, revision, version, created_by, submitted_by, submitted_at, created_at, updated_at)
    values (${NOTICE}, null, 'expo-drill', 'published', 'Astana', 'Asia/Almaty', ${snapshot.startsAt},
      ${snapshot.endsAt}, '{}', '[]', 2, 1, null, null, null, ${AT}, ${AT})`.execute(k);
  for (const [revision, kind] of [
    [1, 'Alert'],
    [2, 'Update'],
  ] as const)
    await sql`insert into notice_revisions (notice_id, revision, kind, snapshot, note, cap_identifier, cap_xml,
        drafted_by, published_by, published_at)
      values (${NOTICE}, ${revision}, ${kind}, ${JSON.stringify(snapshot)}, null, ${`urn:m:${revision}`},
        '<alert/>', 'a', 'b', ${AT})`.execute(k);
  for (const [id, revision, subscriber, status, address, sentAt] of DELIVERIES)
    await sql`insert into deliveries (id, notice_id, revision, subscriber_id, channel, address, language,
        status, attempts, next_attempt_at, created_at, sent_at, last_error)
      values (${id}, ${NOTICE}, ${revision}, ${subscriber}, 'email', ${address}, 'ru', ${status},
        ${status === 'pending' ? 0 : 1}, ${AT}, ${AT}, ${sentAt}, ${status === 'dead' ? '550 refused' : null})`.execute(
      k,
    );
}

describe.each(ENGINES)('migration 0009 (the general outbox) on a populated %s database', (engine) => {
  let migration: DbAtMigration;
  let ctx: AppContext;
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    migration = await openAtMigration(engine, '0008-active-subscribers-index');
    await populate(migration.db);
    await migration.toLatest();
    const config = loadConfig({
      DABYL_DATA_DIR: migration.dataDir,
      DABYL_LOG_LEVEL: 'silent',
      DABYL_SMTP_URL: smtp.url,
    });
    ctx = contextFor(migration.db, config, { now: () => new Date('2026-10-21T06:00:00.000Z') });
  });
  afterAll(async () => {
    await ctx.channels.close();
    await migration.drop();
    await smtp.close();
  });

  it('keeps every delivery, under its notice revision, with its state, times and address', async () => {
    const rows = await ctx.db.kysely.selectFrom('deliveries').selectAll().orderBy('id').execute();
    expect(
      rows.map((r) => [r.id, r.sequence, r.recipient_id, r.status, r.address, r.acknowledged_at]),
    ).toEqual(
      DELIVERIES.map(([id, rev, sub, status, address, sentAt]) => [id, rev, sub, status, address, sentAt]),
    );
    for (const r of rows)
      expect(r).toMatchObject({
        source_kind: 'notice',
        source_id: NOTICE,
        recipient_kind: 'subscriber',
        mode: 'actual',
        exercise_id: null,
        channel: 'email',
      });
    expect(rows.find((r) => r.id === 'd7')!.last_error).toBe('550 refused');
  });

  it('gives every subscriber an e-mail contact, verified only where the subscription was confirmed', async () => {
    const contacts = await ctx.db.kysely
      .selectFrom('contacts')
      .select(['subscriber_id', 'channel', 'address', 'verified_at'])
      .orderBy('subscriber_id')
      .execute();
    expect(contacts).toEqual(
      [...SUBSCRIBERS]
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([id, email, , confirmed]) => ({
          subscriber_id: id,
          channel: 'email',
          address: email,
          verified_at: confirmed,
        })),
    );
  });

  it('marks every published revision as fanned out, so no worker expands it again', async () => {
    const fanouts = await ctx.db.kysely
      .selectFrom('fanouts')
      .select(['sequence', 'status', 'written'])
      .orderBy('sequence')
      .execute();
    expect(fanouts.map((f) => [f.sequence, f.status, Number(f.written)])).toEqual([
      [1, 'done', 4],
      [2, 'done', 3],
    ]);
    expect(await new FanOutWorker(ctx).drain()).toBe(0);
    await ctx.db.kysely
      .transaction()
      .execute((trx) =>
        requestFanOut(ctx, trx, { sourceKind: 'notice', sourceId: NOTICE, sequence: 2, mode: 'actual' }),
      );
    expect(await new FanOutWorker(ctx).drain()).toBe(0);
  });

  it('sends only what was still waiting, and a later update once to each active earlier recipient', async () => {
    const dispatcher = new OutboxDispatcher(ctx);
    expect(await dispatcher.drain()).toBe(1);
    await smtp.waitFor(1);
    expect(smtp.mails.map((m) => (m.to && 'value' in m.to ? m.to.value[0]?.address : null))).toEqual([
      'two@example.org',
    ]);
    await ctx.db.kysely.transaction().execute(async (trx) => {
      await sql`insert into notice_revisions (notice_id, revision, kind, snapshot, note, cap_identifier,
          cap_xml, drafted_by, published_by, published_at)
        values (${NOTICE}, 3, 'Update', ${JSON.stringify(snapshot)}, null, 'urn:m:3', '<alert/>', 'a', 'b', ${AT})`.execute(
        trx,
      );
      await requestFanOut(ctx, trx, { sourceKind: 'notice', sourceId: NOTICE, sequence: 3, mode: 'actual' });
    });
    expect(await new FanOutWorker(ctx).drain()).toBe(1);
    expect(await dispatcher.drain()).toBe(2);
    const mails = await smtp.waitFor(3);
    const to = mails.slice(1).map((m) => (m.to && 'value' in m.to ? m.to.value[0]?.address : null));
    expect(to.sort()).toEqual(['one@example.org', 'two@example.org']);
  });
});
