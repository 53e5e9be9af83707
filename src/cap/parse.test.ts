import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CAP_MSG_TYPES, CAP_SCOPES, CAP_STATUSES } from './model.js';
import { parseCap, parseCapDocument } from './parse.js';
import { CapParseError } from './xml/errors.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

function refusal(input: string | Buffer, options = {}): CapParseError {
  try {
    parseCapDocument(input, options);
  } catch (err) {
    if (err instanceof CapParseError) return err;
    throw err;
  }
  throw new Error('the document was accepted');
}

describe('parseCap on fixtures', () => {
  it('reads every element of CAP 1.2 with no structural finding', () => {
    const { alert, version, findings, signed } = parseCap(fixture('cap12-every-element.xml'));
    expect({ version, findings, signed }).toEqual({ version: '1.2', findings: [], signed: false });
    expect(alert).toMatchObject({
      identifier: 'KZ-AST-2026-0042',
      msgType: 'Update',
      source: 'Astana city counter-terrorism HQ',
      restriction: 'Participating agencies only',
      addresses: 'police@example.kz "EXPO security"',
      code: ['urn:dabyl:cap:profile:1.0', 'drill'],
      incidents: 'EXPO-2026',
    });
    const info = alert.info[0]!;
    expect(info.category).toHaveLength(12);
    expect(info.responseType).toHaveLength(9);
    expect(alert.info.map((i) => [i.urgency, i.severity, i.certainty])).toEqual([
      ['Immediate', 'Extreme', 'Observed'],
      ['Expected', 'Severe', 'Likely'],
      ['Future', 'Moderate', 'Possible'],
      ['Past', 'Minor', 'Unlikely'],
      ['Unknown', 'Unknown', 'Unknown'],
    ]);
    expect(info.headline).toBe('EXERCISE: drill at EXPO & nearby streets');
    expect(info.description).toBe('Streets around EXPO <closed> 10:00–14:00 & more.');
    expect(info.instruction).toBe('Do not call emergency numbers — this is a drill.');
    expect(info.resource[0]).toMatchObject({ size: 24, uri: 'siren.au', mimeType: 'audio/basic' });
    expect(info.area[0]).toMatchObject({
      altitude: 1150,
      ceiling: 3000.5,
      geocode: [{ valueName: 'ISO3166-2', value: 'KZ-71' }],
    });
    expect(info.eventCode).toEqual([{ valueName: 'SAME', value: 'CEM' }]);
    expect(info.parameter).toEqual([{ valueName: 'exercise', value: 'EXPO-2026' }]);
  });

  it('reads every status, msgType and scope value', () => {
    const base = fixture('cap12-every-element.xml').toString('utf8');
    for (const [tag, values] of [
      ['status', CAP_STATUSES],
      ['msgType', CAP_MSG_TYPES],
      ['scope', CAP_SCOPES],
    ] as const) {
      for (const value of values) {
        const xml = base.replace(
          new RegExp(`<cap:${tag}>\\w+</cap:${tag}>`),
          `<cap:${tag}>${value}</cap:${tag}>`,
        );
        expect(parseCap(xml).alert[tag]).toBe(value);
      }
    }
  });

  it('reads CAP 1.1, mapping "Very Likely" to Likely and saying so', () => {
    const parsed = parseCap(fixture('cap11-update.xml'));
    expect(parsed.version).toBe('1.1');
    expect(parsed.alert.info[0]!.certainty).toBe('Likely');
    expect(parsed.alert.info[0]!.responseType).toEqual(['AllClear']);
    expect(parsed.findings.map((f) => [f.severity, f.rule])).toEqual([['info', 'cap.version.very-likely']]);
  });

  it('reads CAP 1.0 name=value pairs and drops its password', () => {
    const parsed = parseCap(fixture('cap10-legacy.xml'));
    expect(parsed.version).toBe('1.0');
    expect(parsed.alert.info[0]!.eventCode).toEqual([{ valueName: 'SAME', value: 'CEM' }]);
    expect(parsed.alert.info[0]!.parameter).toEqual([{ valueName: 'HSAS', value: 'ORANGE' }]);
    expect(parsed.alert.info[0]!.area[0]!.geocode).toEqual([{ valueName: 'FIPS6', value: '006017' }]);
    expect(parsed.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(JSON.stringify(parsed.alert)).not.toContain('not-a-secret');
  });

  it.each([
    ['atom-feed.xml', 'atom', ['KZ-KAR-1', 'KZ-KAR-2'], '/feed/entry[0]/content[0]/alert[0]'],
    ['rss-feed.xml', 'rss', ['KZ-BAY-1'], '/rss/channel[0]/item[0]/alert[0]'],
    [
      'edxl-de.xml',
      'edxl-de',
      ['KZ-KOK-1'],
      '/EDXLDistribution/contentObject[0]/xmlContent[0]/embeddedXMLContent[0]/alert[0]',
    ],
  ])('finds the alerts inside %s', (file, wrapper, ids, firstLocation) => {
    const doc = parseCapDocument(fixture(file));
    expect(doc.wrapper).toBe(wrapper);
    expect(doc.messages.map((m) => m.alert.identifier)).toEqual(ids);
    expect(doc.messages[0]!.location).toBe(firstLocation);
    expect(doc.messages.flatMap((m) => m.findings)).toEqual([]);
  });

  it.each([
    ['windows-1251.xml', 'KZ-1251'],
    ['utf-16-bom.xml', 'KZ-UTF16'],
    ['utf-8-bom.xml', 'KZ-BOM'],
  ])('decodes %s', (file, id) => {
    const { alert } = parseCap(fixture(file));
    expect(alert.identifier).toBe(id);
    expect(alert.note).toBe('Проверка кодировки');
  });

  it('reports order, repetition, unknown elements and namespaces with their paths', () => {
    const { findings } = parseCap(fixture('bad-structure.xml'));
    expect(findings.map((f) => [f.path, f.rule])).toEqual([
      ['/alert/identifier', 'xsd.order'],
      ['/alert/status', 'xsd.duplicate'],
      ['/alert/colour', 'xsd.unknown-element'],
    ]);
    const foreign = parseCap('<alert xmlns="urn:example:not-cap"><identifier>x</identifier></alert>');
    expect(foreign.findings[0]).toMatchObject({ path: '/alert', rule: 'xsd.namespace' });
  });
});

describe('parseCap refuses hostile documents with a clear reason', () => {
  it('refuses external entities (XXE) without reading them', () => {
    const err = refusal(fixture('bad-xxe.xml'));
    expect(err.code).toBe('xml.doctype');
    expect(err.message).toMatch(/DOCTYPE/);
  });

  it('refuses the billion laughs', () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><alert>&lol2;</alert>`;
    expect(refusal(lol).code).toBe('xml.doctype');
  });

  it('refuses undeclared entity references', () => {
    expect(
      refusal('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><note>&xxe;</note></alert>').code,
    ).toBe('xml.entity');
  });

  it('refuses a huge attribute', () => {
    const err = refusal(
      `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2" junk="${'A'.repeat(100_000)}"/>`,
    );
    expect(err.code).toBe('xml.attribute-too-long');
    expect(err.message).toMatch(/junk/);
  });

  it('refuses deep nesting, too many elements and oversized input', () => {
    expect(refusal(`${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}`).code).toBe('xml.too-deep');
    expect(refusal(`<a>${'<b/>'.repeat(60_000)}</a>`).code).toBe('xml.too-many-elements');
    expect(refusal('<a/>', { limits: { maxBytes: 2 } }).code).toBe('xml.too-large');
    expect(refusal(Buffer.alloc(11 * 1024 * 1024, 0x20)).code).toBe('xml.too-large');
  });

  it('refuses malformed and truncated documents', () => {
    expect(refusal('<alert><a></alert>').code).toBe('xml.malformed');
    expect(refusal('<alert><identifier>x').code).toBe('xml.truncated');
    expect(refusal('not xml').code).toBe('xml.malformed');
    expect(refusal('<feedback/>').code).toBe('cap.not-cap');
    expect(refusal('<p:alert/>').code).toBe('xml.namespace');
    const unquoted = refusal(
      '<?xml version="1.0 encoding="UTF-8"?>\n<alert><identifier>a</identifier></alert>',
    );
    expect(unquoted.code).toBe('xml.malformed');
    expect(unquoted.message).toMatch(/not well-formed XML: .*not closed/);
    expect(refusal(Buffer.from('<?xml version="1.0" encoding="x-unknown"?><a/>')).code).toBe('xml.encoding');
    expect(refusal(Buffer.from([0x3c, 0x61, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x61, 0x3e])).code).toBe(
      'xml.encoding',
    );
  });

  it('is not tainted by a document that failed before it', () => {
    const good = fixture('cap11-update.xml');
    const before = parseCap(good);
    for (const bad of [
      '<alert><a></alert>',
      fixture('bad-xxe.xml'),
      '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><x:y/></alert>',
    ]) {
      expect(() => parseCapDocument(bad)).toThrow(CapParseError);
      expect(parseCap(good)).toEqual(before);
    }
    parseCap(fixture('bad-structure.xml'));
    expect(parseCap(good)).toEqual(before);
  });
});
