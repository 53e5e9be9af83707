import { ALERT_STATES, ALERT_STATUSES, HAZARDS } from '../../contract/enums.js';

/*
 * A public alert as plain data. One alert is one CAP message; an Update or a Cancel made from it is
 * another message of the same thread. Every message carries all three languages as separate CAP
 * `info` blocks.
 */

export const ALERT_LANGUAGES = ['kk', 'ru', 'en'] as const;
export type AlertLanguage = (typeof ALERT_LANGUAGES)[number];

export { ALERT_STATES, ALERT_STATUSES, HAZARDS };
export type Hazard = (typeof HAZARDS)[number];
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Where an alert's messages stand: only `sent` ones were handed to the outbox. */
export type AlertState = (typeof ALERT_STATES)[number];

/** public: residents whose places the area touches; exercise: the exercise's own phone book. */
export const ALERT_AUDIENCES = ['public', 'exercise'] as const;
export type AlertAudience = (typeof ALERT_AUDIENCES)[number];

export type AlertMsgType = 'Alert' | 'Update' | 'Cancel';

/** What one language's `info` says. */
export interface AlertText {
  headline: string;
  description: string;
  instruction: string;
  /** The area as people name it ("Almaty, Medeu district"). */
  areaDesc: string;
}

export type AlertTexts = Partial<Record<AlertLanguage, AlertText>>;

/** The area an alert is for: a polygon or a circle, and the region it lies in (ISO 3166-2:KZ). */
export type AlertArea =
  | {
      kind: 'polygon';
      /** [lon, lat] positions, the last repeating the first. */ ring: [number, number][];
      region: string;
    }
  | { kind: 'circle'; lon: number; lat: number; radiusM: number; region: string };

/** The CAP statuses that are never sent to anyone: they are issued and kept. */
export const isNeverSent = (status: AlertStatus): boolean => status === 'System' || status === 'Draft';

/** Exercise and Test messages belong to an exercise and are marked as not real. */
export const isDrill = (status: AlertStatus): boolean => status === 'Exercise' || status === 'Test';

/** The outbox traffic mode of a status; undefined for statuses that are never sent. */
export function trafficModeOf(status: AlertStatus): 'actual' | 'exercise' | 'test' | undefined {
  switch (status) {
    case 'Actual':
      return 'actual';
    case 'Exercise':
      return 'exercise';
    case 'Test':
      return 'test';
    default:
      return undefined;
  }
}
