import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  decodeAck,
  decodeCommand,
  decodeStatus,
  encodeCommand,
  sirenActionFor,
  TOPIC_PREFIX,
  type SirenCommand,
} from './command.js';

const key = randomBytes(32);
const command: SirenCommand = {
  v: 1,
  id: 'siren_6f1c',
  action: 'activate',
  pattern: 'alert',
  announcement: 'Жер сілкінісі. Ғимараттан шығыңыз.\nЗемлетрясение. Покиньте здание.',
  alert: 'urn:oid:2.49.0.1.398.0.2026.1',
  exercise: false,
  issuedAt: '2026-11-03T05:00:10.000Z',
};

describe('siren commands on the wire', () => {
  it('round-trips a command, Cyrillic announcement included, through its signature', () => {
    const wire = encodeCommand(command, key);
    expect(JSON.parse(wire)).toMatchObject({ id: 'siren_6f1c', action: 'activate', sig: expect.any(String) });
    expect(decodeCommand(wire, key)).toEqual(command);
  });

  it('refuses a command signed with another key, or changed on the way', () => {
    const wire = encodeCommand(command, key);
    expect(() => decodeCommand(wire, randomBytes(32))).toThrow(/sig does not verify/);
    const changed = JSON.stringify({ ...JSON.parse(wire), action: 'stop' });
    expect(() => decodeCommand(changed, key)).toThrow(/sig does not verify/);
    const unmarked = JSON.stringify({
      ...JSON.parse(encodeCommand({ ...command, exercise: true }, key)),
      exercise: false,
    });
    expect(() => decodeCommand(unmarked, key)).toThrow(/sig does not verify/);
    expect(() => decodeCommand('{"v":1}', key)).toThrow(/id is missing/);
    expect(() => decodeCommand('not json', key)).toThrow(/not JSON/);
  });

  it('reads acknowledgements and status, and names the field that is wrong', () => {
    expect(decodeAck('{"id":"siren_1"}')).toEqual({ id: 'siren_1', result: 'done', reason: null });
    expect(decodeAck('{"id":"siren_1","result":"refused","reason":"fault"}')).toMatchObject({
      result: 'refused',
    });
    expect(() => decodeAck('{"result":"done"}')).toThrow(/ack: id/);
    expect(() => decodeAck('[1]')).toThrow(/not a JSON object/);
    expect(decodeStatus('{"battery":87,"mains":false,"fault":"amplifier 2"}')).toEqual({
      battery: 87,
      mains: false,
      fault: 'amplifier 2',
    });
    expect(decodeStatus('{"fault":""}')).toEqual({ battery: null, mains: null, fault: null });
    expect(() => decodeStatus('{"battery":140}')).toThrow(/battery/);
    expect(() => decodeStatus('{"mains":"yes"}')).toThrow(/mains/);
    expect(() => decodeStatus(Buffer.alloc(20_000, 32))).toThrow(/16 KiB/);
  });

  it('accepts plain topic prefixes only: no wildcards, no system topics, no empty levels', () => {
    for (const ok of ['kz/almaty/s-014', 'sirens_1']) expect(TOPIC_PREFIX.test(ok)).toBe(true);
    for (const bad of ['kz/+/s1', 'kz/#', '$SYS/x', 'kz//s1', '/kz', 'kz/', 'kz/ s1', ''])
      expect(TOPIC_PREFIX.test(bad)).toBe(false);
  });
});

describe('the command an alert message gives', () => {
  it('sounds for Actual and Exercise, tests silently for Test, stops on Cancel', () => {
    expect(sirenActionFor('Actual', 'Alert', 'earthquake')).toEqual({ action: 'activate', pattern: 'alert' });
    expect(sirenActionFor('Actual', 'Alert', 'air-raid')).toEqual({
      action: 'activate',
      pattern: 'air-raid',
    });
    expect(sirenActionFor('Exercise', 'Update', 'flood')).toEqual({ action: 'activate', pattern: 'alert' });
    expect(sirenActionFor('Actual', 'Alert', 'all-clear')).toEqual({
      action: 'activate',
      pattern: 'all-clear',
    });
    expect(sirenActionFor('Test', 'Alert', 'earthquake')).toEqual({ action: 'test', pattern: 'silent' });
    expect(sirenActionFor('Actual', 'Cancel', 'earthquake')).toEqual({ action: 'stop', pattern: 'none' });
    expect(sirenActionFor('Test', 'Cancel', 'earthquake').action).toBe('stop');
  });
});
