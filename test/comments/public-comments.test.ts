/**
 * The public comment form and the "was this useful?" vote against the real app on both engines:
 * what is stored, what is refused and how the refusal reads, and that nothing a person typed ever
 * comes back as markup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeChallenge } from '../../src/core/comment/proof-of-work.js';
import { renderComments } from '../../src/http/portal/comments.view.js';
import { createPortalCache } from '../../src/http/portal/routes.js';
import { escapeHtml } from '../../src/http/portal/html.js';
import { commentKey } from '../../src/services/comments/key.js';
import { approveComment } from '../../src/services/comments/moderation.service.js';
import { approvedComments, voteCounts } from '../../src/services/comments/public-comments.service.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { ENGINES } from '../support/engines.js';
import { XSS_VECTORS } from '../support/xss.js';
import { openCommentHarness, type CommentHarness } from './harness.js';

const ok = { name: 'Айгүл', email: 'aigul@example.kz', body: 'Спасибо, что предупредили заранее.' };

describe.each(ENGINES)('public comments on %s', (engine) => {
  let h: CommentHarness;
  const stored = (noticeId: string) =>
    h.ctx.db.kysely
      .selectFrom('comments')
      .selectAll()
      .where('notice_id', '=', noticeId)
      .orderBy('created_at')
      .execute();

  beforeAll(async () => {
    h = await openCommentHarness(engine);
  });
  afterAll(() => h?.close());

  it('holds a valid comment for moderation and sends the reader back to the notice', async () => {
    const id = await h.addNotice('held-drill');
    const res = await h.post('held-drill', ok);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/ru/notices/held-drill?comment=held#comment-held');
    const [row] = await stored(id);
    expect(row).toMatchObject({ ...ok, status: 'pending', language: 'ru' });
    expect(row!.client_hash).not.toContain('203.0.113.7');
    expect(await approvedComments(h.ctx, id)).toEqual([]);
  });

  it('stores XSS vectors verbatim and renders them as text only', async () => {
    const id = await h.addNotice('xss-drill');
    for (const [i, vector] of XSS_VECTORS.entries()) {
      const res = await h.post(
        'xss-drill',
        { name: vector.replace(/[\r\n]/g, ' ').slice(0, 100), email: `x${i}@example.kz`, body: vector },
        { ip: `198.51.100.${i}` },
      );
      expect(res.statusCode, vector).toBe(303);
    }
    const rows = await stored(id);
    expect(rows.map((r) => r.body).sort()).toEqual([...XSS_VECTORS].sort());
    for (const r of rows) await approveComment(h.ctx, SYSTEM_ACTOR, r.id);
    const page = renderComments('ru', { slug: 'xss-drill', comments: await approvedComments(h.ctx, id) });
    for (const vector of XSS_VECTORS) expect(page).toContain(escapeHtml(vector));
    expect(page).not.toMatch(
      /<script>|<svg|<img|<iframe|<details|<math|<style|<body|(href|src)="javascript/i,
    );
    // The notice page the public is served, made once per change, carries them the same way.
    const served = (await createPortalCache(h.ctx, '', 0).get('/ru/notices/xss-drill'))!.body.toString();
    const start = served.indexOf('<section id="comments"');
    const section = served.slice(start, served.indexOf('</form>', start));
    expect(section).toContain('<ol class="comment-list">');
    for (const vector of XSS_VECTORS) expect(section).toContain(escapeHtml(vector));
    expect(section).not.toMatch(
      /<script|<svg|<img|<iframe|<details|<math|<style|<body|(href|src)="javascript/i,
    );
  });

  it('sends the form back with the errors named and the typed values kept, escaped', async () => {
    await h.addNotice('empty-drill');
    const res = await h.post('empty-drill', { name: '"><script>alert(1)</script>', email: '', body: '   ' });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('Электронная почта — обязательное поле.');
    expect(res.body).toContain('Комментарий — обязательное поле.');
    expect(res.body).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(res.body).not.toContain('<script>alert(1)');
    expect(res.body).toMatch(/id="comment-email"[^>]*aria-invalid="true"/);
  });

  it('accepts 1,500 characters and refuses 1,501, emoji and Kazakh letters counted as one each', async () => {
    const id = await h.addNotice('length-drill');
    const at1500 = await h.post(
      'length-drill',
      { ...ok, email: 'len1@example.kz', body: '🙂'.repeat(1500) },
      { ip: '192.0.2.1' },
    );
    expect(at1500.statusCode).toBe(303);
    const crlf = await h.post(
      'length-drill',
      { ...ok, body: `${'ә'.repeat(999)}\r\n${'a'.repeat(500)}` },
      { ip: '192.0.2.2' },
    );
    expect(crlf.statusCode).toBe(303);
    for (const body of ['a'.repeat(1501), '🙂'.repeat(1501), 'ң'.repeat(1501)]) {
      const res = await h.post(
        'length-drill',
        { ...ok, email: 'long@example.kz', body },
        { ip: '192.0.2.3', lang: 'en' },
      );
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('Comment is longer than 1,500 characters.');
      expect(res.body).toMatch(/id="comment-body"[^>]*aria-invalid="true"/);
    }
    expect((await stored(id)).map((r) => [...r.body].length)).toEqual([1500, 1500]);
  });

  it('refuses a CR LF in the name before it can reach any e-mail header', async () => {
    await h.addNotice('crlf-drill');
    const res = await h.post('crlf-drill', { ...ok, name: 'Eve\r\nBcc: all@example.kz' }, { lang: 'en' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Name must be on one line, without special characters.');
  });

  it('answers a flood from one address with 429 and when to try again', async () => {
    const id = await h.addNotice('flood-drill');
    const codes: number[] = [];
    let last = await h.post('flood-drill', { ...ok, email: 'a0@example.kz' }, { ip: '203.0.113.50' });
    codes.push(last.statusCode);
    for (let i = 1; i < 5; i++) {
      last = await h.post('flood-drill', { ...ok, email: `a${i}@example.kz` }, { ip: '203.0.113.50' });
      codes.push(last.statusCode);
    }
    expect(codes).toEqual([303, 303, 303, 429, 429]);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(500);
    expect(Number(last.headers['retry-after'])).toBeLessThanOrEqual(600);
    expect(last.body).toContain('Слишком много комментариев');
    // The same e-mail from other addresses is limited too.
    const sameEmail = [];
    for (let i = 0; i < 4; i++)
      sameEmail.push(
        (await h.post('flood-drill', { ...ok, email: 'flood@example.kz' }, { ip: `203.0.113.${60 + i}` }))
          .statusCode,
      );
    expect(sameEmail).toEqual([303, 303, 303, 429]);
    expect(await stored(id)).toHaveLength(6);
  });

  it('refuses a missing, wrong, forged, expired or reused proof-of-work', async () => {
    const id = await h.addNotice('pow-drill');
    const fresh = await h.solved();
    const key = await commentKey(h.ctx);
    const expired = encodeChallenge(key, {
      id: 'old',
      expiresAt: new Date(Date.now() - 1000),
      difficulty: 15,
    });
    const cases = [
      null,
      { challenge: fresh.challenge, nonce: '' },
      { challenge: fresh.challenge, nonce: 'x1' },
      { challenge: fresh.challenge.replace(/\.[^.]+$/, '.forged'), nonce: fresh.nonce },
      { challenge: expired, nonce: '0' },
    ];
    for (const [i, pow] of cases.entries()) {
      const res = await h.post('pow-drill', ok, { pow, ip: `192.0.2.${100 + i}` });
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('Проверка на робота не пройдена');
    }
    const first = await h.post(
      'pow-drill',
      { ...ok, email: 'pow@example.kz' },
      { pow: fresh, ip: '192.0.2.120' },
    );
    const again = await h.post(
      'pow-drill',
      { ...ok, email: 'other@example.kz' },
      { pow: fresh, ip: '192.0.2.121' },
    );
    expect([first.statusCode, again.statusCode]).toEqual([303, 422]);
    expect(await stored(id)).toHaveLength(1);
  });

  it('answers a filled honeypot as if held, and stores nothing', async () => {
    const id = await h.addNotice('honeypot-drill');
    const res = await h.post('honeypot-drill', { ...ok, website: 'http://spam.example' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/ru/notices/honeypot-drill?comment=held#comment-held');
    expect(await stored(id)).toEqual([]);
  });

  it('takes no comments on a cancelled or unknown notice', async () => {
    await h.addNotice('cancelled-drill', { cancelled: true });
    const cancelled = await h.post('cancelled-drill', ok);
    expect(cancelled.statusCode).toBe(409);
    expect(cancelled.body).toContain('Комментарии к этому уведомлению закрыты.');
    expect((await h.post('no-such-drill', ok)).statusCode).toBe(404);
  });

  it('counts one vote per reader per notice, without a cookie', async () => {
    const id = await h.addNotice('vote-drill');
    const vote = (useful: string, ip: string, ua = 'Firefox') =>
      h.app.inject({
        method: 'POST',
        url: '/kk/notices/vote-drill/useful',
        remoteAddress: ip,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': ua },
        payload: `useful=${useful}`,
      });
    const first = await vote('yes', '198.51.100.1');
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/kk/notices/vote-drill?voted=1#voted');
    expect(first.headers['set-cookie']).toBeUndefined();
    await vote('no', '198.51.100.1');
    await vote('yes', '198.51.100.1');
    await vote('no', '198.51.100.1', 'Chrome');
    await vote('no', '198.51.100.2');
    expect(await voteCounts(h.ctx, id)).toEqual({ yes: 1, no: 2 });
    const rows = await h.ctx.db.kysely
      .selectFrom('notice_votes')
      .selectAll()
      .where('notice_id', '=', id)
      .execute();
    for (const r of rows) {
      expect(r.voter_hash).not.toMatch(/198\.51|Firefox|Chrome/);
      expect(r.created_at).toMatch(/T00:00:00\.000Z$/);
    }
    expect((await vote('maybe', '198.51.100.3')).statusCode).toBe(303);
    expect(await voteCounts(h.ctx, id)).toEqual({ yes: 1, no: 2 });
  });

  it('publishes the comment policy in each language', async () => {
    for (const [lang, words] of [
      ['ru', 'предварительную модерацию'],
      ['kk', 'алдын ала модерациядан'],
      ['en', 'pre-moderated'],
    ] as const) {
      const res = await h.app.inject({ method: 'GET', url: `/${lang}/comment-policy` });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(words);
      expect(res.body).toContain(`<html lang="${lang}">`);
    }
  });
});
