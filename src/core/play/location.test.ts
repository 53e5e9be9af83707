import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDegrees, parseLocation, pointProblem } from './location.js';

const at = (latitude: number, longitude: number) => ({ ok: true, location: { latitude, longitude } });
const refused = (field: string, fault: string) => ({ ok: false, problem: { field, fault } });

describe('a place typed on a report', () => {
  it('reads a decimal point or a decimal comma, spaces, a sign and a degree sign', () => {
    expect(parseDegrees('49.8047')).toBe(49.8047);
    expect(parseDegrees('49,8047')).toBe(49.8047);
    expect(parseDegrees('  73,1094 \t')).toBe(73.1094);
    expect(parseDegrees('-33.8688')).toBe(-33.8688);
    expect(parseDegrees('\u221233,8688')).toBe(-33.8688);
    expect(parseDegrees('+51')).toBe(51);
    expect(parseDegrees('51,')).toBe(51);
    expect(parseDegrees(',5')).toBe(0.5);
    expect(parseDegrees('49.8047°')).toBe(49.8047);
  });

  it('refuses what is not one number of degrees', () => {
    for (const text of [
      '',
      'abc',
      '49,80,47',
      '49.8.0',
      '1e2',
      '49 8',
      '0x1F',
      '--5',
      '49,8047N',
      '1234.5',
      '.',
    ])
      expect(parseDegrees(text), text).toBeNull();
  });

  it('is no place when both boxes are empty or blank', () => {
    expect(parseLocation('', '')).toEqual({ ok: true, location: null });
    expect(parseLocation('  ', '\n')).toEqual({ ok: true, location: null });
  });

  it('takes latitude and longitude from their boxes, with a decimal comma and spaces', () => {
    expect(parseLocation('49.8047', '73.1094')).toEqual(at(49.8047, 73.1094));
    expect(parseLocation(' 49,8047 ', ' 73,1094 ')).toEqual(at(49.8047, 73.1094));
    expect(parseLocation('-90', '180')).toEqual(at(-90, 180));
    expect(parseLocation('90', '-180')).toEqual(at(90, -180));
  });

  it('takes both numbers pasted into one box, as map apps copy them', () => {
    for (const text of [
      '49.8047, 73.1094',
      '49.8047,73.1094',
      '49,8047 73,1094',
      '49,8047, 73,1094',
      '49,8047; 73,1094',
      ' 49.8047  73.1094 ',
    ]) {
      expect(parseLocation(text, ''), text).toEqual(at(49.8047, 73.1094));
      expect(parseLocation('', text), text).toEqual(at(49.8047, 73.1094));
    }
  });

  it('refuses one number without the other, naming the empty one', () => {
    expect(parseLocation('49.8047', '')).toEqual(refused('longitude', 'missing'));
    expect(parseLocation('49,8047', ' ')).toEqual(refused('longitude', 'missing'));
    expect(parseLocation('', '73.1094')).toEqual(refused('latitude', 'missing'));
    expect(parseLocation('', '73,1094')).toEqual(refused('latitude', 'missing'));
  });

  it('refuses a number out of range, naming its field', () => {
    expect(parseLocation('90.0001', '73')).toEqual(refused('latitude', 'out_of_range'));
    expect(parseLocation('-91', '73')).toEqual(refused('latitude', 'out_of_range'));
    expect(parseLocation('49', '180,5')).toEqual(refused('longitude', 'out_of_range'));
    expect(parseLocation('49', '-181')).toEqual(refused('longitude', 'out_of_range'));
    // A decimal point left out on a phone's keypad.
    expect(parseLocation('49', '730')).toEqual(refused('longitude', 'out_of_range'));
  });

  it('refuses malformed text, naming its field', () => {
    expect(parseLocation('north', '73')).toEqual(refused('latitude', 'not_a_number'));
    expect(parseLocation('49', '73.1.2')).toEqual(refused('longitude', 'not_a_number'));
    // Decimal commas and a separating comma with no space cannot be told apart.
    expect(parseLocation('49,8,73,1', '')).toEqual(refused('latitude', 'not_a_number'));
    expect(parseLocation('49.8, 73.1, 12', '')).toEqual(refused('latitude', 'not_a_number'));
    expect(parseLocation('49.8, 73.1', '73.1')).toEqual(refused('latitude', 'not_a_number'));
  });

  it('reads back any point in range written either way', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -90, max: 90, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.boolean(),
        (lat, lon, comma) => {
          const write = (n: number) => {
            const s = n.toFixed(6);
            return comma ? s.replace('.', ',') : s;
          };
          const parsed = parseLocation(write(lat), write(lon));
          expect(parsed.ok).toBe(true);
          if (!parsed.ok || !parsed.location) return;
          expect(parsed.location.latitude).toBeCloseTo(lat, 5);
          expect(parsed.location.longitude).toBeCloseTo(lon, 5);
        },
      ),
    );
  });

  it('checks a point given as numbers', () => {
    expect(pointProblem({ latitude: 49.8, longitude: 73.1 })).toBeNull();
    expect(pointProblem({ latitude: Number.NaN, longitude: 73.1 })).toEqual({
      field: 'latitude',
      fault: 'not_a_number',
    });
    expect(pointProblem({ latitude: 49.8, longitude: Infinity })).toEqual({
      field: 'longitude',
      fault: 'not_a_number',
    });
    expect(pointProblem({ latitude: 49.8, longitude: -180.01 })).toEqual({
      field: 'longitude',
      fault: 'out_of_range',
    });
  });
});
