import { describe, expect, it } from 'vitest';
import { parseCap } from '../../cap/parse.js';
import { HAZARDS, type AlertMsgType, type AlertStatus } from './alert.js';
import { AlertCapError, alertCapIdentifier, alertCapXml, type AlertCapInput } from './cap.js';
import { textsFromTemplate } from './templates.js';
import { ALMATY_AREA_NAMES, ALMATY_POLYGON } from './testing.js';
import { xsdFailures } from '../../../test/support/cap-xsd.js';

const SENDER = 'alerts@dabyl.example.kz';

function input(over: Partial<AlertCapInput> = {}): AlertCapInput {
  return {
    identifier: alertCapIdentifier(SENDER, '0b6f6f3e-5a43-4d1e-9a55-0c1f1f7f0001'),
    sender: SENDER,
    senderName: 'Almaty Emergency Situations Department',
    sent: new Date('2026-11-03T05:00:00.000Z'),
    status: 'Actual',
    msgType: 'Alert',
    hazard: 'earthquake',
    texts: textsFromTemplate('earthquake', ALMATY_AREA_NAMES),
    area: ALMATY_POLYGON,
    expiresAt: '2026-11-03T11:00:00.000Z',
    exerciseName: null,
    note: null,
    references: [],
    ...over,
  };
}

describe('an alert as CAP', () => {
  it('is one message with a kk, ru and en info block, the hazard terms and the area with its region', () => {
    const { alert, xml } = alertCapXml(input());
    expect(alert.info.map((i) => i.language)).toEqual(['kk-KZ', 'ru-KZ', 'en-US']);
    expect(alert.info[2]).toMatchObject({
      category: ['Geo'],
      event: 'Earthquake',
      urgency: 'Immediate',
      severity: 'Severe',
      headline: 'Earthquake: Almaty, Medeu district',
      area: [
        {
          polygon: ['43.22,76.88 43.22,76.98 43.28,76.98 43.28,76.88 43.22,76.88'],
          geocode: [{ value: 'KZ-75' }],
        },
      ],
    });
    expect(alert.sent).toBe('2026-11-03T10:00:00+05:00');
    expect(parseCap(xml).alert.info).toHaveLength(3);
  });

  it('names the exercise in note and heads every headline for Exercise and Test', () => {
    const { alert } = alertCapXml(input({ status: 'Exercise', exerciseName: 'Almaty quake drill' }));
    expect(alert.note).toBe('EXERCISE: Almaty quake drill');
    expect(alert.info.every((i) => i.headline!.startsWith('EXERCISE: '))).toBe(true);
    expect(alertCapXml(input({ status: 'Test', exerciseName: 'Channel check' })).alert.note).toBe(
      'TEST: Channel check',
    );
  });

  it('refers to every earlier message in an Update or Cancel, and says a Cancel is cancelled', () => {
    const refs = [
      { sender: SENDER, identifier: 'a:1', sent: '2026-11-03T10:00:00+05:00' },
      { sender: SENDER, identifier: 'a:2', sent: '2026-11-03T10:05:00+05:00' },
    ];
    const { alert } = alertCapXml(input({ msgType: 'Cancel', references: refs, note: 'Sent in error' }));
    expect(alert.references).toBe(
      `${SENDER},a:1,2026-11-03T10:00:00+05:00 ${SENDER},a:2,2026-11-03T10:05:00+05:00`,
    );
    expect(alert.note).toBe('Sent in error');
    expect(alert.info[1]!.headline).toBe('Отменено: Землетрясение: Алматы, Медеуский район');
    expect(alert.info[0]!.responseType).toEqual(['None']);
  });

  it('refuses a message our own rules find wrong (a language missing) instead of issuing it', () => {
    const texts = textsFromTemplate('fire', ALMATY_AREA_NAMES);
    delete texts.kk;
    expect(() => alertCapXml(input({ texts }))).toThrow(AlertCapError);
  });

  it('passes the official CAP 1.2 schema for every hazard, status and message type, polygon and circle', () => {
    const statuses: AlertStatus[] = ['Actual', 'Exercise', 'Test', 'System', 'Draft'];
    const types: AlertMsgType[] = ['Alert', 'Update', 'Cancel'];
    const documents: string[] = [];
    for (const hazard of HAZARDS)
      for (const status of statuses)
        for (const msgType of types)
          documents.push(
            alertCapXml(
              input({
                hazard,
                status,
                msgType,
                texts: textsFromTemplate(hazard, ALMATY_AREA_NAMES),
                exerciseName: status === 'Exercise' || status === 'Test' ? 'Drill' : null,
                references:
                  msgType === 'Alert'
                    ? []
                    : [{ sender: SENDER, identifier: 'x:1', sent: '2026-11-03T10:00:00+05:00' }],
                area:
                  documents.length % 2 === 0
                    ? ALMATY_POLYGON
                    : { kind: 'circle', lon: 76.95, lat: 43.25, radiusM: 2500, region: 'KZ-75' },
              }),
            ).xml,
          );
    expect(documents).toHaveLength(HAZARDS.length * 15);
    expect(xsdFailures(documents)).toEqual([]);
    expect(documents[1]).toContain('<circle>43.25,76.95 2.5</circle>');
  });
});
