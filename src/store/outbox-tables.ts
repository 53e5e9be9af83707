import type { Generated, Selectable } from 'kysely';

/** Table types of the delivery wing (migration 0009): contacts, fan-outs, deliveries, the sink. */

/** A resident's address on one channel; verified in the channel's own way before anything is sent. */
export interface ContactTable {
  id: string;
  subscriber_id: string;
  channel: string;
  address: string;
  /** When the owner proved the address is theirs; null while it is not. */
  verified_at: string | null;
  created_at: string;
  updated_at: string;
}

/** An exercise's phone book entry; never mixed with residents' contacts. */
export interface ExerciseContactTable {
  id: string;
  exercise_id: string;
  person_id: string | null;
  name: string;
  channel: string;
  address: string;
  language: string;
  verified_at: string | null;
  created_at: string;
}

/** What a publication writes: one row however large the audience; workers expand it. */
export interface FanOutTable {
  id: string;
  source_kind: string;
  source_id: string;
  sequence: number;
  mode: string;
  exercise_id: string | null;
  priority: number;
  /** pending, expanding, done, failed (after the retry horizon). */
  status: string;
  lease_owner: Generated<string | null>;
  lease_until: Generated<string | null>;
  attempts: Generated<number>;
  matched: Generated<number>;
  written: Generated<number>;
  last_error: Generated<string | null>;
  /** Why the last expansion failed, as JSON (a DeliveryFault, migration 0048); read only beside `last_error`. */
  last_reason: Generated<string | null>;
  created_at: string;
  started_at: Generated<string | null>;
  finished_at: Generated<string | null>;
  /** When a fan-out whose expansion failed may be claimed again; null: at once. */
  next_attempt_at: Generated<string | null>;
  /** When its current run of failures began: the retry horizon counts from here. */
  retrying_since: Generated<string | null>;
}

export interface DeliveryTable {
  /** Also what the channel de-duplicates on (e.g. the e-mail's Message-ID). */
  id: string;
  /** notice (a notice revision), later inject, alert, reminder… */
  source_kind: string;
  source_id: string;
  /** The source's revision or message number: one delivery per recipient, source, sequence, channel. */
  sequence: number;
  /** subscriber (a resident's contact) or participant (an exercise's phone book). */
  recipient_kind: string;
  /** Null once the recipient erased their data. */
  recipient_id: string | null;
  channel: string;
  /** Null once the recipient erased their data. */
  address: string | null;
  language: string;
  /** actual, exercise, test, rehearsal. */
  mode: string;
  exercise_id: string | null;
  /** Higher goes first: corrections and cancellations overtake what they correct. */
  priority: number;
  /** pending, sending, sent, dead. */
  status: string;
  attempts: number;
  next_attempt_at: string;
  /** The claim this delivery belongs to; every write after the claim is conditional on it. */
  lease_owner: string | null;
  lease_until: string | null;
  /** The last failure in English, for logs; `last_reason` words it in each reader's language. */
  last_error: string | null;
  /** The last failure's reason as JSON (a DeliveryFault, migration 0048); read only beside `last_error`. */
  last_reason: Generated<string | null>;
  provider_id: string | null;
  /** Queued. */
  created_at: string;
  /** Handed to the channel (the last try's start). */
  handed_at: string | null;
  /** Accepted by the provider. */
  acknowledged_at: string | null;
  /** The provider's receipt said the person's device got it (SMS: every part DELIVRD). */
  delivered_at: string | null;
  /** The provider's last word on the whole message (DELIVRD, UNDELIV, EXPIRED …); null until it speaks. */
  receipt: string | null;
}

/** One part of an SMS handed to the SMSC (migration 0015): written before its submit. */
export interface SmsPartTable {
  delivery_id: string;
  /**
   * Which sending of the message (migration 0044): 1, or more when a message that could never be
   * shown whole went again under a new reference.
   */
  round: Generated<number>;
  /** 1-based, as in the concatenation header. */
  part: number;
  /** From the SMSC's answer; null while unanswered, and after a lost answer (in doubt). */
  message_id: string | null;
  /** When the row was made, before the part's first submit. */
  submitted_at: string;
  /** When the part was written to the SMSC's connection; null: it never left (migration 0039). */
  handed_at: string | null;
  accepted_at: string | null;
  /** The number the message went to, for choosing its next message's reference (migration 0041). */
  destination: string | null;
  /** The concatenation reference of a multi-part message; null: single, or the id's hash (before 0041). */
  reference: number | null;
  /** The part's delivery receipt state (DELIVRD, UNDELIV …). */
  receipt: string | null;
  receipt_at: string | null;
}

/** What rehearsal traffic would have said, kept for the controllers instead of being sent. */
export interface RehearsalMessageTable {
  delivery_id: string;
  channel: string;
  address: string | null;
  language: string;
  /** JSON of the rendered, marked message. */
  message: string;
  created_at: string;
}

export interface OutboxTables {
  contacts: ContactTable;
  exercise_contacts: ExerciseContactTable;
  fanouts: FanOutTable;
  deliveries: DeliveryTable;
  rehearsal_messages: RehearsalMessageTable;
  sms_parts: SmsPartTable;
}

export type DeliveryRow = Selectable<DeliveryTable>;
export type FanOutRow = Selectable<FanOutTable>;
