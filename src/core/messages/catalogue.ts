import type {
  CHANNEL_KINDS,
  EXERCISE_STATUSES,
  EXERCISE_TYPES,
  NOTICE_STATUSES,
  ORGANISATION_KINDS,
  ROLES,
  TRAFFIC_MODES,
} from '../../contract/enums.js';
import { LOCALES } from '../../contract/enums.js';
import type {
  AuditAction,
  DeliveryReason,
  ErrorCode,
  FieldProblem,
  OUTBOX_SOURCE_KINDS,
  ProblemStatus,
} from './codes.js';

/** The languages every message exists in: the console's. */
export const MESSAGE_LANGS = LOCALES;
export type MessageLang = (typeof LOCALES)[number];

/**
 * One language's sentences. `{name}` stands for a parameter: the field's path (`{field}`), a value
 * the sentence names (`{status}`, `{max}`…). A parameter whose value has a word in `words` is
 * shown as that word ("paused" → "Тоқтатылған"), never as the code.
 */
export interface Catalogue {
  /** The problem's title, by HTTP status. */
  titles: Record<ProblemStatus, string>;
  /** The detail of a problem by its code, for when the thrower gave no more precise sentence. */
  errors: Record<ErrorCode, string>;
  /** What is wrong with a field; shown after its path ("title: is required"). */
  problems: Record<FieldProblem, string>;
  /** An audit entry as a sentence, by its action. */
  audit: Record<AuditAction, string>;
  /** An audit entry whose action this server no longer knows (kept from an older version). */
  auditUnknown: string;
  /** Why a delivery waits or failed, by its reason (`reasons/<lang>.ts`). */
  deliveries: DeliveryReasons;
  /** Words for the values parameters carry, by parameter name. */
  words: {
    status: Record<(typeof EXERCISE_STATUSES)[number], string>;
    /** A notice language, as the sentences that name it need it ("in Kazakh"). */
    language: Record<MessageLang, string>;
    /** A JSON type a field must have ("must be text"). */
    type: Record<'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null', string>;
    /** A format a text must follow ("must be a date and time"). */
    format: Record<'date-time' | 'date' | 'uuid' | 'email' | 'uri', string>;
    /** What a delivery belongs to ("inject"), as delivery reasons name it. */
    source: Record<(typeof OUTBOX_SOURCE_KINDS)[number], string>;
    /** A channel, as delivery reasons name it ("SMS"). */
    channel: Record<(typeof CHANNEL_KINDS)[number], string>;
    /** A traffic mode, as delivery reasons name it. */
    mode: Record<(typeof TRAFFIC_MODES)[number], string>;
    /** What Dabyl asked a Cell Broadcast Centre for, when the centre's answer is told. */
    request: Record<'cap' | 'delete' | 'message', string>;
    /** A coded value a sheet's column takes (a kind, a method, a role), as the console words it. */
    sheetValue: Readonly<Record<string, string>>;
    /** A role granted to a user, as the console's roles page names it. */
    role: Record<(typeof ROLES)[number], string>;
    /** An organisation's kind, as the organisations page names it. */
    organisationKind: Record<(typeof ORGANISATION_KINDS)[number], string>;
    /** An exercise's type, as the planning screens name it. */
    exerciseType: Record<(typeof EXERCISE_TYPES)[number], string>;
    /** A public notice's status, as the notices screens name it. */
    noticeStatus: Record<(typeof NOTICE_STATUSES)[number], string>;
  };
}

export type DeliveryReasons = Record<DeliveryReason, string>;

export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * What is wrong with one field, as a catalogue key and the values its sentence names, so the
 * boundary can word it in the reader's language.
 */
export interface FieldFault {
  problem: FieldProblem;
  params?: MessageParams;
}

/** Placeholders that carry values of a word set named otherwise, such as a status moved from. */
const WORD_SET: Readonly<Record<string, keyof Catalogue['words']>> = {
  fromStatus: 'status',
  toStatus: 'status',
  allowedStatuses: 'status',
  message: 'channel',
  allowed: 'sheetValue',
};

/**
 * Fills `{name}` placeholders; a value with a word in the catalogue is shown as that word, and a
 * list ("a, b") word by word, so no raw code reaches a Kazakh or Russian reader.
 */
export function fill(catalogue: Catalogue, text: string, params: MessageParams = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    const words = (catalogue.words as Record<string, Record<string, string> | undefined>)[
      WORD_SET[name] ?? name
    ];
    if (!words) return String(value);
    return String(value)
      .split(', ')
      .map((item) => words[item] ?? item)
      .join(', ');
  });
}

/** The placeholders a sentence uses, for checking that every language asks for the same ones. */
export const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
