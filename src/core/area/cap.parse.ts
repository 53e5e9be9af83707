import type { CircleArea, PolygonArea } from './area.js';
import { AreaError, areaError, type AreaProblem } from './area.error.js';
import { CircleRegion } from './circle.region.js';
import { checkPolygon } from './polygon.validate.js';
import { checkPosition } from './position.check.js';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const MAX_CAP_POINTS = 100_000;

function parsePair(token: string, where: string, problems: AreaProblem[]): [number, number] | undefined {
  const parts = token.split(',');
  if (parts.length !== 2 || !NUMBER.test(parts[0]!) || !NUMBER.test(parts[1]!)) {
    problems.push({ where, problem: `"${token.slice(0, 40)}" is not a "lat,lon" pair of decimal numbers` });
    return undefined;
  }
  const lat = Number(parts[0]);
  const lon = Number(parts[1]);
  return checkPosition(lon, lat, where, 'lat,lon', problems) ? [lon, lat] : undefined;
}

/**
 * Parses a CAP 1.2 `<polygon>`: whitespace-separated "lat,lon" pairs, at least four, first equal to
 * last. Throws {@link AreaError} naming each problem; the result is a checked polygon.
 */
export function parseCapPolygon(text: string, where = 'CAP polygon'): PolygonArea {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  if (tokens.length > MAX_CAP_POINTS) throw areaError(where, `has over ${MAX_CAP_POINTS} points`);
  const problems: AreaProblem[] = [];
  const ring = new Float64Array(tokens.length * 2);
  tokens.forEach((token, i) => {
    const pair = parsePair(token, `${where}, point ${i + 1}`, problems);
    if (pair) ring.set(pair, i * 2);
  });
  if (problems.length === 0) checkPolygon([ring], where, problems);
  if (problems.length > 0) throw new AreaError(problems);
  return { kind: 'polygon', rings: [ring] };
}

/**
 * Parses a CAP 1.2 `<circle>`: "lat,lon radius" with the radius in kilometres; the area keeps metres.
 */
export function parseCapCircle(text: string, where = 'CAP circle'): CircleArea {
  const tokens = text.trim().split(/\s+/);
  if (tokens.length !== 2) throw areaError(where, `"${text.slice(0, 60)}" is not "lat,lon radius_km"`);
  const problems: AreaProblem[] = [];
  const centre = parsePair(tokens[0]!, where, problems);
  if (!NUMBER.test(tokens[1]!))
    problems.push({ where, problem: `radius "${tokens[1]!.slice(0, 20)}" is not a number of km` });
  if (!centre || problems.length > 0) throw new AreaError(problems);
  const circle: CircleArea = {
    kind: 'circle',
    lon: centre[0],
    lat: centre[1],
    radiusM: Number(tokens[1]) * 1000,
  };
  new CircleRegion(circle); // validates radius and centre, throwing AreaError
  return circle;
}
