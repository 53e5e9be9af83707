/**
 * Signed CAP inside a wrapper. An originator signs a bare `<alert>` (Reference URI="" is the whole
 * document, the alert); a distributor then carries it in an Atom entry or an EDXL-DE content object.
 * Verified against the wrapper, URI="" would mean the wrapper, which nobody signed, so each alert
 * is taken out as the standalone document it was when signed and verified as that.
 */
import { XMLSerializer } from '@xmldom/xmldom';
import { capSentence, type CapWords } from '../sentences/sentences.js';
import { isCapAlert, parseDocument } from './dom.js';

/** One alert of a wrapper as a standalone document, and where it sat (`/feed/entry[0]/content[0]/alert[0]`). */
export interface EmbeddedAlert {
  location: string;
  xml: string;
}

const ELEMENT_NODE = 1;

function childElements(el: Element): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === ELEMENT_NODE) out.push(n as Element);
  return out;
}

// The same paths the CAP reader gives its messages, so a verdict lands on its own message.
function collect(el: Element, path: string, out: Element[], paths: string[]): void {
  const seen = new Map<string, number>();
  for (const child of childElements(el)) {
    const local = child.localName ?? child.nodeName;
    const n = seen.get(local) ?? 0;
    seen.set(local, n + 1);
    const childPath = `${path}/${local}[${n}]`;
    if (isCapAlert(child)) {
      out.push(child);
      paths.push(childPath);
    } else collect(child, childPath, out, paths);
  }
}

/**
 * Every CAP alert inside a wrapper, each serialised on its own. The serialiser declares on the
 * alert any namespace it uses that the wrapper declared further up (a distributor may have moved
 * the `cap:` or `ds:` declaration to its root), which is what the originator's document had, and
 * nothing the alert does not use: the canonical form of the taken-out alert is the signed one's.
 * An unreadable wrapper gives why, in English and as a sentence's key and values, never a throw.
 */
export function embeddedAlerts(
  xml: string,
): { alerts: EmbeddedAlert[] } | { error: string; words: CapWords } {
  const parsed = parseDocument(xml);
  if (!parsed.ok) return { error: capSentence('en', parsed.error), words: parsed.error };
  const elements: Element[] = [];
  const paths: string[] = [];
  if (isCapAlert(parsed.root)) return { alerts: [{ location: '/alert', xml }] };
  collect(parsed.root, `/${parsed.root.localName ?? parsed.root.nodeName}`, elements, paths);
  const serializer = new XMLSerializer();
  return {
    alerts: elements.map((el, i) => ({
      location: paths[i]!,
      xml: serializer.serializeToString(el as never),
    })),
  };
}
