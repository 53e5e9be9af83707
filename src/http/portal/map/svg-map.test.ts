import { describe, expect, it } from 'vitest';
import { renderMap, type MapInput } from './svg-map.js';

const SQUARE = (lon: number, lat: number, d: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [lon - d, lat - d],
      [lon + d, lat - d],
      [lon + d, lat + d],
      [lon - d, lat + d],
      [lon - d, lat - d],
    ],
  ],
});

function map(places: MapInput['places']): string {
  return String(
    renderMap({
      title: 'Closures',
      description: 'Where the roads are closed',
      shapes: [{ number: 1, kind: 'area', geometry: SQUARE(71.43, 51.13, 0.01) }],
      places,
      land: [],
      minKm: 4,
      legend: {},
      scaleLabel: (km) => `${km} km`,
    }),
  );
}

interface Drawn {
  x: number;
  y: number;
  anchor: string;
  text: string;
}

/** Each view's place labels and badge circles, as the SVG draws them. */
function views(svg: string): { labels: Drawn[]; badges: { x: number; y: number; r: number }[] }[] {
  return svg
    .split('<svg')
    .slice(1)
    .map((view) => ({
      labels: [
        ...view.matchAll(
          /<text\s+x="([\d.-]+)"\s+y="([\d.-]+)"\s+text-anchor="(\w+)"\s+font-size="14"[^>]*>([^<]+)</g,
        ),
      ].map((m) => ({ x: Number(m[1]), y: Number(m[2]), anchor: m[3]!, text: m[4]!.trim() })),
      badges: [...view.matchAll(/<circle\s+cx="([\d.-]+)"\s+cy="([\d.-]+)"\s+r="10"/g)].map((m) => ({
        x: Number(m[1]),
        y: Number(m[2]),
        r: 10,
      })),
    }));
}

/** The box a label takes, as the map reckons it (7.6 units a character, 14 high above its baseline). */
const boxOf = (l: Drawn): [number, number, number, number] => {
  const width = l.text.length * 7.6;
  const left = l.anchor === 'end' ? l.x - width : l.x;
  return [left, l.y - 14, left + width, l.y + 4];
};

describe('the server-drawn map', () => {
  it('never writes a place name over a numbered badge: it moves to the other side or is left out', () => {
    // A place right at the badge's spot, and one just left of it whose name runs to the right over it.
    const svg = map([
      { name: 'Astana', at: [71.43, 51.13] },
      { name: 'Baiterek', at: [71.426, 51.1305] },
    ]);
    for (const { labels, badges } of views(svg)) {
      expect(badges).toHaveLength(1);
      const [b] = badges;
      for (const l of labels) {
        const [x1, y1, x2, y2] = boxOf(l);
        const nearestX = Math.max(x1, Math.min(b!.x, x2));
        const nearestY = Math.max(y1, Math.min(b!.y, y2));
        expect(Math.hypot(nearestX - b!.x, nearestY - b!.y), `${l.text} over the badge`).toBeGreaterThan(
          b!.r,
        );
      }
    }
    // The dots stay, named or not.
    expect(svg.match(/r="4" fill="#1b1f24"/g)).toHaveLength(4);
  });

  it('keeps a place name where it was when nothing is in its way', () => {
    const [wide] = views(map([{ name: 'Esil', at: [71.422, 51.122] }]));
    expect(wide!.labels).toEqual([expect.objectContaining({ text: 'Esil', anchor: 'start' })]);
  });
});
