import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CapAlert, CapInfo } from '../model.js';
import { parseCap } from '../parse.js';
import { capSentence } from '../sentences/sentences.js';
import { validateCap, validateCapWithStore, UnknownProfileError } from './validate.js';

const base: CapAlert = {
  identifier: 'KZ-AST-1',
  sender: 'ces@example.kz',
  sent: '2026-10-21T09:00:00+05:00',
  status: 'Actual',
  msgType: 'Alert',
  scope: 'Public',
  code: [],
  info: [],
};
const info = (over: Partial<CapInfo> = {}): CapInfo => ({
  category: ['Security'],
  event: 'Drill',
  responseType: [],
  urgency: 'Expected',
  severity: 'Minor',
  certainty: 'Likely',
  eventCode: [],
  parameter: [],
  resource: [],
  area: [],
  ...over,
});
const area = (polygon: string[] = [], circle: string[] = []) => ({
  areaDesc: 'A',
  polygon,
  circle,
  geocode: [],
});
const now = new Date('2026-10-21T04:00:00Z');
const rules = (alert: CapAlert, profiles: string[] = []) =>
  validateCap(alert, { now, profiles }).map((f) => `${f.severity} ${f.rule} ${f.path}`);

describe('core CAP 1.2 rules', () => {
  it('passes a correct message', () => {
    expect(rules({ ...base, info: [info({ area: [area(['51,71 51,72 52,72 51,71'])] })] })).toEqual([]);
  });

  it('names every prose-rule error of a bad message with its path', () => {
    const findings = validateCap(
      parseCap(readFileSync(new URL('../fixtures/bad-rules.xml', import.meta.url))).alert,
      { now },
    );
    expect(findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.path}`)).toEqual([
      'xsd.datetime /alert/sent',
      'cap.identifier.characters /alert/identifier',
      'cap.references.required /alert/references',
      'cap.scope.recipients /alert/addresses',
      'cap.polygon.syntax /alert/info[0]/area[0]/polygon[0]',
      'cap.uri.absolute /alert/info[0]/web',
    ]);
    expect(findings.filter((f) => f.severity === 'warning').map((f) => f.rule)).toEqual([
      'cap.circle.radius-zero',
    ]);
    for (const f of findings) expect(f.message).toMatch(/^[A-Z<"].*[.?]$/);
  });

  it('checks polygons: closure, range (hinting at swapped order) and precision', () => {
    const out = rules({
      ...base,
      info: [
        info({
          area: [
            area([
              '51,71 51,72 52,72 51,71.5',
              '100,51 100,52 101,52 100,51',
              '51.1234567,71 51,72 52,72 51.1234567,71',
              ' 51 , 71 51,72 52,72 51,71',
            ]),
          ],
        }),
      ],
    });
    expect(out).toEqual([
      'error cap.polygon.syntax /alert/info[0]/area[0]/polygon[0]',
      'error cap.coordinates.range /alert/info[0]/area[0]/polygon[1]',
      'warning cap.coordinates.whitespace /alert/info[0]/area[0]/polygon[3]',
      'warning cap.coordinates.precision /alert/info[0]/area[0]/polygon[2]',
    ]);
    const range = validateCap(
      { ...base, info: [info({ area: [area(['100,51 100,52 101,52 100,51'])] })] },
      { now },
    );
    expect(range[0]!.message).toMatch(/lon,lat/);
  });

  it('checks circles', () => {
    expect(rules({ ...base, info: [info({ area: [area([], ['51,71', '51,71 -1', '51,71 0'])] })] })).toEqual([
      'error cap.circle.syntax /alert/info[0]/area[0]/circle[0]',
      'error cap.circle.syntax /alert/info[0]/area[0]/circle[1]',
      'warning cap.circle.radius-zero /alert/info[0]/area[0]/circle[2]',
    ]);
  });

  it('checks references, scope, language, enumerations and required values', () => {
    expect(
      rules({
        ...base,
        identifier: '',
        msgType: 'Cancel',
        references: 'a,b',
        scope: 'Restricted',
        status: 'Real' as CapAlert['status'],
        info: [info({ language: 'english language', category: [], urgency: 'Soon' as CapInfo['urgency'] })],
      }),
    ).toEqual([
      'error xsd.required /alert/identifier',
      'error xsd.required /alert/info[0]/category',
      'error xsd.enumeration /alert/status',
      'error xsd.enumeration /alert/info[0]/urgency',
      'error cap.language /alert/info[0]/language',
      'error cap.references.format /alert/references',
      'error cap.scope.recipients /alert/restriction',
    ]);
  });

  it('warns about suspicious times, missing notes and mismatched embedded resources', () => {
    const out = rules({
      ...base,
      status: 'Exercise',
      sent: '2026-10-22T09:00:00+05:00',
      info: [
        info({
          onset: '2026-10-23T09:00:00+05:00',
          expires: '2026-10-22T09:00:00+05:00',
          resource: [
            {
              resourceDesc: 'x',
              mimeType: 'text/plain',
              size: 3,
              derefUri: 'aGVsbG8=',
              digest: '0'.repeat(40),
            },
          ],
        }),
      ],
    });
    expect(out).toEqual([
      'warning cap.resource.integrity /alert/info[0]/resource[0]/size',
      'warning cap.resource.integrity /alert/info[0]/resource[0]/digest',
      'warning cap.time.after-expires /alert/info[0]/onset',
      'warning cap.sent.future /alert/sent',
      'warning cap.note.missing /alert/note',
    ]);
  });

  it('asks the message store whether an Update refers to a known message', async () => {
    const known = 'ces@example.kz,KZ-AST-0,2026-10-20T09:00:00+05:00';
    const store = { has: async (r: { identifier: string }) => r.identifier === 'KZ-AST-0' };
    const update = {
      ...base,
      msgType: 'Update' as const,
      references: `${known} ces@example.kz,KZ-X,2026-10-20T09:00:00+05:00`,
    };
    const findings = await validateCapWithStore(update, store, { now });
    expect(findings.map((f) => f.rule)).toEqual(['cap.references.exist']);
    expect(findings[0]!.message).toMatch(/KZ-X/);
  });
});

describe('profiles', () => {
  it('refuses an unknown profile, naming the known ones', () => {
    expect(() => validateCap(base, { profiles: ['atlantis'] })).toThrow(UnknownProfileError);
    expect(() => validateCap(base, { profiles: ['atlantis'] })).toThrow(/ipaws/);
  });

  it('IPAWS: code, expires, SAME codes, one category, WEA text length', () => {
    const out = rules(
      {
        ...base,
        info: [
          info({
            language: 'kk',
            category: ['Geo', 'Met'],
            parameter: [{ valueName: 'CMAMtext', value: 'x'.repeat(91) }],
            area: [area()],
          }),
        ],
      },
      ['ipaws'],
    );
    expect(out.filter((l) => l.includes('ipaws')).map((l) => l.split(' ')[1])).toEqual([
      'ipaws.code',
      'ipaws.expires',
      'ipaws.category',
      'ipaws.same-event',
      'ipaws.same-geocode',
      'ipaws.wea-text',
      'ipaws.language',
    ]);
  });

  it('CAP-CP: code, languages, one event, SGC locations', () => {
    const ev = (v: string) => [{ valueName: 'profile:CAP-CP:Event:0.4', value: v }];
    const out = rules(
      {
        ...base,
        info: [
          info({ language: 'en-CA', eventCode: ev('fire') }),
          info({ language: 'de', eventCode: ev('flood'), area: [area()] }),
        ],
      },
      ['cap-cp'],
    );
    expect(out.filter((l) => l.includes('capcp'))).toEqual([
      'error capcp.code /alert/code',
      'error capcp.language /alert/info[1]/language',
      'warning capcp.bilingual /alert/info',
      'error capcp.event /alert/info',
      'error capcp.location /alert/info[1]/area[0]/geocode',
    ]);
  });

  it('Dabyl: kk/ru/en blocks, Kazakhstan region codes, exercise marking, swapped coordinates', () => {
    const kzArea = (code: string, polygon: string[] = []) => ({
      ...area(polygon),
      geocode: [{ valueName: 'ISO3166-2', value: code }],
    });
    const out = rules(
      {
        ...base,
        status: 'Exercise',
        info: [
          info({
            language: 'kk',
            headline: 'EXERCISE',
            area: [kzArea('KZ-AST', ['71.4,51.1 71.5,51.1 71.5,51.2 71.4,51.1'])],
          }),
          info({ language: 'ru', headline: 'Учения', area: [kzArea('KZ-99')] }),
        ],
      },
      ['dabyl'],
    );
    expect(out).toEqual([
      'warning cap.coordinates.swapped /alert/info[0]/area[0]/polygon[0]',
      'warning cap.note.missing /alert/note',
      'error dabyl.languages /alert/info',
      'error dabyl.region /alert/info[0]/area[0]/geocode',
      'error dabyl.region /alert/info[1]/area[0]/geocode',
      'error dabyl.exercise-note /alert/note',
      'warning dabyl.exercise-marking /alert/info[1]/headline',
    ]);
    const legacy = validateCap(
      { ...base, info: [info({ language: 'kk', area: [kzArea('KZ-AST')] })] },
      { profiles: ['dabyl'], now },
    );
    expect(legacy.find((f) => f.rule === 'dabyl.region')!.message).toMatch(/KZ-71/);
  });

  it("words every rule's finding for each reader, naming a region in the reader's language", () => {
    const withdrawn = validateCap(
      {
        ...base,
        info: [
          info({
            language: 'kk',
            area: [{ ...area(), geocode: [{ valueName: 'ISO3166-2', value: 'KZ-SEV' }] }],
          }),
        ],
      },
      { profiles: ['dabyl'], now },
    ).find((f) => f.rule === 'dabyl.region')!;
    expect(withdrawn.message).toMatch(/KZ-59 \(North Kazakhstan Region\)/);
    expect(capSentence('kk', withdrawn.words!)).toMatch(/KZ-59 \(Солтүстік Қазақстан облысы\)/);
    expect(capSentence('ru', withdrawn.words!)).toMatch(/KZ-59 \(Северо-Казахстанская область\)/);

    // A message that breaks rules of the core and of every profile.
    const bad = parseCap(readFileSync(new URL('../fixtures/bad-rules.xml', import.meta.url))).alert;
    const findings = validateCap(
      {
        ...bad,
        status: 'Exercise',
        info: [
          ...bad.info,
          info({
            language: 'de',
            category: ['Safety', 'Fire'],
            eventCode: [{ valueName: 'SAME', value: 'cem' }],
          }),
        ],
      },
      { profiles: ['ipaws', 'cap-cp', 'dabyl'], now },
    );
    expect(new Set(findings.map((f) => f.rule)).size).toBeGreaterThan(15);
    for (const f of findings) {
      expect(f.words, f.rule).toBeDefined();
      expect(capSentence('en', f.words!)).toBe(f.message);
      for (const lang of ['kk', 'ru'] as const) {
        const text = capSentence(lang, f.words!);
        expect(text, `${f.rule} in ${lang}`).not.toMatch(/\{\w+\}/);
        expect(text).not.toBe(f.message);
      }
    }
  });

  it('accepts the every-element fixture under the Dabyl profile except its deliberate departures', () => {
    const parsed = parseCap(readFileSync(new URL('../fixtures/cap12-every-element.xml', import.meta.url)));
    const errors = validateCap(parsed.alert, { profiles: ['dabyl'], now }).filter(
      (f) => f.severity === 'error',
    );
    expect(errors).toEqual([]);
  });
});
