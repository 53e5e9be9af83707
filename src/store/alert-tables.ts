import type { Selectable } from 'kysely';

/** Table types of public alerts and second factors (migration 0018). */

/** A person's second factor: a TOTP secret, encrypted, and the last step a code was accepted at. */
export interface SecondFactorTable {
  user_id: string;
  kind: string;
  /** The secret sealed with the installation's secrets key; never sent back once enrolled. */
  secret: string;
  /** Null while enrolment waits for its first code. */
  confirmed_at: string | null;
  /** The time step of the last accepted code: codes at or before it are replays. */
  last_step: number | string | null;
  created_at: string;
  updated_at: string;
}

/** One CAP message of an alert thread: the original, or an Update or Cancel made from it. */
export interface AlertTable {
  id: string;
  /** The original's id; the outbox's source id for every message of the thread. */
  thread_id: string;
  /** 1 for the original, then 2, 3 … for each Update or Cancel: the outbox's sequence. */
  sequence: number;
  msg_type: string;
  /** The CAP status: Actual, Exercise, Test, System or Draft. */
  status: string;
  organisation_id: string | null;
  exercise_id: string | null;
  /** public: residents in the area; exercise: the exercise's own phone book only. */
  audience: string;
  hazard: string;
  /** draft, awaiting_approval, approved (issued, sent to nobody), sent (handed to the outbox). */
  state: string;
  /** JSON: { kk?, ru?, en? } of AlertText. */
  texts: string;
  /** JSON: AlertArea. */
  area: string;
  expires_at: string;
  /** Why an Update or Cancel was made. */
  note: string | null;
  version: number;
  /** JSON: the ids of everyone who wrote this message; none of them may approve it when Actual. */
  drafters: string;
  created_by: string;
  submitted_by: string | null;
  submitted_at: string | null;
  approved_by: string | null;
  approved_at: string | null;
  cap_identifier: string | null;
  /** The CAP `sent` as written in the message, for the `references` of later messages. */
  cap_sent: string | null;
  /** The signed CAP message, as issued. */
  cap_xml: string | null;
  /** Why the last approval could not sign the message; shown until an approval succeeds. */
  sign_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface AlertTables {
  second_factors: SecondFactorTable;
  alerts: AlertTable;
}

export type AlertRow = Selectable<AlertTable>;
export type SecondFactorRow = Selectable<SecondFactorTable>;
