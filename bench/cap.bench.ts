/**
 * CAP 1.2 throughput for a ~4 KB message with a 200-point polygon: our parse (+ structural checks),
 * parse + full validation and build, beside fast-xml-parser's raw parse and XMLBuilder on the same
 * message, in one run. Run: npx tsx bench/cap.bench.ts
 */
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { buildCap, formatCapDateTime, parseCap, validateCap } from '../src/cap/index.js';
import type { CapAlert } from '../src/cap/index.js';

function polygon(points: number): string {
  const ring: string[] = [];
  for (let i = 0; i < points - 1; i++) {
    const a = (i / (points - 1)) * 2 * Math.PI;
    ring.push(`${(51.128 + 0.05 * Math.sin(a)).toFixed(5)},${(71.43 + 0.08 * Math.cos(a)).toFixed(5)}`);
  }
  return [...ring, ring[0]].join(' ');
}

const alert: CapAlert = {
  identifier: 'KZ-AST-2026-0042',
  sender: 'ces.astana@dabyl.example.kz',
  sent: formatCapDateTime(new Date('2026-11-03T03:00:00Z'), 300),
  status: 'Exercise',
  msgType: 'Alert',
  scope: 'Public',
  code: ['urn:dabyl:cap:profile:1.0'],
  note: 'EXPO-2026 counter-terrorism exercise',
  info: [
    {
      language: 'en',
      category: ['Security'],
      event: 'Counter-terrorism exercise',
      responseType: ['Avoid'],
      urgency: 'Expected',
      severity: 'Moderate',
      certainty: 'Likely',
      eventCode: [{ valueName: 'SAME', value: 'CEM' }],
      onset: '2026-11-03T10:00:00+05:00',
      expires: '2026-11-03T14:00:00+05:00',
      senderName: 'Astana City Emergency Department',
      headline: 'EXERCISE: streets around EXPO closed 10:00–14:00',
      description: 'Police & special forces will exercise around the EXPO centre. Expect closures.',
      instruction: 'This is a drill. Do not call emergency numbers.',
      parameter: [],
      resource: [],
      area: [
        {
          areaDesc: 'EXPO exhibition centre',
          polygon: [polygon(200)],
          circle: [],
          geocode: [{ valueName: 'ISO3166-2', value: 'KZ-71' }],
        },
      ],
    },
  ],
};

const xml = buildCap(alert);
const bytes = Buffer.from(xml);
const rawParser = new XMLParser();
const tree = new XMLParser({ ignoreAttributes: false }).parse(xml) as unknown;
const rawBuilder = new XMLBuilder({ ignoreAttributes: false });

function opsPerSecond(fn: () => unknown, ms = 1500): number {
  for (let i = 0; i < 500; i++) fn();
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 50; i++) fn();
    n += 50;
    elapsed = performance.now() - start;
  }
  return (n / elapsed) * 1000;
}

const results = {
  rawParse: opsPerSecond(() => rawParser.parse(xml)),
  parse: opsPerSecond(() => parseCap(bytes)),
  parseValidate: opsPerSecond(() => validateCap(parseCap(bytes).alert)),
  rawBuild: opsPerSecond(() => rawBuilder.build(tree)),
  build: opsPerSecond(() => buildCap(alert)),
};

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US').padStart(9);
const ratio = (ours: number, base: number, target: number): string =>
  `${(ours / base).toFixed(2)}× (target ≥ ${target.toFixed(1)}×) ${ours / base >= target ? 'met' : 'MISSED'}`;

console.log(`CAP 1.2 benchmark — message ${bytes.length} bytes, 200-point polygon, Node ${process.version}`);
console.log(`fast-xml-parser parse (default options) ${fmt(results.rawParse)} /s  baseline`);
console.log(
  `Dabyl parse + structural checks         ${fmt(results.parse)} /s  ${ratio(results.parse, results.rawParse, 0.8)}`,
);
console.log(
  `Dabyl parse + full core validation      ${fmt(results.parseValidate)} /s  ${ratio(results.parseValidate, results.rawParse, 0.8)}`,
);
console.log(`fast-xml-parser XMLBuilder              ${fmt(results.rawBuild)} /s  baseline`);
console.log(
  `Dabyl buildCap                          ${fmt(results.build)} /s  ${ratio(results.build, results.rawBuild, 1.0)}`,
);
