/**
 * A typed model of a CAP 1.2 message (OASIS Common Alerting Protocol, version 1.2).
 *
 * Field names and nesting follow the XML elements one to one, so a reader of the specification can
 * find every element here. Optional single elements are optional properties; elements that may repeat
 * are arrays (empty when absent). Times are kept as the text CAP carries (`2026-10-21T09:00:00+05:00`)
 * because a JavaScript `Date` would lose the sender's time zone. Numbers that CAP types as decimals or
 * integers are JavaScript numbers.
 *
 * A message the parser read may hold values outside an enumeration: the parser keeps what was written
 * (so nothing is lost) and the validator reports it.
 */

/** `alert/status`: how the message is to be handled. */
export const CAP_STATUSES = ['Actual', 'Exercise', 'System', 'Test', 'Draft'] as const;
export type CapStatus = (typeof CAP_STATUSES)[number];

/** `alert/msgType`: what kind of message this is. */
export const CAP_MSG_TYPES = ['Alert', 'Update', 'Cancel', 'Ack', 'Error'] as const;
export type CapMsgType = (typeof CAP_MSG_TYPES)[number];

/** `alert/scope`: who may see the message. */
export const CAP_SCOPES = ['Public', 'Restricted', 'Private'] as const;
export type CapScope = (typeof CAP_SCOPES)[number];

/** `info/category`. */
export const CAP_CATEGORIES = [
  'Geo',
  'Met',
  'Safety',
  'Security',
  'Rescue',
  'Fire',
  'Health',
  'Env',
  'Transport',
  'Infra',
  'CBRNE',
  'Other',
] as const;
export type CapCategory = (typeof CAP_CATEGORIES)[number];

/** `info/responseType`: the action recommended to the audience. */
export const CAP_RESPONSE_TYPES = [
  'Shelter',
  'Evacuate',
  'Prepare',
  'Execute',
  'Avoid',
  'Monitor',
  'Assess',
  'AllClear',
  'None',
] as const;
export type CapResponseType = (typeof CAP_RESPONSE_TYPES)[number];

/** `info/urgency`. */
export const CAP_URGENCIES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
export type CapUrgency = (typeof CAP_URGENCIES)[number];

/** `info/severity`. */
export const CAP_SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export type CapSeverity = (typeof CAP_SEVERITIES)[number];

/** `info/certainty`. */
export const CAP_CERTAINTIES = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;
export type CapCertainty = (typeof CAP_CERTAINTIES)[number];

/** The XML namespace of CAP 1.2. */
export const CAP_1_2_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';

/** A `valueName`/`value` pair, the shape of `eventCode`, `parameter` and `geocode`. */
export interface CapValuePair {
  valueName: string;
  value: string;
}

/** `info/resource`: a file that goes with the message, by URI or embedded (`derefUri`, base64). */
export interface CapResource {
  resourceDesc: string;
  mimeType: string;
  /** Size in bytes of the resource (CAP 1.2 says bytes; 1.1 said kilobytes). */
  size?: number;
  uri?: string;
  /** The resource itself, base64-encoded, when it is carried inside the message. */
  derefUri?: string;
  /** SHA-1 of the resource, hexadecimal, as CAP specifies. */
  digest?: string;
}

/** `info/area`: where the message applies. */
export interface CapArea {
  areaDesc: string;
  /** Each polygon as CAP writes it: space-separated "lat,lon" pairs, the first repeated last. */
  polygon: string[];
  /** Each circle as CAP writes it: "lat,lon radius" with the radius in kilometres. */
  circle: string[];
  geocode: CapValuePair[];
  /** Feet above mean sea level (CAP's unit). */
  altitude?: number;
  /** Feet above mean sea level; needs `altitude`. */
  ceiling?: number;
}

/** `alert/info`: the message in one language for one event. */
export interface CapInfo {
  /** RFC 3066 language tag; CAP's default when absent is `en-US`. */
  language?: string;
  category: CapCategory[];
  event: string;
  responseType: CapResponseType[];
  urgency: CapUrgency;
  severity: CapSeverity;
  certainty: CapCertainty;
  audience?: string;
  eventCode: CapValuePair[];
  effective?: string;
  onset?: string;
  expires?: string;
  senderName?: string;
  headline?: string;
  description?: string;
  instruction?: string;
  web?: string;
  contact?: string;
  parameter: CapValuePair[];
  resource: CapResource[];
  area: CapArea[];
}

/** `alert`: the whole message. */
export interface CapAlert {
  identifier: string;
  sender: string;
  sent: string;
  status: CapStatus;
  msgType: CapMsgType;
  source?: string;
  scope: CapScope;
  restriction?: string;
  /** Space-separated recipients; a recipient containing spaces is in double quotes. */
  addresses?: string;
  code: string[];
  note?: string;
  /** Space-separated "sender,identifier,sent" triples of the messages this one refers to. */
  references?: string;
  incidents?: string;
  info: CapInfo[];
}

/** Which CAP version a parsed document declared through its namespace. */
export type CapVersion = '1.0' | '1.1' | '1.2';

/** The XML namespace of each CAP version. */
export const CAP_NAMESPACES: Readonly<Record<CapVersion, string>> = {
  '1.0': 'http://www.incident.com/cap/1.0',
  '1.1': 'urn:oasis:names:tc:emergency:cap:1.1',
  '1.2': CAP_1_2_NAMESPACE,
};
