import { gsmSeptets, nonGsmCharacters } from '../sms/gsm7.js';
import { smsEncodingOf, type SmsEncoding } from '../sms/segment.js';

/**
 * How a text becomes cell-broadcast pages (3GPP TS 23.041 §9.4.1.2): each page carries 82 octets
 * of user data, that is 93 GSM-7 septets or 41 UCS-2 characters, and a message has at most 15
 * pages. The encoding is chosen as for SMS: GSM-7 when every character is in the GSM 03.38
 * tables, UCS-2 otherwise (Kazakh and Russian text is UCS-2). A page never ends inside an escape
 * sequence or a surrogate pair.
 */

/** Units (septets or UTF-16 units) one page holds. */
export const CB_PAGE_UNITS: Readonly<Record<SmsEncoding, number>> = { gsm7: 93, ucs2: 41 };

/** The most pages one cell-broadcast message may have. */
export const CB_MAX_PAGES = 15;

/** What the composer shows of one language's cell-broadcast text. */
export interface CbPages {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 units (UCS-2). */
  units: number;
  /** Pages the text needs (at least one). */
  pages: number;
  /** Units one page holds: 93 or 41. */
  unitsPerPage: number;
  /** False when the text needs more than {@link CB_MAX_PAGES} pages. */
  fits: boolean;
  /** The characters that force UCS-2 (empty for GSM-7). */
  nonGsm: string[];
}

const unitsOf = (char: string, encoding: SmsEncoding): number =>
  encoding === 'gsm7' ? gsmSeptets(char) : char.length;

/** The text cut into the texts of its pages, greedily, whole characters only. */
export function splitCbPages(text: string, encoding: SmsEncoding = smsEncodingOf(text)): string[] {
  const per = CB_PAGE_UNITS[encoding];
  const pages: string[] = [];
  let current = '';
  let used = 0;
  for (const c of text) {
    const u = unitsOf(c, encoding);
    if (used + u > per) {
      pages.push(current);
      current = '';
      used = 0;
    }
    current += c;
    used += u;
  }
  pages.push(current);
  return pages;
}

/** Pages, encoding and length of one language's text. */
export function cbPages(text: string): CbPages {
  const encoding = smsEncodingOf(text);
  let units = 0;
  for (const c of text) units += unitsOf(c, encoding);
  const pages = splitCbPages(text, encoding).length;
  return {
    encoding,
    units,
    pages,
    unitsPerPage: CB_PAGE_UNITS[encoding],
    fits: pages <= CB_MAX_PAGES,
    nonGsm: encoding === 'ucs2' ? nonGsmCharacters(text) : [],
  };
}

const ELLIPSIS = '...';

/**
 * The text cut to fit {@link CB_MAX_PAGES} pages, ending in "..." when cut. A broadcast that is too
 * long is shortened rather than refused: the head of an alert (the marking, the headline, what to
 * do) matters most and comes first, and refusing would leave the area with nothing.
 */
export function fitCbText(text: string, maxPages = CB_MAX_PAGES): string {
  const encoding = smsEncodingOf(text);
  if (splitCbPages(text, encoding).length <= maxPages) return text;
  const budget = CB_PAGE_UNITS[encoding] * maxPages - ELLIPSIS.length;
  let out = '';
  let used = 0;
  for (const c of text) {
    const u = unitsOf(c, encoding);
    if (used + u > budget) break;
    out += c;
    used += u;
  }
  return out.trimEnd() + ELLIPSIS;
}
