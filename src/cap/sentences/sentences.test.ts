import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { keptInLatin } from '../../../test/support/glossary.js';
import { parseCapDocument } from '../parse.js';
import { CapParseError } from '../xml/errors.js';
import { en } from './en.js';
import { CAP_SENTENCES, capSentence, type CapSentenceKey } from './sentences.js';

const ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const KEYS = Object.keys(en) as CapSentenceKey[];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

const KEPT_IN_LATIN = keptInLatin();

/** Latin words outside placeholders, tag names (<valueName>), references (&amp;) and quoted CAP values. */
const latinWords = (text: string) =>
  [...text.replace(/\{\w+\}|<\/?!?[\w:]*>?|&\w+;|«[^»]*»/g, ' ').matchAll(/[A-Za-z][A-Za-z]+/g)]
    .map((m) => m[0])
    .filter((w) => !KEPT_IN_LATIN.has(w));

/** Every non-test source file's text under src. */
function sources(dir = path.join(ROOT, 'src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [readFileSync(full, 'utf8')] : [];
  });
}

describe("the CAP reader's sentences", () => {
  it.each(['kk', 'ru'] as const)(
    'word every sentence in %s with the same values, no English left',
    (lang) => {
      const sentences = CAP_SENTENCES[lang];
      const faults = KEYS.flatMap((key) => {
        const text = sentences[key];
        // The parser's and a failed rule's own English detail are the values the other languages leave out.
        const wanted = placeholders(en[key]).filter(
          (p) => !(key === 'not_well_formed' || key === 'rule_could_not_run') || p !== 'detail',
        );
        return [
          ...(text?.trim() ? [] : [`${key}: no text`]),
          ...(placeholders(text ?? '').join() === wanted.join() ? [] : [`${key}: names other values`]),
          ...latinWords(text ?? '').map((w) => `${key}: ${w}`),
        ];
      });
      expect(Object.keys(sentences).sort()).toEqual([...KEYS].sort());
      expect(faults).toEqual([]);
    },
  );

  it('has no sentence the source never says', () => {
    const text = sources().join('\n');
    const unused = KEYS.filter((key) => !new RegExp(`'${key}'`).test(text));
    expect(unused).toEqual([]);
  });

  it('words a refusal in the reader language, with the values the English sentence names', () => {
    const refusal = (xml: string) => {
      try {
        parseCapDocument(xml);
      } catch (err) {
        if (err instanceof CapParseError) return err;
      }
      throw new Error('not refused');
    };
    const crossed = refusal('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">\n<info></alert>');
    expect(crossed.code).toBe('xml.malformed');
    expect(crossed.message).toBe(
      'The document is not well-formed XML: </alert> cannot close <info> (line 2).',
    );
    expect(capSentence('ru', crossed.words)).toBe(
      'Документ не является правильно построенным XML: тег </alert> не может закрыть <info> (строка 2).',
    );
    expect(capSentence('kk', crossed.words)).toBe(
      'Құжат дұрыс құрылған XML емес: </alert> тегі <info> элементін жаба алмайды (2-жол).',
    );

    const quote = refusal('<?xml version="1.0 encoding="UTF-8"?><alert/>');
    expect(quote.message).toMatch(/^The document is not well-formed XML: .+\.$/);
    expect(capSentence('kk', quote.words)).toBe('Құжат дұрыс құрылған XML емес.');

    const entity = refusal('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2" note="a &amp b"/>');
    expect(entity.message).toBe('In <alert note="…">, a bare "&" must be written as "&amp;".');
    expect(capSentence('ru', entity.words)).toBe(
      'В <alert note="…"> одиночный знак «&» нужно записывать как «&amp;».',
    );
  });

  it("words what the reader found in an alert's structure", () => {
    const { messages } = parseCapDocument(
      '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2" colour="red"><identifier>x</identifier></alert>',
    );
    const attribute = messages[0]!.findings.find((f) => f.rule === 'xsd.attribute')!;
    expect(attribute.message).toBe('<alert> has an attribute colour, which CAP does not define.');
    expect(capSentence('kk', attribute.words!)).toBe(
      '<alert> элементінде CAP анықтамаған colour атрибуты бар.',
    );
  });
});
