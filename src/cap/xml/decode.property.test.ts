/** UTF-8 input is read by Buffer's native routines; they must accept and refuse what TextDecoder does. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeXml } from './decode.js';
import { CapParseError } from './errors.js';

function reference(bytes: Uint8Array): string | 'refused' {
  const skip = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(skip));
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return 'refused';
  }
}

function ours(bytes: Uint8Array): string | 'refused' {
  try {
    return decodeXml(bytes, 1 << 20);
  } catch (err) {
    expect(err).toBeInstanceOf(CapParseError);
    expect((err as CapParseError).code).toBe('xml.encoding');
    return 'refused';
  }
}

const BOM = [0xef, 0xbb, 0xbf];
// Text starting "<a" so that no other encoding is sniffed; then valid text or raw bytes.
const body = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => [...Buffer.from(`<a>${s}</a>`)]),
  fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 40 }).map((b) => [0x3c, 0x61, ...b]),
  fc
    .array(fc.constantFrom(0x80, 0xbf, 0xc0, 0xc2, 0xe0, 0xed, 0xa0, 0xef, 0xf0, 0xf4, 0x90, 0xff, 0x41), {
      maxLength: 12,
    })
    .map((b) => [0x3c, 0x61, ...b]),
);

describe('decoding UTF-8', () => {
  it('gives the same text as a fatal TextDecoder, and refuses the same bytes', () => {
    fc.assert(
      fc.property(fc.boolean(), body, (bom, bytes) => {
        const input = Uint8Array.from(bom ? [...BOM, ...bytes] : bytes);
        expect(ours(input)).toBe(reference(input));
      }),
      { numRuns: 3000 },
    );
  });
});
