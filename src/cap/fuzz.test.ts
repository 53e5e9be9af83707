/**
 * Bad input never crashes, hangs or goes unexplained: mutated valid messages either parse (and then
 * validate without throwing) or are refused with a CapParseError carrying a code and a sentence.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCap } from './build.js';
import { checkCap } from './check.js';
import { parseCapDocument } from './parse.js';
import { capAlert } from './testing/arbitraries.js';
import { validateCap } from './validate/validate.js';
import { CapParseError } from './xml/errors.js';

type Mutation = (xml: string, r: number) => string;

const at = (xml: string, r: number): number => Math.floor(r * xml.length);
const tags = (xml: string): string[] => xml.match(/<[^>]+>[^<]*<\/[^>]+>/g) ?? [];

const MUTATIONS: Record<string, Mutation> = {
  truncate: (xml, r) => xml.slice(0, at(xml, r)),
  dropChar: (xml, r) => xml.slice(0, at(xml, r)) + xml.slice(at(xml, r) + 1),
  swapElements: (xml, r) => {
    const t = tags(xml);
    if (t.length < 2) return xml;
    const i = Math.floor(r * (t.length - 1));
    return xml
      .replace(t[i]!, '\u0000')
      .replace(t[i + 1]!, t[i]!)
      .replace('\u0000', t[i + 1]!);
  },
  duplicateElement: (xml, r) => {
    const t = tags(xml);
    const pick = t[Math.floor(r * t.length)];
    return pick ? xml.replace(pick, pick + pick) : xml;
  },
  injectEntity: (xml) => xml.replace('<identifier>', '<identifier>&xxe;'),
  injectDoctype: (xml) =>
    xml.replace('<alert', '<!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><alert'),
  wrongNamespace: (xml) => xml.replace('emergency:cap:1.2', 'emergency:cap:9.9'),
  noNamespace: (xml) => xml.replace(/ xmlns="[^"]*"/, ''),
  deepNesting: (xml, r) => xml.replace('<info>', `${'<x>'.repeat(20 + Math.floor(r * 200))}<info>`),
  garbage: (xml, r) => xml.slice(0, at(xml, r)) + '<<&&]]>\u00ff' + xml.slice(at(xml, r)),
  enumChange: (xml) => xml.replace(/<status>\w+<\/status>/, '<status>Panic</status>'),
};

function survives(input: string): void {
  try {
    const doc = parseCapDocument(input);
    for (const m of doc.messages) {
      for (const f of [...m.findings, ...validateCap(m.alert)]) expect(f.message.length).toBeGreaterThan(10);
    }
  } catch (err) {
    expect(err).toBeInstanceOf(CapParseError);
    expect((err as CapParseError).code).toMatch(/^(xml|cap)\./);
    expect((err as Error).message.length).toBeGreaterThan(10);
  }
}

describe('fuzzing the parser and validator', () => {
  it('survives every mutation of generated messages and names the problem', () => {
    fc.assert(
      fc.property(
        capAlert,
        fc.constantFrom(...Object.keys(MUTATIONS)),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (alert, name, r) => {
          survives(MUTATIONS[name]!(buildCap(alert), r));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('survives arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => survives(s)),
      { numRuns: 500 },
    );
  });

  it('refuses 100 MB of nesting quickly, without exhausting memory or the stack', async () => {
    const deep = '<a>'.repeat((100 * 1024 * 1024) / 3);
    const started = Date.now();
    const report = await checkCap(deep);
    expect(report.findings[0]!.rule).toBe('xml.too-large');
    const nested = `${'<a>'.repeat(1_000_000)}`;
    expect((await checkCap(nested, { limits: { maxBytes: 50 * 1024 * 1024 } })).findings[0]!.rule).toBe(
      'xml.too-deep',
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
