import { describe, expect, it } from 'vitest';
import { parseCbcCentres } from './cbc.js';

const parse = (raw: string | undefined) => parseCbcCentres(raw, (p) => new Error(`DABYL_CBC_CENTRES: ${p}`));

describe('DABYL_CBC_CENTRES', () => {
  it('is empty when unset', () => {
    expect(parse(undefined)).toEqual([]);
    expect(parse(' ')).toEqual([]);
  });

  it('reads each centre with its defaults: Kazakh then Russian, everywhere, cbe_name dabyl', () => {
    expect(parse('[{"name":"kcell","protocol":"ecbe","url":"https://u:p@cbc.example/api/ecbe/v1"}]')).toEqual(
      [
        {
          name: 'kcell',
          protocol: 'ecbe',
          url: 'https://u:p@cbc.example/api/ecbe/v1',
          token: undefined,
          languages: ['kk', 'ru'],
          cbeName: 'dabyl',
          repetitionPeriod: 10,
          regions: [],
        },
      ],
    );
  });

  it('names the centre and the field that is wrong', () => {
    expect(() => parse('{"name":"x"}')).toThrow('must be a JSON array');
    expect(() => parse('[{"name":"a","protocol":"smpp","url":"https://x"}]')).toThrow('centre 1: "protocol"');
    expect(() => parse('[{"name":"a","protocol":"cap","url":"ftp://x"}]')).toThrow('centre 1: "url"');
    expect(() => parse('[{"name":"a","protocol":"cap","url":"https://x","languages":["kaz"]}]')).toThrow(
      '"languages"',
    );
    expect(() => parse('[{"name":"a","protocol":"cap","url":"https://x","colour":1}]')).toThrow('"colour"');
    expect(() =>
      parse(
        '[{"name":"a","protocol":"cap","url":"https://x"},{"name":"a","protocol":"ecbe","url":"https://y"}]',
      ),
    ).toThrow('two centres are named a');
  });
});
