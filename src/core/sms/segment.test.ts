import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GSM_ESCAPE, gsmDecode, gsmSeptets, nonGsmCharacters } from './gsm7.js';
import { SEGMENT_UNITS, encodeSms, smsEncodingOf, smsPreview, splitSms, ucs2Decode } from './segment.js';

const BASIC_SAMPLE = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./09:;<=>?¡AZÄÖÑÜ§¿azäöñüà';
const EXTENSION_SAMPLE = '\f^{}\\[~]|€';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** Reassembles what a handset would show from the parts, decoding each part on its own. */
function reassemble(text: string, reference = 7): string {
  const sms = encodeSms(text, reference);
  return sms.parts
    .map((p) => p.userData.subarray(p.udhLength))
    .map((payload) => (sms.encoding === 'gsm7' ? gsmDecode(payload) : ucs2Decode(payload)))
    .join('');
}

describe('the GSM 03.38 alphabet', () => {
  it('has 127 basic characters of one septet and ten extension characters of two', () => {
    expect([...BASIC_SAMPLE].every((c) => gsmSeptets(c) === 1)).toBe(true);
    expect([...EXTENSION_SAMPLE].map(gsmSeptets)).toEqual(Array(10).fill(2));
    expect(gsmSeptets('\x1b')).toBe(0);
    expect(gsmSeptets('ç')).toBe(0);
    expect(gsmSeptets('Қ')).toBe(0);
  });

  it('encodes known characters to their septets (known answers from 3GPP TS 23.038)', () => {
    expect(hex(encodeSms('@£$', 0).parts[0]!.userData)).toBe('000102');
    expect(hex(encodeSms('€[]{}', 0).parts[0]!.userData)).toBe('1b651b3c1b3e1b281b29');
    expect(hex(encodeSms('Hi\r\nà', 0).parts[0]!.userData)).toBe('4869' + '0d0a' + '7f');
    expect(hex(encodeSms('§¿ΔÉ', 0).parts[0]!.userData)).toBe('5f60101f');
  });

  it('names the characters that force UCS-2, each once', () => {
    expect(nonGsmCharacters('Алматы: Қ and Қ, ok')).toEqual(['А', 'л', 'м', 'а', 'т', 'ы', 'Қ']);
    expect(nonGsmCharacters('plain {ascii} €')).toEqual([]);
  });
});

describe('choosing the encoding', () => {
  it('keeps GSM-7 for Latin text with the extension table and takes UCS-2 for Cyrillic', () => {
    expect(smsEncodingOf('EXERCISE EXERCISE EXERCISE: road closed [A1] ~5 km, 10€')).toBe('gsm7');
    expect(smsEncodingOf('УЧЕНИЯ: перекрыт проспект')).toBe('ucs2');
    expect(smsEncodingOf('Жаттығу: Қарағанды')).toBe('ucs2');
    expect(smsEncodingOf('café')).toBe('gsm7');
    expect(smsEncodingOf('ça')).toBe('ucs2');
  });

  it('encodes UCS-2 as UTF-16BE with data_coding 8 (known answer for Kazakh)', () => {
    const sms = encodeSms('Қазақ', 0);
    expect(sms.dataCoding).toBe(8);
    expect(hex(sms.parts[0]!.userData)).toBe('049a043004370430049b');
  });
});

describe('segment counts at the limits', () => {
  const cases: [string, string, number][] = [
    ['160 GSM septets: one', 'a'.repeat(160), 1],
    ['161 GSM septets: two (153 + 8)', 'a'.repeat(161), 2],
    ['159 plain + € = 161 septets: two', 'a'.repeat(159) + '€', 2],
    ['80 € = 160 septets: one', '€'.repeat(80), 1],
    ['306 GSM septets: two', 'a'.repeat(306), 2],
    ['307 GSM septets: three', 'a'.repeat(307), 3],
    ['70 Cyrillic: one', 'Ы'.repeat(70), 1],
    ['71 Cyrillic: two (67 + 4)', 'Ы'.repeat(71), 2],
    ['134 Cyrillic: two', 'Ы'.repeat(134), 2],
    ['135 Cyrillic: three', 'Ы'.repeat(135), 3],
    ['35 emoji = 70 units: one', '🚨'.repeat(35), 1],
  ];
  it.each(cases)('%s', (_name, text, segments) => {
    expect(smsPreview(text).segments).toBe(segments);
    expect(encodeSms(text, 1).parts).toHaveLength(segments);
  });

  it('never splits an escape sequence: the € that would straddle starts the next part', () => {
    const parts = splitSms('a'.repeat(152) + '€' + 'b'.repeat(10));
    expect(parts[0]).toBe('a'.repeat(152));
    expect(parts[1]!.startsWith('€')).toBe(true);
    const sms = encodeSms('a'.repeat(152) + '€' + 'b'.repeat(10), 1);
    expect(sms.parts[0]!.units).toBe(152);
    expect(sms.parts[0]!.userData.at(-1)).not.toBe(GSM_ESCAPE);
  });

  it('never splits a surrogate pair: the emoji that would straddle starts the next part', () => {
    const parts = splitSms('Ы'.repeat(66) + '🚨' + 'Ы'.repeat(10));
    expect(parts[0]).toBe('Ы'.repeat(66));
    expect(parts[1]!.startsWith('🚨')).toBe(true);
  });

  it('heads each concatenated part with 05 00 03 ref total seq', () => {
    const sms = encodeSms('Ы'.repeat(140), 0x42);
    expect(sms.parts.map((p) => hex(p.userData.subarray(0, p.udhLength)))).toEqual([
      '0500034203' + '01',
      '0500034203' + '02',
      '0500034203' + '03',
    ]);
    expect(encodeSms('short', 0x42).parts[0]!.udhLength).toBe(0);
  });

  it('previews encoding, length and room left', () => {
    expect(smsPreview('Hello €')).toEqual({
      encoding: 'gsm7',
      units: 8,
      characters: 7,
      segments: 1,
      unitsPerSegment: 160,
      remaining: 152,
      nonGsm: [],
    });
    expect(smsPreview('Ы'.repeat(71))).toMatchObject({
      encoding: 'ucs2',
      units: 71,
      segments: 2,
      unitsPerSegment: 67,
      remaining: 63,
      nonGsm: ['Ы'],
    });
    expect(smsPreview('')).toMatchObject({ segments: 1, remaining: 160 });
  });

  it('refuses a text of more than 255 parts', () => {
    expect(() => encodeSms('a'.repeat(153 * 255 + 1), 0)).toThrow(/256 segments; .* at most 255/);
  });
});

/** Texts mixing GSM basic and extension characters, Kazakh/Russian letters and emoji. */
const gsmChar = fc.constantFrom(...BASIC_SAMPLE, ...EXTENSION_SAMPLE);
const anyChar = fc.oneof(
  gsmChar,
  fc.constantFrom(...'АаБбҚқҒғҮүҰұӘәӨөІіҺһЁёЩщЫы'),
  fc.constantFrom('🚨', '📢', '𝔸', '😀'),
);
const gsmText = fc.array(gsmChar, { maxLength: 700 }).map((a) => a.join(''));
const mixedText = fc.array(anyChar, { maxLength: 400 }).map((a) => a.join(''));

describe('segmentation properties', () => {
  it('reassembles to exactly the original text, GSM-7 or UCS-2', () => {
    fc.assert(
      fc.property(fc.oneof(gsmText, mixedText), (text) => {
        expect(reassemble(text)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every part within its limit, cuts greedily and never ends a part mid-character', () => {
    fc.assert(
      fc.property(fc.oneof(gsmText, mixedText), fc.integer({ min: 0, max: 255 }), (text, ref) => {
        const sms = encodeSms(text, ref);
        const limits = SEGMENT_UNITS[sms.encoding];
        const multi = sms.parts.length > 1;
        sms.parts.forEach((p, i) => {
          expect(p.units).toBeLessThanOrEqual(multi ? limits.part : limits.single);
          const payload = p.userData.subarray(p.udhLength);
          if (sms.encoding === 'gsm7') {
            // An escape always has its code after it inside the same part.
            let k = 0;
            while (k < payload.length) k += payload[k] === GSM_ESCAPE ? 2 : 1;
            expect(k).toBe(payload.length);
          } else {
            const last = p.text.charCodeAt(p.text.length - 1);
            expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
          }
          if (multi) {
            expect([...p.userData.subarray(0, 6)]).toEqual([5, 0, 3, ref, sms.parts.length, i + 1]);
            // Greedy: the next part's first character did not fit in this one.
            const next = sms.parts[i + 1];
            if (next) {
              const first = [...next.text][0]!;
              const size = sms.encoding === 'gsm7' ? gsmSeptets(first) : first.length;
              expect(p.units + size).toBeGreaterThan(limits.part);
            }
          }
        });
        expect(smsPreview(text).segments).toBe(sms.parts.length);
      }),
      { numRuns: 300 },
    );
  });

  it('uses GSM-7 exactly when every character is in the GSM tables', () => {
    fc.assert(
      fc.property(fc.oneof(gsmText, mixedText, fc.string()), (text) => {
        const allGsm = [...text].every((c) => gsmSeptets(c) > 0);
        expect(smsEncodingOf(text)).toBe(allGsm ? 'gsm7' : 'ucs2');
      }),
    );
  });
});
