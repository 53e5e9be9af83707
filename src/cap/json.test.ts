import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCap } from './build.js';
import { capFromJson, capToJson, capToJsonText, CapJsonError } from './json.js';
import { parseCap } from './parse.js';
import { capAlert } from './testing/arbitraries.js';

describe('CAP JSON form', () => {
  it('round-trips every generated message: model → JSON → model is identity', () => {
    fc.assert(
      fc.property(capAlert, (alert) => {
        expect(capFromJson(capToJsonText(alert))).toEqual(alert);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips through XML: CAP → JSON → CAP gives the same document', () => {
    fc.assert(
      fc.property(capAlert, (alert) => {
        const xml = buildCap(alert);
        const viaJson = buildCap(capFromJson(JSON.parse(JSON.stringify(capToJson(parseCap(xml).alert)))));
        expect(viaJson).toBe(xml);
      }),
      { numRuns: 200 },
    );
  });

  it('writes properties in schema order and omits absent optional elements', () => {
    const json = capToJson({
      info: [],
      code: [],
      scope: 'Public',
      msgType: 'Alert',
      status: 'Test',
      sent: 's',
      sender: 'b',
      identifier: 'a',
      note: undefined,
    });
    expect(Object.keys(json.alert)).toEqual([
      'identifier',
      'sender',
      'sent',
      'status',
      'msgType',
      'scope',
      'code',
      'info',
    ]);
  });

  it('names the property at fault in malformed JSON', () => {
    expect(() => capFromJson('{')).toThrow(CapJsonError);
    expect(() => capFromJson({ cap: '1.1', alert: {} })).toThrow('/cap');
    const bad = {
      cap: '1.2',
      alert: {
        identifier: 'a',
        sender: 'b',
        sent: 's',
        status: 'Test',
        msgType: 'Alert',
        scope: 'Public',
        info: [{ event: 1 }],
      },
    };
    expect(() => capFromJson(bad)).toThrow('/alert/info[0]/event');
  });
});
