import { describe, expect, it } from 'vitest';
import { bounds, labelPoint, overlayFeatures } from './features';
import type { Position } from './types';

const square = (x: number, y: number, size: number): Position[] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

describe('zone labels on the map', () => {
  it('sits a polygon’s label at its centroid, and a multi-polygon’s in its largest part', () => {
    expect(labelPoint({ type: 'Polygon', coordinates: [square(76, 43, 2)] })).toEqual([77, 44]);
    const [lon, lat] = labelPoint({
      type: 'MultiPolygon',
      coordinates: [[square(0, 0, 1)], [square(10, 10, 4)]],
    });
    expect(lon).toBeCloseTo(12);
    expect(lat).toBeCloseTo(12);
  });

  it('falls back to the middle of the box when a ring has no area', () => {
    const flat: Position[] = [
      [1, 1],
      [3, 1],
      [1, 1],
    ];
    expect(labelPoint({ type: 'Polygon', coordinates: [flat] })).toEqual([2, 1]);
  });

  it('adds a label point only for zones that carry a label, inside the frame', () => {
    const zones = [
      {
        id: 'a',
        name: 'A',
        kind: 'cordon',
        geometry: { type: 'Polygon' as const, coordinates: [square(0, 0, 2)] },
      },
      {
        id: 'b',
        name: 'B',
        kind: 'cordon',
        label: 'B\n3 of 4 sent',
        geometry: { type: 'Polygon' as const, coordinates: [square(4, 0, 2)] },
      },
    ];
    const collection = overlayFeatures([], zones, null);
    const labels = collection.features.filter((f) => f.properties.style === 'label');
    expect(labels).toEqual([
      expect.objectContaining({
        properties: expect.objectContaining({ id: 'b', label: 'B\n3 of 4 sent' }),
        geometry: { type: 'Point', coordinates: [5, 1] },
      }),
    ]);
    expect(bounds(collection)).toEqual([0, 0, 6, 2]);
  });
});
