import { buildCap } from '../../cap/build.js';
import { formatCapDateTime } from '../../cap/datetime.js';
import type { CapFinding } from '../../cap/finding.js';
import type { CapAlert, CapArea, CapInfo } from '../../cap/model.js';
import { DABYL_REGION_GEOCODE } from '../../cap/validate/profiles/dabyl.js';
import { validateCap } from '../../cap/validate/validate.js';
import { capPolygon } from '../notice/cap.js';
import {
  ALERT_LANGUAGES,
  isDrill,
  type AlertArea,
  type AlertLanguage,
  type AlertMsgType,
  type AlertStatus,
  type AlertText,
  type AlertTexts,
  type Hazard,
} from './alert.js';
import { CANCEL_PHRASES, TEMPLATES } from './templates.js';

/*
 * One alert message as CAP 1.2: one `info` per language (kk, ru, en), the hazard's terms from its
 * template, the area as a polygon or a circle with its region's geocode. Exercise and Test
 * messages name their exercise in `note` and say so at the head of every headline; a Cancel keeps
 * the cancelled message's texts after a line saying it is cancelled.
 */

export const ALERT_CAP_LANGUAGE: Readonly<Record<AlertLanguage, string>> = {
  kk: 'kk-KZ',
  ru: 'ru-KZ',
  en: 'en-US',
};

/** Kazakhstan keeps UTC+5 all year (since March 2024). */
const KZ_OFFSET_MINUTES = 300;

const DRILL_HEAD: Readonly<Record<'Exercise' | 'Test', string>> = { Exercise: 'EXERCISE', Test: 'TEST' };

export interface AlertCapInput {
  identifier: string;
  sender: string;
  senderName: string | null;
  sent: Date;
  status: AlertStatus;
  msgType: AlertMsgType;
  hazard: Hazard;
  texts: AlertTexts;
  area: AlertArea;
  expiresAt: string;
  /** Exercise and Test: the exercise's name, for `note`. */
  exerciseName: string | null;
  /** Why an Update or Cancel was made. */
  note: string | null;
  /** Every earlier message of the thread that was issued, oldest first. */
  references: readonly { sender: string; identifier: string; sent: string }[];
}

/** An identifier unique per install and message; CAP allows no spaces, commas, < or &. */
export const alertCapIdentifier = (sender: string, alertId: string): string =>
  `${sender.replace(/[\s,<&]/g, '_')}:alert:${alertId}`;

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

function capArea(area: AlertArea, areaDesc: string): CapArea {
  return {
    areaDesc,
    polygon: area.kind === 'polygon' ? [capPolygon(area.ring)] : [],
    circle:
      area.kind === 'circle'
        ? [`${round6(area.lat)},${round6(area.lon)} ${round6(area.radiusM / 1000)}`]
        : [],
    geocode: [{ valueName: DABYL_REGION_GEOCODE, value: area.region }],
  };
}

function info(input: AlertCapInput, lang: AlertLanguage, text: AlertText): CapInfo {
  const tpl = TEMPLATES[input.hazard];
  const cancel = input.msgType === 'Cancel';
  const head = isDrill(input.status) ? `${DRILL_HEAD[input.status as 'Exercise' | 'Test']}: ` : '';
  const cancelled = cancel ? `${CANCEL_PHRASES[lang].headline}: ` : '';
  return {
    language: ALERT_CAP_LANGUAGE[lang],
    category: [tpl.terms.category],
    event: tpl.event[lang],
    responseType: [cancel ? 'None' : tpl.terms.responseType],
    urgency: cancel ? 'Past' : tpl.terms.urgency,
    severity: cancel ? 'Minor' : tpl.terms.severity,
    certainty: tpl.terms.certainty,
    eventCode: [],
    expires: formatCapDateTime(new Date(input.expiresAt), KZ_OFFSET_MINUTES),
    ...(input.senderName ? { senderName: input.senderName } : {}),
    headline: `${head}${cancelled}${text.headline.trim()}`.slice(0, 160),
    description: cancel
      ? `${CANCEL_PHRASES[lang].description}\n\n${text.description.trim()}`
      : text.description.trim(),
    ...(cancel
      ? { instruction: CANCEL_PHRASES[lang].instruction }
      : text.instruction.trim()
        ? { instruction: text.instruction.trim() }
        : {}),
    parameter: [],
    resource: [],
    area: [capArea(input.area, text.areaDesc.trim())],
  };
}

/** The message as a CAP model: an `info` per language present, kk, ru, en in that order. */
export function alertToCap(input: AlertCapInput): CapAlert {
  const drillNote = isDrill(input.status)
    ? `${DRILL_HEAD[input.status as 'Exercise' | 'Test']}: ${input.exerciseName ?? 'unnamed exercise'}`
    : null;
  const note = [drillNote, input.note?.trim() || null].filter(Boolean).join(' — ');
  return {
    identifier: input.identifier,
    sender: input.sender,
    sent: formatCapDateTime(input.sent, KZ_OFFSET_MINUTES),
    status: input.status,
    msgType: input.msgType,
    scope: 'Public',
    code: [],
    ...(note ? { note } : {}),
    ...(input.msgType !== 'Alert' && input.references.length > 0
      ? { references: input.references.map((r) => `${r.sender},${r.identifier},${r.sent}`).join(' ') }
      : {}),
    info: ALERT_LANGUAGES.filter((l) => input.texts[l]).map((l) => info(input, l, input.texts[l]!)),
  };
}

export class AlertCapError extends Error {
  constructor(readonly findings: CapFinding[]) {
    super(
      `The alert's CAP message is not valid: ${findings.map((f) => `${f.path} ${f.message}`).join('; ')}`,
    );
    this.name = 'AlertCapError';
  }
}

/**
 * The CAP XML of a message, checked by the core rules and Dabyl's profile; throws
 * {@link AlertCapError} on any error finding: a message that fails our own rules is never issued.
 */
export function alertCapXml(input: AlertCapInput): { xml: string; alert: CapAlert; findings: CapFinding[] } {
  const alert = alertToCap(input);
  const findings = validateCap(alert, { profiles: ['dabyl'], now: input.sent });
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) throw new AlertCapError(errors);
  return { xml: buildCap(alert), alert, findings };
}
