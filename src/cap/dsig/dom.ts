/**
 * Parsing for signed messages. The signature covers the DOM we build here, so whatever a parser
 * could be tricked into adding or dropping (entities, a DTD's default attributes) is refused
 * before any digest is computed.
 */
import { DOMParser } from '@xmldom/xmldom';
import type { CapWords } from '../sentences/sentences.js';
import { DSIG_NS } from './algorithms.js';

/** Larger than any real CAP message with embedded resources; bounds memory and hashing time. */
export const MAX_MESSAGE_CHARS = 8 * 1024 * 1024;

/** CAP nests six deep and a signature seven; the canonicalisers recurse, so depth is bounded. */
const MAX_DEPTH = 40;

export const CAP_NAMESPACES: ReadonlySet<string> = new Set([
  'urn:oasis:names:tc:emergency:cap:1.2',
  'urn:oasis:names:tc:emergency:cap:1.1',
  'http://www.incident.com/cap/1.0',
]);

const ELEMENT_NODE = 1;
const COMMENT_NODE = 8;

/** A parsed document, or why it cannot be read (a sentence's key and values). */
export type ParseResult = { ok: true; doc: Document; root: Element } | { ok: false; error: CapWords };

/** Parses a whole XML document, refusing DTDs, oversize input, malformed XML and deep nesting. */
export function parseDocument(xml: string): ParseResult {
  if (xml.length > MAX_MESSAGE_CHARS) {
    return {
      ok: false,
      error: { key: 'signature_too_long', params: { length: xml.length, max: MAX_MESSAGE_CHARS } },
    };
  }
  if (/<!DOCTYPE/i.test(xml)) {
    return { ok: false, error: { key: 'signature_doctype' } };
  }
  const errors: string[] = [];
  const doc = new DOMParser({
    errorHandler: {
      warning: () => undefined,
      error: (msg: unknown) => errors.push(String(msg)),
      fatalError: (msg: unknown) => errors.push(String(msg)),
    },
  }).parseFromString(xml.replace(/^\uFEFF/, ''), 'text/xml');
  const root = doc.documentElement;
  if (errors.length > 0 || !root) {
    return {
      ok: false,
      error: errors[0]
        ? { key: 'signature_not_well_formed', params: { detail: errors[0] } }
        : { key: 'signature_no_root' },
    };
  }
  if (depthOf(root) > MAX_DEPTH) {
    return { ok: false, error: { key: 'signature_too_deep', params: { max: MAX_DEPTH } } };
  }
  return { ok: true, doc, root };
}

/** True for a CAP `<alert>` of version 1.0, 1.1 or 1.2. */
export function isCapAlert(el: Element): boolean {
  return el.localName === 'alert' && CAP_NAMESPACES.has(el.namespaceURI ?? '');
}

/** Element children, skipping text, comments and processing instructions. */
export function childElements(el: Element): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === ELEMENT_NODE) out.push(n as Element);
  return out;
}

/** True when `el` is the XML-DSig element `name`. */
export function isDsig(el: Element, name: string): boolean {
  return el.localName === name && el.namespaceURI === DSIG_NS;
}

/** Every XML-DSig `Signature` element anywhere in the document. */
export function findSignatures(doc: Document): Element[] {
  return Array.from(doc.getElementsByTagNameNS(DSIG_NS, 'Signature'));
}

/** Removes every comment: same-document references are dereferenced without them (XML-DSig §4.4.3.3). */
export function removeComments(node: Node): void {
  for (let n = node.firstChild; n;) {
    const next = n.nextSibling;
    if (n.nodeType === COMMENT_NODE) node.removeChild(n);
    else removeComments(n);
    n = next;
  }
}

function depthOf(root: Element): number {
  let max = 0;
  const stack: Array<[Element, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [el, depth] = stack.pop()!;
    if (depth > max) max = depth;
    if (depth > MAX_DEPTH) break;
    for (const child of childElements(el)) stack.push([child, depth + 1]);
  }
  return max;
}
