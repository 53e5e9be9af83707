import { describe, expect, it } from 'vitest';
import type { AlertDeliveries } from '../../api/alerts';
import { deliveryAreas } from './deliveryAreas';

type Message = AlertDeliveries['messages'][number];

const RING: [number, number][] = [
  [76.88, 43.22],
  [76.98, 43.22],
  [76.98, 43.28],
  [76.88, 43.28],
  [76.88, 43.22],
];
const channel = (name: string, sent: number, delivered: number, queued = 0) => ({
  channel: name,
  queued,
  sending: 0,
  sent,
  delivered,
  failed: 0,
  firstAfterMs: null,
  lastAfterMs: null,
  latency: [],
});
const message = (sequence: number, area: Message['area'], channels: Message['channels']): Message => ({
  sequence,
  approvedAt: null,
  area,
  areaNames: { en: 'Medeu district', ru: 'Медеуский район' },
  total: channels.reduce((n, c) => n + c.queued + c.sent, 0),
  channels,
});

describe('the delivery map of an alert', () => {
  it('counts what each area was sent across channels, named in the reader’s language', () => {
    const [area] = deliveryAreas(
      [
        message(1, { kind: 'polygon', ring: RING, region: 'KZ-75' }, [
          channel('email', 3, 1),
          channel('sms', 2, 2, 4),
        ]),
      ],
      'ru',
    );
    expect(area).toMatchObject({ name: 'Медеуский район', sequences: [1], sent: 5, delivered: 3, total: 9 });
    expect(area!.geometry).toEqual({ type: 'Polygon', coordinates: [RING] });
  });

  it('draws an Update to the same area once, with the newest message’s figures', () => {
    const polygon = { kind: 'polygon' as const, ring: RING, region: 'KZ-75' };
    const areas = deliveryAreas(
      [message(2, polygon, [channel('email', 1, 0, 2)]), message(1, polygon, [channel('email', 3, 3)])],
      'kk',
    );
    expect(areas).toHaveLength(1);
    expect(areas[0]).toMatchObject({ id: 'area-1', sequences: [1, 2], sent: 1, total: 3 });
    // No Kazakh name was written: the Russian one stands in rather than nothing.
    expect(areas[0]!.name).toBe('Медеуский район');
  });

  it('turns a circle into a closed ring around its centre, and keeps a moved area apart', () => {
    const areas = deliveryAreas(
      [
        message(1, { kind: 'polygon', ring: RING, region: 'KZ-75' }, []),
        message(2, { kind: 'circle', lon: 71.43, lat: 51.13, radiusM: 2000, region: 'KZ-71' }, []),
      ],
      'en',
    );
    expect(areas.map((a) => a.sequences)).toEqual([[1], [2]]);
    const ring = areas[1]!.geometry.coordinates[0]!;
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    for (const [lon, lat] of ring) {
      const metres = Math.hypot(
        (lon - 71.43) * 111_320 * Math.cos((51.13 * Math.PI) / 180),
        (lat - 51.13) * 111_320,
      );
      expect(metres).toBeGreaterThanOrEqual(1999);
      expect(metres).toBeLessThan(2010);
    }
  });
});
