import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundaryOf, MultipartError, parseMultipart, type MultipartLimits } from './multipart.js';

const LIMITS: MultipartLimits = { parts: 8, fields: 6, files: 2, fieldBytes: 64 * 1024 };

interface Entry {
  name: string;
  value: string | { filename: string; type: string; bytes: Uint8Array };
}

/** The body a browser sends, as Node's own fetch implementation (undici) serialises a FormData. */
async function encode(entries: Entry[]): Promise<{ body: Buffer; boundary: string }> {
  const form = new FormData();
  for (const e of entries) {
    if (typeof e.value === 'string') form.append(e.name, e.value);
    else
      form.append(
        e.name,
        new Blob([Uint8Array.from(e.value.bytes)], { type: e.value.type }),
        e.value.filename,
      );
  }
  const res = new Response(form);
  const boundary = boundaryOf(res.headers.get('content-type') ?? '')!;
  return { body: Buffer.from(await res.arrayBuffer()), boundary };
}

const fault = (run: () => unknown): string => {
  try {
    run();
  } catch (err) {
    if (err instanceof MultipartError) return err.fault;
    throw err;
  }
  return 'none';
};

// Names a browser writes as they are; values with any character but line breaks (which FormData
// normalises to CRLF), files with any bytes.
const name = fc.stringMatching(/^[A-Za-z0-9_\- ]{1,12}$/);
const entry: fc.Arbitrary<Entry> = fc.oneof(
  fc.record({
    name,
    value: fc.string({ unit: 'grapheme', maxLength: 40 }).map((v) => v.replace(/[\r\n]/g, ' ')),
  }),
  fc.record({
    name,
    value: fc.record({
      filename: fc.stringMatching(/^[A-Za-z0-9_.\- ]{1,12}$/),
      type: fc.constantFrom('image/png', 'image/jpeg', 'application/octet-stream'),
      bytes: fc.uint8Array({ maxLength: 300 }),
    }),
  }),
);
const forms = fc.array(entry, { minLength: 1, maxLength: 5 });

describe('parseMultipart', () => {
  it('reads back every field and file a browser would send', async () => {
    await fc.assert(
      fc.asyncProperty(forms, async (entries) => {
        const { body, boundary } = await encode(entries);
        const form = parseMultipart(body, boundary, { ...LIMITS, files: 5 });
        const files = entries.filter((e) => typeof e.value !== 'string');
        expect(form.files.map((f) => [f.field, f.filename, f.type, [...f.bytes]])).toEqual(
          files.map((e) => {
            const v = e.value as Exclude<Entry['value'], string>;
            return [e.name, v.filename, v.type, [...v.bytes]];
          }),
        );
        for (const e of entries.filter((x) => typeof x.value === 'string')) {
          const got = form.fields[e.name];
          expect(Array.isArray(got) ? got : [got]).toContain(e.value);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('refuses every body cut short before its closing delimiter', async () => {
    await fc.assert(
      fc.asyncProperty(forms, fc.double({ min: 0, max: 1, noNaN: true }), async (entries, where) => {
        const { body, boundary } = await encode(entries);
        const closed = body.lastIndexOf(`--${boundary}--`) + boundary.length + 4;
        const cut = Math.floor(where * (closed - 1));
        const got = fault(() => parseMultipart(body.subarray(0, cut), boundary, { ...LIMITS, files: 5 }));
        expect(['truncated', 'malformed']).toContain(got);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws anything but its own refusal, whatever the bytes', () => {
    const boundary = 'b0undary';
    const noise = fc.array(
      fc.oneof(
        fc.uint8Array({ maxLength: 20 }).map((b) => Buffer.from(b)),
        fc
          .constantFrom(
            '\r\n',
            '--b0undary',
            '--b0undary--',
            '\r\n--b0undary\r\n',
            'Content-Disposition: form-data; name="a"',
            'Content-Disposition: form-data; name="f"; filename="x.png"',
            '\r\n\r\n',
          )
          .map((s) => Buffer.from(s)),
      ),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(noise, (chunks) => {
        const body = Buffer.concat(chunks);
        try {
          const form = parseMultipart(body, boundary, LIMITS);
          expect(form.files.length).toBeLessThanOrEqual(LIMITS.files);
          expect(Object.keys(form.fields).length).toBeLessThanOrEqual(LIMITS.fields);
        } catch (err) {
          expect(err).toBeInstanceOf(MultipartError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a file whose bytes hold most of the delimiter', () => {
    const bytes = Buffer.from('\r\n--b0undar\r\n--b0undaryX\n--b0undary\r--b0undary', 'latin1');
    const body = Buffer.concat([
      Buffer.from('--b0undary\r\nContent-Disposition: form-data; name="f"; filename="a.bin"\r\n\r\n'),
      bytes,
      Buffer.from('\r\n--b0undary--\r\n'),
    ]);
    // "--b0undaryX" after a CRLF would be a delimiter with a bad tail: browsers pick a boundary
    // found nowhere in the content, so a body holding one is refused rather than guessed at.
    expect(fault(() => parseMultipart(body, 'b0undary', LIMITS))).toBe('malformed');
    const safe = Buffer.concat([
      Buffer.from('--b0undary\r\nContent-Disposition: form-data; name="f"; filename="a.bin"\r\n\r\n'),
      Buffer.from('\r\n--b0undar\n--b0undary\r--b0undary', 'latin1'),
      Buffer.from('\r\n--b0undary--'),
    ]);
    expect(parseMultipart(safe, 'b0undary', LIMITS).files[0]!.bytes.toString('latin1')).toBe(
      '\r\n--b0undar\n--b0undary\r--b0undary',
    );
  });

  it('refuses more parts, fields or files than the form has, and an oversize field', async () => {
    const five = await encode(['a', 'b', 'c', 'd', 'e'].map((n) => ({ name: n, value: 'x' })));
    expect(fault(() => parseMultipart(five.body, five.boundary, { ...LIMITS, parts: 4 }))).toBe(
      'too_many_parts',
    );
    expect(fault(() => parseMultipart(five.body, five.boundary, { ...LIMITS, fields: 4 }))).toBe(
      'too_many_fields',
    );
    const file = { filename: 'a.png', type: 'image/png', bytes: new Uint8Array([1]) };
    const two = await encode([
      { name: 'photo', value: file },
      { name: 'photo', value: file },
    ]);
    expect(fault(() => parseMultipart(two.body, two.boundary, { ...LIMITS, files: 1 }))).toBe(
      'too_many_files',
    );
    const big = await encode([{ name: 'text', value: 'x'.repeat(100) }]);
    expect(fault(() => parseMultipart(big.body, big.boundary, { ...LIMITS, fieldBytes: 99 }))).toBe(
      'field_too_large',
    );
  });

  it('refuses parts that are not form-data with a name, and headers that never end', () => {
    const part = (headers: string) => Buffer.from(`--b\r\n${headers}\r\n\r\nx\r\n--b--\r\n`, 'latin1');
    expect(fault(() => parseMultipart(part('Content-Type: text/plain'), 'b', LIMITS))).toBe('malformed');
    expect(fault(() => parseMultipart(part('Content-Disposition: attachment; name="a"'), 'b', LIMITS))).toBe(
      'malformed',
    );
    expect(fault(() => parseMultipart(part('Content-Disposition: form-data'), 'b', LIMITS))).toBe(
      'malformed',
    );
    const endless = Buffer.from(`--b\r\nContent-Disposition: form-data; name="a"\r\nX: ${'y'.repeat(9000)}`);
    expect(fault(() => parseMultipart(endless, 'b', LIMITS))).toBe('malformed');
    expect(fault(() => parseMultipart(Buffer.from('no parts at all'), 'b', LIMITS))).toBe('truncated');
  });

  it('keeps a field named __proto__ a plain field, and reads quoted names with escapes', () => {
    const body = Buffer.from(
      '--b\r\nContent-Disposition: form-data; name="__proto__"\r\n\r\nx\r\n' +
        '--b\r\ncontent-disposition: form-data; name="a\\"b;c"\r\n\r\ny\r\n--b--',
    );
    const form = parseMultipart(body, 'b', LIMITS);
    expect(form.fields['__proto__']).toBe('x');
    expect(form.fields['a"b;c']).toBe('y');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('boundaryOf', () => {
  it('reads the boundary of multipart/form-data only, quoted or not, and refuses bad ones', () => {
    expect(boundaryOf('multipart/form-data; boundary=abc')).toBe('abc');
    expect(boundaryOf('Multipart/Form-Data; charset=utf-8; boundary="a b:c"')).toBe('a b:c');
    expect(boundaryOf('multipart/form-data')).toBeNull();
    expect(boundaryOf('multipart/form-data; boundary=')).toBeNull();
    expect(boundaryOf(`multipart/form-data; boundary=${'x'.repeat(71)}`)).toBeNull();
    expect(boundaryOf('multipart/form-data; boundary="ends in space "')).toBeNull();
    expect(boundaryOf('multipart/mixed; boundary=abc')).toBeNull();
    expect(boundaryOf(undefined)).toBeNull();
  });
});
