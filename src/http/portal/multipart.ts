import type { FastifyInstance } from 'fastify';
import type { FormBody } from './form-body.js';

/*
 * A multipart/form-data reader (RFC 7578 over RFC 2046) for the one public form that sends a file:
 * a report with a photo from an inject's link page. The whole body is in memory already (Fastify
 * bounds it), so this is a scan with Buffer.indexOf, not a stream; it takes what browsers send and
 * refuses, by a named fault, anything else — no boundary, a part never closed, more parts, fields or
 * files than the form has, a field or a header block longer than any the form makes.
 */

/** Why a body is not a form we read; the page words each in its reader's language. */
export type MultipartFault =
  | 'no_boundary'
  | 'malformed'
  | 'truncated'
  | 'too_many_parts'
  | 'too_many_fields'
  | 'too_many_files'
  | 'field_too_large';

export class MultipartError extends Error {
  readonly statusCode = 400;
  constructor(
    readonly fault: MultipartFault,
    detail: string,
  ) {
    super(`multipart/form-data: ${detail}`);
    this.name = 'MultipartError';
  }
}

/** One file part: the field it came in, the name and type the browser gave it, its bytes. */
export interface FilePart {
  field: string;
  filename: string;
  /** As the client said; the caller checks it against the bytes. */
  type: string;
  bytes: Buffer;
}

export interface MultipartForm {
  fields: FormBody;
  files: FilePart[];
}

export interface MultipartLimits {
  /** Parts of any kind. */
  parts: number;
  /** Parts without a filename. */
  fields: number;
  /** Parts with a filename (an empty file input still sends one). */
  files: number;
  /** Bytes of one field's value. */
  fieldBytes: number;
}

/** RFC 2046: 1 to 70 of these, not ending in a space. */
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;
/** A part's headers: a browser writes two lines; 8 KiB is far past any real one. */
const MAX_HEADER_BYTES = 8 * 1024;
const CRLF = Buffer.from('\r\n');
export const MULTIPART_TYPE = 'multipart/form-data';
const HEADERS_END = Buffer.from('\r\n\r\n');

/** The boundary a `multipart/form-data; boundary=…` content type names, or null when it names none. */
export function boundaryOf(contentType: string | undefined): string | null {
  if (!contentType) return null;
  const [essence, ...params] = splitParams(contentType);
  if (essence.toLowerCase() !== MULTIPART_TYPE) return null;
  const value = params.find((p) => p.name === 'boundary')?.value;
  return value !== undefined && BOUNDARY.test(value) ? value : null;
}

interface Param {
  name: string;
  value: string;
}

/**
 * `form-data; name="a"; filename="b\"c"` → `['form-data', {name:'name',value:'a'}, …]`: a value is
 * a token or a quoted string with backslash escapes; a `;` inside quotes does not split.
 */
function splitParams(header: string): [string, ...Param[]] {
  const semi = header.indexOf(';');
  const head = (semi < 0 ? header : header.slice(0, semi)).trim();
  const params: Param[] = [];
  let i = semi < 0 ? header.length : semi + 1;
  while (i < header.length) {
    const eq = header.indexOf('=', i);
    if (eq < 0) break;
    const name = header.slice(i, eq).trim().toLowerCase();
    let j = eq + 1;
    while (header[j] === ' ' || header[j] === '\t') j++;
    let value = '';
    if (header[j] === '"') {
      j++;
      while (j < header.length && header[j] !== '"') {
        if (header[j] === '\\' && j + 1 < header.length) j++;
        value += header[j];
        j++;
      }
      j = header.indexOf(';', j);
    } else {
      const end = header.indexOf(';', j);
      value = header.slice(j, end < 0 ? header.length : end).trim();
      j = end;
    }
    params.push({ name, value });
    if (j < 0) break;
    i = j + 1;
  }
  return [head, ...params];
}

interface PartHead {
  name: string;
  filename: string | null;
  type: string;
}

function readHeaders(block: string): PartHead {
  let disposition: string | null = null;
  let type = '';
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MultipartError('malformed', 'a part header without a name');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-disposition') disposition = value;
    else if (name === 'content-type') type = value.toLowerCase();
  }
  if (disposition === null) throw new MultipartError('malformed', 'a part without Content-Disposition');
  const [kind, ...params] = splitParams(disposition);
  const field = params.find((p) => p.name === 'name')?.value;
  if (kind.toLowerCase() !== 'form-data' || field === undefined)
    throw new MultipartError('malformed', 'a part that is not form-data with a name');
  const filename = params.find((p) => p.name === 'filename')?.value ?? null;
  return { name: field, filename, type: type.split(';')[0]!.trim() };
}

/**
 * Reads a whole multipart/form-data body. Fields come back as the urlencoded reader gives them (a
 * name given once a string, several times a list; prototype names stay plain keys), files in order.
 * Throws {@link MultipartError} naming the fault; never anything else for any bytes.
 */
export function parseMultipart(body: Buffer, boundary: string, limits: MultipartLimits): MultipartForm {
  if (!BOUNDARY.test(boundary)) throw new MultipartError('no_boundary', 'the boundary is not a valid one');
  const dash = Buffer.from(`--${boundary}`, 'latin1');
  const delimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
  const fields: FormBody = Object.create(null) as FormBody;
  const files: FilePart[] = [];
  let parts = 0;
  let fieldCount = 0;

  // The first delimiter opens the body, or follows a preamble and its line break.
  let at = body.subarray(0, dash.length).equals(dash) ? dash.length : -1;
  if (at < 0) {
    const found = body.indexOf(delimiter);
    if (found < 0) throw new MultipartError('truncated', 'no part begins');
    at = found + delimiter.length;
  }
  for (;;) {
    // After a delimiter: "--" closes the body; else optional white space and a line break.
    if (body[at] === 0x2d && body[at + 1] === 0x2d) break;
    while (body[at] === 0x20 || body[at] === 0x09) at++;
    if (at >= body.length) throw new MultipartError('truncated', 'the body ends after a delimiter');
    if (!(body[at] === 0x0d && body[at + 1] === 0x0a))
      throw new MultipartError('malformed', 'a delimiter is not followed by a line break');
    at += CRLF.length;

    if (++parts > limits.parts) throw new MultipartError('too_many_parts', `more than ${limits.parts} parts`);
    const headersEnd = body.indexOf(HEADERS_END, at);
    if (headersEnd < 0 || headersEnd - at > MAX_HEADER_BYTES) {
      const cut = headersEnd < 0 && body.length - at <= MAX_HEADER_BYTES;
      throw new MultipartError(cut ? 'truncated' : 'malformed', 'a part’s headers do not end');
    }
    const head = readHeaders(body.toString('utf8', at, headersEnd));
    const start = headersEnd + HEADERS_END.length;
    const end = body.indexOf(delimiter, start);
    if (end < 0) throw new MultipartError('truncated', `the part "${head.name}" is never closed`);
    const content = body.subarray(start, end);
    at = end + delimiter.length;

    if (head.filename !== null) {
      if (files.length >= limits.files)
        throw new MultipartError('too_many_files', `more than ${limits.files} file(s)`);
      files.push({ field: head.name, filename: head.filename, type: head.type, bytes: Buffer.from(content) });
      continue;
    }
    if (++fieldCount > limits.fields)
      throw new MultipartError('too_many_fields', `more than ${limits.fields} fields`);
    if (content.length > limits.fieldBytes)
      throw new MultipartError(
        'field_too_large',
        `the field "${head.name}" is over ${limits.fieldBytes} bytes`,
      );
    const value = content.toString('utf8');
    const seen = fields[head.name];
    fields[head.name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return { fields, files };
}

/**
 * Lets the routes of `app` (an encapsulated child: register it for the routes that take a file
 * only) read multipart/form-data bodies up to `bodyLimit` bytes. A refusal is a
 * {@link MultipartError} for the route's error handler to show.
 */
export function registerMultipartBody(
  app: FastifyInstance,
  bodyLimit: number,
  limits: MultipartLimits,
): void {
  app.addContentTypeParser(MULTIPART_TYPE, { parseAs: 'buffer', bodyLimit }, (request, body, done) => {
    const boundary = boundaryOf(request.headers['content-type']);
    if (!boundary) {
      done(new MultipartError('no_boundary', 'the content type names no valid boundary'), undefined);
      return;
    }
    try {
      done(null, parseMultipart(body as Buffer, boundary, limits));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
}
