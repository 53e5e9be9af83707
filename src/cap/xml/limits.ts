/** Bounds that keep a hostile document from costing more than a normal one. */
export interface XmlLimits {
  /** Largest document accepted, in bytes (default 10 MiB: room for an embedded image or two). */
  maxBytes: number;
  /** Deepest element nesting (default 32; an Atom-wrapped, signed CAP message needs about 10). */
  maxDepth: number;
  /** Most elements in one document (default 50,000). */
  maxElements: number;
  /** Longest attribute value, in characters (default 8,192). */
  maxAttributeLength: number;
}

/** The limits used when a caller gives none. */
export const DEFAULT_XML_LIMITS: Readonly<XmlLimits> = Object.freeze({
  maxBytes: 10 * 1024 * 1024,
  maxDepth: 32,
  maxElements: 50_000,
  maxAttributeLength: 8_192,
});
