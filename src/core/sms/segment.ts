import { gsmEncodeChar, gsmSeptets, nonGsmCharacters } from './gsm7.js';

/**
 * How a text becomes SMS segments, exactly as the handset will count them. GSM-7 when every
 * character is in the GSM 03.38 tables (160 septets alone, 153 per part of a concatenated
 * message), UCS-2 otherwise (70 UTF-16 units alone, 67 per part). A part never ends inside an
 * escape sequence or a surrogate pair. Concatenated parts carry the 8-bit-reference UDH
 * (IEI 0x00: 05 00 03 ref total seq).
 */

export type SmsEncoding = 'gsm7' | 'ucs2';

/** SMPP data_coding of each encoding: 0 the SMSC default alphabet (GSM 03.38), 8 UCS-2. */
export const DATA_CODING: Readonly<Record<SmsEncoding, number>> = { gsm7: 0x00, ucs2: 0x08 };

/** Units (septets or UTF-16 units) of one message alone, and of each part of a concatenated one. */
export const SEGMENT_UNITS: Readonly<Record<SmsEncoding, { single: number; part: number }>> = {
  gsm7: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
};

/** A concatenated message's parts are numbered in one octet. */
export const MAX_PARTS = 255;

/** What the composer shows while a text is typed. */
export interface SmsPreview {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 units (UCS-2): what the limits count. */
  units: number;
  /** Characters as a reader counts them (code points). */
  characters: number;
  segments: number;
  /** Units one segment holds at this length: 160/153 or 70/67. */
  unitsPerSegment: number;
  /** Units still free in the last segment before another is needed. */
  remaining: number;
  /** The characters that force UCS-2 (empty for GSM-7), so the writer can replace them. */
  nonGsm: string[];
}

/** One part on the wire: its user data (UDH first when concatenated) and the text it carries. */
export interface SmsPart {
  /** UDH (if any) followed by the payload: unpacked septets or UTF-16BE octets. */
  userData: Uint8Array;
  /** Octets of `userData` that are the UDH (0 for a single message). */
  udhLength: number;
  /** The text of this part alone. */
  text: string;
  /** Septets or UTF-16 units of the payload. */
  units: number;
}

export interface EncodedSms {
  encoding: SmsEncoding;
  dataCoding: number;
  parts: SmsPart[];
}

/** GSM-7 when every character has a septet, otherwise UCS-2. */
export function smsEncodingOf(text: string): SmsEncoding {
  for (const char of text) if (gsmSeptets(char) === 0) return 'ucs2';
  return 'gsm7';
}

/** Units a character takes in an encoding: septets in GSM-7, UTF-16 units in UCS-2. */
const unitsOf = (char: string, encoding: SmsEncoding): number =>
  encoding === 'gsm7' ? gsmSeptets(char) : char.length;

/**
 * The text cut into the texts of its segments, greedily: each part takes characters while they
 * fit whole. Iterating by code point keeps a surrogate pair together, and a character's escape
 * and code are counted as one two-septet unit, so neither is ever split.
 */
export function splitSms(text: string, encoding: SmsEncoding = smsEncodingOf(text)): string[] {
  const { single, part } = SEGMENT_UNITS[encoding];
  const chars = [...text];
  let total = 0;
  for (const c of chars) total += unitsOf(c, encoding);
  if (total <= single) return [text];
  const parts: string[] = [];
  let current = '';
  let used = 0;
  for (const c of chars) {
    const u = unitsOf(c, encoding);
    if (used + u > part) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += c;
    used += u;
  }
  parts.push(current);
  return parts;
}

/** The segment count, encoding and lengths of a text, for the composer's preview. */
export function smsPreview(text: string): SmsPreview {
  const encoding = smsEncodingOf(text);
  let units = 0;
  for (const c of text) units += unitsOf(c, encoding);
  const segments = units === 0 ? 1 : splitSms(text, encoding).length;
  const { single, part } = SEGMENT_UNITS[encoding];
  const unitsPerSegment = segments === 1 ? single : part;
  const last = segments === 1 ? units : unitsInLast(text, encoding);
  return {
    encoding,
    units,
    characters: [...text].length,
    segments,
    unitsPerSegment,
    remaining: unitsPerSegment - last,
    nonGsm: encoding === 'ucs2' ? nonGsmCharacters(text) : [],
  };
}

function unitsInLast(text: string, encoding: SmsEncoding): number {
  const parts = splitSms(text, encoding);
  let n = 0;
  for (const c of parts[parts.length - 1]!) n += unitsOf(c, encoding);
  return n;
}

/** The concatenation header of part `seq` (1-based) of `total`, under an 8-bit reference. */
export function concatUdh(reference: number, total: number, seq: number): Uint8Array {
  return Uint8Array.of(0x05, 0x00, 0x03, reference & 0xff, total, seq);
}

function payloadOf(text: string, encoding: SmsEncoding): Uint8Array {
  if (encoding === 'gsm7') {
    const septets: number[] = [];
    for (const c of text) septets.push(...gsmEncodeChar(c)!);
    return Uint8Array.from(septets);
  }
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    out[2 * i] = u >> 8;
    out[2 * i + 1] = u & 0xff;
  }
  return out;
}

/** A text longer than an SMS can be, however it is split. */
export class SmsTooLong extends RangeError {
  constructor(
    readonly segments: number,
    readonly max: number,
  ) {
    super(`the text needs ${segments} segments; an SMS can have at most ${max}`);
  }
}

/**
 * A text as the parts to submit. `reference` is the concatenation reference (0–255) all parts
 * share: made from the delivery, so every try of one delivery carries the same one. Throws a
 * {@link SmsTooLong} for a text needing more than 255 parts.
 */
export function encodeSms(text: string, reference: number): EncodedSms {
  const encoding = smsEncodingOf(text);
  const texts = splitSms(text, encoding);
  if (texts.length > MAX_PARTS) throw new SmsTooLong(texts.length, MAX_PARTS);
  const parts = texts.map((t, i): SmsPart => {
    const payload = payloadOf(t, encoding);
    const units = encoding === 'gsm7' ? payload.length : t.length;
    if (texts.length === 1) return { userData: payload, udhLength: 0, text: t, units };
    const udh = concatUdh(reference, texts.length, i + 1);
    const userData = new Uint8Array(udh.length + payload.length);
    userData.set(udh);
    userData.set(payload, udh.length);
    return { userData, udhLength: udh.length, text: t, units };
  });
  return { encoding, dataCoding: DATA_CODING[encoding], parts };
}

/** UTF-16BE octets back to text (the inverse of a UCS-2 payload). */
export function ucs2Decode(octets: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i + 1 < octets.length; i += 2)
    out += String.fromCharCode((octets[i]! << 8) | octets[i + 1]!);
  return out;
}
