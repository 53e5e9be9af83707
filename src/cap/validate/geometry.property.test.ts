/**
 * The hand-scanned polygon and circle readers against a straightforward reference (trim, regex,
 * split, `Number`), and the shape rules against the same rules written over plain [lat, lon] arrays:
 * the same points bit for bit, the same flags, the same findings, on well-formed, odd and malformed
 * texts alike.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CapAlert } from '../model.js';
import { capPolygon } from '../testing/arbitraries.js';
import { readCircle, readPolygon } from './geometry.js';
import type { Shape } from './geometry.js';
import type { GeoBox } from './rule.js';
import { validateCap } from './validate.js';

interface ReferenceShape {
  points: [number, number][];
  radius?: number;
  syntaxError?: string;
  whitespace: boolean;
  maxDecimals: number;
}

const NUMBER = /^[-+]?(?:\d+\.?(\d*)|\.(\d+))$/;

function referencePair(token: string): { point: [number, number]; decimals: number } | undefined {
  const parts = token.split(',');
  if (parts.length !== 2) return undefined;
  const [lat, lon] = parts.map((p) => NUMBER.exec(p));
  if (!lat || !lon) return undefined;
  const decimals = (m: RegExpExecArray): number => (m[1] ?? m[2] ?? '').length;
  return { point: [Number(parts[0]), Number(parts[1])], decimals: Math.max(decimals(lat), decimals(lon)) };
}

function referenceNormalise(text: string): { norm: string; whitespace: boolean } {
  const trimmed = text.trim();
  return {
    norm: trimmed.replace(/\s*,\s*/g, ','),
    whitespace: trimmed !== text || /\s,|,\s/.test(trimmed),
  };
}

function referencePolygon(text: string): ReferenceShape {
  const { norm, whitespace } = referenceNormalise(text);
  const shape: ReferenceShape = { points: [], whitespace, maxDecimals: 0 };
  if (norm === '') return { ...shape, syntaxError: '' };
  for (const token of norm.split(/[ \t\n\r]+/)) {
    const pair = referencePair(token);
    if (!pair) return { ...shape, syntaxError: token };
    shape.points.push(pair.point);
    shape.maxDecimals = Math.max(shape.maxDecimals, pair.decimals);
  }
  return shape;
}

function referenceCircle(text: string): ReferenceShape {
  const { norm, whitespace } = referenceNormalise(text);
  const shape: ReferenceShape = { points: [], whitespace, maxDecimals: 0 };
  const parts = norm.split(/\s+/);
  const pair = parts.length === 2 ? referencePair(parts[0]!) : undefined;
  if (!pair) return { ...shape, syntaxError: norm };
  shape.points.push(pair.point);
  shape.maxDecimals = pair.decimals;
  if (!NUMBER.test(parts[1]!)) return { ...shape, syntaxError: parts[1]! };
  return { ...shape, radius: Number(parts[1]) };
}

/** A shape in the reference's form, to compare with Object.is on every coordinate (so -0 ≠ 0). */
function unpack(shape: Shape): ReferenceShape {
  const points: [number, number][] = [];
  for (let i = 0; i < shape.coords.length; i += 2) points.push([shape.coords[i]!, shape.coords[i + 1]!]);
  expect(shape.count).toBe(points.length);
  const out: ReferenceShape = { points, whitespace: shape.whitespace, maxDecimals: shape.maxDecimals };
  if (shape.radius !== undefined) out.radius = shape.radius;
  if (shape.syntaxError !== undefined) out.syntaxError = shape.syntaxError;
  return out;
}

// Pieces of real and broken coordinate text: signs, exponents, missing digits, long mantissas.
const numberText = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -200, max: 200, noNaN: true }).map(String) },
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.integer({ min: -180_000_000, max: 180_000_000 }), fc.integer({ min: 0, max: 9 }))
      .map(([n, d]) => (n / 1e6).toFixed(d)),
  },
  { weight: 2, arbitrary: fc.stringMatching(/^[-+]?\d{0,4}\.?\d{0,20}$/) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      '-',
      '+',
      '.',
      '-.',
      '5.',
      '.5',
      '+.5',
      '-0',
      '-0.0',
      '00051.100',
      '1e5',
      '1E-3',
      '2.5e+1',
      'NaN',
      'Infinity',
      '0x1A',
      '1.2.3',
      '٣',
      '1_000',
      '12345678901234567890',
      '0.1234567890123456789',
      '9007199254740993',
    ),
  },
);
const blank = fc.constantFrom(
  '',
  '',
  '',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\v',
  '\f',
  '\u00a0',
  '\u3000',
  '\ufeff',
);
const pairText = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(numberText, numberText).map(([a, b]) => `${a},${b}`) },
  {
    weight: 3,
    arbitrary: fc.tuple(numberText, blank, blank, numberText).map(([a, x, y, b]) => `${a}${x},${y}${b}`),
  },
  { weight: 1, arbitrary: fc.tuple(numberText, numberText).map(([a, b]) => `${a},${b},`) },
  { weight: 1, arbitrary: fc.tuple(numberText, numberText, numberText).map(([a, b, c]) => `${a},${b},${c}`) },
  { weight: 1, arbitrary: numberText },
);
const separator = fc.constantFrom(
  ' ',
  ' ',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  ' \t\n ',
  '\v',
  '\u00a0',
  ',',
  ' , ',
  '',
);
const oddPolygon = fc
  .tuple(blank, fc.array(fc.tuple(pairText, separator), { maxLength: 12 }), pairText, blank)
  .map(([lead, body, last, trail]) => lead + body.map(([p, s]) => p + s).join('') + last + trail);
const noisyText = fc.string({
  unit: fc.constantFrom('0', '1', '5', '9', '.', ',', '-', '+', ' ', '\t', '\n', 'e', '\u00a0', '\v', 'x'),
  maxLength: 60,
});
const polygonText = fc.oneof(
  { weight: 3, arbitrary: capPolygon },
  { weight: 5, arbitrary: oddPolygon },
  { weight: 2, arbitrary: noisyText },
);
const circleText = fc.oneof(
  fc.tuple(blank, pairText, separator, numberText, blank).map((parts) => parts.join('')),
  noisyText,
);

describe('polygon and circle readers', () => {
  it('read a polygon exactly as the reference does', () => {
    fc.assert(
      fc.property(polygonText, (text) => {
        expect(unpack(readPolygon(text))).toStrictEqual(referencePolygon(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('read a circle exactly as the reference does', () => {
    fc.assert(
      fc.property(circleText, (text) => {
        expect(unpack(readCircle(text))).toStrictEqual(referenceCircle(text));
      }),
      { numRuns: 1500 },
    );
  });

  it('agree on hand-picked edge cases', () => {
    for (const text of [
      '51.1,71.4 51.2,71.4 51.2,71.5 51.1,71.4',
      ' 51.1 , 71.4\n51.2,71.4\t51.2,71.5  51.1,71.4 ',
      '51.1,71.4 ,51.2,71.4',
      '51.1,71.4\u00a051.2,71.4',
      '51.1,71.4\v51.2,71.4',
      '1e1,2 3,4',
      '-0,-0.0 +.5,5.',
      '0.1234567890123456789,12345678901234567890',
      '',
      '   ',
      '1,2,',
    ]) {
      expect(unpack(readPolygon(text))).toStrictEqual(referencePolygon(text));
    }
  });
});

// The shape rules as they were written over [lat, lon] arrays, for comparison of findings.
type Finding = [rule: string, path: string, message: string];
const inRange = ([lat, lon]: [number, number]): boolean => Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
const within = (boxes: readonly GeoBox[], [lat, lon]: [number, number]): boolean =>
  boxes.some((b) => lat >= b.minLat && lat <= b.maxLat && lon >= b.minLon && lon <= b.maxLon);

function referenceShapeFindings(
  kind: 'polygon' | 'circle',
  text: string,
  path: string,
  boxes: readonly GeoBox[],
): Finding[] {
  const s = kind === 'polygon' ? referencePolygon(text) : referenceCircle(text);
  const out: Finding[] = [];
  const p = s.points;
  if (kind === 'polygon') {
    if (s.syntaxError !== undefined) {
      out.push([
        'cap.polygon.syntax',
        path,
        s.syntaxError === '' ? 'The polygon is empty.' : `"${s.syntaxError}" is not a "lat,lon" pair.`,
      ]);
    } else if (p.length < 4) {
      out.push([
        'cap.polygon.syntax',
        path,
        `A polygon needs at least 4 points (the first repeated last); this one has ${p.length}.`,
      ]);
    } else if (p[0]![0] !== p.at(-1)![0] || p[0]![1] !== p.at(-1)![1]) {
      out.push([
        'cap.polygon.syntax',
        path,
        `The polygon is not closed: it starts at ${p[0]!.join(',')} but ends at ${p.at(-1)!.join(',')}.`,
      ]);
    }
  } else if (s.syntaxError !== undefined) {
    out.push([
      'cap.circle.syntax',
      path,
      `"${text.trim()}" is not a circle written as "lat,lon radius" (radius in km).`,
    ]);
  } else if (s.radius! < 0) {
    out.push(['cap.circle.syntax', path, `The radius ${s.radius} km is negative.`]);
  }
  const bad = p.find((q) => !inRange(q));
  if (bad) {
    const swapped = inRange([bad[1], bad[0]]) ? ' It looks like "lon,lat"; CAP writes latitude first.' : '';
    out.push([
      'cap.coordinates.range',
      path,
      `The point ${bad.join(',')} is outside the range of latitude ±90 and longitude ±180.${swapped}`,
    ]);
  }
  if (kind === 'circle' && s.radius === 0) {
    out.push(['cap.circle.radius-zero', path, 'The circle has a radius of 0 km, so it covers no one.']);
  }
  if (s.whitespace) {
    out.push([
      'cap.coordinates.whitespace',
      path,
      'There is whitespace around the coordinates (write "51.12,71.43", not "51.12, 71.43").',
    ]);
  }
  if (s.maxDecimals > 6) {
    out.push([
      'cap.coordinates.precision',
      path,
      `Coordinates carry ${s.maxDecimals} decimals; at most 6 (about 10 cm) are meaningful.`,
    ]);
  }
  if (
    boxes.length > 0 &&
    p.length > 0 &&
    !p.some((q) => within(boxes, q)) &&
    p.every(([lat, lon]) => within(boxes, [lon, lat]))
  ) {
    out.push([
      'cap.coordinates.swapped',
      path,
      'The shape lies outside the expected area but fits it with latitude and longitude swapped.',
    ]);
  }
  return out;
}

const SHAPE_RULES = new Set([
  'cap.polygon.syntax',
  'cap.circle.syntax',
  'cap.coordinates.range',
  'cap.circle.radius-zero',
  'cap.coordinates.whitespace',
  'cap.coordinates.precision',
  'cap.coordinates.swapped',
]);
const RULE_ORDER = [...SHAPE_RULES];
const KAZAKHSTAN: GeoBox[] = [{ minLat: 40, maxLat: 56, minLon: 46, maxLon: 88 }];

function alertWith(polygons: string[], circles: string[]): CapAlert {
  return {
    identifier: 'KZ-1',
    sender: 'ces@example.kz',
    sent: '2026-10-21T09:00:00+05:00',
    status: 'Actual',
    msgType: 'Alert',
    scope: 'Public',
    code: [],
    info: [
      {
        category: ['Safety'],
        event: 'Drill',
        responseType: [],
        urgency: 'Expected',
        severity: 'Minor',
        certainty: 'Likely',
        eventCode: [],
        parameter: [],
        resource: [],
        area: [{ areaDesc: 'A', polygon: polygons, circle: circles, geocode: [] }],
      },
    ],
  };
}

describe('shape rules', () => {
  it('report exactly what the reference rules report', () => {
    const plausible = fc.constantFrom<GeoBox[]>([], KAZAKHSTAN);
    // Points in Kazakhstan written either way round, so that the swapped rule gets to speak.
    const kzPolygon = fc
      .tuple(
        fc.array(
          fc.tuple(
            fc.double({ min: 41, max: 55, noNaN: true }),
            fc.double({ min: 47, max: 87, noNaN: true }),
          ),
          {
            minLength: 3,
            maxLength: 8,
          },
        ),
        fc.boolean(),
      )
      .map(([pts, swap]) => {
        const ring = [...pts, pts[0]!].map(([lat, lon]) => (swap ? `${lon},${lat}` : `${lat},${lon}`));
        return ring.join(' ');
      });
    fc.assert(
      fc.property(
        fc.array(fc.oneof(polygonText, kzPolygon), { maxLength: 3 }),
        fc.array(circleText, { maxLength: 2 }),
        plausible,
        (polygons, circles, boxes) => {
          const alert = alertWith(polygons, circles);
          const profile = {
            id: 'test-area',
            name: 'test',
            description: 'test',
            rules: [],
            plausibleArea: boxes,
          };
          const ours = validateCap(alert, { profiles: [profile], now: new Date('2026-10-21T05:00:00Z') })
            .filter((f) => SHAPE_RULES.has(f.rule))
            .map((f): Finding => [f.rule, f.path, f.message]);
          const expected: Finding[] = [];
          // validateCap runs rule by rule, each over every shape in document order.
          for (const rule of RULE_ORDER) {
            const each = (kind: 'polygon' | 'circle', texts: string[]): void =>
              texts.forEach((t, i) =>
                expected.push(
                  ...referenceShapeFindings(kind, t, `/alert/info[0]/area[0]/${kind}[${i}]`, boxes).filter(
                    ([r]) => r === rule,
                  ),
                ),
              );
            each('polygon', polygons);
            each('circle', circles);
          }
          expect(ours).toStrictEqual(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
