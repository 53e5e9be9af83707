/**
 * A namespace-aware element tree built from fast-xml-parser's ordered output. fast-xml-parser runs with
 * entity processing off, so the five predefined entities and character references are decoded here,
 * and any other entity reference is refused.
 */
import { XMLParser } from 'fast-xml-parser';
import { CapParseError } from './errors.js';

/** One element: its local name, namespace URI, attributes, child elements and its own text. */
export interface XmlElement {
  local: string;
  /** The qualified name as written (`cap:alert`), for messages. */
  qname: string;
  ns: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's text (character data and CDATA, entities decoded), children's text excluded. */
  text: string;
}

type FxpNode = Record<string, unknown>;
type Scope = Record<string, string>;

const PARSER_OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
  // No callbacks here read the element path, so it is not written out as a string for every node.
  jPath: false,
} as const;

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };
const REFERENCE = /&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z_][\w.-]*)?(;)?/g;

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

function decodeReferences(raw: string, where: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(REFERENCE, (_all, ref: string | undefined, semi: string | undefined) => {
    if (ref === undefined || semi === undefined) {
      throw new CapParseError('xml.malformed', { key: 'bare_ampersand', params: { where } });
    }
    if (ref.startsWith('#')) {
      const cp = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!isXmlChar(cp)) {
        throw new CapParseError('xml.malformed', {
          key: 'bad_character',
          params: { where, reference: ref },
        });
      }
      return String.fromCodePoint(cp);
    }
    const ch = PREDEFINED[ref];
    if (ch === undefined) {
      throw new CapParseError('xml.entity', { key: 'entity_undefined', params: { where, entity: ref } });
    }
    return ch;
  });
}

function elementOf(node: FxpNode, parentScope: Scope): XmlElement {
  let qname = '';
  for (const key in node) {
    if (key !== ':@') {
      qname = key;
      break;
    }
  }
  const rawAttrs = (node[':@'] ?? {}) as Record<string, string>;
  let scope = parentScope;
  const attrs: Record<string, string> = {};
  for (const name in rawAttrs) {
    const value = decodeReferences(rawAttrs[name]!, `<${qname} ${name}="…">`);
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      if (scope === parentScope) scope = Object.create(parentScope) as Scope;
      scope[name === 'xmlns' ? '' : name.slice(6)] = value;
    } else {
      attrs[name] = value;
    }
  }
  const colon = qname.indexOf(':');
  const prefix = colon === -1 ? '' : qname.slice(0, colon);
  const ns = scope[prefix];
  if (ns === undefined) {
    throw new CapParseError('xml.namespace', {
      key: 'undeclared_prefix',
      params: { prefix, element: qname },
    });
  }
  const children: XmlElement[] = [];
  let text = '';
  for (const child of node[qname] as FxpNode[]) {
    if ('#text' in child) {
      text += decodeReferences(child['#text'] as string, `<${qname}>`);
    } else if ('#cdata' in child) {
      for (const part of child['#cdata'] as FxpNode[]) text += part['#text'] as string;
    } else {
      children.push(elementOf(child, scope));
    }
  }
  return { local: colon === -1 ? qname : qname.slice(colon + 1), qname, ns, attrs, children, text };
}

// Never written to (scopes below it are copied on write), so documents can share it. No prototype, so
// a prefix such as "constructor" finds nothing.
const ROOT_SCOPE: Scope = Object.assign(Object.create(null) as Scope, {
  '': '',
  xml: 'http://www.w3.org/XML/1998/namespace',
});

/**
 * Parses `text`, which {@link prescanXml} has already accepted, into a tree. A new parser per call
 * keeps one document's state from ever reaching the next.
 */
export function parseXmlTree(text: string): XmlElement {
  const normalized = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  const nodes = parsed(normalized);
  const root = nodes.find((n) => !('#text' in n) && !('#cdata' in n));
  if (!root) throw new CapParseError('xml.malformed', { key: 'no_element' });
  return elementOf(root, ROOT_SCOPE);
}

/**
 * The parser reads a processing instruction's pseudo-attributes with their quotes, so a quote
 * missing from the XML declaration hides its "?>" from it though the prescan found one: its own
 * refusal is worded as ours, so a caller never sees a bare parser error.
 */
function parsed(text: string): FxpNode[] {
  try {
    return new XMLParser(PARSER_OPTIONS).parse(text) as FxpNode[];
  } catch (err) {
    const reason = err instanceof Error ? err.message.replace(/\.$/, '') : String(err);
    throw new CapParseError('xml.malformed', { key: 'not_well_formed', params: { detail: reason } });
  }
}
