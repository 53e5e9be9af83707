import { circlePolygon } from '../../../../src/core/alert/area';
import type { AlertDeliveries } from '../../api/alerts';
import type { PolygonGeometry, Position } from '../../map/types';

type Message = AlertDeliveries['messages'][number];

/** One distinct area of an alert's sent messages, with what its newest message did. */
export interface DeliveryArea {
  /** Stable while the area is unchanged, so the map need not reframe on every live refresh. */
  id: string;
  /** The CAP areaDesc in the reader's language, else in any; empty when none was written. */
  name: string;
  /** The sequence numbers of the messages sent to this area, oldest first. */
  sequences: number[];
  /** Deliveries of the newest message handed to a provider (delivered ones among them). */
  sent: number;
  delivered: number;
  /** All deliveries the newest message was fanned out to: matched, queued, sent or failed. */
  total: number;
  geometry: PolygonGeometry;
}

const LANGUAGES = ['kk', 'ru', 'en'] as const;

function nameOf(m: Message, language: string): string {
  const own = LANGUAGES.find((l) => l === language);
  return ((own && m.areaNames[own]) || LANGUAGES.map((l) => m.areaNames[l]).find(Boolean) || '').trim();
}

function geometryOf(area: Message['area']): PolygonGeometry {
  const coordinates =
    area.kind === 'circle' ? circlePolygon(area.lon, area.lat, area.radiusM).coordinates : [area.ring];
  return { type: 'Polygon', coordinates: coordinates as Position[][] };
}

/**
 * The alert's areas for the delivery map, one per distinct shape. An Update usually keeps its
 * original's area; drawing each message would stack identical outlines and labels, and adding their
 * figures would count the same residents twice, so an area shows its newest message's figures: what
 * is reaching people now.
 */
export function deliveryAreas(messages: readonly Message[], language: string): DeliveryArea[] {
  const byShape = new Map<string, DeliveryArea>();
  for (const m of [...messages].sort((a, b) => a.sequence - b.sequence)) {
    const key = JSON.stringify(m.area);
    const sent = m.channels.reduce((n, c) => n + c.sent, 0);
    const delivered = m.channels.reduce((n, c) => n + c.delivered, 0);
    const before = byShape.get(key);
    byShape.set(key, {
      id: before?.id ?? `area-${m.sequence}`,
      name: nameOf(m, language) || before?.name || '',
      sequences: [...(before?.sequences ?? []), m.sequence],
      sent,
      delivered,
      total: m.total,
      geometry: before?.geometry ?? geometryOf(m.area),
    });
  }
  return [...byShape.values()];
}
