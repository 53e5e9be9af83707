import { rulesEn } from './rules-en.js';
import { signatureEn } from './signature-en.js';

/**
 * English: why a document could not be read, and what the reader found in its structure. `{line}`
 * is a line of the document; element and attribute names are the document's own and stay as written.
 */
export const en = {
  // Refusals before any CAP rule runs (a CapParseError's sentence).
  file_unreadable: 'The file cannot be read ({detail}).',
  too_large: 'The document is {size} bytes long; at most {max} bytes are accepted.',
  not_utf8: 'The document is not valid utf-8 text.',
  encoding_unsupported: 'The document declares the encoding "{label}", which is not supported.',
  encoding_invalid: 'The document is not valid {encoding} text.',
  doctype:
    'The document carries a DOCTYPE declaration. DTDs are refused because they can define entities that ' +
    'expand without bound or read files and URLs (XXE, "billion laughs"); CAP needs no DTD.',
  entity_declared: 'The document declares an entity; entity declarations are refused.',
  entity_undefined:
    "In {where}, the entity &{entity}; is not one of XML's five predefined entities; other entities are never expanded.",
  bare_ampersand: 'In {where}, a bare "&" must be written as "&amp;".',
  bad_character: 'In {where}, &{reference}; is not a character XML allows.',
  attribute_too_long:
    'The attribute {attribute} of <{element}> is {length} characters long; at most {max} are accepted.',
  too_many_elements: 'The document has more than {max} elements, more than any CAP message needs.',
  too_deep: 'Elements are nested more than {max} levels deep, deeper than any CAP message needs.',
  no_element: 'The document holds no XML element at all.',
  not_well_formed: 'The document is not well-formed XML: {detail}.',
  bad_declaration:
    'The document is not well-formed XML: "<!{keyword}" is not a comment or CDATA section (line {line}).',
  text_outside_root:
    'The document is not well-formed XML: there is text outside the root element (line {line}).',
  cdata_outside_root:
    'The document is not well-formed XML: a CDATA section lies outside the root element (line {line}).',
  closing_tag_malformed: 'The document is not well-formed XML: a closing tag is malformed (line {line}).',
  start_tag_malformed:
    'The document is not well-formed XML: a start tag is malformed (unquoted attribute or stray "<"?) (line {line}).',
  closes_nothing: 'The document is not well-formed XML: </{element}> closes nothing (line {line}).',
  closes_other: 'The document is not well-formed XML: </{element}> cannot close <{open}> (line {line}).',
  second_root:
    'The document is not well-formed XML: a second root element <{element}> follows the first (line {line}).',
  cut_closing_tag: 'The document ends too early: the last closing tag is incomplete. Was it cut off?',
  cut_tag: 'The document ends too early: the last tag is incomplete. Was it cut off?',
  cut_comment: 'The document ends too early: a comment is not closed. Was it cut off?',
  cut_cdata: 'The document ends too early: a CDATA section is not closed. Was it cut off?',
  cut_instruction: 'The document ends too early: a processing instruction is not closed. Was it cut off?',
  never_closed: 'The document ends too early: <{element}> is never closed. Was it cut off?',
  undeclared_prefix: 'The namespace prefix "{prefix}" of <{element}> is not declared.',
  not_cap: 'The root element <{element}> is neither a CAP <alert> nor an Atom, RSS or EDXL-DE wrapper.',
  not_one_alert: 'The document holds {count} CAP alerts where one was expected.',

  // What the reader finds in one alert's structure (what the XSD would reject), and version notes.
  alert_namespace: 'The alert is in the namespace "{namespace}"; CAP 1.2 uses "{expected}".',
  unknown_attribute: '<{element}> has an attribute {attribute}, which CAP does not define.',
  loose_text: '<{element}> holds loose text outside its child elements.',
  foreign_element: '<{element}> is in the namespace "{namespace}", not in CAP\'s "{expected}".',
  unknown_element: '<{element}> is not an element of <{parent}> in CAP {version}.',
  order: '<{element}> must come before <{before}>.',
  order_signature: '<{element}> must come before the signature.',
  duplicate: '<{element}> may appear only once here; the first one is used.',
  text_only: '<{element}> must hold text only, but it holds elements.',
  not_integer: '<{element}> must be a whole number, not "{value}".',
  not_decimal: '<{element}> must be a decimal number, not "{value}".',
  pair_without_name: '<{element}> needs a <valueName>.',
  pair_without_value: '<{element}> needs a <value>.',
  legacy_pair: 'In CAP 1.0, <{element}> is written "valueName=value"; "{value}" has no "=".',
  very_likely: 'CAP {version}\'s certainty "Very Likely" is read as CAP 1.2\'s "Likely".',
  password: "CAP 1.0's <password> is not carried into the CAP 1.2 model (CAP 1.1 removed it).",

  // Why the JSON form of a CAP message cannot be read (after the property's path).
  json_syntax: 'is not JSON ({detail})',
  json_version: 'must be "{version}"',
  json_object: 'must be an object',
  json_text: 'must be text',
  json_text_when_present: 'must be text when present',
  json_number: 'must be a number',
  json_array: 'must be an array',

  // Why a feed could not be fetched.
  feed_http: 'the feed answered HTTP {status}',
  feed_declares_too_much:
    'the document was cut off: feeds are read up to {max} bytes and it declares {size} bytes',
  feed_sends_too_much:
    'the document was cut off: feeds are read up to {max} bytes and more than that arrived',
  feed_timeout: 'the fetch was cut off after {seconds} s: the feed did not finish in time',
  feed_unreachable: 'the feed could not be fetched: {detail}',

  ...rulesEn,
  ...signatureEn,
} as const;

export type CapSentenceKey = keyof typeof en;
