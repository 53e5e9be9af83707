/**
 * The schema's `xs:sequence` as data: each complex CAP element lists its children in order, and one
 * walker checks namespace, order and repetition for all of them while handing each child to its reader.
 */
import type { XmlElement } from '../xml/tree.js';
import { DSIG_NAMESPACE, structureError } from './context.js';
import type { ReadContext } from './context.js';

/** One child in a sequence: its name, whether it may repeat, and how to read it into the target. */
export interface ChildSpec<T> {
  name: string;
  many?: boolean;
  read(target: T, el: XmlElement, path: string, ctx: ReadContext): void;
}

/** A sequence prepared for lookup by name. */
export interface Sequence<T> {
  specs: readonly ChildSpec<T>[];
  index: ReadonlyMap<string, number>;
  /** Whether an XML-DSig element may close the sequence (only `alert`). */
  signature: boolean;
}

/** Prepares a sequence once, at module load; it is read-only afterwards. */
export function sequence<T>(specs: ChildSpec<T>[], signature = false): Sequence<T> {
  return { specs, index: new Map(specs.map((s, i) => [s.name, i])), signature };
}

const NON_SPACE = /\S/;

function checkAttributes(el: XmlElement, path: string, ctx: ReadContext): void {
  for (const name in el.attrs) {
    // xsi:schemaLocation and friends are allowed on any element by XML Schema itself.
    if (!name.startsWith('xsi:')) {
      structureError(ctx, path, 'xsd.attribute', {
        key: 'unknown_attribute',
        params: { element: el.local, attribute: name },
      });
    }
  }
}

/** Reads the children of `parent` into `target` following `seq`, reporting what the XSD would reject. */
export function readSequence<T>(
  parent: XmlElement,
  path: string,
  target: T,
  seq: Sequence<T>,
  ctx: ReadContext,
): void {
  checkAttributes(parent, path, ctx);
  if (NON_SPACE.test(parent.text)) {
    structureError(ctx, path, 'xsd.mixed-content', { key: 'loose_text', params: { element: parent.local } });
  }
  const counts = new Array<number>(seq.specs.length).fill(0);
  let last = -1;
  for (const child of parent.children) {
    if (child.ns !== ctx.ns) {
      if (seq.signature && child.ns === DSIG_NAMESPACE) {
        ctx.signed = true;
        last = seq.specs.length;
        continue;
      }
      structureError(ctx, `${path}/${child.local}`, 'xsd.namespace', {
        key: 'foreign_element',
        params: { element: child.qname, namespace: child.ns, expected: ctx.ns },
      });
      continue;
    }
    const at = seq.index.get(child.local);
    if (at === undefined) {
      structureError(ctx, `${path}/${child.local}`, 'xsd.unknown-element', {
        key: 'unknown_element',
        params: { element: child.local, parent: parent.local, version: ctx.version },
      });
      continue;
    }
    const spec = seq.specs[at]!;
    const childPath = spec.many ? `${path}/${spec.name}[${counts[at]}]` : `${path}/${spec.name}`;
    if (at < last) {
      structureError(
        ctx,
        childPath,
        'xsd.order',
        last >= seq.specs.length
          ? { key: 'order_signature', params: { element: spec.name } }
          : { key: 'order', params: { element: spec.name, before: seq.specs[last]!.name } },
      );
    }
    if (!spec.many && counts[at]! > 0) {
      structureError(ctx, childPath, 'xsd.duplicate', { key: 'duplicate', params: { element: spec.name } });
      continue;
    }
    counts[at]!++;
    if (at > last) last = at;
    if (child.children.length === 0) checkAttributes(child, childPath, ctx);
    spec.read(target, child, childPath, ctx);
  }
}
