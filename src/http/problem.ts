import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../errors.js';

/** RFC 9457 problem details, as every error leaves Dabyl. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  field?: string;
  errors?: { field: string; problem: string }[];
  /** The values `detail` names, so a client can word the problem in its reader's language. */
  params?: Readonly<Record<string, string>>;
  requestId?: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Sign-in needed',
  403: 'Not permitted',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Request too large',
  415: 'Unsupported media type',
  422: 'Invalid input',
  423: 'Locked',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Unavailable',
};

export function sendProblem(
  reply: FastifyReply,
  p: Omit<Problem, 'type' | 'title'> & { title?: string },
): FastifyReply {
  const body: Problem = {
    type: `urn:dabyl:problem:${p.code}`,
    title: p.title ?? TITLES[p.status] ?? 'Error',
    ...p,
    requestId: String(reply.request.id),
  };
  return reply.status(p.status).type('application/problem+json').send(body);
}

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Turns a schema failure into "field: problem" in the person's terms, not the validator's. */
function describe(part: string, e: AjvError): { field: string; problem: string } {
  const base = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (e.keyword === 'additionalProperties') {
    const extra = String(e.params.additionalProperty);
    return { field: base ? `${base}.${extra}` : extra, problem: 'is not a known field' };
  }
  if (e.keyword === 'required') {
    const missing = String(e.params.missingProperty);
    return { field: base ? `${base}.${missing}` : missing, problem: 'is required' };
  }
  if (e.keyword === 'type') return { field: base || part, problem: `must be ${String(e.params.type)}` };
  return { field: base || part, problem: e.message ?? 'is not valid' };
}

const CODE_BY_FASTIFY_ERROR: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body_too_large', 'The request body is larger than this server accepts'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type', 'This content type is not accepted here'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'malformed_json', 'The body is empty but the content type says JSON'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'malformed_json', 'The body is not valid JSON'],
};

export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return sendProblem(reply, {
        status: error.status,
        code: error.code,
        detail: error.detail,
        ...(error.field ? { field: error.field } : {}),
        ...(error.errors ? { errors: error.errors } : {}),
        ...(error.params ? { params: error.params } : {}),
      });
    }
    if (error.validation) {
      const part = error.validationContext ?? 'body';
      const errors = (error.validation as AjvError[]).map((e) => describe(part, e));
      const first = errors[0]!;
      return sendProblem(reply, {
        status: 400,
        code: 'invalid_input',
        detail: `${first.field}: ${first.problem}`,
        field: first.field,
        errors,
      });
    }
    if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      const [status, code, detail] = CODE_BY_FASTIFY_ERROR.FST_ERR_CTP_INVALID_JSON_BODY!;
      return sendProblem(reply, { status, code, detail: `${detail}: ${error.message}` });
    }
    const known = error.code ? CODE_BY_FASTIFY_ERROR[error.code] : undefined;
    if (known) return sendProblem(reply, { status: known[0], code: known[1], detail: known[2] });
    if (error.statusCode === 429)
      return sendProblem(reply, { status: 429, code: 'rate_limited', detail: error.message });
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, { status: error.statusCode, code: 'bad_request', detail: error.message });
    }
    // A 5xx never leaks its message: it may carry SQL, paths or secrets. The log has it.
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, {
      status: 500,
      code: 'internal',
      detail: 'Something went wrong on our side; the request id is in the log',
    });
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, {
      status: 404,
      code: 'not_found',
      detail: `Nothing at ${request.method} ${request.url.split('?')[0]}`,
    }),
  );
}
