/** Escaping of text for XML 1.0 element content, and the check that text can be carried at all. */

const NEEDS_ESCAPE = /[&<>\r]/;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };

/**
 * Characters XML 1.0 cannot carry in any form (C0 controls other than tab/newline/return, U+FFFE/F)
 * and unpaired UTF-16 surrogates, which no encoder can write.
 */
const UNREPRESENTABLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Escapes `&`, `<`, `>` and carriage return (which an XML parser would otherwise fold into a newline)
 * so that the text reads back exactly as given.
 */
export function escapeXmlText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/[&<>\r]/g, (c) => ESCAPES[c]!);
}

/** True when XML 1.0 can represent `text`. */
export const isXmlRepresentable = (text: string): boolean => !UNREPRESENTABLE.test(text);
