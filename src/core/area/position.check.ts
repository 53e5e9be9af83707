import type { AreaProblem } from './area.error.js';

/**
 * Range check for one position, with a hint when the two numbers look swapped. `order` is how the
 * source writes them, so the hint speaks the source's language.
 */
export function checkPosition(
  lon: number,
  lat: number,
  where: string,
  order: 'lat,lon' | '[lon, lat]',
  problems: AreaProblem[],
): boolean {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
    problems.push({ where, problem: 'has a coordinate that is not a finite number' });
    return false;
  }
  if (Math.abs(lat) > 90 && Math.abs(lon) <= 90) {
    const hint = order === 'lat,lon' ? 'CAP writes "lat,lon"' : 'GeoJSON writes [longitude, latitude]';
    problems.push({
      where,
      problem: `latitude ${lat} is out of range; the axes look swapped (${hint})`,
    });
    return false;
  }
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    problems.push({ where, problem: `position lat ${lat}, lon ${lon} is out of range (lat ±90, lon ±180)` });
    return false;
  }
  return true;
}
