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

function decimals(s: string): number {
  const dot = s.indexOf('.');
  return dot === -1 ? 0 : s.length - dot - 1;
}

function normalise(text: string): { norm: string; whitespace: boolean } {
  const trimmed = text.trim();
  const whitespace = trimmed.length !== text.length || AROUND_COMMA.test(trimmed);
  return { norm: whitespace ? trimmed.replace(/\s*,\s*/g, ',') : trimmed, whitespace };
}

function readPair(token: string, shape: Shape): boolean {
  const comma = token.indexOf(',');
  if (comma <= 0 || token.indexOf(',', comma + 1) !== -1) return false;
  const lat = token.slice(0, comma);
  const lon = token.slice(comma + 1);
  if (!NUMBER.test(lat) || !NUMBER.test(lon)) return false;
  shape.points.push([Number(lat), Number(lon)]);
  const d = Math.max(decimals(lat), decimals(lon));
  if (d > shape.maxDecimals) shape.maxDecimals = d;
  return true;
}

/** Reads a polygon text; never throws. */
export function readPolygon(text: string): Shape {
  const { norm, whitespace } = normalise(text);
  const shape: Shape = { points: [], whitespace, maxDecimals: 0 };
  if (norm === '') return { ...shape, syntaxError: '' };
  for (const token of norm.split(/\s+/)) {
    if (!readPair(token, shape)) return { ...shape, syntaxError: token };
  }
  return shape;
}

/** Reads a circle text; never throws. */
export function readCircle(text: string): Shape {
  const { norm, whitespace } = normalise(text);
  const shape: Shape = { points: [], whitespace, maxDecimals: 0 };
  const parts = norm.split(/\s+/);
  if (parts.length !== 2 || !readPair(parts[0]!, shape)) return { ...shape, syntaxError: norm };
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
