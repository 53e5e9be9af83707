import { describe, expect, it } from 'vitest';
import type { NoticeSnapshot } from '../../core/notice/notice.js';
import { noticeMail } from './mail.render.js';

const snapshot = (timeZone: string): NoticeSnapshot => ({
  id: 'n1',
  slug: '2026-10-25-drill',
  exerciseId: null,
  city: 'Qaraghandy',
  timeZone,
  startsAt: '2026-10-25T04:00:00Z',
  endsAt: '2026-10-25T12:00:00Z',
  texts: {},
  areas: [],
});
const links = { noticeUrl: 'https://dabyl.example.kz/kk/notices/x', manageUrl: null, unsubscribeUrl: null };

describe("a notice e-mail's time window", () => {
  it.each([
    ['kk', 'Алматы'],
    ['ru', 'Алматы'],
    ['en', 'Almaty'],
  ] as const)('names the time zone by its city in %s, not by its IANA code', (lang, city) => {
    const mail = noticeMail(lang, snapshot('Asia/Almaty'), 'Alert', links);
    expect(mail.text).toContain(`(${city})`);
    expect(mail.text).not.toContain('Asia/Almaty');
  });

  it('keeps the code of a zone outside Kazakhstan', () => {
    expect(noticeMail('ru', snapshot('Europe/Moscow'), 'Alert', links).text).toContain('(Europe/Moscow)');
  });
});
