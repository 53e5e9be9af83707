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
 * carrying a DTD, in an encoding we cannot read. `code` is stable; `message` is a sentence for a person.
 */
export class CapParseError extends Error {
  constructor(
    readonly code: XmlErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CapParseError';
  }
}
