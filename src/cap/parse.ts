/**
 * The CAP parser: bytes or text in, CAP 1.2 model out, for CAP 1.2, 1.1 and 1.0, alone or wrapped in
 * Atom, RSS or EDXL-DE.
 *
 * Safety: fast-xml-parser runs with entity processing off, and a prescan refuses DOCTYPE and ENTITY
 * declarations and enforces size, depth, element-count and attribute-length limits before it runs.
 * Nothing is ever fetched. Every call builds its own parser and state, so a hostile or broken document
 * cannot affect the next one.
 */
import type { CapFinding } from './finding.js';
import { CAP_NAMESPACES } from './model.js';
import type { CapAlert, CapVersion } from './model.js';
import { readAlert } from './read/alert.js';
import { structureError, type ReadContext } from './read/context.js';
import { findAlerts } from './read/unwrap.js';
import type { CapWrapper } from './read/unwrap.js';
import { decodeXml } from './xml/decode.js';
import { CapParseError } from './xml/errors.js';
import { DEFAULT_XML_LIMITS } from './xml/limits.js';
import type { XmlLimits } from './xml/limits.js';
import { prescanXml } from './xml/prescan.js';
import { parseXmlTree } from './xml/tree.js';

export type { CapWrapper } from './read/unwrap.js';

/** One alert read from a document. */
export interface ParsedCap {
  alert: CapAlert;
  /** The CAP version the alert's namespace declares (1.2 when the namespace is not CAP's). */
  version: CapVersion;
  /** Where the alert sits in the document: `/alert`, or `/feed/entry[0]/content[0]/alert[0]`. */
  location: string;
  /** Whether the alert ends with an XML-DSig signature element. */
  signed: boolean;
  /** What the schema would reject (order, namespaces, unknown elements, numbers), found while reading. */
  findings: CapFinding[];
}

/** Every alert in one document, and the wrapper they came in. */
export interface CapDocument {
  wrapper: CapWrapper;
  messages: ParsedCap[];
}

/** Options of the parser. */
export interface ParseCapOptions {
  /** Tighter or looser bounds than {@link DEFAULT_XML_LIMITS}. */
  limits?: Partial<XmlLimits>;
}

const VERSION_OF = new Map<string, CapVersion>(
  Object.entries(CAP_NAMESPACES).map(([version, ns]) => [ns, version as CapVersion]),
);

/**
 * Reads every CAP alert in `input`. Throws {@link CapParseError} (with a stable `code`) when the
 * document cannot be read at all; problems inside an alert come back as findings instead.
 */
export function parseCapDocument(input: Uint8Array | string, options: ParseCapOptions = {}): CapDocument {
  const limits = options.limits ? { ...DEFAULT_XML_LIMITS, ...options.limits } : DEFAULT_XML_LIMITS;
  const text = decodeXml(input, limits.maxBytes);
  prescanXml(text, limits);
  const { wrapper, alerts } = findAlerts(parseXmlTree(text));
  const messages = alerts.map(({ element, location }): ParsedCap => {
    const version = VERSION_OF.get(element.ns);
    const ctx: ReadContext = { version: version ?? '1.2', ns: element.ns, findings: [], signed: false };
    if (version === undefined) {
      structureError(ctx, '/alert', 'xsd.namespace', {
        key: 'alert_namespace',
        params: { namespace: element.ns, expected: CAP_NAMESPACES['1.2'] },
      });
    }
    const alert = readAlert(element, ctx);
    return { alert, version: ctx.version, location, signed: ctx.signed, findings: ctx.findings };
  });
  return { wrapper, messages };
}

/** Reads a document holding exactly one CAP alert (wrapped or not). */
export function parseCap(input: Uint8Array | string, options: ParseCapOptions = {}): ParsedCap {
  const { messages } = parseCapDocument(input, options);
  if (messages.length !== 1) {
    throw new CapParseError('cap.not-cap', { key: 'not_one_alert', params: { count: messages.length } });
  }
  return messages[0]!;
}
