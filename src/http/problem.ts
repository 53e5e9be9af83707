import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { AppError, wordedIn, type Wordable } from '../errors.js';
import { errorText, languageOf, type ErrorCode } from '../core/messages/messages.js';
import { describeSchemaErrors, type AjvError } from './validation-messages.js';

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

/** What a problem is made from: the English sentence as thrown, and what words it in other languages. */
export type ProblemInput = Wordable;

/**
 * Answers with problem+json in the language the request asks for (Accept-Language: kk, ru or en);
 * English when it asks for none of them. `code`, `field` and `params` never change with the language.
 */
export function sendProblem(reply: FastifyReply, p: ProblemInput): FastifyReply {
  const lang = languageOf(reply.request.headers['accept-language']);
  const { fault: _fault, errors: _errors, title: _title, detail: _detail, ...rest } = p;
  const body: Problem = {
    type: `urn:dabyl:problem:${p.code}`,
    ...rest,
    ...wordedIn(lang, p),
    requestId: String(reply.request.id),
  };
  return reply
    .status(p.status)
    .header('content-language', lang ?? 'en')
    .header('vary', 'Accept-Language')
    .type('application/problem+json')
    .send(body);
}

/** Fastify's own refusals: status, code, and an English sentence when the code's own is too vague. */
const CODE_BY_FASTIFY_ERROR: Record<string, [number, ErrorCode, string?]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body_too_large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'malformed_json', 'The body is empty but the content type says JSON'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'malformed_json'],
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
        ...(error.fault ? { fault: error.fault } : {}),
      });
    }
    if (error.validation) {
      const part = error.validationContext ?? 'body';
      const errors = describeSchemaErrors(part, error.validation as AjvError[]);
      const first = errors[0]!;
      return sendProblem(reply, {
        status: 400,
        code: 'invalid_input',
        detail: `${first.field}: ${first.problem}`,
        field: first.field,
        errors,
        ...(first.fault ? { fault: first.fault } : {}),
      });
    }
    if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      const code = 'malformed_json';
      return sendProblem(reply, { status: 400, code, detail: `${errorText('en', code)}: ${error.message}` });
    }
    const known = error.code ? CODE_BY_FASTIFY_ERROR[error.code] : undefined;
    if (known) {
      const [status, code, detail] = known;
      return sendProblem(reply, { status, code, detail: detail ?? errorText('en', code) });
    }
    if (error.statusCode === 429)
      return sendProblem(reply, { status: 429, code: 'rate_limited', detail: error.message });
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, { status: error.statusCode, code: 'bad_request', detail: error.message });
    }
    // A 5xx never leaks its message: it may carry SQL, paths or secrets. The log has it.
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, { status: 500, code: 'internal', detail: errorText('en', 'internal') });
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, {
      status: 404,
      code: 'not_found',
      detail: `Nothing at ${request.method} ${request.url.split('?')[0]}`,
    }),
  );
}
