/** Turning bytes into text the way an XML processor would: BOM first, then the declared encoding. */
import { isUtf8 } from 'node:buffer';
import { CapParseError } from './errors.js';

const DECLARED_ENCODING = /^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']/;

function sniffEncoding(bytes: Uint8Array): { label: string; skip: number } {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { label: 'utf-8', skip: 3 };
  if (b0 === 0xff && b1 === 0xfe) return { label: 'utf-16le', skip: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { label: 'utf-16be', skip: 2 };
  // XML 1.0 Appendix F: UTF-16 without a BOM still starts with "<?" in two-byte units.
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x3f && b3 === 0x00) return { label: 'utf-16le', skip: 0 };
  if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00 && b3 === 0x3f) return { label: 'utf-16be', skip: 0 };
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 256)).toString('latin1');
  const declared = DECLARED_ENCODING.exec(head)?.[1];
  return { label: declared ?? 'utf-8', skip: 0 };
}

/**
 * Decodes an XML document given as bytes, in UTF-8, UTF-16 or any encoding its declaration names that
 * the platform's TextDecoder knows (windows-1251, KOI8-R, ISO-8859-x, …). Bytes that are not valid in
 * that encoding are refused rather than replaced, so a message is never silently altered.
 */
export function decodeXml(input: Uint8Array | string, maxBytes: number): string {
  if (typeof input === 'string') {
    // A JavaScript string holds at most 3 UTF-8 bytes per UTF-16 unit; counting units is a fair bound.
    if (input.length > maxBytes) throw tooLarge(input.length, maxBytes);
    return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  }
  if (input.length > maxBytes) throw tooLarge(input.length, maxBytes);
  const { label, skip } = sniffEncoding(input);
  if (label === 'utf-8' || label.toLowerCase() === 'utf-8') {
    // Most feeds are UTF-8: validating and decoding with Buffer's native routines accepts and refuses
    // exactly what a fatal TextDecoder does, in about half its time.
    const body = skip ? input.subarray(skip) : input;
    if (!isUtf8(body)) throw new CapParseError('xml.encoding', { key: 'not_utf8' });
    const text = Buffer.from(body.buffer, body.byteOffset, body.length).toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true });
  } catch {
    throw new CapParseError('xml.encoding', { key: 'encoding_unsupported', params: { label } });
  }
  try {
    const text = decoder.decode(skip ? input.subarray(skip) : input);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    throw new CapParseError('xml.encoding', {
      key: 'encoding_invalid',
      params: { encoding: decoder.encoding },
    });
  }
}

const tooLarge = (size: number, max: number): CapParseError =>
  new CapParseError('xml.too-large', { key: 'too_large', params: { size, max } });
