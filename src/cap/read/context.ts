/** What the CAP reader carries while it walks one alert element. */
import { capFinding, type CapFinding } from '../finding.js';
import type { CapVersion } from '../model.js';
import type { XmlElement } from '../xml/tree.js';
import type { CapWords } from '../sentences/sentences.js';

/** The XML-DSig namespace, whose `Signature` the CAP 1.2 schema allows at the end of `alert`. */
export const DSIG_NAMESPACE = 'http://www.w3.org/2000/09/xmldsig#';

/** Per-alert reading state; created fresh for every alert, never shared. */
export interface ReadContext {
  version: CapVersion;
  /** The namespace the alert element is in; its children are expected in the same one. */
  ns: string;
  findings: CapFinding[];
  signed: boolean;
}

/** Records a structural error (what the XSD would reject). */
export function structureError(ctx: ReadContext, path: string, rule: string, words: CapWords): void {
  ctx.findings.push(capFinding(path, 'error', rule, words));
}

/** Records a note on what reading an older CAP version changed. */
export function versionNote(ctx: ReadContext, path: string, rule: string, words: CapWords): void {
  ctx.findings.push(capFinding(path, 'info', rule, words));
}

/** The text of a leaf element, reporting child elements where only text belongs. */
export function textOf(el: XmlElement, path: string, ctx: ReadContext): string {
  if (el.children.length > 0) {
    structureError(ctx, path, 'xsd.text-only', { key: 'text_only', params: { element: el.local } });
  }
  return el.text;
}
