/**
 * HTTP byte ranges (RFC 9110 §14) for one file: what a PMTiles reader asks for. Only single ranges
 * are answered as ranges; a multi-range request gets the whole body, which the RFC allows.
 */

/** Inclusive byte offsets. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * `undefined`: no usable Range header, send everything (200). `'unsatisfiable'`: 416.
 * Otherwise the one range to send (206).
 */
export function parseRange(
  header: string | undefined,
  size: number,
): ByteRange | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return undefined;
  const [, first = '', last = ''] = m;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    // A suffix: the last N bytes.
    const length = Number(last);
    if (length === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return undefined; // invalid, so ignored
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}
