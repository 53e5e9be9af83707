import { smsEncodingOf, splitSms } from './segment.js';

/** How far back a cut may go to end on a whole word rather than mid-word. */
const WORD_BACKOFF = 24;

const segmentsOf = (text: string) => splitSms(text).length;

/**
 * The longest beginning of `body` whose message, as `compose` builds it around the body (heading,
 * link, exercise marking), fits in `maxSegments`. A cut body ends on a whole word where one is near
 * and says it was cut ("…", or "..." when the message is GSM-7, since "…" would force UCS-2 and
 * halve what a segment holds). What `compose` adds is never cut: the marking and the link are what
 * make a shortened inject safe and still answerable. Returns the body unchanged when it fits.
 */
export function fitSms(body: string, compose: (body: string) => string, maxSegments: number): string {
  if (segmentsOf(compose(body)) <= maxSegments) return body;
  const chars = [...body];
  const ellipsis = smsEncodingOf(compose('')) === 'gsm7' && smsEncodingOf(body) === 'gsm7' ? '...' : '…';
  const cut = (n: number) => {
    let head = chars.slice(0, n).join('');
    const space = head.search(/\s\S*$/);
    if (space > 0 && n - space <= WORD_BACKOFF && n < chars.length) head = head.slice(0, space);
    return `${head.trimEnd()}${ellipsis}`;
  };
  const fits = (n: number) => segmentsOf(compose(cut(n))) <= maxSegments;
  // Segments grow with the length of the body, so the longest fitting cut is found by halving.
  let lo = 0;
  let hi = chars.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return cut(lo);
}
