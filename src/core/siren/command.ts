import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AlertMsgType, AlertStatus, Hazard } from '../alert/alert.js';

/*
 * What Dabyl says to a siren controller over MQTT, and what it says back, as plain data and their
 * wire form. Three topics under the siren's prefix: `command` (Dabyl → siren, QoS 1), `ack` and
 * `status` (siren → Dabyl). Every command carries its own id, the de-duplication key of the outbox
 * delivery it carries: a controller that gets the same command twice (a retry after a lost PUBACK)
 * acts once, and its acknowledgement names the command, so Dabyl counts one siren once.
 */

export const SIREN_ACTIONS = ['activate', 'test', 'stop'] as const;
export type SirenAction = (typeof SIREN_ACTIONS)[number];

export const commandTopic = (prefix: string): string => `${prefix}/command`;
export const ackTopic = (prefix: string): string => `${prefix}/ack`;
export const statusTopic = (prefix: string): string => `${prefix}/status`;

/** A topic prefix: levels of letters, digits, `-` and `_`; no wildcards, no `$` system topics. */
export const TOPIC_PREFIX = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+){0,7}$/;

/** One command as the controller reads it. */
export interface SirenCommand {
  v: 1;
  /** The de-duplication key: the same delivery always carries the same id. */
  id: string;
  action: SirenAction;
  /** The tone pattern to play (`alert`, `air-raid`, `all-clear`); `silent` for a test. */
  pattern: string;
  /** What the siren's loudspeaker says; null for a tone only. */
  announcement: string | null;
  /** The CAP identifier of the alert the command is for. */
  alert: string | null;
  /** True for exercise and test traffic: the controller shows and logs it as a drill. */
  exercise: boolean;
  issuedAt: string;
}

/** The command and its HMAC-SHA256 over the canonical JSON, so a controller obeys only Dabyl. */
export function encodeCommand(command: SirenCommand, key: Buffer): string {
  const body = canonical(command);
  return JSON.stringify({ ...command, sig: createHmac('sha256', key).update(body).digest('base64url') });
}

/** The controller's side of {@link encodeCommand}: the command, or an error saying what is wrong. */
export function decodeCommand(payload: string | Buffer, key: Buffer): SirenCommand {
  const raw = parseObject(payload, 'command');
  const { sig, ...rest } = raw;
  const command = checkCommand(rest);
  if (typeof sig !== 'string') throw new Error('command: sig is missing');
  const want = createHmac('sha256', key).update(canonical(command)).digest();
  const got = Buffer.from(sig, 'base64url');
  if (got.length !== want.length || !timingSafeEqual(got, want))
    throw new Error('command: sig does not verify');
  return command;
}

/** The fields in a fixed order, so signer and verifier hash the same bytes. */
function canonical(c: SirenCommand): string {
  return JSON.stringify([c.v, c.id, c.action, c.pattern, c.announcement, c.alert, c.exercise, c.issuedAt]);
}

function checkCommand(o: Record<string, unknown>): SirenCommand {
  if (o.v !== 1) throw new Error('command: v must be 1');
  if (typeof o.id !== 'string' || !o.id) throw new Error('command: id is missing');
  if (!(SIREN_ACTIONS as readonly unknown[]).includes(o.action)) throw new Error('command: unknown action');
  if (typeof o.pattern !== 'string') throw new Error('command: pattern is missing');
  if (o.announcement !== null && typeof o.announcement !== 'string')
    throw new Error('command: announcement must be text or null');
  if (o.alert !== null && typeof o.alert !== 'string') throw new Error('command: alert must be text or null');
  if (typeof o.exercise !== 'boolean') throw new Error('command: exercise must be true or false');
  if (typeof o.issuedAt !== 'string') throw new Error('command: issuedAt is missing');
  return o as unknown as SirenCommand;
}

/** A controller's acknowledgement of one command. */
export interface SirenAck {
  id: string;
  /** What the controller did: `done` (sounding, tested, stopped) or `refused` with a reason. */
  result: 'done' | 'refused';
  reason: string | null;
}

export function decodeAck(payload: string | Buffer): SirenAck {
  const o = parseObject(payload, 'ack');
  if (typeof o.id !== 'string' || !o.id || o.id.length > 200) throw new Error('ack: id is missing');
  const result = o.result ?? 'done';
  if (result !== 'done' && result !== 'refused') throw new Error('ack: result must be done or refused');
  const reason = typeof o.reason === 'string' ? o.reason.slice(0, 300) : null;
  return { id: o.id, result, reason };
}

/** What a controller reports of itself. */
export interface SirenStatus {
  /** Battery charge, 0–100 %. */
  battery: number | null;
  /** True while it runs on mains power. */
  mains: boolean | null;
  /** The controller's own fault report; null when it has none. */
  fault: string | null;
}

export function decodeStatus(payload: string | Buffer): SirenStatus {
  const o = parseObject(payload, 'status');
  const battery = o.battery ?? null;
  if (battery !== null && (typeof battery !== 'number' || !(battery >= 0 && battery <= 100)))
    throw new Error('status: battery must be a number from 0 to 100');
  const mains = o.mains ?? null;
  if (mains !== null && typeof mains !== 'boolean') throw new Error('status: mains must be true or false');
  const fault = o.fault ?? null;
  if (fault !== null && typeof fault !== 'string') throw new Error('status: fault must be text or null');
  return { battery, mains, fault: fault === null || fault === '' ? null : fault.slice(0, 300) };
}

function parseObject(payload: string | Buffer, what: string): Record<string, unknown> {
  if (payload.length > 16 * 1024) throw new Error(`${what}: larger than 16 KiB`);
  let o: unknown;
  try {
    o = JSON.parse(payload.toString());
  } catch {
    throw new Error(`${what}: not JSON`);
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new Error(`${what}: not a JSON object`);
  return o as Record<string, unknown>;
}

/**
 * Which command an alert message gives its sirens: a Cancel or an all-clear stops them (the
 * all-clear plays its own tone first), a Test is silent, everything else sounds. Whether a drill
 * reaches a siren at all is decided by who the siren is for (see sirensFor), not here.
 */
export function sirenActionFor(
  status: AlertStatus,
  msgType: AlertMsgType,
  hazard: Hazard,
): {
  action: SirenAction;
  pattern: string;
} {
  if (msgType === 'Cancel') return { action: 'stop', pattern: 'none' };
  if (status === 'Test') return { action: 'test', pattern: 'silent' };
  if (hazard === 'all-clear') return { action: 'activate', pattern: 'all-clear' };
  if (hazard === 'air-raid') return { action: 'activate', pattern: 'air-raid' };
  return { action: 'activate', pattern: 'alert' };
}
