/**
 * fast-check generators of CAP 1.2 messages that the library considers valid (no error findings): the
 * raw material of the builder, parser, JSON and fuzz properties. Exported so that applications using
 * the library can property-test their own CAP handling.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { formatCapDateTime } from '../datetime.js';
import {
  CAP_CATEGORIES,
  CAP_CERTAINTIES,
  CAP_MSG_TYPES,
  CAP_RESPONSE_TYPES,
  CAP_SCOPES,
  CAP_SEVERITIES,
  CAP_STATUSES,
  CAP_URGENCIES,
} from '../model.js';
import type { CapAlert, CapArea, CapInfo, CapResource, CapValuePair } from '../model.js';
import { isXmlRepresentable } from '../xml/escape.js';

const opt = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.option(arb, { nil: undefined, freq: 2 });

/** Text as senders write it, including what must be escaped and scripts beyond ASCII. */
export const capText: fc.Arbitrary<string> = fc
  .oneof(
    fc.string({ maxLength: 40 }),
    fc.string({
      unit: fc.constantFrom(
        'a',
        'Z',
        '9',
        ' ',
        '&',
        '<',
        '>',
        '"',
        "'",
        '\n',
        '\r',
        '\t',
        'Ж',
        'ә',
        'é',
        '😀',
        ']]>',
      ),
      maxLength: 30,
    }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
  )
  .filter(isXmlRepresentable);

/** Identifier or sender: no whitespace, commas, "<" or "&". */
export const capToken: fc.Arbitrary<string> = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:@\-/]{0,30}$/);

const offsets = fc.constantFrom(0, 300, 360, -300, 330, 345, -210, 840, -720);

/** A CAP dateTime between 1970 and 2100 in one of several time zones. */
export const capDateTime: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 0, max: 4_102_444_800 }), offsets)
  .map(([seconds, offset]) => formatCapDateTime(new Date(seconds * 1000), offset));

const coord = (max: number): fc.Arbitrary<string> =>
  fc
    .tuple(fc.integer({ min: -max * 1e6, max: max * 1e6 }), fc.integer({ min: 0, max: 6 }))
    .map(([micro, d]) => {
      const value = micro / 1e6;
      return d === 6 ? String(value) : value.toFixed(d);
    });

const point = fc.tuple(coord(90), coord(180)).map(([lat, lon]) => `${lat},${lon}`);

/** A closed polygon of 4 to 30 points. */
export const capPolygon: fc.Arbitrary<string> = fc
  .array(point, { minLength: 3, maxLength: 29 })
  .map((pts) => [...pts, pts[0]!].join(' '));

/** A circle with a positive radius. */
export const capCircle: fc.Arbitrary<string> = fc
  .tuple(point, fc.integer({ min: 1, max: 500_000 }))
  .map(([p, r]) => `${p} ${r / 100}`);

const pair: fc.Arbitrary<CapValuePair> = fc.record({ valueName: capText, value: capText });

const uri = fc.webUrl({ withQueryParameters: true, withFragments: true });

const resource: fc.Arbitrary<CapResource> = fc.oneof(
  fc.record({
    resourceDesc: capText.filter((s) => s.trim() !== ''),
    mimeType: fc.constantFrom('image/png', 'text/plain'),
    uri: opt(uri),
  }),
  fc
    .tuple(
      capText.filter((s) => s.trim() !== ''),
      fc.uint8Array({ maxLength: 64 }),
    )
    .map(([desc, bytes]) => ({
      resourceDesc: desc,
      mimeType: 'application/octet-stream',
      size: bytes.length,
      uri: 'attachment.bin',
      derefUri: Buffer.from(bytes).toString('base64'),
      digest: createHash('sha1').update(bytes).digest('hex'),
    })),
);

const area: fc.Arbitrary<CapArea> = fc
  .record({
    areaDesc: capText.filter((s) => s.trim() !== ''),
    polygon: fc.array(capPolygon, { maxLength: 2 }),
    circle: fc.array(capCircle, { maxLength: 2 }),
    geocode: fc.array(pair, { maxLength: 2 }),
    heights: opt(
      fc.tuple(
        fc.integer({ min: -1000, max: 60_000 }),
        opt(fc.integer({ min: 0, max: 10_000 })),
        fc.boolean(),
      ),
    ),
  })
  .map(({ heights, ...a }) => {
    if (!heights) return a;
    const [alt, extra, fraction] = heights;
    const altitude = fraction ? alt + 0.25 : alt;
    return extra === undefined ? { ...a, altitude } : { ...a, altitude, ceiling: altitude + extra };
  });

const dropUndefined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const info: fc.Arbitrary<CapInfo> = fc
  .record({
    language: opt(fc.constantFrom('en-US', 'kk', 'ru', 'kk-KZ', 'ru-KZ', 'en', 'fr-CA', 'es-US')),
    category: fc.uniqueArray(fc.constantFrom(...CAP_CATEGORIES), { minLength: 1, maxLength: 3 }),
    event: capText.filter((s) => s.trim() !== ''),
    responseType: fc.uniqueArray(fc.constantFrom(...CAP_RESPONSE_TYPES), { maxLength: 2 }),
    urgency: fc.constantFrom(...CAP_URGENCIES),
    severity: fc.constantFrom(...CAP_SEVERITIES),
    certainty: fc.constantFrom(...CAP_CERTAINTIES),
    audience: opt(capText),
    eventCode: fc.array(pair, { maxLength: 2 }),
    effective: opt(capDateTime),
    onset: opt(capDateTime),
    expires: opt(capDateTime),
    senderName: opt(capText),
    headline: opt(capText),
    description: opt(capText),
    instruction: opt(capText),
    web: opt(uri),
    contact: opt(capText),
    parameter: fc.array(pair, { maxLength: 2 }),
    resource: fc.array(resource, { maxLength: 2 }),
    area: fc.array(area, { maxLength: 2 }),
  })
  .map((i) => dropUndefined(i) as CapInfo);

const reference = fc.tuple(capToken, capToken, capDateTime).map((t) => t.join(','));

/** A CAP 1.2 alert with no error under the core rules. */
export const capAlert: fc.Arbitrary<CapAlert> = fc
  .record({
    identifier: capToken,
    sender: capToken,
    sent: capDateTime,
    status: fc.constantFrom(...CAP_STATUSES),
    msgType: fc.constantFrom(...CAP_MSG_TYPES),
    source: opt(capText),
    scope: fc.constantFrom(...CAP_SCOPES),
    restriction: opt(capText.filter((s) => s.trim() !== '')),
    addresses: opt(capText.filter((s) => s.trim() !== '')),
    code: fc.array(capText, { maxLength: 2 }),
    note: opt(capText),
    references: opt(fc.array(reference, { minLength: 1, maxLength: 3 }).map((r) => r.join(' '))),
    incidents: opt(capText),
    info: fc.array(info, { maxLength: 3 }),
  })
  .map((a) => {
    const alert = dropUndefined(a) as CapAlert;
    // The prose rules tie some elements to others; satisfy them rather than filter (filters starve).
    if (alert.msgType !== 'Alert' && alert.references === undefined)
      alert.references = 'dabyl,KZ-1,2026-10-21T09:00:00+05:00';
    if (alert.scope === 'Private' && alert.addresses === undefined) alert.addresses = 'ops@example.kz';
    if (alert.scope === 'Restricted' && alert.restriction === undefined)
      alert.restriction = 'Responders only';
    return alert;
  });
