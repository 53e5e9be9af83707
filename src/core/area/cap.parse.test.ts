import { describe, expect, it } from 'vitest';
import { parseCapCircle, parseCapPolygon } from './cap.parse.js';
import { prepareArea } from './prepare.js';

describe('CAP area strings', () => {
  it('reads a polygon as "lat,lon" pairs into lon/lat rings', () => {
    const area = parseCapPolygon(' 51.1,71.4 51.2,71.4 51.2,71.6 51.1,71.4 ');
    expect([...area.rings[0]!]).toEqual([71.4, 51.1, 71.4, 51.2, 71.6, 51.2, 71.4, 51.1]);
    expect(prepareArea(area).contains(71.45, 51.15)).toBe(true);
  });

  it('reads a circle radius in km and keeps metres', () => {
    expect(parseCapCircle('51.13,71.43 10')).toEqual({
      kind: 'circle',
      lon: 71.43,
      lat: 51.13,
      radiusM: 10_000,
    });
    expect(parseCapCircle('51.13,71.43 0').radiusM).toBe(0);
  });

  it.each([
    ['51.1,71.4 51.2,71.4 51.1,71.4', /needs at least 4/],
    ['51.1,71.4 51.2,71.4 51.2,71.6 51.1,71.5', /not closed/],
    ['51.1;71.4 51.2,71.4 51.2,71.6 51.1;71.4', /point 1: "51.1;71.4" is not a "lat,lon" pair/],
    [
      '95,71.4 51.2,71.4 51.2,71.6 95,71.4',
      /latitude 95 is out of range; the axes look swapped \(CAP writes "lat,lon"\)/,
    ],
  ])('names the problem in %s', (text, pattern) => {
    expect(() => parseCapPolygon(text)).toThrow(pattern);
  });

  it('refuses bad circles by name', () => {
    expect(() => parseCapCircle('51.13,71.43')).toThrow(/CAP circle: .*is not "lat,lon radius_km"/);
    expect(() => parseCapCircle('51.13,71.43 -1')).toThrow(/radius/);
    expect(() => parseCapCircle('51.13,71.43 20000')).toThrow(/radius .* outside/);
  });

  it('resolves geocodes through the registry and names unknown ones', () => {
    const lookup = (name: string, value: string) =>
      name === 'ISO3166-2' && value === 'KZ-AST' ? parseCapPolygon('51,71 52,71 52,72 51,71') : undefined;
    expect(
      prepareArea({ kind: 'geocode', valueName: 'ISO3166-2', value: 'KZ-AST' }, lookup).contains(71.2, 51.5),
    ).toBe(true);
    expect(() => prepareArea({ kind: 'geocode', valueName: 'ISO3166-2', value: 'KZ-XXX' }, lookup)).toThrow(
      /geocode ISO3166-2=KZ-XXX: is not in the geocode registry/,
    );
  });
});
