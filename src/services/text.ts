import { badField } from '../errors.js';

/**
 * Trims a person-entered text and refuses empty, over-long or control-character input. Markup is
 * kept as typed: it is data, escaped wherever it is shown, never stripped into something else.
 */
export function cleanText(value: string, field: string, max: number): string {
  const trimmed = value.normalize('NFC').trim();
  if (trimmed.length === 0) throw badField(field, 'not_empty');
  if (trimmed.length > max) throw badField(field, 'max_length', { max });
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) throw badField(field, 'no_control_characters');
  return trimmed;
}

/**
 * {@link cleanText} for writing in paragraphs (a module's narrative, an exercise's scope): line
 * breaks and tabs are kept (a Windows line end becomes one), every other control character refused.
 * The documents set a blank line as a new paragraph.
 */
export function cleanParagraphs(value: string, field: string, max: number): string {
  const text = value.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  if (text.length === 0) throw badField(field, 'not_empty');
  if (text.length > max) throw badField(field, 'max_length', { max });
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text)) throw badField(field, 'no_control_characters');
  return text;
}
