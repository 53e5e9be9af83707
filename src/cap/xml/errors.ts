import { capSentence, type CapWords } from '../sentences/sentences.js';

/** Stable codes of the reasons a document cannot be read at all. */
export type XmlErrorCode =
  | 'xml.too-large'
  | 'xml.too-deep'
  | 'xml.too-many-elements'
  | 'xml.attribute-too-long'
  | 'xml.doctype'
  | 'xml.entity'
  | 'xml.encoding'
  | 'xml.malformed'
  | 'xml.truncated'
  | 'xml.namespace'
  | 'cap.not-cap';

/**
 * Thrown when a document is refused before any CAP rule can look at it: too big, not well-formed,
 * carrying a DTD, in an encoding we cannot read. `code` is stable; `words` say why in any language,
 * and `message` is that sentence in English.
 */
export class CapParseError extends Error {
  constructor(
    readonly code: XmlErrorCode,
    readonly words: CapWords,
  ) {
    super(capSentence('en', words));
    this.name = 'CapParseError';
  }
}
