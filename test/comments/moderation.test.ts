/**
 * Moderation through the API on both engines: the queue, approve, reject with a reason, block an
 * address (which also rejects its waiting comments and refuses its next one), every action in the
 * audit log and on the live event stream, and forged moderation requests refused before anything
 * changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit, verifyAudit } from '../../src/services/audit.service.js';
import { approvedComments } from '../../src/services/comments/public-comments.service.js';
import { eventWindow, readEventsAfter } from '../../src/services/events/events.service.js';
import { portalGeneration } from '../../src/services/portal/generation.js';
import { ENGINES } from '../support/engines.js';
import { openCommentHarness, type CommentHarness } from './harness.js';

interface Item {
  id: string;
  name: string;
  email: string;
  emailHash: string;
  body: string;
  status: string;
  reason: string | null;
  noticeTitle: string;
  blocked: boolean;
}

describe.each(ENGINES)('comment moderation on %s', (engine) => {
  let h: CommentHarness;
  let noticeId: string;
  const queue = async (query = 'status=pending') =>
    ((await h.api('pio', 'GET', `/api/v1/comments?${query}`)).json() as { items: Item[] }).items;

  beforeAll(async () => {
    h = await openCommentHarness(engine);
    noticeId = await h.addNotice('moderated-drill');
    const posts = [
      ['Асель', 'asel@example.kz', 'Будет ли перекрыт проспект Кабанбай батыра?', '192.0.2.1', 'ru'],
      ['Spammer', 'spam@example.kz', 'Buy cheap watches', '192.0.2.2', 'en'],
      ['Spammer', 'SPAM@example.kz', 'Buy cheap watches again', '192.0.2.3', 'en'],
      ['Ерлан', 'erlan@example.kz', 'Рахмет, алдын ала хабарлағаныңыз жақсы.', '192.0.2.4', 'kk'],
    ];
    for (const [name, email, body, ip, lang] of posts) {
      const res = await h.post(
        'moderated-drill',
        { name: name!, email: email!, body: body! },
        { ip: ip!, lang: lang! },
      );
      expect(res.statusCode).toBe(303);
    }
  });
  afterAll(() => h?.close());

  it('lists the queue oldest first with the notice title, e-mail for moderators only', async () => {
    const items = await queue();
    expect(items.map((i) => i.name)).toEqual(['Асель', 'Spammer', 'Spammer', 'Ерлан']);
    expect(items[0]).toMatchObject({
      status: 'pending',
      email: 'asel@example.kz',
      noticeTitle: 'Учения moderated-drill',
    });
    expect(items[1]!.noticeTitle).toBe('Drill moderated-drill');
    const counts = (await h.api('pio', 'GET', '/api/v1/comments/counts')).json();
    expect(counts).toEqual({ pending: 4, approved: 0, rejected: 0 });
  });

  const newestEvent = async () => (await readEventsAfter(h.ctx, (await eventWindow(h.ctx)).last - 1))[0];

  it('approves: the comment appears under its notice, the site changes, the audit says who', async () => {
    const [first] = await queue();
    const before = await portalGeneration(h.ctx.db.kysely);
    const res = await h.api('pio', 'POST', `/api/v1/comments/${first!.id}/approve`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', moderatedBy: 'pio.user' });
    expect(await portalGeneration(h.ctx.db.kysely)).toBe(before + 1);
    const shown = await approvedComments(h.ctx, noticeId);
    expect(shown).toEqual([
      { id: first!.id, name: 'Асель', body: first!.body, createdAt: expect.any(String) },
    ]);
    expect(JSON.stringify(shown)).not.toContain('@');
    const again = await h.api('pio', 'POST', `/api/v1/comments/${first!.id}/approve`);
    expect(again.statusCode).toBe(409);
    const [entry] = await listAudit(h.ctx, 1);
    expect(entry).toMatchObject({ action: 'comment.approved', subjectId: first!.id, actorName: 'pio.user' });
    expect(await newestEvent()).toMatchObject({
      type: 'comment.moderated',
      permission: 'comments:moderate',
      subjectId: first!.id,
      payload: { noticeId, status: 'approved' },
    });
  });

  it('rejects with a reason, and refuses a reject without one naming the field', async () => {
    const erlan = (await queue()).find((i) => i.name === 'Ерлан')!;
    const empty = await h.api('pio', 'POST', `/api/v1/comments/${erlan.id}/reject`, { reason: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ field: 'reason' });
    const res = await h.api('admin', 'POST', `/api/v1/comments/${erlan.id}/reject`, { reason: 'Off topic' });
    expect(res.json()).toMatchObject({ status: 'rejected', reason: 'Off topic' });
    const [entry] = await listAudit(h.ctx, 1);
    expect(entry).toMatchObject({
      action: 'comment.rejected',
      subjectId: erlan.id,
      detail: { reason: 'Off topic' },
    });
    expect(JSON.stringify(entry)).not.toContain('erlan@example.kz');
    const event = await newestEvent();
    expect(event).toMatchObject({
      type: 'comment.moderated',
      subjectId: erlan.id,
      payload: { status: 'rejected' },
    });
    expect(JSON.stringify(event)).not.toContain('erlan@example.kz');
  });

  it('blocks an address: its waiting comments are rejected and its next comment refused', async () => {
    const spam = (await queue()).filter((i) => i.name === 'Spammer');
    expect(spam).toHaveLength(2);
    const res = await h.api('pio', 'POST', '/api/v1/blocked-addresses', {
      commentId: spam[0]!.id,
      reason: 'Advertising',
    });
    expect(res.statusCode).toBe(201);
    expect((res.json() as { rejected: string[] }).rejected.sort()).toEqual(spam.map((s) => s.id).sort());
    expect(await queue()).toEqual([]);
    const [entry] = await listAudit(h.ctx, 1);
    expect(entry).toMatchObject({ action: 'comment.address_blocked', subjectId: spam[0]!.id });
    expect(await newestEvent()).toMatchObject({
      type: 'comment.moderated',
      subjectId: spam[0]!.id,
      payload: { status: 'blocked', rejected: 2 },
    });

    const next = await h.post(
      'moderated-drill',
      { name: 'Spammer', email: 'Spam@Example.kz', body: 'Still here' },
      { ip: '192.0.2.99', lang: 'en' },
    );
    expect(next.statusCode).toBe(403);
    expect(next.body).toContain('Comments from this address are not accepted.');

    const blocked = (await h.api('pio', 'GET', '/api/v1/blocked-addresses')).json() as {
      items: { emailHash: string; email: string }[];
    };
    expect(blocked.items).toMatchObject([{ email: 'SPAM@example.kz', reason: 'Advertising' }]);
    const twice = await h.api('pio', 'POST', '/api/v1/blocked-addresses', {
      commentId: spam[1]!.id,
      reason: 'Again',
    });
    expect(twice.statusCode).toBe(409);
    const unblock = await h.api('pio', 'DELETE', `/api/v1/blocked-addresses/${blocked.items[0]!.emailHash}`);
    expect(unblock.statusCode).toBe(204);
    const after = await h.post(
      'moderated-drill',
      { name: 'Former spammer', email: 'spam@example.kz', body: 'Sorry' },
      { ip: '192.0.2.98', lang: 'en' },
    );
    expect(after.statusCode).toBe(303);
    expect((await listAudit(h.ctx, 1))[0]).toMatchObject({ action: 'comment.address_unblocked' });
    // The comment that came after the unblocking is the newest event; the unblocking the one before.
    const { last } = await eventWindow(h.ctx);
    expect((await readEventsAfter(h.ctx, last - 2)).map((e) => [e.type, e.payload.status])).toEqual([
      ['comment.moderated', 'unblocked'],
      ['comment.posted', undefined],
    ]);
  });

  it('refuses forged moderation requests and changes nothing', async () => {
    const eventsBefore = await eventWindow(h.ctx);
    const [waiting] = await queue();
    expect(waiting).toBeDefined();
    const url = `/api/v1/comments/${waiting!.id}/approve`;
    expect((await h.api(null, 'POST', url)).statusCode).toBe(401);
    expect((await h.api('pio', 'POST', url, undefined, { csrf: false })).json()).toMatchObject({
      status: 403,
      code: 'csrf',
    });
    expect((await h.api('player', 'POST', url)).statusCode).toBe(403);
    expect((await h.api('planner', 'POST', url)).statusCode).toBe(403);
    expect((await h.api('player', 'GET', '/api/v1/comments')).statusCode).toBe(403);
    expect((await h.api(null, 'GET', '/api/v1/comments')).statusCode).toBe(401);
    const block = await h.api('planner', 'POST', '/api/v1/blocked-addresses', {
      commentId: waiting!.id,
      reason: 'x',
    });
    expect(block.statusCode).toBe(403);
    const reject = await h.api(
      'pio',
      'POST',
      `/api/v1/comments/${waiting!.id}/reject`,
      { reason: 'x' },
      { csrf: false },
    );
    expect(reject.statusCode).toBe(403);
    expect((await queue()).map((i) => [i.id, i.status])).toEqual([[waiting!.id, 'pending']]);
    expect(await verifyAudit(h.ctx)).toMatchObject({ ok: true });
    expect(await eventWindow(h.ctx)).toEqual(eventsBefore);
  });
});
