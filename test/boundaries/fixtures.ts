/** Small boundary files for the tests: two Almaty outlines, and ways of getting one wrong. */

type Ring = [number, number][];

export const square = (lon: number, lat: number, d = 0.02): Ring => [
  [lon, lat],
  [lon + d, lat],
  [lon + d, lat + d],
  [lon, lat + d],
  [lon, lat],
];

export const boundaryFeature = (properties: Record<string, unknown>, ring: Ring = square(76.9, 43.2)) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Polygon', coordinates: [ring] },
});

export const props = (code: string, level: string, en: string, extra: Record<string, unknown> = {}) => ({
  code,
  level,
  region: 'KZ-75',
  'name:kk': `${en} (kk)`,
  'name:ru': `${en} (ru)`,
  'name:en': en,
  ...extra,
});

/** A city and a district of Almaty, and a Karaganda city in Cyrillic search range. */
export const smallFile = () => ({
  type: 'FeatureCollection',
  features: [
    boundaryFeature(props('medeu', 'district', 'Medeu district', { 'name:ru': 'Медеуский район' })),
    boundaryFeature(props('almaty', 'city', 'Almaty city'), square(76.8, 43.15, 0.3)),
    boundaryFeature(
      props('karaganda', 'city', 'Karaganda city', { region: 'KZ-35', 'name:kk': 'Қарағанды қаласы' }),
      square(73.0, 49.75, 0.2),
    ),
  ],
});
