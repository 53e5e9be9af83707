import { describe, expect, it } from 'vitest';
import { checkBoundaryFile } from './boundary.check.js';

const names = { 'name:kk': 'Медеу ауданы', 'name:ru': 'Медеуский район', 'name:en': 'Medeu district' };
const props = { code: 'medeu', level: 'district', region: 'KZ-75', ...names };
const square = (lon: number, lat: number, d = 0.1) => [
  [lon, lat],
  [lon + d, lat],
  [lon + d, lat + d],
  [lon, lat + d],
  [lon, lat],
];
const file = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
const feature = (properties: unknown, geometry: unknown) => ({ type: 'Feature', properties, geometry });

describe('checkBoundaryFile', () => {
  it('measures a multipolygon: parts, points, box, and keeps only [lon, lat]', () => {
    const r = checkBoundaryFile(
      file(
        feature(props, {
          type: 'MultiPolygon',
          coordinates: [[square(76.9, 43.2).map(([x, y]) => [x, y, 900])], [square(77.2, 43.4)]],
        }),
      ),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [b] = r.boundaries;
    expect(b).toMatchObject({ code: 'medeu', level: 'district', region: 'KZ-75', parts: 2, points: 10 });
    expect(b!.bbox.map((v) => Number(v.toFixed(3)))).toEqual([76.9, 43.2, 77.3, 43.5]);
    expect(b!.geometry.type).toBe('MultiPolygon');
    expect(JSON.stringify(b!.geometry)).not.toContain('900');
  });

  it('trims names and refuses markup, control characters and overlong text, naming each path', () => {
    const r = checkBoundaryFile(
      file(
        feature(
          { ...props, 'name:kk': '  Медеу  ', 'name:ru': 'a\u0007b', 'name:en': 'x'.repeat(201) },
          { type: 'Polygon', coordinates: [square(76.9, 43.2)] },
        ),
        feature(
          { ...props, code: 'b', 'name:en': 'a > b' },
          { type: 'Polygon', coordinates: [square(76.9, 43.2)] },
        ),
      ),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.field, p.fault.problem])).toEqual([
      ['features[0].properties.name:ru', 'no_control_characters'],
      ['features[0].properties.name:en', 'max_length'],
      ['features[1].properties.name:en', 'no_markup'],
    ]);
  });

  it('names the geometry of a feature whose axes are swapped, and a file that is no FeatureCollection', () => {
    const swapped = checkBoundaryFile(
      file(feature(props, { type: 'Polygon', coordinates: [square(43.2, 76.9).map(([x, y]) => [x, y])] })),
    );
    expect(swapped.ok).toBe(false);
    if (!swapped.ok) expect(swapped.problems[0]).toMatchObject({ field: 'features[0].geometry' });
    const bare = checkBoundaryFile({ type: 'Polygon', coordinates: [square(76.9, 43.2)] });
    expect(bare.ok).toBe(false);
    if (!bare.ok)
      expect(bare.problems[0]).toMatchObject({
        field: 'geojson',
        fault: { problem: 'not_feature_collection' },
      });
    const empty = checkBoundaryFile(file());
    expect(empty.ok).toBe(false);
  });
});
