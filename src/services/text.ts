import { invalid } from '../errors.js';

/**
 * Trims a person-entered text and refuses empty, over-long or control-character input. Markup is
 * kept as typed: it is data, escaped wherever it is shown, never stripped into something else.
 */
export function cleanText(value: string, field: string, max: number): string {
  const trimmed = value.normalize('NFC').trim();
  if (trimmed.length === 0) throw invalid(field, 'must not be empty');
  if (trimmed.length > max) throw invalid(field, `must be at most ${max} characters`);
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) throw invalid(field, 'must not contain control characters');
  return trimmed;
}
