import type { DeliveryReasons } from '../catalogue.js';

/**
 * English: why a delivery waits or failed. `{cause}` is the reason beneath (worded in the same
 * language), `{problem}` a field's problem; `{detail}` and `{said}` are a peer's own words.
 */
export const en: DeliveryReasons = {
  actual_from_exercise: 'refused: a message made in an exercise can never go out as actual',
  actual_to_phonebook: "refused: actual traffic never goes to an exercise's phone book",
  address_ended: 'the address has ended: {cause}',
  address_erased: 'the address was erased',
  address_forbidden: '{host} resolves to {address}: a private, loopback or reserved address',
  alert_no_info: 'alert {identifier} has no info block',
  alert_not_sendable: 'refused: alert {id} is {capStatus}: it is never sent as {mode} traffic',
  cbc_duplicate:
    '{centre}: message {id} is already being broadcast for another alert of the same category; ' +
    'this centre keeps one per identifier, so cancel or update that alert first',
  cbc_later: 'the CBC {centre} answered {answer} to {request} {id}{said}; it will be tried again',
  cbc_network: 'the CBC {centre}: {detail}',
  cbc_refused: 'the CBC {centre} answered {answer} to {request} {id}{said}',
  cbc_timeout: 'the CBC {centre} did not answer in time',
  cbc_unknown_centre: 'no Cell Broadcast Centre named {centre} is configured ({setting})',
  channel_unknown: 'no {channel} channel in this version',
  delivery_gone: 'the delivery is gone',
  email_later: 'the mail server cannot take the message now: {detail}',
  email_refused: 'the mail server refused the message: {detail}',
  email_unreachable: 'the mail server could not be reached: {detail}',
  exercise_gone: 'refused: the exercise of this delivery no longer exists',
  exercise_unnamed: 'refused: exercise traffic must name its exercise',
  failed: '{detail}',
  gave_up: 'gave up after {hours} h: {cause}',
  header_injection: '{field}: a line break in a header value is refused (header injection)',
  inbox_nobody: 'no account has this id: nobody reads this inbox',
  kind_mismatch: 'a message for {message} cannot go over {channel}',
  mqtt_failed: 'MQTT: {detail}',
  mqtt_no_ack: 'the MQTT broker did not acknowledge the command in time',
  mqtt_unreachable: 'the MQTT broker cannot be reached',
  no_play: 'NO PLAY is on for this exercise',
  not_configured: '{setting} is not set: deliveries over {channel} wait in the outbox until it is',
  notice_no_text: 'revision {revision} of notice {notice} has no text',
  peer_network: '{host}: {detail}',
  peer_timeout: '{host} did not answer in time',
  public_not_included: 'refused: this exercise does not include the public',
  push_ended: 'the push service answered {answer}: the subscription has ended',
  push_later: 'the push service answered {answer}; it will be tried again',
  push_payload_long: 'the notification is longer than {max} bytes without its text',
  push_refused: 'the push service refused the message with {answer}',
  push_subscription: 'the push {field} {problem}',
  push_too_large: 'the push service refused the message as too large (413)',
  siren_announcement_long: 'the announcement is longer than {max} characters',
  siren_topic: '"{topic}" is not a siren topic prefix',
  siren_unregistered: 'no siren is registered under {topic}',
  sms_answer_lost:
    'part {part}/{total}: {detail}; it may have reached the SMSC and is not sent again on its own',
  sms_bind_busy: 'no SMPP bind could take the submit: {detail}',
  sms_in_doubt:
    'part {part}/{total} may have reached the SMSC: the connection ended before its answer came. ' +
    'It is not sent again on its own, to avoid a duplicate; retry the delivery to resend it',
  sms_no_answer:
    'no answer from the SMSC for part {part}/{total} within {ms} ms; ' +
    'the submit is still awaited and will not be sent again',
  sms_no_bind: 'no SMPP bind came up: {detail}',
  sms_number: 'to: "{to}" is not a phone number (5 to 15 digits, e.g. +77011234567)',
  sms_refused: 'the SMSC refused part {part}/{total}: {answer}',
  sms_segments: 'text: it needs {total} SMS segments; at most {max} are allowed ({setting})',
  sms_too_long: 'text: the text needs {total} segments; an SMS can have at most {max}',
  source_gone: '{source} {id} ({sequence}) is gone',
  source_not_over: '{source} messages are not sent over {channel}',
  source_unknown: 'no outbox source of kind {source} in this version',
  source_unprepared: 'the {source} could not be prepared: {detail}',
  source_unreadable: 'the {source} could not be rendered: {detail}',
  source_unrenderable: 'the {source} could not be rendered in {language}: {detail}',
  unsubscribed: 'unsubscribed before it was sent',
  webhook_later: 'the receiver answered {answer}; it will be tried again',
  webhook_redirect: 'the receiver answered {answer} (a redirect); give Dabyl its final URL',
  webhook_refused: 'the receiver refused the message with {answer}',
  webhook_too_large: 'the message is larger than {max} bytes',
  webhook_url: "the receiver's URL {problem}",
};
