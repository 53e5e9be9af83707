import { FINDING_KINDS } from '../../contract/enums.js';
import type { FieldFault } from '../messages/messages.js';

/** The two kinds of HSEEP finding: a strength, or an area for improvement. */
export { FINDING_KINDS };
export type FindingKind = (typeof FINDING_KINDS)[number];

export const FINDING_TEXT_MAX = 2000;
export const FINDING_ANALYSIS_MAX = 8000;
export const FINDING_OBSERVATIONS_MAX = 200;

/**
 * A finding's text as kept (NFC, line endings made \n, trimmed), or its problem as a catalogue key.
 * Line breaks are allowed (an analysis runs to paragraphs), other control characters not.
 */
export function cleanFindingText(
  value: string,
  max: number,
  required: boolean,
): { text: string } | FieldFault {
  const text = value.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  if (required && !text) return { problem: 'not_empty' };
  if (text.length > max) return { problem: 'max_length', params: { max } };
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u0008\u000b-\u001f\u007f\uE000\uE001]/.test(text))
    return { problem: 'no_control_characters' };
  return { text };
}
