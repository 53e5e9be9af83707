/** The shape of validation rules and profiles: rules as data, each small and named. */
import type { CapFinding, CapSeverity } from '../finding.js';
import type { CapSentenceKey, CapWords } from '../sentences/sentences.js';
import type { CapAlert, CapVersion } from '../model.js';
import type { Geometry } from './geometry.js';

/** A latitude/longitude box, degrees. */
export interface GeoBox {
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}

/** What a rule may look at. Created per validation; nothing in it outlives the call. */
export interface RuleContext {
  alert: CapAlert;
  /** The version the message was written in (1.2 for a message built here). */
  version: CapVersion;
  /** The instant "sent in the future" is judged against. */
  now: Date;
  /** Where messages validated with these profiles plausibly apply, to spot swapped coordinates. */
  plausibleArea: readonly GeoBox[];
  /** Parsed polygons and circles, memoised for this validation only. */
  geometry: Geometry;
}

/**
 * Reports one finding of the running rule at `path`, as a sentence key and the values it names, so
 * each reader is told in their own language.
 */
export type Report = (path: string, key: CapSentenceKey, params?: CapWords['params']) => void;

/** One named check. `id` is stable (clients match on it); `severity` applies to all its findings. */
export interface CapRule {
  id: string;
  severity: CapSeverity;
  /** One sentence: what the rule requires and where that comes from. */
  description: string;
  check(ctx: RuleContext, report: Report): void;
}

/** A named set of rules applied on top of the CAP 1.2 core rules. */
export interface CapProfile {
  id: string;
  name: string;
  description: string;
  rules: readonly CapRule[];
  /** Boxes within which this profile's messages apply (for the swapped-coordinates warning). */
  plausibleArea?: readonly GeoBox[];
}

export type { CapFinding, CapSeverity };
