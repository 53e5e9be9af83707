/**
 * Spreadsheet formula injection: a cell whose text starts with = + - @, a tab or a carriage return
 * can run as a formula when the file is opened (OWASP "CSV injection"). Exports prefix such text
 * with an apostrophe, which Excel and LibreOffice show as plain text.
 */
const DANGEROUS = /^[=+\-@\t\r]/;

/** Whether text would be taken as a formula by a spreadsheet application. */
export const looksLikeFormula = (text: string): boolean => DANGEROUS.test(text);

// Text that already starts with apostrophes before a formula character gets one more, so that
// removing one on import gives back exactly what was exported.
const PREFIXED = /^'+[=+\-@\t\r]/;

/** Text made safe for a CSV cell. Offsets like "H+02:30" start with a letter and stay as they are. */
export function neutralise(text: string): string {
  return looksLikeFormula(text) || PREFIXED.test(text) ? `'${text}` : text;
}

/** Removes the apostrophe {@link neutralise} added, so an export imports back unchanged. */
export function unneutralise(text: string): string {
  return PREFIXED.test(text) ? text.slice(1) : text;
}
