/**
 * A single pass over the markup, before fast-xml-parser sees it, that enforces what that parser does
 * not: well-formedness (matching tags, one root, nothing cut off), no DTD or entity declarations, and
 * the size limits. It only looks at tags, so it costs a fraction of the parse it protects.
 */
import { CapParseError } from './errors.js';
import type { XmlLimits } from './limits.js';

const NAME = '[A-Za-z_\\u00C0-\\uFFFF][\\w.\\-\\u00B7-\\uFFFF]*';
const START_TAG = new RegExp(
  `<(${NAME}(?::${NAME})?)((?:\\s+[^\\s=/>"'<]+\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`,
  'y',
);
const END_TAG = /<\/([^\s>]+)\s*>/y;
const NON_SPACE = /\S/;

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

const malformed = (text: string, offset: number, what: string): CapParseError =>
  new CapParseError(
    'xml.malformed',
    `The document is not well-formed XML: ${what} (line ${lineOf(text, offset)}).`,
  );

const truncated = (what: string): CapParseError =>
  new CapParseError('xml.truncated', `The document ends too early: ${what}. Was it cut off?`);

function checkAttributeLengths(attrs: string, limits: XmlLimits, tag: string): void {
  for (const m of attrs.matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const value = m[2] ?? m[3] ?? '';
    if (value.length > limits.maxAttributeLength) {
      throw new CapParseError(
        'xml.attribute-too-long',
        `The attribute ${m[1]} of <${tag}> is ${value.length} characters long; at most ${limits.maxAttributeLength} are accepted.`,
      );
    }
  }
}

function refuseDeclaration(text: string, at: number): never {
  const keyword = /^<!([A-Za-z]*)/.exec(text.slice(at, at + 12))?.[1] ?? '';
  if (keyword === 'DOCTYPE') {
    throw new CapParseError(
      'xml.doctype',
      'The document carries a DOCTYPE declaration. DTDs are refused because they can define entities that ' +
        'expand without bound or read files and URLs (XXE, "billion laughs"); CAP needs no DTD.',
    );
  }
  if (keyword === 'ENTITY') {
    throw new CapParseError(
      'xml.entity',
      'The document declares an entity; entity declarations are refused.',
    );
  }
  throw malformed(text, at, `"<!${keyword}" is not a comment or CDATA section`);
}

/** Throws {@link CapParseError} when `text` is not a well-formed, DTD-free document within `limits`. */
export function prescanXml(text: string, limits: XmlLimits): void {
  const open: string[] = [];
  let elements = 0;
  let rootSeen = false;
  let pos = 0;
  for (;;) {
    const lt = text.indexOf('<', pos);
    if (open.length === 0 && NON_SPACE.test(text.slice(pos, lt === -1 ? text.length : lt))) {
      throw malformed(text, pos, 'there is text outside the root element');
    }
    if (lt === -1) break;
    const next = text.charCodeAt(lt + 1);
    if (next === 47 /* / */) {
      END_TAG.lastIndex = lt;
      const m = END_TAG.exec(text);
      if (!m) {
        if (text.indexOf('>', lt) === -1) throw truncated('the last closing tag is incomplete');
        throw malformed(text, lt, 'a closing tag is malformed');
      }
      const expected = open.pop();
      if (expected !== m[1]) {
        throw malformed(
          text,
          lt,
          expected === undefined ? `</${m[1]}> closes nothing` : `</${m[1]}> cannot close <${expected}>`,
        );
      }
      pos = END_TAG.lastIndex;
    } else if (next === 33 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        const end = text.indexOf('-->', lt + 4);
        if (end === -1) throw truncated('a comment is not closed');
        pos = end + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        if (open.length === 0) throw malformed(text, lt, 'a CDATA section lies outside the root element');
        const end = text.indexOf(']]>', lt + 9);
        if (end === -1) throw truncated('a CDATA section is not closed');
        pos = end + 3;
      } else {
        refuseDeclaration(text, lt);
      }
    } else if (next === 63 /* ? */) {
      const end = text.indexOf('?>', lt + 2);
      if (end === -1) throw truncated('a processing instruction is not closed');
      pos = end + 2;
    } else {
      START_TAG.lastIndex = lt;
      const m = START_TAG.exec(text);
      if (!m) {
        if (text.indexOf('>', lt) === -1) throw truncated('the last tag is incomplete');
        throw malformed(text, lt, 'a start tag is malformed (unquoted attribute or stray "<"?)');
      }
      if (open.length === 0 && rootSeen)
        throw malformed(text, lt, `a second root element <${m[1]}> follows the first`);
      rootSeen = true;
      if (m[2]!.length > limits.maxAttributeLength) checkAttributeLengths(m[2]!, limits, m[1]!);
      if (++elements > limits.maxElements) {
        throw new CapParseError(
          'xml.too-many-elements',
          `The document has more than ${limits.maxElements} elements, more than any CAP message needs.`,
        );
      }
      if (m[3] !== '/') {
        open.push(m[1]!);
        if (open.length > limits.maxDepth) {
          throw new CapParseError(
            'xml.too-deep',
            `Elements are nested more than ${limits.maxDepth} levels deep, deeper than any CAP message needs.`,
          );
        }
      }
      pos = START_TAG.lastIndex;
    }
  }
  if (open.length > 0) throw truncated(`<${open[open.length - 1]}> is never closed`);
  if (!rootSeen) throw new CapParseError('xml.malformed', 'The document holds no XML element at all.');
}
