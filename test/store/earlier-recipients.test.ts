import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/services/context.js';
import { deliveryRepository, type NewDelivery } from '../../src/store/delivery.repository.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';

/*
 * The recipients an Update or Cancel goes back to, read a page at a time: every one of them across
 * page boundaries and earlier messages, at their contact's address now, unsubscribed ones only when
 * asked, unverified contacts never.
 */

const AT = '2026-11-03T05:00:00.000Z';
const THREAD = 'thread-earlier-recipients';

describe.each(ENGINES)('earlier recipients read a page at a time on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  const people: { id: string; status: string; email: string }[] = [];

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    ctx = rt.ctx;
    drop = rt.drop;
    const db = ctx.db.kysely;
    for (let k = 0; k < 7; k++) {
      const id = randomUUID();
      const status = k === 5 ? 'unsubscribed' : 'active';
      const email = `r${k}@example.org`;
      people.push({ id, status, email });
      await db
        .insertInto('subscribers')
        .values({
          id,
          email,
          name: null,
          language: k % 2 ? 'kk' : 'ru',
          channels: '["email"]',
          status,
          manage_token_hash: `hash-${k}`,
          created_at: AT,
          confirmed_at: AT,
          updated_at: AT,
        })
        .execute();
      // Resident 6's address changed and is not yet verified: not reached there.
      await db
        .insertInto('contacts')
        .values({
          id: `email-${id}`,
          subscriber_id: id,
          channel: 'email',
          address: k === 3 ? `r${k}.moved@example.org` : email,
          verified_at: k === 6 ? null : AT,
          created_at: AT,
          updated_at: AT,
        })
        .execute();
    }
    const delivery = (sequence: number, p: (typeof people)[number]): NewDelivery => ({
      id: randomUUID(),
      source_kind: 'alert',
      source_id: THREAD,
      sequence,
      recipient_kind: 'subscriber',
      recipient_id: p.id,
      channel: 'email',
      address: p.email,
      language: 'ru',
      mode: 'actual',
      exercise_id: null,
      priority: 0,
      status: 'sent',
      next_attempt_at: AT,
      created_at: AT,
    });
    // Message 1 reached residents 0–5 and 6; message 2 (an Update) 4–6 again.
    await deliveryRepository.insertMany(
      db,
      ctx.db.engine,
      people.map((p) => delivery(1, p)),
    );
    await deliveryRepository.insertMany(
      db,
      ctx.db.engine,
      people.slice(4).map((p) => delivery(2, p)),
    );
  });
  afterAll(async () => drop());

  const read = async (sequence: number, evenUnsubscribed: boolean, pageSize: number) => {
    const pages = [];
    for await (const page of deliveryRepository.earlierRecipients(
      ctx.db.kysely,
      'alert',
      THREAD,
      sequence,
      { evenUnsubscribed },
      pageSize,
    ))
      pages.push(page);
    return pages;
  };

  it('reads every earlier recipient once per earlier message, across pages, at the address now', async () => {
    const pages = await read(3, true, 2);
    expect(pages.every((p) => p.length > 0 && p.length <= 2)).toBe(true);
    const rows = pages.flat();
    const expected = (ks: number[]) => ks.map((k) => people[k]!.id).sort();
    // Message 1's six verified contacts, then message 2's two; resident 6 is unverified.
    expect(
      rows
        .slice(0, 6)
        .map((r) => r.subscriber_id)
        .sort(),
    ).toEqual(expected([0, 1, 2, 3, 4, 5]));
    expect(
      rows
        .slice(6)
        .map((r) => r.subscriber_id)
        .sort(),
    ).toEqual(expected([4, 5]));
    expect(rows.find((r) => r.subscriber_id === people[3]!.id)?.address).toBe('r3.moved@example.org');
  });

  it('leaves out those who unsubscribed unless asked, and reads only messages before the one sent', async () => {
    const rows = (await read(2, false, 2)).flat();
    expect(rows.map((r) => r.subscriber_id).sort()).toEqual([0, 1, 2, 3, 4].map((k) => people[k]!.id).sort());
    expect(await read(1, true, 2)).toEqual([]);
  });
});
