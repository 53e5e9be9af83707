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

type MalformedKey =
  | 'bad_declaration'
  | 'text_outside_root'
  | 'cdata_outside_root'
  | 'closing_tag_malformed'
  | 'start_tag_malformed'
  | 'closes_nothing'
  | 'closes_other'
  | 'second_root';

const malformed = (
  text: string,
  offset: number,
  key: MalformedKey,
  params: Record<string, string> = {},
): CapParseError =>
  new CapParseError('xml.malformed', { key, params: { ...params, line: lineOf(text, offset) } });

type TruncatedKey = 'cut_closing_tag' | 'cut_tag' | 'cut_comment' | 'cut_cdata' | 'cut_instruction';

const truncated = (key: TruncatedKey): CapParseError => new CapParseError('xml.truncated', { key });

function checkAttributeLengths(attrs: string, limits: XmlLimits, tag: string): void {
  for (const m of attrs.matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const value = m[2] ?? m[3] ?? '';
    if (value.length > limits.maxAttributeLength) {
      throw new CapParseError('xml.attribute-too-long', {
        key: 'attribute_too_long',
        params: { attribute: m[1]!, element: tag, length: value.length, max: limits.maxAttributeLength },
      });
    }
  }
}

function refuseDeclaration(text: string, at: number): never {
  const keyword = /^<!([A-Za-z]*)/.exec(text.slice(at, at + 12))?.[1] ?? '';
  if (keyword === 'DOCTYPE') {
    throw new CapParseError('xml.doctype', { key: 'doctype' });
  }
  if (keyword === 'ENTITY') {
    throw new CapParseError('xml.entity', { key: 'entity_declared' });
  }
  throw malformed(text, at, 'bad_declaration', { keyword });
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
      throw malformed(text, pos, 'text_outside_root');
    }
    if (lt === -1) break;
    const next = text.charCodeAt(lt + 1);
    if (next === 47 /* / */) {
      END_TAG.lastIndex = lt;
      const m = END_TAG.exec(text);
      if (!m) {
        if (text.indexOf('>', lt) === -1) throw truncated('cut_closing_tag');
        throw malformed(text, lt, 'closing_tag_malformed');
      }
      const expected = open.pop();
      if (expected !== m[1]) {
        throw expected === undefined
          ? malformed(text, lt, 'closes_nothing', { element: m[1]! })
          : malformed(text, lt, 'closes_other', { element: m[1]!, open: expected });
      }
      pos = END_TAG.lastIndex;
    } else if (next === 33 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        const end = text.indexOf('-->', lt + 4);
        if (end === -1) throw truncated('cut_comment');
        pos = end + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        if (open.length === 0) throw malformed(text, lt, 'cdata_outside_root');
        const end = text.indexOf(']]>', lt + 9);
        if (end === -1) throw truncated('cut_cdata');
        pos = end + 3;
      } else {
        refuseDeclaration(text, lt);
      }
    } else if (next === 63 /* ? */) {
      const end = text.indexOf('?>', lt + 2);
      if (end === -1) throw truncated('cut_instruction');
      pos = end + 2;
    } else {
      START_TAG.lastIndex = lt;
      const m = START_TAG.exec(text);
      if (!m) {
        if (text.indexOf('>', lt) === -1) throw truncated('cut_tag');
        throw malformed(text, lt, 'start_tag_malformed');
      }
      if (open.length === 0 && rootSeen) throw malformed(text, lt, 'second_root', { element: m[1]! });
      rootSeen = true;
      if (m[2]!.length > limits.maxAttributeLength) checkAttributeLengths(m[2]!, limits, m[1]!);
      if (++elements > limits.maxElements) {
        throw new CapParseError('xml.too-many-elements', {
          key: 'too_many_elements',
          params: { max: limits.maxElements },
        });
      }
      if (m[3] !== '/') {
        open.push(m[1]!);
        if (open.length > limits.maxDepth) {
          throw new CapParseError('xml.too-deep', { key: 'too_deep', params: { max: limits.maxDepth } });
        }
      }
      pos = START_TAG.lastIndex;
    }
  }
  if (open.length > 0) {
    throw new CapParseError('xml.truncated', {
      key: 'never_closed',
      params: { element: open[open.length - 1]! },
    });
  }
  if (!rootSeen) throw new CapParseError('xml.malformed', { key: 'no_element' });
}
