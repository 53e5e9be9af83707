import type { CapCertainty, CapSeverity, CapStatus, CapUrgency } from '../../cap/model.js';

/**
 * The category of a public warning on the handset, and the cell-broadcast message identifier it
 * goes out on. The handset's settings offer these categories (CMAS in 3GPP TS 23.041 §9.4.1.2.2;
 * EU-Alert levels 1–3 in ETSI TS 102 900 reuse the same identifiers): a person may switch off
 * everything but presidential alerts.
 */
export const CB_CATEGORIES = ['presidential', 'extreme', 'severe', 'public-safety', 'exercise'] as const;
export type CbCategory = (typeof CB_CATEGORIES)[number];

/** What the category is decided from: the CAP message's status and its info's three qualifiers. */
export interface CbCategoryInput {
  status: CapStatus;
  severity: CapSeverity;
  urgency: CapUrgency;
  certainty: CapCertainty;
  /** Set only when the originator explicitly asks for a presidential (EU-Alert level 1) alert. */
  presidential?: boolean;
}

export interface CbCategoryChoice {
  category: CbCategory;
  /** The message identifier of the first language. */
  messageId: number;
  /** The identifier of the same category's additional-language messages. */
  additionalLanguageId: number;
}

/** 3GPP TS 23.041 Table 9.4.1.2.2: CMAS identifiers by severity, urgency, certainty. */
const CMAS_IMMINENT: Readonly<Record<string, number>> = {
  'Extreme/Immediate/Observed': 4371,
  'Extreme/Immediate/Likely': 4372,
  'Extreme/Expected/Observed': 4373,
  'Extreme/Expected/Likely': 4374,
  'Severe/Immediate/Observed': 4375,
  'Severe/Immediate/Likely': 4376,
  'Severe/Expected/Observed': 4377,
  'Severe/Expected/Likely': 4378,
};
const PRESIDENTIAL = 4370;
const EXERCISE = 4381;
const PUBLIC_SAFETY = 4396;
/** 4370–4382 have their additional-language twins 13 higher; public safety's is 4397. */
const additional = (id: number): number => (id === PUBLIC_SAFETY ? 4397 : id + 13);

/**
 * Exercise and Test messages are exercises, whatever their qualifiers; presidential only when
 * asked; Extreme, Immediate and Observed or Likely is extreme (4371–4372); the other combinations
 * of Extreme or Severe, Immediate or Expected, Observed or Likely are severe (4373–4378, the
 * handset's "severe alerts" setting, where CMAS puts an Extreme but only Expected threat too);
 * everything else — Moderate or Minor, Future, Possible, Unknown — is a public-safety message.
 */
export function cbCategoryOf(input: CbCategoryInput): CbCategoryChoice {
  const choose = (category: CbCategory, messageId: number): CbCategoryChoice => ({
    category,
    messageId,
    additionalLanguageId: additional(messageId),
  });
  if (input.status === 'Exercise' || input.status === 'Test') return choose('exercise', EXERCISE);
  if (input.presidential) return choose('presidential', PRESIDENTIAL);
  const certainty =
    input.certainty === 'Observed' ? 'Observed' : input.certainty === 'Likely' ? 'Likely' : null;
  const id = certainty ? CMAS_IMMINENT[`${input.severity}/${input.urgency}/${certainty}`] : undefined;
  if (id === undefined) return choose('public-safety', PUBLIC_SAFETY);
  return choose(id <= 4372 ? 'extreme' : 'severe', id);
}
