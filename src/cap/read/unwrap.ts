/** Finding CAP alerts in a document: the root itself, or inside Atom, RSS or EDXL-DE wrappers. */
import { CAP_NAMESPACES } from '../model.js';
import { CapParseError } from '../xml/errors.js';
import type { XmlElement } from '../xml/tree.js';

/** The envelope a CAP message arrived in. */
export type CapWrapper = 'none' | 'atom' | 'rss' | 'edxl-de';

/** An alert element and where it sits in the document (`/feed/entry[1]/content/alert`). */
export interface LocatedAlert {
  element: XmlElement;
  location: string;
}

const CAP_NS = new Set(Object.values(CAP_NAMESPACES));

function wrapperOf(root: XmlElement): CapWrapper | undefined {
  switch (root.local) {
    case 'alert':
      return 'none';
    case 'feed':
    case 'entry':
      return 'atom';
    case 'rss':
    case 'RDF':
      return 'rss';
    case 'EDXLDistribution':
      return 'edxl-de';
    default:
      return undefined;
  }
}

function collect(el: XmlElement, path: string, out: LocatedAlert[]): void {
  const seen = new Map<string, number>();
  for (const child of el.children) {
    const n = seen.get(child.local) ?? 0;
    seen.set(child.local, n + 1);
    const childPath = `${path}/${child.local}[${n}]`;
    if (child.local === 'alert' && CAP_NS.has(child.ns)) out.push({ element: child, location: childPath });
    else collect(child, childPath, out);
  }
}

/**
 * Returns the wrapper kind and every CAP alert in document order. A root `alert` in a foreign
 * namespace is still returned (its namespace is reported by the reader); alerts inside wrappers are
 * recognised by a CAP namespace.
 */
export function findAlerts(root: XmlElement): { wrapper: CapWrapper; alerts: LocatedAlert[] } {
  const wrapper = wrapperOf(root);
  if (wrapper === undefined) {
    throw new CapParseError('cap.not-cap', { key: 'not_cap', params: { element: root.qname } });
  }
  if (wrapper === 'none') return { wrapper, alerts: [{ element: root, location: '/alert' }] };
  const alerts: LocatedAlert[] = [];
  collect(root, `/${root.local}`, alerts);
  return { wrapper, alerts };
}
