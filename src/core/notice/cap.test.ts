import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCap } from '../../cap/parse.js';
import { validateCap } from '../../cap/validate/validate.js';
import {
  capIdentifierFor,
  capPolygons,
  lineToStrips,
  localWindow,
  noticeCapXml,
  noticeToCap,
  regionCodeOf,
  type NoticeCapInput,
} from './cap.js';
import { sampleSnapshot } from './testing.js';

const XSD = resolve(process.cwd(), '../shared/cap/CAP-v1.2.xsd');

/** Runs xmllint once over many documents; returns its complaints. */
function xmllintFailures(documents: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'notice-cap-xsd-'));
  try {
    const files = documents.map((xml, i) => {
      const file = join(dir, `m${i}.xml`);
      writeFileSync(file, xml);
      return file;
    });
    try {
      execFileSync('xmllint', ['--noout', '--schema', XSD, ...files], { stdio: 'pipe', maxBuffer: 64 << 20 });
      return [];
    } catch (err) {
      const stderr = String((err as { stderr: Buffer }).stderr);
      return stderr.split('\n').filter((l) => l && !l.endsWith(' validates'));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const SENDER = 'dabyl@notices.example.kz';

function input(over: Partial<NoticeCapInput> = {}): NoticeCapInput {
  const snapshot = sampleSnapshot();
  return {
    snapshot,
    kind: 'Alert',
    revision: 1,
    identifier: capIdentifierFor(SENDER, snapshot.id, 1),
    sender: SENDER,
    sent: new Date('2026-10-20T06:00:00.400Z'),
    note: null,
    references: [],
    publicUrl: 'https://notices.example.kz/',
    ...over,
  };
}

const earlier = [
  {
    sender: SENDER,
    identifier: capIdentifierFor(SENDER, sampleSnapshot().id, 1),
    sent: '2026-10-20T11:00:00+05:00',
  },
  {
    sender: SENDER,
    identifier: capIdentifierFor(SENDER, sampleSnapshot().id, 2),
    sent: '2026-10-21T11:00:00+05:00',
  },
];

describe('a notice as CAP 1.2', () => {
  it('is Actual, Public, Safety, Future, Minor, Likely, Monitor, one info per language, the window as onset/expires', () => {
    const alert = noticeToCap(input());
    expect(alert).toMatchObject({
      status: 'Actual',
      msgType: 'Alert',
      scope: 'Public',
      sent: '2026-10-20T11:00:00+05:00',
    });
    expect(alert.references).toBeUndefined();
    expect(alert.info.map((i) => i.language)).toEqual(['kk-KZ', 'ru-RU', 'en-US']);
    for (const i of alert.info) {
      expect(i).toMatchObject({
        category: ['Safety'],
        urgency: 'Future',
        severity: 'Minor',
        certainty: 'Likely',
        responseType: ['Monitor'],
        onset: '2026-10-25T07:00:00+05:00',
        expires: '2026-10-25T19:00:00+05:00',
      });
      expect(i.area).toHaveLength(2);
      expect(i.area[0]!.geocode).toEqual([{ valueName: 'ISO3166-2', value: 'KZ-35' }]);
    }
    const en = alert.info[2]!;
    expect(en.event).toBe('Drill notice: Counter-terrorism drill in Karaganda');
    expect(en.headline).toBe('Counter-terrorism drill in Karaganda');
    expect(en.description).toContain('This is a planned drill, not a real emergency.');
    expect(en.description).toContain(
      'Bukhar-Zhyrau avenue (2026-10-25 08:30–13:00): Closed from Gogol street to Yerubaev street; use Yerubaev street instead.',
    );
    expect(alert.info[0]!.description).toContain(
      'Бұқар жырау даңғылы (2026-10-25 08:30–13:00): Гоголь көшесінен',
    );
    expect(en.instruction).toBe(
      'Do:\n- Drive around the closed streets\nDo not:\n- Do not call 112 about the drill',
    );
    expect(en.web).toBe(`https://notices.example.kz/en/notices/${sampleSnapshot().slug}`);
    expect(en.contact).toBe('Regional HQ: +7 7212 00 00 00');
    expect(alert.info[1]!.description).toContain('Это плановые учения');
    expect(alert.info[0]!.description).toContain('жоспарлы жаттығу');
  });

  it('is never Exercise, for any kind and any subset of languages', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('Alert', 'Update', 'Cancel' as const),
        fc.subarray(['kk', 'ru', 'en'] as const, { minLength: 1 }),
        (kind, langs) => {
          const base = sampleSnapshot();
          const texts = Object.fromEntries(langs.map((l) => [l, base.texts[l]]));
          const alert = noticeToCap(input({ kind, snapshot: { ...base, texts }, references: earlier }));
          expect(alert.status).toBe('Actual');
          expect(alert.info.map((i) => i.language!.slice(0, 2))).toEqual(langs);
        },
      ),
    );
  });

  it('names every earlier revision in references for an Update and a Cancel, with the note', () => {
    const update = noticeToCap(
      input({ kind: 'Update', revision: 3, references: earlier, note: 'Closure ends at 14:00' }),
    );
    expect(update.msgType).toBe('Update');
    expect(update.note).toBe('Closure ends at 14:00');
    expect(update.references).toBe(
      `${SENDER},${earlier[0]!.identifier},2026-10-20T11:00:00+05:00 ${SENDER},${earlier[1]!.identifier},2026-10-21T11:00:00+05:00`,
    );
    const cancel = noticeToCap(
      input({ kind: 'Cancel', revision: 3, references: earlier, note: 'Drill postponed' }),
    );
    expect(cancel.msgType).toBe('Cancel');
    expect(cancel.info[2]!.headline).toBe('Cancelled: Counter-terrorism drill in Karaganda');
    expect(cancel.info[2]!.responseType).toEqual(['None']);
    expect(cancel.info[2]!.description).toMatch(/^This notice is cancelled/);
  });

  it('passes the project validator (core and Dabyl profile) and the official XSD, and reads back', () => {
    const docs = [
      noticeCapXml(input()),
      noticeCapXml(
        input({ kind: 'Update', revision: 2, references: earlier.slice(0, 1), note: 'Times corrected' }),
      ),
      noticeCapXml(input({ kind: 'Cancel', revision: 3, references: earlier, note: 'Called off' })),
      noticeCapXml(
        input({
          snapshot: { ...sampleSnapshot(), texts: { ru: sampleSnapshot().texts.ru! }, city: 'Somewhere' },
        }),
      ),
    ];
    for (const d of docs) {
      const errors = validateCap(d.alert, {
        profiles: ['dabyl'],
        now: new Date('2026-10-22T00:00:00Z'),
      }).filter((f) => f.severity === 'error');
      expect(errors.every((e) => e.rule === 'dabyl.languages' || e.rule === 'dabyl.region')).toBe(true);
      expect(parseCap(d.xml).alert).toEqual(d.alert);
      expect(d.xml).toContain('<status>Actual</status>');
      expect(d.xml).not.toContain('Exercise');
    }
    expect(xmllintFailures(docs.map((d) => d.xml))).toEqual([]);
  });

  it('refuses to emit an invalid message', () => {
    expect(() => noticeCapXml(input({ kind: 'Update', references: [] }))).toThrow(/references/);
  });

  it('finds the region of a city written in any of its languages', () => {
    expect(regionCodeOf('Astana (Астана)')).toBe('KZ-71');
    expect(regionCodeOf('Караганда')).toBe('KZ-35');
    expect(regionCodeOf('Pavlodar')).toBe('KZ-55');
    expect(regionCodeOf('Atlantis')).toBeNull();
    expect(regionCodeOf(null)).toBeNull();
  });

  it('shows local windows in the notice time zone', () => {
    expect(localWindow('2026-10-25T03:30:00Z', '2026-10-25T08:00:00Z', 'Asia/Almaty')).toBe(
      '2026-10-25 08:30–13:00',
    );
    expect(localWindow('2026-10-26T04:00:00Z', '2026-10-29T12:00:00Z', 'Asia/Almaty')).toBe(
      '2026-10-26 09:00 – 2026-10-29 17:00',
    );
  });
});

/** Point in polygon by ray casting, on CAP "lat,lon" text. */
function inside(lat: number, lon: number, polygon: string): boolean {
  const pts = polygon.split(' ').map((p) => p.split(',').map(Number) as [number, number]);
  let c = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [yi, xi] = pts[i]!;
    const [yj, xj] = pts[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}

describe('road closures as narrow polygons', () => {
  const position = fc.tuple(
    fc.double({ min: 50, max: 80, noNaN: true }),
    fc.double({ min: 42, max: 55, noNaN: true }),
  );

  it('covers every point of the line with closed, well-formed polygons a few tens of metres wide', () => {
    fc.assert(
      fc.property(fc.array(position, { minLength: 2, maxLength: 8 }), (line) => {
        const polys = lineToStrips(line);
        expect(polys.length).toBeGreaterThan(0);
        for (const p of polys) {
          const pts = p.split(' ');
          expect(pts.length).toBe(5);
          expect(pts[0]).toBe(pts[4]);
          for (const pair of pts) expect(pair).toMatch(/^-?\d+(\.\d{1,6})?,-?\d+(\.\d{1,6})?$/);
        }
        // Every segment's midpoint lies inside some strip.
        for (let i = 0; i + 1 < line.length; i++) {
          const [a, b] = [line[i]!, line[i + 1]!];
          const mid = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
          const far = Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) > 1e-5;
          if (far) expect(polys.some((p) => inside(mid[1]!, mid[0]!, p))).toBe(true);
        }
        const errors = validateCap(
          {
            ...noticeToCap(input()),
            info: [
              {
                ...noticeToCap(input()).info[0]!,
                area: [{ areaDesc: 'x', polygon: polys, circle: [], geocode: [] }],
              },
            ],
          },
          { now: new Date('2026-10-22T00:00:00Z') },
        ).filter((f) => f.severity === 'error');
        expect(errors).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('is narrow: a 1 km street gives a strip about 60 m wide', () => {
    const [poly] = capPolygons({
      type: 'LineString',
      coordinates: [
        [71.4, 51.1],
        [71.4, 51.109],
      ],
    });
    const lons = poly!.split(' ').map((p) => Number(p.split(',')[1]));
    const widthM = (Math.max(...lons) - Math.min(...lons)) * 111_320 * Math.cos((51.1 * Math.PI) / 180);
    expect(widthM).toBeGreaterThan(55);
    expect(widthM).toBeLessThan(65);
    expect(inside(51.1045, 71.4, poly!)).toBe(true);
    expect(inside(51.1045, 71.402, poly!)).toBe(false);
  });

  it('keeps a polygon closure and every part of a multipolygon area', () => {
    const square = [
      [71, 51],
      [71.01, 51],
      [71.01, 51.01],
      [71, 51.01],
      [71, 51],
    ];
    expect(capPolygons({ type: 'Polygon', coordinates: [square] })).toEqual([
      '51,71 51,71.01 51.01,71.01 51.01,71 51,71',
    ]);
    expect(capPolygons({ type: 'MultiPolygon', coordinates: [[square], [square]] })).toHaveLength(2);
  });
});
