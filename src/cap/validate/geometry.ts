/**
 * Reading CAP's polygon ("lat,lon lat,lon …") and circle ("lat,lon radius") texts.
 *
 * Polygons of hundreds of points are read on every validation of every message a feed brings, so
 * the polygon reader makes one pass over the characters, packs the points into a Float64Array and
 * converts numbers itself. It only takes that path for text in the plain form (ASCII, whitespace
 * only between pairs, around commas or at the ends); anything else, including every text with an
 * error, goes to the general reader, which defines the result. The two agree exactly: see
 * geometry.property.test.ts.
 */

import type { CapAlert } from '../model.js';
import { eachShape } from './walk.js';

/** A polygon or circle as read, with what the warnings need to know about how it was written. */
export interface Shape {
  /** The points in the order written, packed: lat0, lon0, lat1, lon1, … (length 2 × count). */
  coords: Float64Array;
  /** How many points were read (before the first syntax error, when there is one). */
  count: number;
  /** Circle radius in kilometres. */
  radius?: number;
  /** The first piece of text that is not in the expected form, when there is one. */
  syntaxError?: string;
  /** Whitespace beside a comma or at either end ("51.1, 71.4"). */
  whitespace: boolean;
  /** Most digits after the decimal point in any coordinate. */
  maxDecimals: number;
}

/** A polygon or circle text of an alert, with its element path. */
export interface ShapeText {
  text: string;
  path: string;
  kind: 'polygon' | 'circle';
}

/** Memoised readers; one instance per validation, so nothing is shared between messages. */
export interface Geometry {
  polygon(text: string): Shape;
  circle(text: string): Shape;
  /** Every polygon and circle text of `alert` with its path, listed once and then reused. */
  shapes(alert: CapAlert): readonly ShapeText[];
}

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)$/;
const AROUND_COMMA = /\s,|,\s/;

/** Space, tab, line feed and carriage return: what separates the pairs of a polygon. */
const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 13;
/** ASCII whitespace as `String.prototype.trim` and `\s` see it (adds vertical tab and form feed). */
const isAsciiBlank = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Exact powers of ten: a mantissa below 2^53 divided by one of them is correctly rounded. */
const POW10 = Array.from({ length: 16 }, (_, k) => Number(`1e${k}`));

// What scanNumber found, kept in module variables so that the hot loop allocates nothing. Safe:
// reading is synchronous and never re-entered.
let scannedEnd = 0;
let scannedDecimals = 0;
let scannedValue = 0;

/**
 * Scans one decimal number ([+-] digits [. digits], at least one digit) in s[i, end). Returns false
 * when there is none; otherwise sets scannedEnd, scannedDecimals and scannedValue, which equals
 * `Number()` of the same text: with up to 15 digits (so at most 15 decimals) the mantissa and the power of
 * ten are both exact, so their quotient is the correctly rounded value (Clinger's fast path); longer
 * numbers go to `Number()`.
 */
function scanNumber(s: string, i: number, end: number): boolean {
  let k = i;
  let c = k < end ? s.charCodeAt(k) : -1;
  const negative = c === 45;
  if (negative || c === 43) c = ++k < end ? s.charCodeAt(k) : -1;
  const start = k;
  let mantissa = 0;
  while (isDigit(c)) {
    mantissa = mantissa * 10 + (c - 48);
    c = ++k < end ? s.charCodeAt(k) : -1;
  }
  let digits = k - start;
  let decimals = 0;
  if (c === 46) {
    const point = ++k;
    c = k < end ? s.charCodeAt(k) : -1;
    while (isDigit(c)) {
      mantissa = mantissa * 10 + (c - 48);
      c = ++k < end ? s.charCodeAt(k) : -1;
    }
    decimals = k - point;
    digits += decimals;
  }
  if (digits === 0) return false;
  scannedEnd = k;
  scannedDecimals = decimals;
  if (digits <= 15) {
    const magnitude = mantissa / POW10[decimals]!;
    scannedValue = negative ? -magnitude : magnitude;
  } else {
    scannedValue = Number(s.slice(i, k));
  }
  return true;
}

/** Growable packed coordinates. */
class Coords {
  data = new Float64Array(64);
  length = 0;
  push(lat: number, lon: number): void {
    if (this.length + 2 > this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = lat;
    this.data[this.length++] = lon;
  }
  shape(whitespace: boolean, maxDecimals: number, syntaxError?: string): Shape {
    const shape: Shape = {
      coords: this.data.subarray(0, this.length),
      count: this.length / 2,
      whitespace,
      maxDecimals,
    };
    if (syntaxError !== undefined) shape.syntaxError = syntaxError;
    return shape;
  }
}

// Where the plain reader writes points before copying out exactly as many as it read; reused
// across calls (grown when a longer text comes) so that reading allocates one array per polygon.
let scratch = new Float64Array(1024);

/**
 * The plain form in one pass: blanks* pair (spaces+ pair)* blanks*, a pair being
 * number blanks* "," blanks* number, all ASCII. Undefined for anything else.
 */
function readPlainPolygon(s: string): Shape | undefined {
  let i = 0;
  let end = s.length;
  while (i < end && isAsciiBlank(s.charCodeAt(i))) i++;
  while (end > i && isAsciiBlank(s.charCodeAt(end - 1))) end--;
  if (i === end) return undefined;
  // A pair takes at least 3 characters and a separator 1, so this many numbers at most.
  const room = ((end - i + 1) >> 1) + 2;
  if (scratch.length < room) scratch = new Float64Array(room);
  const out = scratch;
  let length = 0;
  let whitespace = i > 0 || end < s.length;
  let maxDecimals = 0;
  for (;;) {
    if (!scanNumber(s, i, end)) return undefined;
    const lat = scannedValue;
    const latDecimals = scannedDecimals;
    i = scannedEnd;
    let c = i < end ? s.charCodeAt(i) : -1;
    if (c !== 44) {
      if (!isAsciiBlank(c)) return undefined;
      whitespace = true;
      do c = ++i < end ? s.charCodeAt(i) : -1;
      while (isAsciiBlank(c));
      if (c !== 44) return undefined;
    }
    c = ++i < end ? s.charCodeAt(i) : -1;
    if (isAsciiBlank(c)) {
      whitespace = true;
      do c = ++i < end ? s.charCodeAt(i) : -1;
      while (isAsciiBlank(c));
    }
    if (!scanNumber(s, i, end)) return undefined;
    out[length++] = lat;
    out[length++] = scannedValue;
    if (latDecimals > maxDecimals) maxDecimals = latDecimals;
    if (scannedDecimals > maxDecimals) maxDecimals = scannedDecimals;
    i = scannedEnd;
    if (i === end) {
      // A new array filled by set() costs a third of what slice() does on Node 20.
      const coords = new Float64Array(length);
      coords.set(out.subarray(0, length));
      return { coords, count: length >> 1, whitespace, maxDecimals };
    }
    if (!isSpace(s.charCodeAt(i))) return undefined;
    while (isSpace(s.charCodeAt(i))) i++;
  }
}

function normalise(text: string): { norm: string; whitespace: boolean } {
  const trimmed = text.trim();
  const whitespace = trimmed.length !== text.length || AROUND_COMMA.test(trimmed);
  return { norm: whitespace ? trimmed.replace(/\s*,\s*/g, ',') : trimmed, whitespace };
}

/** Reads the "lat,lon" pair s[i, end) into `coords`; the most decimals in it, or -1 when it is not one. */
function readPair(s: string, i: number, end: number, coords: Coords): number {
  if (!scanNumber(s, i, end) || s.charCodeAt(scannedEnd) !== 44) return -1;
  const lat = scannedValue;
  const latDecimals = scannedDecimals;
  if (!scanNumber(s, scannedEnd + 1, end) || scannedEnd !== end) return -1;
  coords.push(lat, scannedValue);
  return latDecimals > scannedDecimals ? latDecimals : scannedDecimals;
}

/**
 * The general reader: trims, removes whitespace around commas (flagging it), splits on spaces, tabs
 * and line breaks, and reads each piece as a pair, stopping at the first that is not one.
 */
function readAnyPolygon(text: string): Shape {
  const { norm, whitespace } = normalise(text);
  const coords = new Coords();
  if (norm === '') return coords.shape(whitespace, 0, '');
  let maxDecimals = 0;
  const n = norm.length;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j < n && !isSpace(norm.charCodeAt(j))) j++;
    const decimals = readPair(norm, i, j, coords);
    if (decimals === -1) return coords.shape(whitespace, maxDecimals, norm.slice(i, j));
    if (decimals > maxDecimals) maxDecimals = decimals;
    i = j;
    while (i < n && isSpace(norm.charCodeAt(i))) i++;
  }
  return coords.shape(whitespace, maxDecimals);
}

/** Reads a polygon text; never throws. */
export function readPolygon(text: string): Shape {
  return readPlainPolygon(text) ?? readAnyPolygon(text);
}

/** Reads a circle text; never throws. */
export function readCircle(text: string): Shape {
  const { norm, whitespace } = normalise(text);
  const coords = new Coords();
  const parts = norm.split(/\s+/);
  const decimals = parts.length === 2 ? readPair(parts[0]!, 0, parts[0]!.length, coords) : -1;
  if (decimals === -1) return coords.shape(whitespace, 0, norm);
  if (!NUMBER.test(parts[1]!)) return coords.shape(whitespace, decimals, parts[1]!);
  return { ...coords.shape(whitespace, decimals), radius: Number(parts[1]) };
}

/**
 * Memoises `read` by text. A message holds a few shapes, which the rules ask for in turn by the very
 * same string, so a short list compared by `===` finds them without hashing a text of thousands of
 * characters (which a Map would do on every fresh message); past a few dozen it switches to a Map.
 */
function memo(read: (text: string) => Shape): (text: string) => Shape {
  const texts: string[] = [];
  const shapes: Shape[] = [];
  let byText: Map<string, Shape> | undefined;
  return (text) => {
    if (byText) {
      let s = byText.get(text);
      if (!s) byText.set(text, (s = read(text)));
      return s;
    }
    for (let i = 0; i < texts.length; i++) if (texts[i] === text) return shapes[i]!;
    const s = read(text);
    texts.push(text);
    shapes.push(s);
    if (texts.length > 32) byText = new Map(texts.map((t, i) => [t, shapes[i]!]));
    return s;
  };
}

/** A fresh memo for one validation. */
export function createGeometry(): Geometry {
  let listed: CapAlert | undefined;
  let list: ShapeText[] = [];
  return {
    polygon: memo(readPolygon),
    circle: memo(readCircle),
    shapes(alert) {
      if (listed !== alert) {
        list = [];
        eachShape(alert, (text, path, kind) => list.push({ text, path, kind }));
        listed = alert;
      }
      return list;
    },
  };
}
