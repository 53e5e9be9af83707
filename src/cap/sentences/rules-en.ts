/**
 * English: what the validator's rules find in a message that was read. Element names are CAP's own
 * and stay as written; `{profile}` is a profile's name (IPAWS, CAP-CP), `{name}` a parameter's or
 * code list's name, and values are quoted as the message wrote them.
 */
export const rulesEn = {
  // The schema's checks on content.
  rule_required: '<{element}> is required but missing or empty.',
  rule_category_missing: 'Each <info> needs at least one <category>.',
  rule_not_listed: '"{value}" is not allowed here; use one of {allowed}.',
  rule_datetime:
    '"{value}" is not a CAP date and time; write it like 2026-10-21T09:00:00+05:00 ' +
    '(numeric time zone, no "Z", no fractions of a second).',
  rule_language_tag: '"{value}" is not an RFC 3066 language tag such as {example}.',
  rule_ceiling_alone: 'An area with a <ceiling> must also give its <altitude>.',
  rule_ceiling_below: 'The ceiling ({ceiling} ft) is below the altitude ({altitude} ft).',

  // Identifier, references and scope.
  rule_identifier_space: '<{element}> must not contain spaces, commas, "<" or "&", but it contains a space.',
  rule_identifier_character:
    '<{element}> must not contain spaces, commas, "<" or "&", but it contains "{character}".',
  rule_references_required: '{msgType} messages must name the message(s) they refer to in <references>.',
  rule_references_format:
    '"{entry}" is not a "{form}" triple (such as kz-ces,KZ-2026-001,2026-10-21T09:00:00+05:00).',
  rule_reference_unknown:
    'This {msgType} refers to {identifier} from {sender} sent {sent}, which is not a known message.',
  rule_scope_private: 'A message with scope {scope} must list its recipients in <addresses>.',
  rule_scope_restricted: 'A message with scope {scope} must say who may see it in <restriction>.',

  // Shapes.
  rule_polygon_empty: 'The polygon is empty.',
  rule_polygon_pair: '"{pair}" is not a "lat,lon" pair.',
  rule_polygon_points: 'A polygon needs at least 4 points (the first repeated last); this one has {count}.',
  rule_polygon_open: 'The polygon is not closed: it starts at {first} but ends at {last}.',
  rule_circle_syntax: '"{circle}" is not a circle written as "lat,lon radius" (radius in km).',
  rule_radius_negative: 'The radius {radius} km is negative.',
  rule_coordinate_range: 'The point {point} is outside the range of latitude ±90 and longitude ±180.',
  rule_coordinate_range_swapped:
    'The point {point} is outside the range of latitude ±90 and longitude ±180. It looks like "lon,lat"; ' +
    'CAP writes latitude first.',
  rule_radius_zero: 'The circle has a radius of 0 km, so it covers no one.',
  rule_coordinate_whitespace:
    'There is whitespace around the coordinates (write "51.12,71.43", not "51.12, 71.43").',
  rule_coordinate_precision: 'Coordinates carry {decimals} decimals; at most 6 (about 10 cm) are meaningful.',
  rule_coordinates_swapped:
    'The shape lies outside the expected area but fits it with latitude and longitude swapped.',

  // Resources.
  rule_uri_absolute: '"{uri}" is not an absolute URI such as https://example.kz/alert.',
  rule_uri_relative: '"{uri}" is not an absolute URI, and no <derefUri> carries the content.',
  rule_deref_base64: '<derefUri> is not base64 data.',
  rule_size_mismatch: '<size> says {size} bytes but the embedded content has {actual}.',
  rule_digest_mismatch: '<digest> does not match the embedded content (its SHA-1 is {actual}).',
  rule_digest_form: '"{digest}" is not a SHA-1 digest (40 hexadecimal digits).',

  // Times and notes.
  rule_after_expires: '<{element}> ({value}) is after <expires> ({expires}).',
  rule_sent_future: "<sent> ({sent}) is in the future; is the sender's clock or time zone wrong?",
  rule_note_exercise: 'An {msgStatus} message should name the exercise in <note>.',
  rule_note_error: 'An {msgType} message should explain the error in <note>.',

  // Profiles (IPAWS, CAP-CP, Dabyl).
  rule_profile_code: 'A {profile} message carries <code>{code}</code>.',
  rule_profile_language: '{profile} info blocks are in {allowed}, not {value}.',
  rule_profile_bilingual: 'A public {profile} message should have info blocks in both {allowed}.',
  rule_profile_expires: '{profile} requires <expires> in every <info>.',
  rule_profile_one_category: '{profile} accepts one <category> per <info>.',
  rule_profile_one_event_code: '{profile} needs exactly one <eventCode> named {name}.',
  rule_profile_event_code: '{profile} requires an <eventCode> named {name} (such as {example}).',
  rule_profile_one_event: 'A {profile} message is about one event, but it names {events}.',
  rule_profile_geocode: '{profile} needs a <geocode> named {name} in every <area>.',
  rule_event_code_form: 'The {name} event code "{code}" is not three capital letters.',
  rule_location_six_digits: 'The {name} location code "{code}" is not six digits.',
  rule_location_sgc: '"{code}" is not an SGC code of 2, 4 or 7 digits.',
  rule_text_length: '{name} is {length} characters; at most {limit} are allowed.',
  rule_parameter_value: '{name} "{value}" is not one of {allowed}.',
  rule_dabyl_languages: 'Dabyl messages are given in {required}; an <info> in {missing} is missing.',
  rule_dabyl_tag: '"{value}" is not one of Dabyl\'s language tags {allowed}.',
  rule_dabyl_tag_missing:
    "An <info> without <language> is in {value} by default, which is not one of Dabyl's tags {allowed}.",
  rule_region_missing: 'Each area names its region in a <geocode> {name} (such as {example} for {place}).',
  rule_region_withdrawn: '{code} is a withdrawn ISO 3166-2 code; use {replacement} ({place}).',
  rule_region_unknown: '{code} is not an ISO 3166-2 code of a Kazakhstan region or city.',
  rule_note_exercise_or_test: '{msgStatus} messages must name the exercise or test in <note>.',
  rule_exercise_headline: 'An {msgStatus} message should say {marking} in its headline, in every language.',
  rule_blocks_differ:
    'This <info> differs from the first in category, urgency, severity, certainty or areas.',
  rule_time_zone: 'Kazakhstan time is {offset}; <sent> uses another offset.',

  // The validator itself.
  rule_could_not_run: 'The check {rule} could not run on this message ({detail}).',
  wrapper_holds_none: 'The {wrapper} document holds no embedded CAP alert (linked alerts are never fetched).',
} as const;

export type RuleSentenceKey = keyof typeof rulesEn;
