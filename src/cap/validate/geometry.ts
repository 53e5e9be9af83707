/** Reading CAP's polygon ("lat,lon lat,lon …") and circle ("lat,lon radius") texts. */

/** A polygon or circle as read, with what the warnings need to know about how it was written. */
export interface Shape {
  /** [latitude, longitude] pairs in the order written. */
  points: [number, number][];
  /** Circle radius in kilometres. */
  radius?: number;
  /** The first piece of text that is not in the expected form, when there is one. */
  syntaxError?: string;
  /** Whitespace beside a comma or at either end ("51.1, 71.4"). */
  whitespace: boolean;
  /** Most digits after the decimal point in any coordinate. */
  maxDecimals: number;
}

/** Memoised readers; one instance per validation, so nothing is shared between messages. */
export interface Geometry {
  polygon(text: string): Shape;
  circle(text: string): Shape;
}

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)$/;
const AROUND_COMMA = /\s,|,\s/;

function normalise(text: string): { norm: string; whitespace: boolean } {
  const trimmed = text.trim();
  const whitespace = trimmed.length !== text.length || AROUND_COMMA.test(trimmed);
  return { norm: whitespace ? trimmed.replace(/\s*,\s*/g, ',') : trimmed, whitespace };
}

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 13;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * Scans one decimal number starting at `i` and returns where it ends (or -1 when there is none);
 * `decimals` receives the digits after the point. Hand-written because polygons of hundreds of
 * points are read on every validation, and a regex per token costs several times more.
 */
function scanNumber(s: string, i: number, end: number, out: { decimals: number }): number {
  let k = i;
  if (k < end && (s.charCodeAt(k) === 45 || s.charCodeAt(k) === 43)) k++;
  let digits = 0;
  while (k < end && isDigit(s.charCodeAt(k))) {
    k++;
    digits++;
  }
  out.decimals = 0;
  if (k < end && s.charCodeAt(k) === 46) {
    k++;
    while (k < end && isDigit(s.charCodeAt(k))) {
      k++;
      digits++;
      out.decimals++;
    }
  }
  return digits === 0 ? -1 : k;
}

/** Reads the "lat,lon" pair s[i, end) into `shape`; false when it is not one. */
function readPair(s: string, i: number, end: number, shape: Shape): boolean {
  const d = { decimals: 0 };
  const comma = scanNumber(s, i, end, d);
  if (comma === -1 || s.charCodeAt(comma) !== 44) return false;
  const latDecimals = d.decimals;
  const stop = scanNumber(s, comma + 1, end, d);
  if (stop !== end) return false;
  shape.points.push([Number(s.slice(i, comma)), Number(s.slice(comma + 1, end))]);
  const most = latDecimals > d.decimals ? latDecimals : d.decimals;
  if (most > shape.maxDecimals) shape.maxDecimals = most;
  return true;
}

/** Reads a polygon text; never throws. */
export function readPolygon(text: string): Shape {
  const { norm, whitespace } = normalise(text);
  const shape: Shape = { points: [], whitespace, maxDecimals: 0 };
  if (norm === '') return { ...shape, syntaxError: '' };
  const n = norm.length;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j < n && !isSpace(norm.charCodeAt(j))) j++;
    if (!readPair(norm, i, j, shape)) return { ...shape, syntaxError: norm.slice(i, j) };
    i = j;
    while (i < n && isSpace(norm.charCodeAt(i))) i++;
  }
  return shape;
}

/** Reads a circle text; never throws. */
export function readCircle(text: string): Shape {
  const { norm, whitespace } = normalise(text);
  const shape: Shape = { points: [], whitespace, maxDecimals: 0 };
  const parts = norm.split(/\s+/);
  if (parts.length !== 2 || !readPair(parts[0]!, 0, parts[0]!.length, shape))
    return { ...shape, syntaxError: norm };
  if (!NUMBER.test(parts[1]!)) return { ...shape, syntaxError: parts[1]! };
  return { ...shape, radius: Number(parts[1]) };
}

/** A fresh memo for one validation. */
export function createGeometry(): Geometry {
  const polygons = new Map<string, Shape>();
  const circles = new Map<string, Shape>();
  return {
    polygon(text) {
      let s = polygons.get(text);
      if (!s) polygons.set(text, (s = readPolygon(text)));
      return s;
    },
    circle(text) {
      let s = circles.get(text);
      if (!s) circles.set(text, (s = readCircle(text)));
      return s;
    },
  };
}
