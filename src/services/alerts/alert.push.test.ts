import { describe, expect, it } from 'vitest';
import type { CapInfo } from '../../cap/model.js';
import { markMessage } from '../../channels/mark.js';
import { alertPush } from './alert.push.js';

const NOW = new Date('2026-12-03T08:00:00Z');
const info = (over: Partial<CapInfo> = {}): CapInfo => ({
  language: 'ru-KZ',
  category: ['Geo'],
  event: 'Землетрясение',
  responseType: ['Evacuate'],
  urgency: 'Immediate',
  severity: 'Severe',
  certainty: 'Observed',
  eventCode: [],
  headline: 'Землетрясение в Алматы',
  description: 'Толчки магнитудой 5,8.',
  instruction: 'Выйдите из здания, не пользуйтесь лифтом.',
  expires: '2026-12-03T14:00:00+05:00',
  parameter: [],
  resource: [],
  area: [{ areaDesc: 'Алматы', polygon: [], circle: [], geocode: [] }] as unknown as CapInfo['area'],
  ...over,
});

describe('an alert as a push notification', () => {
  it('says the headline, what happened and what to do, wakes the device, and lasts until it expires', () => {
    const m = alertPush(info(), 'thread-1', 'https://dabyl.gov.kz/ru/', NOW);
    expect(m).toEqual({
      kind: 'webpush',
      title: 'Землетрясение в Алматы',
      body: 'Толчки магнитудой 5,8.\nВыйдите из здания, не пользуйтесь лифтом.',
      url: 'https://dabyl.gov.kz/ru/',
      tag: 'alert-thread-1',
      ttlSeconds: 3600, // 14:00+05:00 is 09:00Z, an hour after NOW
      urgency: 'high',
    });
  });

  it('lets a less urgent alert wait for the device, and one already expired is not kept', () => {
    expect(alertPush(info({ urgency: 'Future', severity: 'Minor' }), 't', 'u', NOW).urgency).toBe('low');
    expect(alertPush(info({ expires: '2026-12-03T07:00:00Z' }), 't', 'u', NOW).ttlSeconds).toBe(0);
    expect(alertPush(info({ headline: undefined }), 't', 'u', NOW).title).toBe('Землетрясение');
  });

  it('carries the exercise marking at the head once the dispatcher marks it', () => {
    const marked = markMessage(alertPush(info(), 't', 'u', NOW), 'ru', 'Алматы-2026');
    expect(marked).toMatchObject({ title: 'EXERCISE EXERCISE EXERCISE - УЧЕНИЯ: Землетрясение в Алматы' });
    expect((marked as { body: string }).body.split('\n')[0]).toBe('EXERCISE EXERCISE EXERCISE - УЧЕНИЯ');
  });
});
