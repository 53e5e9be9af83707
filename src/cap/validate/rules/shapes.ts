/** Polygon and circle rules: the syntax and ranges CAP 1.2 prescribes, and what real senders get wrong. */
import type { CapRule, GeoBox, RuleContext } from '../rule.js';
import type { Shape } from '../geometry.js';
import { eachShapeOf } from '../walk.js';

function shapeOf(ctx: RuleContext, text: string, kind: 'polygon' | 'circle'): Shape {
  return kind === 'polygon' ? ctx.geometry.polygon(text) : ctx.geometry.circle(text);
}

export const polygonSyntax: CapRule = {
  id: 'cap.polygon.syntax',
  severity: 'error',
  description: 'A polygon is at least four "lat,lon" pairs separated by spaces, the first equal to the last.',
  check(ctx, report) {
    eachShapeOf(ctx, (text, path, kind) => {
      if (kind !== 'polygon') return;
      const s = ctx.geometry.polygon(text);
      if (s.syntaxError !== undefined) {
        if (s.syntaxError === '') report(path, 'rule_polygon_empty');
        else report(path, 'rule_polygon_pair', { pair: s.syntaxError });
      } else if (s.count < 4) {
        report(path, 'rule_polygon_points', { count: s.count });
      } else {
        const c = s.coords;
        const last = c.length - 2;
        if (c[0] !== c[last] || c[1] !== c[last + 1]) {
          report(path, 'rule_polygon_open', {
            first: `${c[0]},${c[1]}`,
            last: `${c[last]},${c[last + 1]}`,
          });
        }
      }
    });
  },
};

export const circleSyntax: CapRule = {
  id: 'cap.circle.syntax',
  severity: 'error',
  description: 'A circle is "lat,lon radius" with the radius in kilometres, not negative.',
  check(ctx, report) {
    eachShapeOf(ctx, (text, path, kind) => {
      if (kind !== 'circle') return;
      const s = ctx.geometry.circle(text);
      if (s.syntaxError !== undefined) {
        report(path, 'rule_circle_syntax', { circle: text.trim() });
      } else if (s.radius! < 0) {
        report(path, 'rule_radius_negative', { radius: s.radius! });
      }
    });
  },
};

const inRange = (lat: number, lon: number): boolean => Math.abs(lat) <= 90 && Math.abs(lon) <= 180;

/** Index in `coords` of the first point outside ±90/±180, or -1. */
function firstOutOfRange(coords: Float64Array): number {
  for (let i = 0; i < coords.length; i += 2) if (!inRange(coords[i]!, coords[i + 1]!)) return i;
  return -1;
}

export const coordinateRange: CapRule = {
  id: 'cap.coordinates.range',
  severity: 'error',
  description: 'Latitudes lie within ±90 and longitudes within ±180 degrees (WGS 84).',
  check(ctx, report) {
    eachShapeOf(ctx, (text, path, kind) => {
      const c = shapeOf(ctx, text, kind).coords;
      const bad = firstOutOfRange(c);
      if (bad === -1) return;
      const [lat, lon] = [c[bad]!, c[bad + 1]!];
      const key = inRange(lon, lat) ? 'rule_coordinate_range_swapped' : 'rule_coordinate_range';
      report(path, key, { point: `${lat},${lon}` });
    });
  },
};

export const radiusZero: CapRule = {
  id: 'cap.circle.radius-zero',
  severity: 'warning',
  description: 'A circle of radius 0 covers nobody; senders usually meant a small radius.',
  check(ctx, report) {
    eachShapeOf(ctx, (text, path, kind) => {
      if (kind === 'circle' && ctx.geometry.circle(text).radius === 0) {
        report(path, 'rule_radius_zero');
      }
    });
  },
};

export const coordinateWhitespace: CapRule = {
  id: 'cap.coordinates.whitespace',
  severity: 'warning',
  description:
    'No whitespace beside the comma of a pair or around the whole list; some receivers fail on it.',
  check(ctx, report) {
    eachShapeOf(ctx, (text, path, kind) => {
      if (shapeOf(ctx, text, kind).whitespace) {
        report(path, 'rule_coordinate_whitespace');
      }
    });
  },
};

export const coordinatePrecision: CapRule = {
  id: 'cap.coordinates.precision',
  severity: 'warning',
  description: 'Coordinates have at most 6 decimals (about 10 cm); aggregators reject more.',
  check(ctx, report) {
    eachShapeOf(ctx, (text, path, kind) => {
      const d = shapeOf(ctx, text, kind).maxDecimals;
      if (d > 6) report(path, 'rule_coordinate_precision', { decimals: d });
    });
  },
};

const within = (boxes: readonly GeoBox[], lat: number, lon: number): boolean =>
  boxes.some((b) => lat >= b.minLat && lat <= b.maxLat && lon >= b.minLon && lon <= b.maxLon);

/** Whether some point of `coords` (read as lat,lon, or as lon,lat when `swap`) lies in `boxes`. */
function someWithin(boxes: readonly GeoBox[], coords: Float64Array, swap: boolean): boolean {
  const [a, b] = swap ? [1, 0] : [0, 1];
  for (let i = 0; i < coords.length; i += 2) if (within(boxes, coords[i + a]!, coords[i + b]!)) return true;
  return false;
}

/** Whether every point of `coords` (as lat,lon, or lon,lat when `swap`) lies in `boxes`. */
function everyWithin(boxes: readonly GeoBox[], coords: Float64Array, swap: boolean): boolean {
  const [a, b] = swap ? [1, 0] : [0, 1];
  for (let i = 0; i < coords.length; i += 2) if (!within(boxes, coords[i + a]!, coords[i + b]!)) return false;
  return true;
}

export const swappedCoordinates: CapRule = {
  id: 'cap.coordinates.swapped',
  severity: 'warning',
  description:
    'A shape outside the profile\'s plausible area that would fall inside it as "lon,lat" is likely swapped.',
  check(ctx, report) {
    if (ctx.plausibleArea.length === 0) return;
    eachShapeOf(ctx, (text, path, kind) => {
      const coords = shapeOf(ctx, text, kind).coords;
      if (coords.length === 0 || someWithin(ctx.plausibleArea, coords, false)) return;
      if (everyWithin(ctx.plausibleArea, coords, true)) {
        report(path, 'rule_coordinates_swapped');
      }
    });
  },
};
